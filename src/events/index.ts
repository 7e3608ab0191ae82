export {
  awsBackupSnapshots,
  BACKUP_JOB_STATES,
  COPY_JOB_STATES,
  normaliseBackupEvent,
  RECOVERY_POINT_STATES,
  RESTORE_JOB_STATES,
} from './backup.js';
export type {
  BackupReport,
  DrillReport,
  ReportKind,
  RestoreReport,
  SentinelEntry,
} from './custom.js';
export {
  deliveredEvent,
  drillResource,
  JOB_STATES,
  normaliseSentinelEvent,
  SENTINEL_DETAIL_TYPES,
  sentinelEntry,
  VALIDATION_STATUSES,
} from './custom.js';
export { normalise } from './normalise.js';
export { normaliseRdsEvent, RDS_EVENTS, RDS_IGNORED_EVENTS } from './rds.js';
export type { RestoreTestJob } from './restoreTest.js';
export { readRestoreTestJob } from './restoreTest.js';
export { normaliseS3Notification } from './s3.js';
export type {
  NormaliseResult,
  RdsEventMeaning,
  RdsIgnoredEvent,
} from './types.js';
export type { VeleroReport } from './velero.js';
export { readVeleroBackup, VELERO_PHASES } from './velero.js';
