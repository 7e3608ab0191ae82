import type { Finding } from '../model/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc, oneLine } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'replication-failed'> = {
  id: 'replication-failed',
  title: 'Replication failed',
  // Where the runbook says how to get failed objects into the replica:
  // re-replicating them is the manual backup of a replicated bucket.
  section: 'manual-backup',
  impact: 'unprotected',
};

const objects = (n: number): string => (n === 1 ? '1 object' : `${n} objects`);

/**
 * Returns one replication-failed finding while objects S3 failed to
 * replicate (OperationFailedReplication) are not known to be replicated
 * since, else []: the count of such objects, the newest failure reason,
 * and the runbook's re-replication step as its link. `since` is the oldest
 * such failure.
 *
 * S3 never retries a failed object, so only evidence resolves it, never a
 * quiet period:
 * - a later successful replication of the same object
 *   (OperationReplicatedAfterThreshold for its key, newer than the failure);
 * - a reported re-replication of the bucket (an S3 Batch Replication job
 *   completed) after the failures.
 * Failures beyond the objects the store keeps count as "more than" that
 * number, and only a reported re-replication clears them.
 *
 * @param input - the service, the resource's state and the link template
 * @param _now - the evaluation instant (the facts carry their own times)
 */
const checkReplicationFailed = (input: CheckInput, _now: Date): Finding[] => {
  const { state } = input;
  const repairedAt =
    state.lastReplicationRepair?.at.getTime() ?? Number.NEGATIVE_INFINITY;
  const failed = state.replicationObjects
    .filter((o) => o.state === 'failed' && o.at.getTime() >= repairedAt)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const overflow =
    state.lastReplicationOverflow !== undefined &&
    state.lastReplicationOverflow.at.getTime() >= repairedAt
      ? state.lastReplicationOverflow
      : undefined;
  const first = failed[0] ?? overflow;
  if (first === undefined) return [];
  const newest = [...failed, ...(overflow === undefined ? [] : [overflow])]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .find((o) => (o.failureReason ?? o.message) !== undefined);
  const reason = newest?.failureReason ?? newest?.message;
  const why = reason === undefined ? '' : ` (${oneLine(reason)})`;
  const count =
    overflow === undefined
      ? objects(failed.length)
      : `more than ${objects(failed.length)}`;
  const keys = failed.slice(0, 3).flatMap((o) => o.objectKey ?? []);
  const named =
    keys.length === 0
      ? ''
      : `: ${keys.join(', ')}${failed.length > keys.length ? ', ...' : ''}`;
  return [
    openFinding(
      input,
      ABOUT,
      first.at,
      `${count} not replicated since S3 replication failed at ${formatUtc(first.at)}${why}${named}; S3 does not retry failed objects: re-replicate them (S3 Batch Replication)`,
      {
        unreplicatedObjects: failed.length,
        moreNotKept: overflow !== undefined,
        firstFailedAt: first.at.toISOString(),
        failureReason: reason ?? null,
        objectKeys: keys.join(', '),
        lastRepairAt: state.lastReplicationRepair?.at.toISOString() ?? null,
      }
    ),
  ];
};

/** The replication-failed check, as the registry runs it. */
const replicationFailed = claimedCheck(ABOUT, checkReplicationFailed);

export { checkReplicationFailed, replicationFailed };
