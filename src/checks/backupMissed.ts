import type { Finding } from '../model/index.js';
import { formatDuration, latestPassedDue } from '../schedule/index.js';
import { CLOCK_SKEW_MS } from './constants.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc } from './format.js';
import { newestBackup, watchesBackups } from './scope.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'backup-missed'> = {
  id: 'backup-missed',
  title: 'Backup missed',
  section: 'manual-backup',
  impact: 'unprotected',
};

/**
 * Returns one backup-missed finding when the latest due time whose deadline
 * (due + start window + completion window + grace) has passed got no
 * recovery point, else [].
 *
 * A recovery point created at or after the due time, less a 5-minute
 * allowance for clock skew, satisfies it, however late it completes: a late
 * backup that finally completes resolves the finding. A backup that started
 * or failed since then satisfies it too: that run happened, and if it
 * failed, backup-failed reports it; a slot is never both failed and missed. A resource never backed
 * up misses only due times the monitor already knew it at. `since` is the
 * deadline that passed.
 *
 * Applies to every automation but `s3-replication` (continuous, watched by
 * the replication checks): a script, Velero or a person that does not
 * report by the deadline has missed it as surely as AWS Backup.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const checkBackupMissed = (input: CheckInput, now: Date): Finding[] => {
  const { service, state } = input;
  if (!watchesBackups(input)) return [];
  const { schedule, startWindowMs, completionWindowMs } = service.backup;
  const deadlineMs = startWindowMs + completionWindowMs + service.graceMs;
  const due = latestPassedDue(schedule, service.timezone, deadlineMs, now);
  if (due === undefined) return [];

  const last = newestBackup(state);
  const slotStart = due.getTime() - CLOCK_SKEW_MS;
  const missed =
    last === undefined
      ? state.firstSeenAt.getTime() <= due.getTime()
      : last.createdAt.getTime() < slotStart;
  // A run that started or failed for this slot is backup-failed's to
  // report: one run is counted once (issue 17).
  const ran = [state.lastBackupFailure, state.lastBackupStarted].some(
    (fact) => fact !== undefined && fact.at.getTime() >= slotStart
  );
  if (!missed || ran) return [];

  const deadline = new Date(due.getTime() + deadlineMs);
  const lastText =
    last === undefined
      ? 'no backup seen yet'
      : `last ${last.what} ${formatUtc(last.createdAt)}, ${formatDuration(now.getTime() - last.createdAt.getTime())} ago`;
  return [
    openFinding(
      input,
      ABOUT,
      deadline,
      `backup due ${formatUtc(due)} missed, deadline ${formatUtc(deadline)} passed (${lastText})`,
      {
        dueAt: due.toISOString(),
        deadline: deadline.toISOString(),
        deadlineMs,
        schedule,
        timezone: service.timezone,
        lastBackupCreatedAt: last?.createdAt.toISOString() ?? null,
      }
    ),
  ];
};

/** The backup-missed check, as the registry runs it. */
const backupMissed = claimedCheck(ABOUT, checkBackupMissed);

export { backupMissed, checkBackupMissed };
