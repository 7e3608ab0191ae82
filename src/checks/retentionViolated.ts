import type { Finding } from '../model/index.js';
import { formatAgainst } from '../schedule/index.js';
import { CLOCK_SKEW_MS } from './constants.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc, shortName } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'retention-violated'> = {
  id: 'retention-violated',
  title: 'Recovery point gone before its retention ended',
  // ## Backup says how copies, lifecycle and replication are set up:
  // what to check first, not a failover or a backup taken by hand.
  section: 'backup',
  impact: 'unprotected',
};

/**
 * Returns one retention-violated finding when recovery points do not live as
 * long as the runbook's retention, else []:
 * - the newest removed (deleted or expired) recovery point went before
 *   creation + retention (less the clock-skew allowance); `since` is the
 *   removal;
 * - the newest recovery point is scheduled by the vault lifecycle to be
 *   deleted before creation + retention; `since` is when that was reported.
 *
 * Each resolves when a newer recovery point is removed, or scheduled, on time.
 *
 * @param input - the service, the resource's state and the link template
 * @param _now - the evaluation instant (the facts carry their own times)
 */
const checkRetentionViolated = (input: CheckInput, _now: Date): Finding[] => {
  const { service, state } = input;
  const { retentionMs } = service.backup;

  const removed = state.lastRecoveryPointRemoved;
  if (removed !== undefined) {
    const keptMs = removed.at.getTime() - removed.createdAt.getTime();
    if (keptMs < retentionMs - CLOCK_SKEW_MS) {
      return [
        openFinding(
          input,
          ABOUT,
          removed.at,
          `recovery point ${shortName(removed.recoveryPointArn)} of ${formatUtc(removed.createdAt)} ${removed.state} at ${formatUtc(removed.at)}, after ${formatAgainst(keptMs, retentionMs, 'retention')}`,
          {
            recoveryPointArn: removed.recoveryPointArn,
            createdAt: removed.createdAt.toISOString(),
            removedAt: removed.at.toISOString(),
            state: removed.state,
            keptMs,
            retentionMs,
          }
        ),
      ];
    }
  }

  const point = state.lastRecoveryPoint;
  if (point?.deleteAt === undefined) return [];
  const lifetimeMs = point.deleteAt.getTime() - point.createdAt.getTime();
  if (lifetimeMs >= retentionMs) return [];
  return [
    openFinding(
      input,
      ABOUT,
      point.at,
      `vault lifecycle deletes recovery points after ${formatAgainst(lifetimeMs, retentionMs, 'retention')} (point of ${formatUtc(point.createdAt)} goes ${formatUtc(point.deleteAt)})`,
      {
        recoveryPointArn: point.recoveryPointArn,
        createdAt: point.createdAt.toISOString(),
        deleteAt: point.deleteAt.toISOString(),
        lifetimeMs,
        retentionMs,
      }
    ),
  ];
};

/** The retention-violated check, as the registry runs it. */
const retentionViolated = claimedCheck(ABOUT, checkRetentionViolated);

export { checkRetentionViolated, retentionViolated };
