import { describe, expect, it } from 'vitest';
import { checkBackupFailed } from '../../../src/checks/index.js';
import {
  aBackupFact,
  aCheckInput,
  HOUR,
  MINUTE,
} from '../../helpers/builders.js';

// Last good backup: created 2026-11-04 02:05, completed 02:25 UTC.
const LAST_GOOD = aBackupFact({
  createdAt: new Date('2026-11-04T02:05:00Z'),
  at: new Date('2026-11-04T02:25:00Z'),
});
const FAILED_AT = new Date('2026-11-05T02:40:00Z');
const NOW = new Date('2026-11-05T09:00:00Z');

describe('checkBackupFailed', () => {
  it.each(['failed', 'aborted', 'expired', 'partial'] as const)(
    'returns backup-failed when a %s job is newer than the last good backup',
    (state) => {
      // Prepare
      const input = aCheckInput({
        state: {
          lastBackup: LAST_GOOD,
          lastBackupFailure: {
            at: FAILED_AT,
            eventId: 'evt-1',
            state,
            jobId: 'job-1',
            message: 'Backup job failed\n because the vault does not exist.',
          },
        },
      });

      // Act
      const findings = checkBackupFailed(input, NOW);

      // Assess
      expect(findings).toEqual([
        expect.objectContaining({
          check: 'backup-failed',
          service: 'orders-db',
          status: 'open',
          severity: 'critical',
          since: FAILED_AT,
          runbookUrl:
            'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup',
        }),
      ]);
      expect(findings[0]?.summary).toContain(state.toUpperCase());
      expect(findings[0]?.detail).toMatchObject({
        state,
        failedAt: '2026-11-05T02:40:00.000Z',
        jobId: 'job-1',
      });
    }
  );

  it('writes a one-line summary with the failure and the last good backup', () => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastBackup: LAST_GOOD,
        lastBackupFailure: {
          at: FAILED_AT,
          eventId: 'evt-1',
          state: 'failed',
          message: 'Backup job failed\n because the vault does not exist.',
        },
      },
    });

    // Act
    const [finding] = checkBackupFailed(input, NOW);

    // Assess
    expect(finding?.summary).toBe(
      'orders-db (orders-prod): backup FAILED at 2026-11-05 02:40 UTC, none completed since (last good 2026-11-04 02:05 UTC): Backup job failed because the vault does not exist.'
    );
  });

  it('returns [] when the failure is older than the last good backup, whatever the delivery order', () => {
    // Prepare: the failure event arrived after the success but happened before it.
    const input = aCheckInput({
      state: {
        lastBackup: aBackupFact({
          createdAt: new Date('2026-11-05T02:05:00Z'),
          at: new Date('2026-11-05T02:45:00Z'),
        }),
        lastBackupFailure: { at: FAILED_AT, eventId: 'evt-1', state: 'failed' },
      },
    });

    // Act & Assess
    expect(checkBackupFailed(input, NOW)).toEqual([]);
  });

  it('returns [] once a backup completes at the very instant of the failure or later', () => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastBackup: aBackupFact({ createdAt: FAILED_AT, at: FAILED_AT }),
        lastBackupFailure: { at: FAILED_AT, eventId: 'evt-1', state: 'failed' },
      },
    });

    // Act & Assess
    expect(checkBackupFailed(input, NOW)).toEqual([]);
  });

  it('returns backup-failed for a resource that has never completed a backup', () => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastBackupFailure: {
          at: FAILED_AT,
          eventId: 'evt-1',
          state: 'expired',
        },
      },
    });

    // Act
    const [finding] = checkBackupFailed(input, NOW);

    // Assess
    expect(finding?.summary).toContain('(last good never)');
    expect(finding?.detail.lastBackupCreatedAt).toBeNull();
  });

  describe('a start without a finish (RDS sends no failure event)', () => {
    // RDS snapshot started 02:00; completion window 2 h: deadline 04:00.
    const STARTED = {
      at: new Date('2026-11-05T02:00:00Z'),
      eventId: 'evt-0090',
      state: 'started' as const,
      jobId: 'rds:orders-prod-2026-11-05-02-00',
    };
    const DEADLINE = new Date('2026-11-05T04:00:00Z');

    it.each([
      ['inside the completion window', '2026-11-05T03:00:00Z', 0],
      ['one second before the deadline', '2026-11-05T03:59:59Z', 0],
      ['exactly at the deadline', '2026-11-05T04:00:00Z', 1],
      ['one second after the deadline', '2026-11-05T04:00:01Z', 1],
    ])('returns %s: %s findings', (_case, at, count) => {
      // Prepare
      const input = aCheckInput({
        service: { backup: { automation: 'rds-automated' } },
        state: { lastBackup: LAST_GOOD, lastBackupStarted: STARTED },
      });

      // Act
      const findings = checkBackupFailed(input, new Date(at));

      // Assess
      expect(findings).toHaveLength(count);
      for (const finding of findings) {
        expect(finding.since).toEqual(DEADLINE);
        expect(finding.summary).toBe(
          'orders-db (orders-prod): backup started 2026-11-05 02:00 UTC did not finish within its 2 h completion window (last good 2026-11-04 02:05 UTC)'
        );
      }
    });

    it('returns [] when the snapshot finished late but before the evaluation', () => {
      // Prepare
      const input = aCheckInput({
        state: {
          lastBackup: aBackupFact({
            createdAt: STARTED.at,
            at: new Date(DEADLINE.getTime() + 30 * MINUTE),
          }),
          lastBackupStarted: STARTED,
        },
      });

      // Act & Assess
      expect(checkBackupFailed(input, NOW)).toEqual([]);
    });

    it('reports the failure event, not the start, when the started job failed', () => {
      // Prepare
      const failedAt = new Date(STARTED.at.getTime() + HOUR);
      const input = aCheckInput({
        state: {
          lastBackup: LAST_GOOD,
          lastBackupStarted: STARTED,
          lastBackupFailure: {
            at: failedAt,
            eventId: 'evt-2',
            state: 'failed',
          },
        },
      });

      // Act
      const findings = checkBackupFailed(input, NOW);

      // Assess
      expect(findings).toHaveLength(1);
      expect(findings[0]?.since).toEqual(failedAt);
    });

    it('returns one finding, the reported failure, when a later retry never finished either', () => {
      // Prepare
      const input = aCheckInput({
        state: {
          lastBackup: LAST_GOOD,
          lastBackupFailure: {
            at: new Date('2026-11-05T01:00:00Z'),
            eventId: 'evt-2',
            state: 'failed',
          },
          lastBackupStarted: STARTED,
        },
      });

      // Act
      const findings = checkBackupFailed(input, NOW);

      // Assess: the reported failure comes first; one finding per resource.
      expect(findings).toHaveLength(1);
      expect(findings[0]?.since).toEqual(new Date('2026-11-05T01:00:00Z'));
    });
  });
});
