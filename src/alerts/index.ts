export type { ChannelOverrides } from './channels/index.js';
export {
  ChannelDeliveryError,
  createChannels,
  PagerDutyChannel,
  SnsChannel,
  SsmRoutingKeys,
} from './channels/index.js';
export { deliverAlert, MAX_PAGERDUTY_ATTEMPTS } from './deliver.js';
export { EvaluationError } from './errors.js';
export { dedupKey } from './key.js';
export { IN_FLIGHT_MS, planAlert } from './lifecycle.js';
export {
  channelsForRoute,
  collectFindings,
  evaluateRecorded,
  evaluateResources,
  runEvaluation,
} from './runEvaluation.js';
export type {
  AlertLogger,
  AlertPlan,
  AlertPolicy,
  Channel,
  DeliverDeps,
  DeliveryContext,
  DeliveryOutcome,
  EvaluationDeps,
  EvaluationSummary,
  MetricsSink,
} from './types.js';
export { createEvaluationDeps } from './wiring.js';
