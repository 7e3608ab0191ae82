export type {
  BackupJob,
  BackupPlanRef,
  BackupSetting,
  CopyJob,
  EventBridgeEnvelope,
  RdsSnapshot,
  ReplicatedObject,
  ReplicationFailure,
  RestoreTest,
  SqsMessage,
} from './awsEvents.js';
export {
  backupJobCompleted,
  backupJobFailed,
  backupJobRunning,
  copyJobCompleted,
  rdsAutomatedSnapshot,
  recoveryPointCompleted,
  recoveryPointRemoved,
  replicationCaughtUpNotification,
  replicationFailedNotification,
  restoreTestCompleted,
  sqsBatch,
} from './awsEvents.js';
export type { GenerateOptions } from './generate.js';
export { generateDemo, MAX_DAYS, MIN_DAYS } from './generate.js';
export type { PageDecoder } from './pages.js';
export { createPageDecoder } from './pages.js';
export type { Progress, ProgressMode } from './progress.js';
export { createProgress } from './progress.js';
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
