import { describe, expect, it } from 'vitest';
import { checkRestoreFailed } from '../../../src/checks/index.js';
import type { RestoreFact } from '../../../src/model/index.js';
import { aCheckInput } from '../../helpers/builders.js';

const FAILED_AT = new Date('2026-11-05T03:00:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');

const aRestore = (overrides: Partial<RestoreFact> = {}): RestoreFact => ({
  at: new Date('2026-11-01T04:00:00Z'),
  eventId: 'evt-restore',
  state: 'completed',
  restoreTest: true,
  ...overrides,
});

describe('checkRestoreFailed', () => {
  it('returns restore-failed when the newest restore job failed', () => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastRestore: aRestore(),
        lastRestoreFailure: aRestore({
          at: FAILED_AT,
          state: 'failed',
          message: 'Access denied',
        }),
      },
    });

    // Act
    const findings = checkRestoreFailed(input, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'restore-failed',
        since: FAILED_AT,
        severity: 'error',
        summary:
          'orders-db (orders-prod): restore test FAILED at 2026-11-05 03:00 UTC, none completed since: Access denied',
        runbookUrl:
          'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#recovery',
      }),
    ]);
  });

  it('says restore, not restore test, for a restore nobody scheduled as a test', () => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastRestoreFailure: aRestore({
          at: FAILED_AT,
          state: 'aborted',
          restoreTest: false,
        }),
      },
    });

    // Act
    const [finding] = checkRestoreFailed(input, NOW);

    // Assess
    expect(finding?.summary).toContain(': restore ABORTED at');
  });

  it.each([
    ['after the failure', '2026-11-05T05:00:00Z', 0],
    ['at the same instant', '2026-11-05T03:00:00Z', 0],
    ['before the failure only', '2026-11-05T02:59:59Z', 1],
  ])('returns for a restore completed %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastRestore: aRestore({ at: new Date(at) }),
        lastRestoreFailure: aRestore({ at: FAILED_AT, state: 'failed' }),
      },
    });

    // Act & Assess
    expect(checkRestoreFailed(input, NOW)).toHaveLength(count);
  });
});
