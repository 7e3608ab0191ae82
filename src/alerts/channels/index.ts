export { ChannelDeliveryError } from './errors.js';
export {
  MAX_DEDUP_KEY,
  pagerDutyDedupKey,
  pagerDutyEvent,
} from './pagerDutyEvent.js';
export { PagerDutyChannel } from './pagerduty.js';
export { SsmRoutingKeys } from './routingKeys.js';
export { SnsChannel } from './sns.js';
export { MAX_SUBJECT, sanitiseSubject, snsMessage } from './snsMessage.js';
export type {
  ChannelOverrides,
  PagerDutyChannelOptions,
  PagerDutyEvent,
  PagerDutyLink,
  PagerDutyResolve,
  PagerDutyRetry,
  PagerDutyTrigger,
  SnsChannelOptions,
  SnsMessage,
  SsmRoutingKeysOptions,
} from './types.js';
