import type { Finding } from '../model/index.js';
import { formatAgainst } from '../schedule/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc } from './format.js';
import { newestBackup, watchesBackups } from './scope.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'rpo-breached'> = {
  id: 'rpo-breached',
  title: 'Recovery point objective (RPO) breached',
  section: 'manual-backup',
  impact: 'unprotected',
};

/**
 * Returns one rpo-breached finding when the newest backup or recovery
 * point (newestBackup) is older than the RPO, else []. A resource never backed up breaches once the RPO has
 * passed since the monitor first knew it (an event, or the runbook listing
 * it). `since` is the instant the RPO ran out.
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
  const newest = newestBackup(state);
  const from = newest?.createdAt ?? state.firstSeenAt;
  const ageMs = now.getTime() - from.getTime();
  if (ageMs <= rpoMs) return [];

  const figures = `(${formatAgainst(ageMs, rpoMs, 'RPO')})`;
  const summary =
    newest === undefined
      ? `no backup since monitoring began ${formatUtc(from)} ${figures}`
      : newest.what === 'backup'
        ? `no backup since ${formatUtc(from)} ${figures}`
        : `no backup since the recovery point of ${formatUtc(from)} ${figures}`;
  return [
    openFinding(input, ABOUT, new Date(from.getTime() + rpoMs), summary, {
      lastBackupCreatedAt: newest?.createdAt.toISOString() ?? null,
      firstSeenAt: state.firstSeenAt.toISOString(),
      ageMs,
      rpoMs,
    }),
  ];
};

/** The rpo-breached check, as the registry runs it. */
const rpoBreached = claimedCheck(ABOUT, checkRpoBreached);

export { checkRpoBreached, rpoBreached };
