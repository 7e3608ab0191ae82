export { ChannelDeliveryError } from './errors.js';
export type { ChangeNotice } from './pagerDutyEvent.js';
export { pagerDutyChange, pagerDutyEvent } from './pagerDutyEvent.js';
export { PagerDutyChannel } from './pagerduty.js';
export { SsmRoutingKeys } from './routingKeys.js';
export { SnsChannel } from './sns.js';
export { MAX_SUBJECT, sanitiseSubject, snsMessage } from './snsMessage.js';
export type {
  ChannelOverrides,
  DetailValue,
  PagerDutyChange,
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
