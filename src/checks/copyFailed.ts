import type { Finding } from '../model/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc, oneLine, shortName } from './format.js';
import { describeCopy, goesTo } from './recoverable.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'copy-failed'> = {
  id: 'copy-failed',
  title: 'Backup copy failed or missing',
  // ## Backup says how copies, lifecycle and replication are set up:
  // what to check first, not a failover or a backup taken by hand.
  section: 'backup',
  impact: 'at-risk',
};

/**
 * Returns one copy-failed finding when copies of the resource's backups are
 * not where the runbook says, else []:
 * - a copy job failed and no copy to the same destination (any destination
 *   when the failure names none) completed since (at or after it); `since` is the failure;
 * - an expected copy (`backup.copies`) of the newest backup is missing once
 *   the completion window after that backup has passed: no completed copy to
 *   that region/account at or after the backup's creation; `since` is the
 *   window's end.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const checkCopyFailed = (input: CheckInput, now: Date): Finding[] => {
  const { service, state } = input;
  const failure = state.lastCopyFailure;
  if (failure !== undefined) {
    const sameDestination = state.copies.filter(
      (copy) =>
        failure.destinationVaultArn === undefined ||
        copy.destinationVaultArn === failure.destinationVaultArn
    );
    const recovered = sameDestination.some(
      (copy) => copy.at.getTime() >= failure.at.getTime()
    );
    if (!recovered) {
      const destination =
        failure.destinationVaultArn === undefined
          ? ''
          : ` to ${shortName(failure.destinationVaultArn)}`;
      const message = failure.message ? `: ${oneLine(failure.message)}` : '';
      return [
        openFinding(
          input,
          ABOUT,
          failure.at,
          `copy${destination} ${failure.state.toUpperCase()} at ${formatUtc(failure.at)}, none completed since${message}`,
          {
            failedAt: failure.at.toISOString(),
            state: failure.state,
            destinationVaultArn: failure.destinationVaultArn ?? null,
            jobId: failure.jobId ?? null,
            message: failure.message ?? null,
          }
        ),
      ];
    }
  }

  const backup = state.lastBackup;
  if (backup === undefined || service.backup.copies.length === 0) return [];
  const deadline = new Date(
    backup.at.getTime() + service.backup.completionWindowMs
  );
  if (now.getTime() < deadline.getTime()) return [];
  const missing = service.backup.copies.filter(
    (expected) =>
      !state.copies.some(
        (copy) =>
          goesTo(expected, copy) &&
          copy.at.getTime() >= backup.createdAt.getTime()
      )
  );
  if (missing.length === 0) return [];
  const where = missing.map(describeCopy).join(', ');
  return [
    openFinding(
      input,
      ABOUT,
      deadline,
      `no copy in ${where} of the backup of ${formatUtc(backup.createdAt)} (expected by ${formatUtc(deadline)})`,
      {
        backupCreatedAt: backup.createdAt.toISOString(),
        deadline: deadline.toISOString(),
        missing: where,
        recoveryPointArn: backup.recoveryPointArn ?? null,
      }
    ),
  ];
};

/** The copy-failed check, as the registry runs it. */
const copyFailed = claimedCheck(ABOUT, checkCopyFailed);

export { checkCopyFailed, copyFailed };
