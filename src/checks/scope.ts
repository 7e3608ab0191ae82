import type { Automation } from '../runbook/index.js';
import type { CheckInput } from './types.js';

/** Automations whose backups and restores always reach the monitor as events. */
const OBSERVED_AUTOMATIONS: readonly Automation[] = [
  'aws-backup',
  'rds-automated',
];

/**
 * Returns true when the resource is held to its backup schedule and RPO.
 * AWS Backup and RDS report every backup. Velero, scripts and manual backups
 * reach the monitor only when they go through AWS Backup or RDS snapshots, so
 * they are held to the policy once one of their backups has been seen; until
 * then silence would be a false page. S3 replication is continuous: its
 * promise is watched by the replication checks, not by a schedule.
 */
const watchesBackups = ({ service, state }: CheckInput): boolean => {
  const { automation } = service.backup;
  if (automation === 's3-replication') return false;
  if (OBSERVED_AUTOMATIONS.includes(automation)) return true;
  return (
    state.lastBackup !== undefined ||
    state.lastBackupFailure !== undefined ||
    state.lastBackupStarted !== undefined
  );
};

/**
 * Returns true when restores of the resource can be seen, so that their
 * absence means something: as for backups, AWS Backup and RDS always, the
 * others once a restore has been seen.
 */
const watchesRestores = ({ service, state }: CheckInput): boolean =>
  OBSERVED_AUTOMATIONS.includes(service.backup.automation) ||
  state.lastRestore !== undefined ||
  state.lastRestoreFailure !== undefined;

export { OBSERVED_AUTOMATIONS, watchesBackups, watchesRestores };
