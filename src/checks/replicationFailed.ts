import type { Finding } from '../model/index.js';
import { REPLICATION_QUIET_MS } from './constants.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc, oneLine } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'replication-failed'> = {
  id: 'replication-failed',
  title: 'Replication failed',
  section: 'failover',
  impact: 'unprotected',
};

/**
 * Returns one replication-failed finding for the resource's newest S3
 * replication failure (OperationFailedReplication), with its failureReason,
 * else []. `since` is the failure.
 *
 * S3 sends no event when replication succeeds, so the finding resolves on the
 * only evidence there is: an object that replicated after the failure
 * (OperationReplicatedAfterThreshold, newer than it), or a quiet period of
 * max(RPO, 24 h) without another failure.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const checkReplicationFailed = (input: CheckInput, now: Date): Finding[] => {
  const { service, state } = input;
  const failure = state.lastReplicationFailure;
  if (failure === undefined) return [];
  const caughtUp = state.lastReplicationCaughtUp;
  if (caughtUp !== undefined && caughtUp.at.getTime() >= failure.at.getTime()) {
    return [];
  }
  const quietUntil = new Date(
    failure.at.getTime() +
      Math.max(service.recovery.rpoMs, REPLICATION_QUIET_MS)
  );
  if (now.getTime() >= quietUntil.getTime()) return [];
  const reason = failure.failureReason ?? failure.message;
  const why = reason === undefined ? '' : ` (${oneLine(reason)})`;
  const object =
    failure.objectKey === undefined ? '' : ` for ${failure.objectKey}`;
  return [
    openFinding(
      input,
      ABOUT,
      failure.at,
      `S3 replication failed at ${formatUtc(failure.at)}${why}${object}; S3 does not retry failed objects`,
      {
        failedAt: failure.at.toISOString(),
        failureReason: failure.failureReason ?? null,
        objectKey: failure.objectKey ?? null,
        message: failure.message ?? null,
        quietUntil: quietUntil.toISOString(),
      }
    ),
  ];
};

/** The replication-failed check, as the registry runs it. */
const replicationFailed = claimedCheck(ABOUT, checkReplicationFailed);

export { checkReplicationFailed, replicationFailed };
