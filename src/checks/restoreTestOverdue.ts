import type { Finding } from '../model/index.js';
import { formatAgainst } from '../schedule/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'restore-test-overdue'> = {
  id: 'restore-test-overdue',
  title: 'Restore test overdue',
  section: 'recovery',
  impact: 'at-risk',
};

/**
 * Returns one restore-test-overdue finding when the service requires restore
 * tests (`recovery.restoreTest`) and no restore of the resource completed
 * within that period, else []. Any completed restore counts: a real one
 * proves the backups restore as well as a test does. A resource never
 * restored is overdue once the period has passed since the monitor first
 * knew it. `since` is when the period ran out.
 *
 * Restores reach the monitor from AWS Backup and RDS, and from
 * `sentinel ping --kind restore` and DR drills for everything else.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const checkRestoreTestOverdue = (input: CheckInput, now: Date): Finding[] => {
  const { service, state } = input;
  const { restoreTestMs } = service.recovery;
  if (restoreTestMs === undefined) return [];
  const from = state.lastRestore?.at ?? state.firstSeenAt;
  const ageMs = now.getTime() - from.getTime();
  if (ageMs <= restoreTestMs) return [];
  const figures = `(${formatAgainst(ageMs, restoreTestMs, 'restore-test period')})`;
  const summary =
    state.lastRestore === undefined
      ? `no restore test since monitoring began ${formatUtc(from)} ${figures}`
      : `no restore test since ${formatUtc(from)} ${figures}`;
  return [
    openFinding(
      input,
      ABOUT,
      new Date(from.getTime() + restoreTestMs),
      summary,
      {
        lastRestoreAt: state.lastRestore?.at.toISOString() ?? null,
        firstSeenAt: state.firstSeenAt.toISOString(),
        ageMs,
        restoreTestMs,
      }
    ),
  ];
};

/** The restore-test-overdue check, as the registry runs it. */
const restoreTestOverdue = claimedCheck(ABOUT, checkRestoreTestOverdue);

export { checkRestoreTestOverdue, restoreTestOverdue };
