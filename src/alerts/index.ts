export type { ChannelOverrides } from './channels/index.js';
export {
  ChannelDeliveryError,
  PagerDutyChannel,
  SnsChannel,
  SsmRoutingKeys,
} from './channels/index.js';
export { deliverAlert, MAX_PAGERDUTY_ATTEMPTS } from './deliver.js';
export { EvaluationError } from './errors.js';
export { dedupKey } from './key.js';
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
} from './types.js';
