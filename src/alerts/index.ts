export { announceChanges, changeNotice } from './announce.js';
export type { ChangeNotice, ChannelOverrides } from './channels/index.js';
export {
  ChannelDeliveryError,
  PagerDutyChannel,
  SnsChannel,
  SsmRoutingKeys,
} from './channels/index.js';
export { deliverAlert, MAX_PAGERDUTY_ATTEMPTS } from './deliver.js';
export { EvaluationError } from './errors.js';
export type { Evaluated, IncidentWork } from './incidents.js';
export {
  groupIncidents,
  orderFindings,
  ROLL_UP_AT,
} from './incidents.js';
export { dedupKey, MAX_DEDUP_KEY } from './key.js';
export type { PlanOptions } from './lifecycle.js';
export { IN_FLIGHT_MS, planAlert } from './lifecycle.js';
export type { Settled } from './settle.js';
export {
  channelsForRoute,
  emptyAlertSummary,
  settleAlerts,
  throwIfFailed,
} from './settle.js';
export type {
  AlertDeps,
  AlertLogger,
  AlertPlan,
  AlertPolicy,
  AlertSummary,
  Channel,
  DeliverDeps,
  DeliveryContext,
  DeliveryOutcome,
  Evaluation,
} from './types.js';
