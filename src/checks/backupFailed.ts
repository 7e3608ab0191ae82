import type { Finding } from '../model/index.js';
import { formatDuration } from '../schedule/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc, oneLine } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'backup-failed'> = {
  id: 'backup-failed',
  title: 'Backup failed',
  section: 'manual-backup',
  impact: 'unprotected',
};

/**
 * Returns one backup-failed finding when the resource's newest backup ended
 * badly and none completed since, else [].
 *
 * Two kinds of failure count:
 * - a reported one (FAILED, ABORTED, EXPIRED, PARTIAL) newer than the last
 *   completed backup; `since` is when it failed;
 * - an inferred one: a backup started after the last completed one and did
 *   not finish within the completion window. RDS sends no failure event, so
 *   this is the only way its failures show. `since` is the window's end.
 *
 * A backup that completes afterwards resolves both.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const checkBackupFailed = (input: CheckInput, now: Date): Finding[] => {
  const { service, state } = input;
  const lastGoodAt = state.lastBackup?.at.getTime() ?? Number.NEGATIVE_INFINITY;
  const lastGood =
    state.lastBackup === undefined
      ? 'never'
      : formatUtc(state.lastBackup.createdAt);
  const failure = state.lastBackupFailure;

  if (failure !== undefined && failure.at.getTime() > lastGoodAt) {
    const message = failure.message ? `: ${oneLine(failure.message)}` : '';
    return [
      openFinding(
        input,
        ABOUT,
        failure.at,
        `backup ${failure.state.toUpperCase()} at ${formatUtc(failure.at)}, none completed since (last good ${lastGood})${message}`,
        {
          failedAt: failure.at.toISOString(),
          state: failure.state,
          jobId: failure.jobId ?? null,
          message: failure.message ?? null,
          lastBackupCreatedAt:
            state.lastBackup?.createdAt.toISOString() ?? null,
        }
      ),
    ];
  }

  const started = state.lastBackupStarted;
  if (started === undefined) return [];
  const startedAt = started.at.getTime();
  // A start already followed by a completion or a reported failure has ended.
  if (startedAt <= lastGoodAt) return [];
  if (failure !== undefined && failure.at.getTime() >= startedAt) return [];
  const { completionWindowMs } = service.backup;
  const deadline = new Date(startedAt + completionWindowMs);
  if (now.getTime() < deadline.getTime()) return [];
  return [
    openFinding(
      input,
      ABOUT,
      deadline,
      `backup started ${formatUtc(started.at)} did not finish within its ${formatDuration(completionWindowMs)} completion window (last good ${lastGood})`,
      {
        startedAt: started.at.toISOString(),
        deadline: deadline.toISOString(),
        completionWindowMs,
        jobId: started.jobId ?? null,
        lastBackupCreatedAt: state.lastBackup?.createdAt.toISOString() ?? null,
      }
    ),
  ];
};

/** The backup-failed check, as the registry runs it. */
const backupFailed = claimedCheck(ABOUT, checkBackupFailed);

export { backupFailed, checkBackupFailed };
