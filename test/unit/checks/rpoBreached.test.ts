import { describe, expect, it } from 'vitest';
import { checkRpoBreached } from '../../../src/checks/index.js';
import type { Automation } from '../../../src/runbook/index.js';
import { aBackupFact, aCheckInput, HOUR } from '../../helpers/builders.js';

// RPO 26 h; newest recovery point created 2026-11-04 02:05 UTC, so the RPO
// runs out at 2026-11-05 04:05 UTC.
const CREATED = new Date('2026-11-04T02:05:00Z');
const RPO_END = new Date('2026-11-05T04:05:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');

describe('checkRpoBreached', () => {
  it.each([
    ['one second before the RPO ends', '2026-11-05T04:04:59Z', 0],
    ['exactly when the RPO ends', '2026-11-05T04:05:00Z', 0],
    ['one second after the RPO ends', '2026-11-05T04:05:01Z', 1],
  ])('returns %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = aCheckInput({
      state: { lastBackup: aBackupFact({ createdAt: CREATED }) },
    });

    // Act
    const findings = checkRpoBreached(input, new Date(at));

    // Assess
    expect(findings).toHaveLength(count);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        check: 'rpo-breached',
        severity: 'critical',
        since: RPO_END,
        detail: {
          rpoMs: 26 * HOUR,
          lastBackupCreatedAt: CREATED.toISOString(),
        },
      });
    }
  });

  it('counts a completed recovery point as the backup it is', () => {
    // Prepare: AWS Backup reported the recovery point, not its job.
    const point = (createdAt: Date) => ({
      at: createdAt,
      eventId: 'rp-1',
      state: 'completed' as const,
      recoveryPointArn:
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:rp-1',
      createdAt,
    });
    const fresh = aCheckInput({
      state: { lastRecoveryPoint: point(new Date('2026-11-05T02:05:00Z')) },
    });
    const stale = aCheckInput({
      state: {
        resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
        lastBackup: aBackupFact({
          createdAt: new Date('2026-11-03T02:05:00Z'),
        }),
        lastRecoveryPoint: point(CREATED),
      },
    });

    // Act
    const none = checkRpoBreached(fresh, NOW);
    const [finding] = checkRpoBreached(stale, NOW);

    // Assess
    expect(none).toEqual([]);
    expect(finding).toMatchObject({
      since: RPO_END,
      summary:
        'orders-db: no backup since the recovery point of 2026-11-04 02:05 UTC (33 h 55 min, 7 h 55 min over the 26 h RPO)',
    });
  });

  it('writes the summary of the issue: service, since when in UTC, age and RPO', () => {
    // Prepare: a resource named like its service, so the summary needs no name.
    const input = aCheckInput({
      service: { recovery: { rpoMs: 30 * HOUR } },
      state: {
        resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
        lastBackup: aBackupFact({
          createdAt: new Date('2026-11-05T02:25:00Z'),
        }),
      },
    });

    // Act
    const [finding] = checkRpoBreached(input, new Date('2026-11-07T05:25:00Z'));

    // Assess
    expect(finding?.summary).toBe(
      'orders-db: no backup since 2026-11-05 02:25 UTC (51 h, 21 h over the 30 h RPO)'
    );
  });

  it('returns [] when a late backup has completed since', () => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastBackup: aBackupFact({
          createdAt: new Date('2026-11-05T06:00:00Z'),
        }),
      },
    });

    // Act & Assess
    expect(checkRpoBreached(input, NOW)).toEqual([]);
  });

  it('counts the RPO of a resource never backed up from when the monitor first saw it', () => {
    // Prepare
    const firstSeenAt = new Date('2026-11-04T08:00:00Z');
    const input = aCheckInput({ state: { firstSeenAt } });

    // Act
    const before = checkRpoBreached(input, new Date('2026-11-05T10:00:00Z'));
    const after = checkRpoBreached(input, new Date('2026-11-05T10:00:01Z'));

    // Assess
    expect(before).toEqual([]);
    expect(after).toEqual([
      expect.objectContaining({
        since: new Date('2026-11-05T10:00:00Z'),
        summary: expect.stringContaining(
          'no backup since monitoring began 2026-11-04 08:00 UTC'
        ),
      }),
    ]);
  });

  it('returns [] for s3-replication, whose RPO the replication checks watch', () => {
    // Prepare
    const input = aCheckInput({
      service: { backup: { automation: 's3-replication' } },
      state: { lastBackup: aBackupFact({ createdAt: CREATED }) },
    });

    // Act & Assess
    expect(checkRpoBreached(input, NOW)).toEqual([]);
  });

  it.each<[Automation, boolean, number]>([
    ['rds-automated', false, 1],
    ['velero', false, 1],
    ['script', false, 1],
    ['manual', false, 1],
    ['velero', true, 1],
    ['script', true, 1],
    ['manual', true, 1],
  ])(
    'holds %s backups to the RPO whether or not one was seen (seen: %s): %s findings',
    (automation, seen, count) => {
      // Prepare
      const input = aCheckInput({
        service: { backup: { automation } },
        state: seen ? { lastBackup: aBackupFact({ createdAt: CREATED }) } : {},
      });

      // Act & Assess
      expect(checkRpoBreached(input, NOW)).toHaveLength(count);
    }
  );
});
