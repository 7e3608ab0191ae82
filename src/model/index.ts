export type {
  AlertKey,
  AlertRecord,
  AlertStatus,
  ChannelName,
  DeliveryAction,
  OwedDelivery,
  Transition,
} from './alerts.js';
export { ALERT_STATUSES, CHANNELS, DELIVERY_ACTIONS } from './alerts.js';
export {
  ARN_ACCOUNT,
  ARN_REGION,
  AWS_ACCOUNT,
  AWS_REGION,
  arnField,
  resourceTypeOf,
} from './arn.js';
export { SentinelError } from './errors.js';
export type {
  BackupEvent,
  EventKind,
  EventSource,
  EventState,
  InputIssue,
} from './events.js';
export {
  EVENT_KINDS,
  EVENT_SOURCES,
  EVENT_STATES,
  SENTINEL_SOURCE,
} from './events.js';
export type {
  CheckId,
  Finding,
  FindingDetail,
  FindingStatus,
  Severity,
} from './findings.js';
export {
  CHECK_IDS,
  DRILLS_SERVICE,
  FINDING_STATUSES,
  SEVERITIES,
  UNMAPPED_SERVICE,
} from './findings.js';
export type {
  BackupFact,
  CopyFact,
  Fact,
  Heartbeat,
  RecoveryPointFact,
  ReplicationFact,
  ResourceState,
  RestoreFact,
  SizeSample,
} from './state.js';
export type {
  HeldEvent,
  HistoryStore,
  RecordOutcome,
  RecordResult,
  RejectedInput,
  WeekScores,
} from './store.js';
