import { formatUtc, newestBackup, shortName } from '../../checks/index.js';
import type { Finding, ResourceState } from '../../model/index.js';
import { formatDuration } from '../../schedule/index.js';

/** What shows a check passes again: proof, or only that nothing was heard. */
interface Evidence {
  text: string;
  /** False when the check closed on a quiet period, not on a fact. */
  proven: boolean;
}

const ms = (date: Date): number => date.getTime();

/** The fact when it came at or after `since`: only then can it have cleared a check. */
const after = <F extends { at: Date }>(
  fact: F | undefined,
  since: Date
): F | undefined =>
  fact !== undefined && ms(fact.at) >= ms(since) ? fact : undefined;

const job = (jobId: string | undefined): string =>
  jobId === undefined ? '' : ` (job ${jobId})`;

/** The newest backup or recovery point, as the backup checks count them. */
const backupDone = (state: ResourceState, since: Date): string | undefined => {
  const newest = after(newestBackup(state), since);
  if (newest === undefined) return undefined;
  const jobId = newest.what === 'backup' ? state.lastBackup?.jobId : undefined;
  return `${newest.what} of ${formatUtc(newest.createdAt)} completed ${formatUtc(newest.at)}${job(jobId)}`;
};

const restoreDone = (state: ResourceState, since: Date): string | undefined => {
  const restore = after(state.lastRestore, since);
  if (restore === undefined) return undefined;
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
    case 'rpo-breached':
      return proof(backupDone(state, since));
    case 'copy-failed': {
      const copy = state.copies
        .flatMap((c) => after(c, since) ?? [])
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
      const drill = after(state.lastDrill, since);
      return proof(drill && `drill completed ${formatUtc(drill.at)}`);
    }
    case 'replication-failed': {
      const repair = after(state.lastReplicationRepair, since);
      if (repair !== undefined) {
        return proof(`re-replication reported ${formatUtc(repair.at)}`);
      }
      const replicated = state.replicationObjects
        .filter((o) => o.state === 'completed' && after(o, since))
        .map((o) => ms(o.at));
      return replicated.length === 0
        ? undefined
        : proof(
            `S3 reported ${replicated.length === 1 ? 'the object' : `${replicated.length} objects`} replicated by ${formatUtc(new Date(Math.max(...replicated)))}`
          );
    }
    case 'replication-late': {
      const caughtUp = after(state.lastReplicationCaughtUp, since);
      if (caughtUp !== undefined) {
        return proof(
          `S3 reported a late object replicated ${formatUtc(caughtUp.at)}`
        );
      }
      // S3 may send nothing more once it catches up: only time closed it.
      return {
        text: `no late replication reported since ${formatUtc(since)}, and no object reported replicated; S3 may send nothing more, so this closed after a quiet period, not on proof`,
        proven: false,
      };
    }
    case 'config-drift': {
      const change = after(state.lastConfigChange, since);
      if (change?.state !== 'completed') return undefined;
      return proof(
        `RDS reported automated backups enabled ${formatUtc(change.at)}`
      );
    }
    case 'retention-violated': {
      // It clears when a newer point goes, or is scheduled to go, on time.
      const removed = after(state.lastRecoveryPointRemoved, since);
      if (removed !== undefined) {
        return proof(
          `recovery point of ${formatUtc(removed.createdAt)} ${removed.state} ${formatUtc(removed.at)}, after its retention`
        );
      }
      const point = after(state.lastRecoveryPoint, since);
      if (point?.deleteAt === undefined) return undefined;
      return proof(
        `recovery point of ${formatUtc(point.createdAt)} kept until ${formatUtc(point.deleteAt)}`
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
