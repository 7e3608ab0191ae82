export {
  BACKUP_JOB_STATES,
  COPY_JOB_STATES,
  normaliseBackupEvent,
  RECOVERY_POINT_STATES,
  RESTORE_JOB_STATES,
} from './backup.js';
export { normalise } from './normalise.js';
export { normaliseRdsEvent, RDS_EVENTS } from './rds.js';
export { normaliseS3Notification } from './s3.js';
export type { NormaliseResult, RdsEventMeaning } from './types.js';
