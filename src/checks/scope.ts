import type { ResourceState } from '../model/index.js';
import { type Automation, arnMatches, type Service } from '../runbook/index.js';
import type { CheckInput } from './types.js';

/** Automations whose backups and restores always reach the monitor as events. */
const OBSERVED_AUTOMATIONS: readonly Automation[] = [
  'aws-backup',
  'rds-automated',
];

/**
 * Returns true when the resource is held to its backup schedule and RPO:
 * every automation but S3 replication, whose promise the replication checks
 * watch. AWS Backup and RDS report every backup themselves; scripts, Velero
 * and people report theirs with `sentinel ping`, `run` or `velero`, so their
 * silence is a missed backup too.
 */
const watchesBackups = ({ service }: CheckInput): boolean =>
  service.backup.automation !== 's3-replication';

/**
 * Returns the states a service's resources are evaluated and reported on:
 * each one recorded, except that a resource pattern (`table/carts*`) stands
 * for itself, as a placeholder state, only until a resource it matches has
 * a state of its own: a service is watched before its first backup ever
 * reports, and once it has, by the resources that did.
 *
 * @param service - the runbook service
 * @param states - its resources' states, placeholders included
 */
const watchedStates = (
  service: Service,
  states: readonly ResourceState[]
): ResourceState[] => {
  const placeholder = (state: ResourceState): boolean =>
    state.resourceArn.includes('*') &&
    service.resources.includes(state.resourceArn);
  const concrete = states.filter((state) => !placeholder(state));
  return states.filter(
    (state) =>
      !placeholder(state) ||
      !concrete.some((c) => arnMatches(state.resourceArn, c.resourceArn))
  );
};

/** The newest saved copy of a resource's data, and what reported it. */
interface NewestBackup {
  /** When its data is from. */
  createdAt: Date;
  /** When it completed. */
  at: Date;
  recoveryPointArn: string | undefined;
  /** `backup` (a job or snapshot event) or `recovery point`. */
  what: 'backup' | 'recovery point';
}

/**
 * Returns the newest evidence that the data was saved: the last completed
 * backup job or snapshot, or the last recovery point AWS Backup reported
 * completed, whichever holds the newer data. A recovery point is a backup
 * as surely as its job's event, and continuous backups report little else.
 *
 * @param state - the resource's facts
 */
const newestBackup = (state: ResourceState): NewestBackup | undefined => {
  const job = state.lastBackup;
  const point = state.lastRecoveryPoint;
  if (
    point !== undefined &&
    (job === undefined || point.createdAt > job.createdAt)
  ) {
    const { createdAt, at, recoveryPointArn } = point;
    return { createdAt, at, recoveryPointArn, what: 'recovery point' };
  }
  if (job === undefined) return undefined;
  const { createdAt, at, recoveryPointArn } = job;
  return { createdAt, at, recoveryPointArn, what: 'backup' };
};

export { newestBackup, OBSERVED_AUTOMATIONS, watchedStates, watchesBackups };
