import { formatUtc, shortName } from '../../checks/index.js';
import type { Finding, ResourceState } from '../../model/index.js';
import { formatDuration } from '../../schedule/index.js';

/** What shows a check passes again: proof, or only that nothing was heard. */
interface Evidence {
  text: string;
  /** False when the check closed on a quiet period, not on a fact. */
  proven: boolean;
}

const ms = (date: Date): number => date.getTime();

const job = (jobId: string | undefined): string =>
  jobId === undefined ? '' : ` (job ${jobId})`;

const backupDone = (state: ResourceState, since: Date): string | undefined => {
  const backup = state.lastBackup;
  if (backup === undefined || ms(backup.at) < ms(since)) return undefined;
  return `backup completed ${formatUtc(backup.at)}${job(backup.jobId)}`;
};

const restoreDone = (state: ResourceState, since: Date): string | undefined => {
  const restore = state.lastRestore;
  if (restore === undefined || ms(restore.at) < ms(since)) return undefined;
  const took =
    restore.durationMs === undefined
      ? ''
      : `, took ${formatDuration(restore.durationMs)}`;
  return `${restore.restoreTest ? 'restore test' : 'restore'} completed ${formatUtc(restore.at)}${took}${job(restore.jobId)}`;
};

const proof = (text: string | undefined): Evidence | undefined =>
  text === undefined ? undefined : { text, proven: true };

/**
 * Returns the fact in a resource's state that shows one of its checks
 * passes again: the newest fact of the kind that clears it, at or after
 * the check began failing. Undefined when the state holds none (the
 * runbook changed, or the state was not read for this delivery).
 *
 * @param finding - the check as it last failed
 * @param state - its resource's state when the incident resolved
 */
const evidenceFor = (
  finding: Finding,
  state: ResourceState | undefined
): Evidence | undefined => {
  if (state === undefined) return undefined;
  const { since } = finding;
  switch (finding.check) {
    case 'backup-failed':
    case 'backup-missed':
    case 'backup-size-anomaly':
      return proof(backupDone(state, since));
    case 'rpo-breached': {
      const backup = state.lastBackup;
      if (backup === undefined || ms(backup.at) < ms(since)) return undefined;
      return proof(
        `recovery point of ${formatUtc(backup.createdAt)} completed ${formatUtc(backup.at)}${job(backup.jobId)}`
      );
    }
    case 'copy-failed': {
      const copy = state.copies
        .filter((c) => ms(c.at) >= ms(since))
        .sort((a, b) => ms(b.at) - ms(a.at))[0];
      if (copy === undefined) return undefined;
      const to =
        copy.destinationVaultArn === undefined
          ? ''
          : ` to ${shortName(copy.destinationVaultArn)}`;
      return proof(
        `copy${to} completed ${formatUtc(copy.at)}${job(copy.jobId)}`
      );
    }
    case 'restore-failed':
    case 'rto-at-risk':
    case 'restore-test-overdue':
      return proof(restoreDone(state, since));
    case 'drill-overdue': {
      const drill = state.lastDrill;
      if (drill === undefined || ms(drill.at) < ms(since)) return undefined;
      return proof(`drill completed ${formatUtc(drill.at)}`);
    }
    case 'replication-failed': {
      const repair = state.lastReplicationRepair;
      if (repair !== undefined && ms(repair.at) >= ms(since)) {
        return proof(`re-replication reported ${formatUtc(repair.at)}`);
      }
      const replicated = state.replicationObjects
        .filter((o) => o.state === 'completed' && ms(o.at) >= ms(since))
        .map((o) => ms(o.at));
      return replicated.length === 0
        ? undefined
        : proof(
            `S3 reported ${replicated.length === 1 ? 'the object' : `${replicated.length} objects`} replicated by ${formatUtc(new Date(Math.max(...replicated)))}`
          );
    }
    case 'replication-late': {
      const caughtUp = state.lastReplicationCaughtUp;
      if (caughtUp !== undefined && ms(caughtUp.at) >= ms(since)) {
        return proof(
          `S3 reported a late object replicated ${formatUtc(caughtUp.at)}`
        );
      }
      // S3 sends nothing when replication is well: only time closed it.
      return {
        text: `no late replication reported since ${formatUtc(since)}; S3 reports no success, so this closed after a quiet period, not on proof`,
        proven: false,
      };
    }
    case 'config-drift': {
      const change = state.lastConfigChange;
      if (change?.state !== 'completed' || ms(change.at) < ms(since)) {
        return undefined;
      }
      return proof(
        `RDS reported automated backups enabled ${formatUtc(change.at)}`
      );
    }
    case 'retention-violated': {
      const point = state.lastRecoveryPoint;
      if (point === undefined || ms(point.at) < ms(since)) return undefined;
      const until =
        point.deleteAt === undefined
          ? ''
          : `, kept until ${formatUtc(point.deleteAt)}`;
      return proof(
        `recovery point of ${formatUtc(point.createdAt)} reported ${formatUtc(point.at)}${until}`
      );
    }
    case 'unmapped-resource':
      return proof(
        state.service === undefined
          ? undefined
          : `the runbook now lists it under ${state.service}`
      );
    case 'replication-lag':
      // CloudWatch's latency is read each round, not kept in the state.
      return undefined;
  }
};

export type { Evidence };
export { evidenceFor };
