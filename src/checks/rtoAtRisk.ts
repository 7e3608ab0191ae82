import type { Finding } from '../model/index.js';
import { formatAgainst } from '../schedule/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'rto-at-risk'> = {
  id: 'rto-at-risk',
  title: 'Restore slower than the recovery time objective (RTO)',
  section: 'recovery',
  impact: 'at-risk',
};

/**
 * Returns one rto-at-risk finding when the resource's last completed restore
 * took longer than the RTO, else []. The duration is the recorded one, or
 * completion minus start when only those are known. `since` is the restore's
 * completion; a newer restore within the RTO resolves it.
 *
 * @param input - the service, the resource's state and the link template
 * @param _now - the evaluation instant (the facts carry their own times)
 */
const checkRtoAtRisk = (input: CheckInput, _now: Date): Finding[] => {
  const { service, state } = input;
  const restore = state.lastRestore;
  if (restore === undefined) return [];
  const durationMs =
    restore.durationMs ??
    (restore.startedAt === undefined
      ? undefined
      : restore.at.getTime() - restore.startedAt.getTime());
  const { rtoMs } = service.recovery;
  if (durationMs === undefined || durationMs <= rtoMs) return [];
  const kind = restore.restoreTest ? 'restore test' : 'restore';
  return [
    openFinding(
      input,
      ABOUT,
      restore.at,
      `last ${kind} took ${formatAgainst(durationMs, rtoMs, 'RTO')} (completed ${formatUtc(restore.at)})`,
      {
        restoredAt: restore.at.toISOString(),
        durationMs,
        rtoMs,
        restoreTest: restore.restoreTest,
        jobId: restore.jobId ?? null,
      }
    ),
  ];
};

/** The rto-at-risk check, as the registry runs it. */
const rtoAtRisk = claimedCheck(ABOUT, checkRtoAtRisk);

export { checkRtoAtRisk, rtoAtRisk };
