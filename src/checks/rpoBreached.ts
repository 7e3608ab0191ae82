import type { Finding } from '../model/index.js';
import { formatAgainst, formatDuration } from '../schedule/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc } from './format.js';
import { newestRecoverable, type Recoverability } from './recoverable.js';
import { newestBackup, watchesBackups } from './scope.js';
import type { CheckAbout, CheckInput } from './types.js';

/**
 * Returns both ages in words: `newest backup 3 h old; newest recoverable
 * point at least 31 h old: its copy to us-west-2 failed`.
 *
 * @param recoverable - from `newestRecoverable`, with a reason
 * @param now - the instant the ages are measured at
 */
const recoverabilityText = (recoverable: Recoverability, now: Date): string => {
  const age = (at: Date) => formatDuration(now.getTime() - at.getTime());
  const backup =
    recoverable.newestBackupAt === undefined
      ? 'no backup'
      : `newest backup ${age(recoverable.newestBackupAt)} old`;
  const point =
    recoverable.recoverableAt === undefined
      ? 'nothing recoverable'
      : `newest recoverable point ${recoverable.exact ? '' : 'at least '}${age(recoverable.recoverableAt)} old`;
  return `${backup}; ${point}: ${recoverable.reason ?? 'it is the newest backup'}`;
};

const ABOUT: CheckAbout<'rpo-breached'> = {
  id: 'rpo-breached',
  title: 'Recovery point objective (RPO) breached',
  section: 'manual-backup',
  impact: 'unprotected',
};

/**
 * Returns one rpo-breached finding when the newest recoverable point is
 * older than the RPO, else []. That is the newest completed backup or
 * recovery point (`newestBackup`) whose expected copies landed and on which
 * no restore test failed (`newestRecoverable`); when it is not the newest
 * backup, the summary gives both ages and why. A resource with nothing
 * recoverable breaches once the RPO has passed since the monitor first knew
 * it (an event, or the runbook listing it). `since` is the instant the RPO
 * ran out.
 *
 * Applies where backups are watched at all (see the scope rules): not to
 * `s3-replication`, whose RPO the replication checks watch.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const checkRpoBreached = (input: CheckInput, now: Date): Finding[] => {
  const { service, state } = input;
  if (!watchesBackups(input)) return [];
  const { rpoMs } = service.recovery;
  const recoverable = newestRecoverable(service, state);
  const from = recoverable.recoverableAt ?? state.firstSeenAt;
  const ageMs = now.getTime() - from.getTime();
  if (ageMs <= rpoMs) return [];

  const figures = `(${formatAgainst(ageMs, rpoMs, 'RPO')})`;
  const backupAt = recoverable.newestBackupAt;
  const summary =
    backupAt === undefined
      ? `no backup since monitoring began ${formatUtc(from)} ${figures}`
      : recoverable.reason !== undefined
        ? `${recoverabilityText(recoverable, now)} ${figures}`
        : newestBackup(state)?.what === 'recovery point'
          ? `no backup since the recovery point of ${formatUtc(from)} ${figures}`
          : `no backup since ${formatUtc(from)} ${figures}`;
  return [
    openFinding(input, ABOUT, new Date(from.getTime() + rpoMs), summary, {
      lastBackupCreatedAt: backupAt?.toISOString() ?? null,
      recoverableAt: recoverable.recoverableAt?.toISOString() ?? null,
      firstSeenAt: state.firstSeenAt.toISOString(),
      ageMs,
      rpoMs,
    }),
  ];
};

/** The rpo-breached check, as the registry runs it. */
const rpoBreached = claimedCheck(ABOUT, checkRpoBreached);

export { checkRpoBreached, recoverabilityText, rpoBreached };
