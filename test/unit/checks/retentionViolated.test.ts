import { describe, expect, it } from 'vitest';
import { checkRetentionViolated } from '../../../src/checks/index.js';
import type { RecoveryPointFact } from '../../../src/model/index.js';
import { aCheckInput, DAY, MINUTE } from '../../helpers/builders.js';

// Retention 35 d; the recovery point was created 2026-10-01 02:05 UTC.
const CREATED = new Date('2026-10-01T02:05:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');
const POINT_ARN =
  'arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-4ece7121';

const aPoint = (
  overrides: Partial<RecoveryPointFact> = {}
): RecoveryPointFact => ({
  at: CREATED,
  eventId: 'evt-rp',
  state: 'completed',
  recoveryPointArn: POINT_ARN,
  createdAt: CREATED,
  ...overrides,
});

const removedAfter = (ms: number): RecoveryPointFact =>
  aPoint({ at: new Date(CREATED.getTime() + ms), state: 'deleted' });

describe('checkRetentionViolated', () => {
  it.each([
    ['after 10 days', 10 * DAY, 1],
    ['6 minutes early', 35 * DAY - 6 * MINUTE, 1],
    ['within the clock-skew allowance', 35 * DAY - 4 * MINUTE, 0],
    ['exactly at retention', 35 * DAY, 0],
    ['after retention', 36 * DAY, 0],
  ])(
    'returns for a recovery point removed %s: %s findings',
    (_case, ms, count) => {
      // Prepare
      const input = aCheckInput({
        state: { lastRecoveryPointRemoved: removedAfter(ms) },
      });

      // Act
      const findings = checkRetentionViolated(input, NOW);

      // Assess
      expect(findings).toHaveLength(count);
      for (const finding of findings) {
        expect(finding).toMatchObject({
          check: 'retention-violated',
          since: new Date(CREATED.getTime() + ms),
          detail: { retentionMs: 35 * DAY, keptMs: ms, state: 'deleted' },
        });
      }
    }
  );

  it('writes what was removed, when, after how long, against the retention', () => {
    // Prepare
    const input = aCheckInput({
      state: { lastRecoveryPointRemoved: removedAfter(10 * DAY) },
    });

    // Act
    const [finding] = checkRetentionViolated(input, NOW);

    // Assess
    expect(finding?.summary).toBe(
      'orders-db (orders-prod): recovery point job-4ece7121 of 2026-10-01 02:05 UTC deleted at 2026-10-11 02:05 UTC, after 10 d, 25 d short of the 35 d retention'
    );
  });

  it.each([
    ['7 days', 7 * DAY, 1],
    ['one second short', 35 * DAY - 1000, 1],
    ['exactly the retention', 35 * DAY, 0],
    ['100 days', 100 * DAY, 0],
  ])('returns for a vault lifecycle of %s: %s findings', (_case, ms, count) => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastRecoveryPoint: aPoint({
          deleteAt: new Date(CREATED.getTime() + ms),
        }),
      },
    });

    // Act
    const findings = checkRetentionViolated(input, NOW);

    // Assess
    expect(findings).toHaveLength(count);
    for (const finding of findings) {
      expect(finding.detail).toMatchObject({ lifetimeMs: ms });
    }
  });

  it('returns [] for a recovery point without a scheduled deletion', () => {
    // Prepare
    const input = aCheckInput({ state: { lastRecoveryPoint: aPoint() } });

    // Act & Assess
    expect(checkRetentionViolated(input, NOW)).toEqual([]);
  });
});
