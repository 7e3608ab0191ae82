export { checkBackupFailed } from './backupFailed.js';
export { checkBackupMissed } from './backupMissed.js';
export { checkBackupSizeAnomaly } from './backupSizeAnomaly.js';
export { checkConfigDrift } from './configDrift.js';
export { CLOCK_SKEW_MS, REPLICATION_QUIET_MS } from './constants.js';
export { checkCopyFailed } from './copyFailed.js';
export { evaluateResource } from './evaluate.js';
export { formatUtc, shortName } from './format.js';
export { checkReplicationFailed } from './replicationFailed.js';
export { checkReplicationLate } from './replicationLate.js';
export { checkRestoreFailed } from './restoreFailed.js';
export { checkRestoreTestOverdue } from './restoreTestOverdue.js';
export { checkRetentionViolated } from './retentionViolated.js';
export { checkRpoBreached } from './rpoBreached.js';
export { checkRtoAtRisk } from './rtoAtRisk.js';
export {
  OBSERVED_AUTOMATIONS,
  watchesBackups,
  watchesRestores,
} from './scope.js';
export { SECTION_FOR_CHECK } from './sections.js';
export { SEVERITY_BY_CHECK, severityFor } from './severity.js';
export type { CheckInput } from './types.js';
export {
  checkUnmappedResource,
  runbookIndexUrl,
  UNMAPPED_SERVICE,
} from './unmappedResource.js';
