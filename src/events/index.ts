export {
  BACKUP_JOB_STATES,
  COPY_JOB_STATES,
  normaliseBackupEvent,
  RECOVERY_POINT_STATES,
  RESTORE_JOB_STATES,
} from './backup.js';
export { normalise } from './normalise.js';
export { normaliseRdsEvent, RDS_EVENTS } from './rds.js';
export { recordEvents, runIngest } from './runIngest.js';
export type { IngestHandlerDeps } from './runIngestHandler.js';
export { runIngestHandler } from './runIngestHandler.js';
export { normaliseS3Notification, REPLICATION_EVENTS } from './s3.js';
export type {
  IngestDeps,
  IngestRejection,
  IngestSummary,
  NormaliseResult,
  RdsEventMeaning,
  RecordedEvent,
} from './types.js';
export { createIngestDeps } from './wiring.js';
