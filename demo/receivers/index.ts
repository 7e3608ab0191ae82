// Loopback stand-ins for SNS, PagerDuty (HTTPS), SSM and EventBridge, answering as the
// real APIs do so the real clients can talk to them. The demo runs on them,
// and the channel tests reuse them (runtime code cannot import test helpers).
export type { EventBridgeReceiver, PutEventsEntry } from './eventBridge.js';
export { startEventBridgeReceiver } from './eventBridge.js';
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
export type { SsmCredentials, SsmReceiver, SsmRequest } from './ssm.js';
export { startSsmReceiver } from './ssm.js';
