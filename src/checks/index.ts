export { checkBackupFailed } from './backupFailed.js';
export { checkBackupMissed } from './backupMissed.js';
export { checkBackupSizeAnomaly } from './backupSizeAnomaly.js';
export { checkConfigDrift, configDrift } from './configDrift.js';
export { CLOCK_SKEW_MS, REPLICATION_QUIET_MS } from './constants.js';
export { checkCopyFailed } from './copyFailed.js';
export { checkDrillOverdue } from './drillOverdue.js';
export { openFinding } from './finding.js';
export { flatten, formatUtc, oneLine, shortName } from './format.js';
export type { Recoverability } from './recoverable.js';
export { newestRecoverable } from './recoverable.js';
export {
  CHECKS,
  findingsFor,
  sectionFor,
  severityFor,
  titleFor,
} from './registry.js';
export { checkReplicationFailed } from './replicationFailed.js';
export { checkReplicationLag } from './replicationLag.js';
export { checkReplicationLate } from './replicationLate.js';
export { checkRestoreFailed } from './restoreFailed.js';
export { checkRestoreTestOverdue } from './restoreTestOverdue.js';
export { checkRetentionViolated } from './retentionViolated.js';
export { checkRpoBreached, recoverabilityText } from './rpoBreached.js';
export { checkRtoAtRisk } from './rtoAtRisk.js';
export {
  newestBackup,
  OBSERVED_AUTOMATIONS,
  watchedStates,
  watchesBackups,
} from './scope.js';
export type { Impact } from './severity.js';
export { IMPACTS, SEVERITY_RULE, severityOf } from './severity.js';
export type {
  CheckAbout,
  CheckDefinition,
  CheckInput,
  CheckTarget,
  MetricPoint,
  ReplicationLagReading,
  ScenarioInput,
} from './types.js';
export { checkUnmappedResource } from './unmappedResource.js';
