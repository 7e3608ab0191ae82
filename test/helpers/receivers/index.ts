export type {
  PagerDutyFault,
  PagerDutyReceiver,
  PagerDutyRequest,
  TlsPair,
} from './pagerduty.js';
export {
  createLoopbackCertificate,
  startPagerDutyReceiver,
} from './pagerduty.js';
export type { SnsAttribute, SnsPublish, SnsReceiver } from './sns.js';
export { startSnsReceiver } from './sns.js';
export type { SsmReceiver, SsmRequest } from './ssm.js';
export { startSsmReceiver } from './ssm.js';
