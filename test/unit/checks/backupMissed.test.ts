import { describe, expect, it } from 'vitest';
import { checkBackupMissed } from '../../../src/checks/index.js';
import type { Automation } from '../../../src/runbook/index.js';
import { aBackupFact, aCheckInput, HOUR } from '../../helpers/builders.js';

// Expect a backup daily at 02:00 UTC; start window 1 h + completion window
// 2 h + grace 30 min = deadline at 05:30 UTC. The last backup was yesterday's.
const YESTERDAY = aBackupFact({ createdAt: new Date('2026-11-04T02:05:00Z') });
const DUE = new Date('2026-11-05T02:00:00Z');
const DEADLINE = new Date('2026-11-05T05:30:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');

describe('checkBackupMissed', () => {
  it.each([
    ['just before due', '2026-11-05T01:59:00Z', 0],
    ['inside the windows and grace', '2026-11-05T05:15:00Z', 0],
    ['one second before the deadline', '2026-11-05T05:29:59Z', 0],
    ['exactly at the deadline', '2026-11-05T05:30:00Z', 1],
    ['one second after the deadline', '2026-11-05T05:30:01Z', 1],
  ])('returns %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = aCheckInput({ state: { lastBackup: YESTERDAY } });

    // Act
    const findings = checkBackupMissed(input, new Date(at));

    // Assess
    expect(findings).toHaveLength(count);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        check: 'backup-missed',
        severity: 'critical',
        since: DEADLINE,
        detail: {
          dueAt: DUE.toISOString(),
          deadline: DEADLINE.toISOString(),
          deadlineMs: 3.5 * HOUR,
          schedule: 'cron(0 2 * * ? *)',
          timezone: 'UTC',
          lastBackupCreatedAt: '2026-11-04T02:05:00.000Z',
        },
        runbookUrl:
          'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup',
      });
    }
  });

  it('writes the due time, the deadline and the last backup in UTC', () => {
    // Prepare
    const input = aCheckInput({ state: { lastBackup: YESTERDAY } });

    // Act
    const [finding] = checkBackupMissed(input, DEADLINE);

    // Assess
    expect(finding?.summary).toBe(
      'orders-db (orders-prod): backup due 2026-11-05 02:00 UTC missed, deadline 2026-11-05 05:30 UTC passed (last backup 2026-11-04 02:05 UTC, 27 h 25 min ago)'
    );
  });

  it.each([
    ['on time', '2026-11-05T02:05:00Z', 0],
    ['late, after the deadline, once it completed', '2026-11-05T06:00:00Z', 0],
    ['4 minutes early (clock skew)', '2026-11-05T01:56:00Z', 0],
    ['6 minutes early', '2026-11-05T01:54:00Z', 1],
    [
      'before the due time, though it completed after',
      '2026-11-05T01:30:00Z',
      1,
    ],
  ])(
    'returns for a backup created %s: %s findings',
    (_case, createdAt, count) => {
      // Prepare
      const created = new Date(createdAt);
      const input = aCheckInput({
        state: {
          lastBackup: aBackupFact({
            createdAt: created,
            at: new Date(created.getTime() + HOUR),
          }),
        },
      });

      // Act & Assess
      expect(checkBackupMissed(input, NOW)).toHaveLength(count);
    }
  );

  it.each([
    ['failed', 'lastBackupFailure', '2026-11-05T02:40:00Z', 0],
    [
      'started and never finished',
      'lastBackupStarted',
      '2026-11-05T02:10:00Z',
      0,
    ],
    ['failed the day before', 'lastBackupFailure', '2026-11-04T02:40:00Z', 1],
  ] as const)(
    'counts a slot whose run %s once: %s at %s gives %s findings',
    (_case, fact, at, count) => {
      // Prepare: the 02:00 run did happen; backup-failed reports it.
      const input = aCheckInput({
        state: {
          lastBackup: YESTERDAY,
          [fact]: { at: new Date(at), eventId: 'e-1', state: 'failed' },
        },
      });

      // Act & Assess
      expect(checkBackupMissed(input, NOW)).toHaveLength(count);
    }
  );

  it('returns backup-missed for the next slot after a failed one', () => {
    // Prepare: the 2026-11-04 run failed; nothing ran on 2026-11-05.
    const input = aCheckInput({
      state: {
        lastBackup: aBackupFact({
          createdAt: new Date('2026-11-03T02:05:00Z'),
        }),
        lastBackupFailure: {
          at: new Date('2026-11-04T02:40:00Z'),
          eventId: 'e-1',
          state: 'failed',
        },
      },
    });

    // Act
    const findings = checkBackupMissed(input, DEADLINE);

    // Assess
    expect(findings).toMatchObject([
      { check: 'backup-missed', detail: { dueAt: DUE.toISOString() } },
    ]);
  });

  it.each([
    ['before the due time', '2026-10-01T00:00:00Z', 1],
    ['exactly at the due time', '2026-11-05T02:00:00Z', 1],
    ['after the due time', '2026-11-05T02:00:01Z', 0],
  ])(
    'returns for a resource never backed up, first seen %s: %s findings',
    (_case, seen, count) => {
      // Prepare
      const input = aCheckInput({ state: { firstSeenAt: new Date(seen) } });

      // Act
      const findings = checkBackupMissed(input, DEADLINE);

      // Assess
      expect(findings).toHaveLength(count);
      for (const finding of findings) {
        expect(finding.summary).toContain('(no backup seen yet)');
      }
    }
  );

  it.each<[Automation, boolean, number]>([
    ['aws-backup', false, 1],
    ['rds-automated', false, 1],
    ['manual', false, 1],
    ['manual', true, 1],
    ['s3-replication', true, 0],
    ['velero', false, 1],
    ['velero', true, 1],
    ['script', false, 1],
    ['script', true, 1],
  ])(
    'applies to %s whether or not a backup was seen (seen: %s): %s findings',
    (automation, seen, count) => {
      // Prepare
      const input = aCheckInput({
        service: { backup: { automation } },
        state: seen ? { lastBackup: YESTERDAY } : {},
      });

      // Act & Assess
      expect(checkBackupMissed(input, NOW)).toHaveLength(count);
    }
  );

  it('returns [] for a schedule never due again', () => {
    // Prepare: the only due time is in 2027.
    const input = aCheckInput({
      service: { backup: { schedule: 'cron(0 2 1 1 ? 2027)' } },
    });

    // Act & Assess
    expect(checkBackupMissed(input, NOW)).toEqual([]);
  });

  describe('across the autumn DST change in Europe/Berlin', () => {
    // Daily at 03:00 Berlin time: 01:00 UTC in summer time (CEST, to 25 Oct
    // 2026), 02:00 UTC after the change (CET). Deadline 3.5 h after due.
    const berlin = aCheckInput({
      service: {
        timezone: 'Europe/Berlin',
        backup: { schedule: 'cron(0 3 * * ? *)' },
      },
      state: {
        lastBackup: aBackupFact({
          createdAt: new Date('2026-10-24T01:02:00Z'),
        }),
      },
    });

    it('returns [] after the summer-time deadline, the first due time now being an hour later', () => {
      // Act: 01:00 UTC + 3.5 h + 30 min would be late with the summer offset.
      const findings = checkBackupMissed(
        berlin,
        new Date('2026-10-25T05:00:00Z')
      );

      // Assess
      expect(findings).toEqual([]);
    });

    it('returns backup-missed at the winter-time deadline, 05:30 UTC', () => {
      // Act
      const findings = checkBackupMissed(
        berlin,
        new Date('2026-10-25T05:30:00Z')
      );

      // Assess
      expect(findings).toEqual([
        expect.objectContaining({
          since: new Date('2026-10-25T05:30:00Z'),
          detail: expect.objectContaining({
            dueAt: '2026-10-25T02:00:00.000Z',
            timezone: 'Europe/Berlin',
          }),
        }),
      ]);
    });
  });
});
