import type { CopyFact, ResourceState } from '../model/index.js';
import type { ExpectedCopy, Service } from '../runbook/index.js';
import { arnLocation } from './format.js';
import { newestBackup } from './scope.js';

/** The newest point a resource can be recovered from, against its newest backup. */
interface Recoverability {
  /** When the newest completed backup's data is from; undefined = none. */
  newestBackupAt?: Date;
  /**
   * When the newest point known to be recoverable is from; undefined =
   * none. When `exact` is false the point is at least this old.
   */
  recoverableAt?: Date;
  exact: boolean;
  /** Why the newest backup is not the newest recoverable point; undefined when it is. */
  reason?: string;
}

/** Returns where an expected copy should go, as people say it. */
const describeCopy = ({ region, account }: ExpectedCopy): string =>
  [region, account && `account ${account}`].filter(Boolean).join(' ') ||
  'another vault';

/**
 * Returns true when a copy went where the runbook expects one, read from
 * its destination's region and account.
 */
const goesTo = (expected: ExpectedCopy, copy: CopyFact): boolean => {
  if (copy.destinationVaultArn === undefined) return false;
  const { region, account } = arnLocation(copy.destinationVaultArn);
  return (
    (expected.region === undefined || expected.region === region) &&
    (expected.account === undefined || expected.account === account)
  );
};

/** Two recovery point ARNs are the same point, or cannot be told apart. */
const samePoint = (a: string | undefined, b: string | undefined): boolean =>
  a === undefined || b === undefined || a === b;

/**
 * Returns the newest point of a resource that is actually recoverable, and
 * why the newest backup is not it when it is not:
 * - it completed (only completed backups and recovery points count at
 *   all: `newestBackup`);
 * - its copies landed where `backup.copies` says: a completed copy to each
 *   destination at or after the backup's creation. When one is missing, the
 *   newest point there is the one its newest copy carried, which existed
 *   before that copy completed: at least that old;
 * - no restore test failed on it (the test names its recovery point, or,
 *   when it does not, ended after the backup), with no restore of it
 *   completed since. Then the newest recoverable point is older than it.
 *
 * Pure: the state's facts carry their own times.
 *
 * @param service - the runbook service (its expected copies)
 * @param state - the resource's state
 */
const newestRecoverable = (
  service: Service,
  state: ResourceState
): Recoverability => {
  const backup = newestBackup(state);
  if (backup === undefined) return { exact: true };
  const newestBackupAt = backup.createdAt;
  const bounds: { at: Date | undefined; reason: string }[] = [];
  const failure = state.lastRestoreFailure;
  if (
    failure?.restoreTest === true &&
    samePoint(failure.recoveryPointArn, backup.recoveryPointArn) &&
    (failure.recoveryPointArn !== undefined ||
      failure.at.getTime() >= backup.at.getTime())
  ) {
    const restored = state.lastRestore;
    const since =
      restored !== undefined &&
      restored.at.getTime() > failure.at.getTime() &&
      samePoint(restored.recoveryPointArn, backup.recoveryPointArn);
    if (!since) {
      bounds.push({
        at: backup.createdAt,
        reason: `a restore test of it failed${failure.message ? ` (${failure.message.replace(/\s+/g, ' ').slice(0, 120)})` : ''}`,
      });
    }
  }
  for (const expected of service.backup.copies) {
    const copies = state.copies.filter((copy) => goesTo(expected, copy));
    if (copies.some((c) => c.at.getTime() >= backup.createdAt.getTime())) {
      continue;
    }
    const failed =
      state.lastCopyFailure !== undefined &&
      goesTo(expected, state.lastCopyFailure) &&
      state.lastCopyFailure.at.getTime() >= backup.createdAt.getTime();
    const newest = copies.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    bounds.push({
      at: newest?.at,
      reason: `its copy to ${describeCopy(expected)} ${failed ? 'failed' : 'has not landed'}`,
    });
  }
  if (bounds.length === 0) {
    return { newestBackupAt, recoverableAt: newestBackupAt, exact: true };
  }
  // The oldest bound holds for every rule at once; none = nothing recoverable.
  const known = bounds.flatMap((b) => (b.at === undefined ? [] : [b.at]));
  const recoverableAt =
    known.length < bounds.length
      ? undefined
      : new Date(Math.min(...known.map((at) => at.getTime())));
  return {
    newestBackupAt,
    ...(recoverableAt !== undefined && { recoverableAt }),
    exact: false,
    reason: bounds.map((b) => b.reason).join('; '),
  };
};

export type { Recoverability };
export { describeCopy, goesTo, newestRecoverable };
