export type { GenerateOptions } from './generate.js';
export { generateDemo, MAX_DAYS, MIN_DAYS } from './generate.js';
export type { PageDecoder } from './pages.js';
export { createPageDecoder } from './pages.js';
export type { Progress, ProgressMode } from './progress.js';
export { createProgress, PROGRESS_MODES } from './progress.js';
export type { DemoResult, DemoRunOptions } from './run.js';
export { runDemo } from './run.js';
export type { StaticServer } from './serve.js';
export { serveDirectory, untilInterrupted } from './serve.js';
export type { IncidentOutcome, TimelineEntry } from './timeline.js';
export {
  buildTimeline,
  formatOutcomes,
  formatTimeline,
  incidentOutcomes,
} from './timeline.js';
export type {
  DeliveryKind,
  DemoDelivery,
  DemoIncident,
  DemoPage,
  DemoResource,
  DemoScenario,
  IncidentKind,
  PageAction,
} from './types.js';
export { DELIVERY_KINDS, INCIDENT_KINDS, PAGE_ACTIONS } from './types.js';
