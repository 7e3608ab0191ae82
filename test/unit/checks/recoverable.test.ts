import { describe, expect, it } from 'vitest';
import {
  checkRpoBreached,
  newestRecoverable,
} from '../../../src/checks/index.js';
import type { CopyFact, RestoreFact } from '../../../src/model/index.js';
import {
  ACCOUNT,
  aBackupFact,
  aCheckInput,
  HOUR,
} from '../../helpers/builders.js';

// Daily backups at 02:05; the one of Nov 4 was copied to us-west-2, the one
// of Nov 5 was not: its copy failed at 03:10.
const NOW = new Date('2026-11-05T05:05:00Z');
const YESTERDAY = aBackupFact({ createdAt: new Date('2026-11-04T02:05:00Z') });
const TODAY = aBackupFact({ createdAt: new Date('2026-11-05T02:05:00Z') });
const DR_VAULT = `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:shop-dr`;

const copy = (at: string, source = YESTERDAY.recoveryPointArn): CopyFact => ({
  at: new Date(at),
  eventId: `copy-${at}`,
  state: 'completed',
  destinationVaultArn: DR_VAULT,
  ...(source !== undefined && { sourceRecoveryPointArn: source }),
});

const failedCopy: CopyFact = {
  ...copy('2026-11-05T03:10:00Z', TODAY.recoveryPointArn),
  state: 'failed',
};

const copied = (state: Record<string, unknown>) =>
  aCheckInput({
    service: {
      backup: { copies: [{ region: 'us-west-2' }] },
      recovery: { rpoMs: 27 * HOUR },
    },
    state: { lastBackup: TODAY, ...state },
  });

describe('newestRecoverable', () => {
  it('is the newest backup when its copies landed', () => {
    // Prepare
    const { service, state } = copied({
      copies: [copy('2026-11-05T02:50:00Z', TODAY.recoveryPointArn)],
    });

    // Act & Assess
    expect(newestRecoverable(service, state)).toEqual({
      newestBackupAt: TODAY.createdAt,
      recoverableAt: TODAY.createdAt,
      exact: true,
    });
  });

  it('falls back to the point the newest copy carried when the newest copy failed', () => {
    // Prepare
    const { service, state } = copied({
      copies: [copy('2026-11-04T02:50:00Z')],
      lastCopyFailure: failedCopy,
    });

    // Act & Assess
    expect(newestRecoverable(service, state)).toEqual({
      newestBackupAt: TODAY.createdAt,
      recoverableAt: new Date('2026-11-04T02:50:00Z'),
      exact: false,
      reason: 'its copy to us-west-2 failed',
    });
  });

  it('is older than a backup a restore test failed on', () => {
    // Prepare
    const failure: RestoreFact = {
      at: new Date('2026-11-05T04:00:00Z'),
      eventId: 'restore-1',
      state: 'failed',
      restoreTest: true,
      message: 'validation failed: table has 12 items',
    };
    const { service, state } = aCheckInput({
      state: { lastBackup: TODAY, lastRestoreFailure: failure },
    });

    // Act & Assess
    expect(newestRecoverable(service, state)).toMatchObject({
      recoverableAt: TODAY.createdAt,
      exact: false,
      reason:
        'a restore test of it failed (validation failed: table has 12 items)',
    });
  });

  it('counts a restore test of an older point, or one restored since, as no objection', () => {
    // Prepare
    const failure: RestoreFact = {
      at: new Date('2026-11-05T04:00:00Z'),
      eventId: 'restore-1',
      state: 'failed',
      restoreTest: true,
      recoveryPointArn: YESTERDAY.recoveryPointArn,
    };
    const { service, state } = aCheckInput({
      state: { lastBackup: TODAY, lastRestoreFailure: failure },
    });

    // Act & Assess
    expect(newestRecoverable(service, state).exact).toBe(true);
  });
});

describe('checkRpoBreached with the effective RPO', () => {
  it('breaches when a copy fails, giving both ages', () => {
    // Prepare: yesterday's copy landed at 02:50, 26 h 15 m ago; at 05:50
    // the point it carried is more than 27 h old.
    const input = copied({
      copies: [copy('2026-11-04T02:50:00Z')],
      lastCopyFailure: failedCopy,
    });
    const later = new Date('2026-11-05T05:51:00Z');

    // Act
    const before = checkRpoBreached(input, NOW);
    const after = checkRpoBreached(input, later);

    // Assess
    expect(before).toEqual([]);
    expect(after).toEqual([
      expect.objectContaining({
        check: 'rpo-breached',
        since: new Date('2026-11-05T05:50:00Z'),
        summary:
          'orders-db (orders-prod): newest backup 3 h 46 min old; newest recoverable point at least 27 h 1 min old: its copy to us-west-2 failed (27 h 1 min, 1 min over the 27 h RPO)',
      }),
    ]);
  });
});
