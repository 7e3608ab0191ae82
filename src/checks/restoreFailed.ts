import type { Finding } from '../model/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc, oneLine } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'restore-failed'> = {
  id: 'restore-failed',
  title: 'Restore failed',
  section: 'recovery',
  impact: 'at-risk',
};

/**
 * Returns one restore-failed finding when the resource's newest restore job
 * failed and no restore completed since, else []. `since` is the failure.
 *
 * @param input - the service, the resource's state and the link template
 * @param _now - the evaluation instant (the facts carry their own times)
 */
const checkRestoreFailed = (input: CheckInput, _now: Date): Finding[] => {
  const { state } = input;
  const failure = state.lastRestoreFailure;
  if (failure === undefined) return [];
  if (
    state.lastRestore !== undefined &&
    state.lastRestore.at.getTime() >= failure.at.getTime()
  ) {
    return [];
  }
  const kind = failure.restoreTest ? 'restore test' : 'restore';
  const message = failure.message ? `: ${oneLine(failure.message)}` : '';
  return [
    openFinding(
      input,
      ABOUT,
      failure.at,
      `${kind} ${failure.state.toUpperCase()} at ${formatUtc(failure.at)}, none completed since${message}`,
      {
        failedAt: failure.at.toISOString(),
        state: failure.state,
        restoreTest: failure.restoreTest,
        jobId: failure.jobId ?? null,
        message: failure.message ?? null,
        lastRestoreAt: state.lastRestore?.at.toISOString() ?? null,
      }
    ),
  ];
};

/** The restore-failed check, as the registry runs it. */
const restoreFailed = claimedCheck(ABOUT, checkRestoreFailed);

export { checkRestoreFailed, restoreFailed };
