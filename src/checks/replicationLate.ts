import type { Finding } from '../model/index.js';
import { REPLICATION_QUIET_MS } from './constants.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'replication-late'> = {
  id: 'replication-late',
  title: 'Replication late',
  // ## Backup says how copies, lifecycle and replication are set up:
  // what to check first, not a failover or a backup taken by hand.
  section: 'backup',
  impact: 'at-risk',
};

/**
 * Returns one replication-late finding when S3 reported an object past its
 * Replication Time Control threshold (OperationMissedThreshold) and nothing
 * caught up since, else []. `since` is the late report.
 *
 * It resolves when an object replicates after the report
 * (OperationReplicatedAfterThreshold, newer than it), or, since a late object
 * may never be reported again, after a quiet period of max(RPO, 24 h)
 * without another late report, as for replication failures.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const checkReplicationLate = (input: CheckInput, now: Date): Finding[] => {
  const { service, state } = input;
  const late = state.lastReplicationLate;
  if (late === undefined) return [];
  const caughtUp = state.lastReplicationCaughtUp;
  if (caughtUp !== undefined && caughtUp.at.getTime() >= late.at.getTime()) {
    return [];
  }
  const quietUntil = new Date(
    late.at.getTime() + Math.max(service.recovery.rpoMs, REPLICATION_QUIET_MS)
  );
  if (now.getTime() >= quietUntil.getTime()) return [];
  const object = late.objectKey === undefined ? '' : ` (${late.objectKey})`;
  return [
    openFinding(
      input,
      ABOUT,
      late.at,
      `S3 replication missed its threshold at ${formatUtc(late.at)}${object}, not caught up since`,
      {
        lateAt: late.at.toISOString(),
        objectKey: late.objectKey ?? null,
        lastCaughtUpAt: caughtUp?.at.toISOString() ?? null,
        quietUntil: quietUntil.toISOString(),
      }
    ),
  ];
};

/** The replication-late check, as the registry runs it. */
const replicationLate = claimedCheck(ABOUT, checkReplicationLate);

export { checkReplicationLate, replicationLate };
