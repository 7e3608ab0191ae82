import { describe, expect, it } from 'vitest';
import {
  CHECKS,
  findingsFor,
  IMPACTS,
  SEVERITY_RULE,
  sectionFor,
  severityFor,
} from '../../../src/checks/index.js';
import {
  CHECK_IDS,
  type ResourceState,
  SEVERITIES,
} from '../../../src/model/index.js';
import { TIERS } from '../../../src/runbook/index.js';
import {
  aBackupFact,
  aCheckInput,
  aResourceState,
  DAY,
  MINUTE,
} from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T12:00:00Z');

/** Daily backups at 02:05 UTC, completed at 02:25, up to and including `lastDay`. */
const backedUpDaily = (lastDay: string): Partial<ResourceState> => {
  const createdAt = new Date(`${lastDay}T02:05:00Z`);
  return {
    lastBackup: aBackupFact({ createdAt }),
    recentBackups: [0, 1, 2, 3].map((i) => ({
      at: new Date(createdAt.getTime() + 20 * MINUTE - i * DAY),
      sizeBytes: 50 * 1024 ** 3,
    })),
  };
};

describe('findingsFor', () => {
  it('returns [] for a resource backed up on schedule', () => {
    // Prepare
    const input = aCheckInput({ state: backedUpDaily('2026-11-05') });

    // Act & Assess
    expect(findingsFor(input, NOW)).toEqual([]);
  });

  it('follows a failed night to its resolution by a late manual backup', () => {
    // Prepare: up to date until 2026-11-04; tonight's job fails at 02:40.
    const upToDate = aResourceState(backedUpDaily('2026-11-04'));
    const failed: ResourceState = aResourceState({
      ...upToDate,
      lastBackupFailure: {
        at: new Date('2026-11-05T02:40:00Z'),
        eventId: 'evt-failed',
        state: 'failed',
      },
    });
    const recovered: ResourceState = {
      ...failed,
      lastBackup: aBackupFact({
        createdAt: new Date('2026-11-05T08:00:00Z'),
        at: new Date('2026-11-05T08:40:00Z'),
      }),
    };
    const evaluate = (state: ResourceState, at: string) =>
      findingsFor(aCheckInput({ state }), new Date(at))
        .map((f) => f.check)
        .sort();

    // Act
    const timeline = {
      beforeFailure: evaluate(upToDate, '2026-11-05T02:39:00Z'),
      afterFailure: evaluate(failed, '2026-11-05T03:00:00Z'),
      atDeadline: evaluate(failed, '2026-11-05T05:30:00Z'),
      rpoOut: evaluate(failed, '2026-11-05T04:05:01Z'),
      afterLateBackup: evaluate(recovered, '2026-11-05T09:00:00Z'),
    };

    // Assess
    expect(timeline).toEqual({
      beforeFailure: [],
      afterFailure: ['backup-failed'],
      // The failed run is that slot's: failed, not also missed (issue 17).
      atDeadline: ['backup-failed', 'rpo-breached'],
      rpoOut: ['backup-failed', 'rpo-breached'],
      afterLateBackup: [],
    });
  });

  it('returns at most one finding per check, all about the same resource', () => {
    // Prepare: everything is wrong at once.
    const input = aCheckInput({
      service: {
        backup: {
          automation: 'rds-automated',
          copies: [{ region: 'eu-central-1' }],
        },
        recovery: { restoreTestMs: 30 * DAY },
      },
      state: {
        firstSeenAt: new Date('2026-09-01T00:00:00Z'),
        lastBackup: aBackupFact({
          createdAt: new Date('2026-11-01T02:05:00Z'),
        }),
        lastBackupFailure: {
          at: new Date('2026-11-04T02:40:00Z'),
          eventId: 'e1',
          state: 'failed',
        },
        lastCopyFailure: {
          at: new Date('2026-11-01T03:00:00Z'),
          eventId: 'e2',
          state: 'failed',
        },
        lastConfigChange: {
          at: new Date('2026-11-03T09:00:00Z'),
          eventId: 'e3',
          state: 'failed',
        },
        lastRestoreFailure: {
          at: new Date('2026-11-02T10:00:00Z'),
          eventId: 'e4',
          state: 'failed',
          restoreTest: true,
        },
      },
    });

    // Act
    const findings = findingsFor(input, NOW);

    // Assess
    expect(findings.map((f) => f.check).sort()).toEqual([
      'backup-failed',
      'backup-missed',
      'config-drift',
      'copy-failed',
      'restore-failed',
      'restore-test-overdue',
      'rpo-breached',
    ]);
    expect(new Set(findings.map((f) => f.resource))).toEqual(
      new Set([input.state.resourceArn])
    );
    expect(
      findings.every((f) => f.status === 'open' && f.service === 'orders-db')
    ).toBe(true);
  });

  it('watches an S3 replication service through its replication reports only', () => {
    // Prepare: a bucket with no backups at all, one replication failure.
    const input = aCheckInput({
      service: { id: 'assets', backup: { automation: 's3-replication' } },
      state: {
        resourceArn: 'arn:aws:s3:::acme-assets',
        resourceType: 'S3',
        service: 'assets',
        replicationObjects: [
          {
            at: new Date('2026-11-05T11:00:00Z'),
            eventId: 'evt-s3',
            state: 'failed',
            failureReason: 'DstBucketNotFound',
            objectKey: 'img/logo.png',
          },
        ],
      },
    });

    // Act
    const findings = findingsFor(input, NOW);

    // Assess
    expect(findings.map((f) => [f.check, f.detail.failureReason])).toEqual([
      ['replication-failed', 'DstBucketNotFound'],
    ]);
  });
});

describe('sectionFor', () => {
  it.each([
    ['backup-failed', 'manual-backup'],
    ['backup-missed', 'manual-backup'],
    ['rpo-breached', 'manual-backup'],
    // Where copies, lifecycle and replication are set up.
    ['copy-failed', 'backup'],
    ['retention-violated', 'backup'],
    ['backup-size-anomaly', 'manual-backup'],
    ['config-drift', 'manual-backup'],
    ['restore-failed', 'recovery'],
    ['restore-test-overdue', 'recovery'],
    ['rto-at-risk', 'recovery'],
    ['replication-failed', 'manual-backup'],
    ['replication-late', 'backup'],
    ['replication-lag', 'backup'],
  ] as const)('links %s to #%s', (check, section) => {
    // Act & Assess
    expect(sectionFor(check)).toBe(section);
  });
});

describe('severityFor', () => {
  it.each([
    ['rpo-breached', 'critical', 'critical'],
    ['rpo-breached', 'high', 'error'],
    ['rpo-breached', 'standard', 'warning'],
    ['backup-failed', 'critical', 'critical'],
    ['backup-failed', 'high', 'error'],
    ['backup-failed', 'standard', 'warning'],
    ['retention-violated', 'critical', 'critical'],
    ['replication-failed', 'critical', 'critical'],
    ['restore-test-overdue', 'critical', 'error'],
    ['restore-test-overdue', 'standard', 'info'],
    ['backup-size-anomaly', 'high', 'warning'],
    ['unmapped-resource', 'critical', 'warning'],
  ] as const)('rates %s on a %s service as %s', (check, tier, expected) => {
    // Act & Assess
    expect(severityFor(check, tier)).toBe(expected);
  });

  it('follows the tier for every check that leaves data unprotected', () => {
    // Act
    const severities = CHECK_IDS.filter(
      (id) => CHECKS[id].impact === 'unprotected'
    ).map((id) => TIERS.map((tier) => severityFor(id, tier)));

    // Assess
    expect(new Set(severities.map((s) => s.join()))).toEqual(
      new Set(['critical,error,warning'])
    );
  });

  it('rates a risk to recovery one step below the tier', () => {
    // Act
    const steps = CHECK_IDS.filter((id) => CHECKS[id].impact === 'at-risk')
      .flatMap((id) =>
        TIERS.map(
          (tier) =>
            SEVERITIES.indexOf(severityFor(id, tier)) -
            SEVERITIES.indexOf(SEVERITY_RULE.unprotected[tier])
        )
      )
      .filter((step) => step !== 1);

    // Assess
    expect(steps).toEqual([]);
  });

  it('never rates a check more urgent on a lower tier', () => {
    // Prepare: SEVERITIES and TIERS are both ordered most urgent first.
    const rank = (
      check: (typeof CHECK_IDS)[number],
      tier: (typeof TIERS)[number]
    ) => SEVERITIES.indexOf(severityFor(check, tier));

    // Act
    const inversions = CHECK_IDS.filter(
      (check) =>
        rank(check, 'critical') > rank(check, 'high') ||
        rank(check, 'high') > rank(check, 'standard')
    );

    // Assess
    expect(inversions).toEqual([]);
  });
});

describe('CHECKS', () => {
  it('has one row per check id, each under its own id', () => {
    // Act
    const rows = Object.entries(CHECKS).map(([key, check]) => [key, check.id]);

    // Assess
    expect(rows.map(([key]) => key).sort()).toEqual([...CHECK_IDS].sort());
    expect(rows.every(([key, id]) => key === id)).toBe(true);
  });

  it('gives every check a title and an impact the severity rule knows', () => {
    // Act
    const incomplete = CHECK_IDS.filter(
      (id) =>
        CHECKS[id].title.trim() === '' || !IMPACTS.includes(CHECKS[id].impact)
    );

    // Assess
    expect(incomplete).toEqual([]);
  });
});
