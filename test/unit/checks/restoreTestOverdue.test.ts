import { describe, expect, it } from 'vitest';
import { checkRestoreTestOverdue } from '../../../src/checks/index.js';
import type { RestoreFact } from '../../../src/model/index.js';
import type { Automation } from '../../../src/runbook/index.js';
import { aCheckInput, DAY } from '../../helpers/builders.js';

// Restore tests every 30 d; the last one completed 2026-10-06 04:00 UTC, so
// the next is overdue after 2026-11-05 04:00 UTC.
const RESTORED_AT = new Date('2026-10-06T04:00:00Z');
const OVERDUE_AT = new Date('2026-11-05T04:00:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');

const aRestore = (overrides: Partial<RestoreFact> = {}): RestoreFact => ({
  at: RESTORED_AT,
  eventId: 'evt-restore',
  state: 'completed',
  restoreTest: true,
  ...overrides,
});

describe('checkRestoreTestOverdue', () => {
  it.each([
    ['one second before the period ends', '2026-11-05T03:59:59Z', 0],
    ['exactly when it ends', '2026-11-05T04:00:00Z', 0],
    ['one second after', '2026-11-05T04:00:01Z', 1],
  ])('returns %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = aCheckInput({
      service: { recovery: { restoreTestMs: 30 * DAY } },
      state: { lastRestore: aRestore() },
    });

    // Act
    const findings = checkRestoreTestOverdue(input, new Date(at));

    // Assess
    expect(findings).toHaveLength(count);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        check: 'restore-test-overdue',
        since: OVERDUE_AT,
        severity: 'error',
        summary:
          'orders-db (orders-prod): no restore test since 2026-10-06 04:00 UTC (1 s over the 30 d restore-test period)',
      });
    }
  });

  it('counts a resource never restored from when the monitor first saw it', () => {
    // Prepare
    const input = aCheckInput({
      service: { recovery: { restoreTestMs: 30 * DAY } },
      state: { firstSeenAt: new Date('2026-10-01T00:00:00Z') },
    });

    // Act
    const findings = checkRestoreTestOverdue(input, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        since: new Date('2026-10-31T00:00:00Z'),
        detail: expect.objectContaining({ lastRestoreAt: null }),
      }),
    ]);
  });

  it('returns [] when the runbook requires no restore tests', () => {
    // Prepare
    const input = aCheckInput({ state: { lastRestore: aRestore() } });

    // Act & Assess
    expect(checkRestoreTestOverdue(input, NOW)).toEqual([]);
  });

  it.each<[Automation, boolean, number]>([
    ['aws-backup', false, 1],
    ['rds-automated', false, 1],
    ['velero', false, 1],
    ['s3-replication', false, 1],
    ['velero', true, 1],
  ])(
    'holds %s to restore tests whether or not one was seen (one seen: %s): %s findings',
    (automation, seen, count) => {
      // Prepare
      const input = aCheckInput({
        service: {
          backup: { automation },
          recovery: { restoreTestMs: 30 * DAY },
        },
        state: seen ? { lastRestore: aRestore() } : {},
      });

      // Act & Assess
      expect(checkRestoreTestOverdue(input, NOW)).toHaveLength(count);
    }
  );
});
