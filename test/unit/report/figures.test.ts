import { describe, expect, it } from 'vitest';
import type {
  ResourceHistory,
  WeeklyFigures,
} from '../../../src/report/index.js';
import {
  computeWeeklyFigures,
  foldWeeklyFigures,
  isoWeekContaining,
} from '../../../src/report/index.js';
import {
  aBackupEvent,
  aBackupFact,
  aResourceState,
  aRunbook,
  aService,
  DAY,
  HOUR,
  MINUTE,
  ORDERS_DB_ARN,
} from '../../helpers/builders.js';
import {
  aJob,
  anInput,
  anOrdersDb,
  aTransition,
  dueOn,
  NOW,
  WEEK,
} from '../../helpers/reportBuilders.js';

const statuses = (figures: WeeklyFigures): string[] =>
  figures.services[0]!.timeline.map((c) => c.status);

const CARTS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/carts';

/** The carts table's week: every daily backup on time. */
const aHealthyCarts = (): ResourceHistory => {
  const history = anOrdersDb(
    [0, 1, 2, 3, 4, 5, 6].map((d) => aJob(dueOn(d), { resourceArn: CARTS }))
  );
  history.state = { ...history.state, resourceArn: CARTS, service: 'carts' };
  return history;
};

describe('computeWeeklyFigures', () => {
  it('lists services worst first, then by tier', () => {
    // Prepare: carts (standard) is healthy, orders-db (critical) failed
    // twice; two services with nothing to measure come last, critical first.
    const cartsHistory = aHealthyCarts();
    const runbook = aRunbook({
      services: [
        aService({ id: 'a-idle', tier: 'standard', resources: [] }),
        aService({ id: 'carts', tier: 'standard', resources: [CARTS] }),
        aService(),
        aService({ id: 'z-idle', tier: 'critical', resources: [] }),
      ],
    });
    const orders = anOrdersDb([
      aJob(dueOn(0)),
      aJob(dueOn(1), { state: 'failed' }),
      aJob(dueOn(2), { state: 'failed' }),
    ]);

    // Act
    const figures = computeWeeklyFigures(
      anInput({ runbook, resources: [cartsHistory, orders] }),
      WEEK,
      NOW
    );

    // Assess
    expect(figures.services.map((s) => s.service)).toEqual([
      'orders-db',
      'carts',
      'z-idle',
      'a-idle',
    ]);
  });

  it('counts a failure, a miss and a late backup that still counted', () => {
    // Prepare: Wednesday has no backup at all; Friday's failed; Saturday's
    // completed at 07:05, after its 05:30 deadline.
    const events = [
      aJob(dueOn(0)),
      aJob(dueOn(1)),
      aJob(dueOn(3)),
      aJob(dueOn(4), { state: 'failed', message: 'Access denied' }),
      aJob(dueOn(5), { tookMs: 5 * HOUR }),
      aJob(dueOn(6)),
    ];

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb(events)] }),
      WEEK,
      NOW
    );

    // Assess
    expect(figures.services[0]).toMatchObject({
      service: 'orders-db',
      expected: 7,
      succeeded: 5,
      failed: 1,
      missed: 1,
      late: 1,
      successRate: 5 / 7,
    });
    expect(statuses(figures)).toEqual([
      'ok',
      'ok',
      'missed',
      'ok',
      'failed',
      'late',
      'ok',
    ]);
    expect(figures.services[0]!.timeline[4]).toMatchObject({
      dueAt: dueOn(4),
      deadline: new Date(dueOn(4).getTime() + 3.5 * HOUR),
      message: 'Access denied',
    });
    expect(figures.totals).toMatchObject({ expected: 7, succeeded: 5 });
  });

  it('counts a retry that succeeds after a failure as ok', () => {
    // Prepare
    const events = [
      aJob(dueOn(0), { state: 'failed' }),
      aJob(dueOn(0), { startAfterMs: HOUR }),
    ];

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb(events)] }),
      WEEK,
      NOW
    );

    // Assess
    expect(statuses(figures)[0]).toBe('ok');
    expect(figures.services[0]).toMatchObject({ failed: 0, missed: 6 });
  });

  it('counts two backups for one due time once', () => {
    // Prepare
    const events = [aJob(dueOn(0)), aJob(dueOn(0), { startAfterMs: 3 * HOUR })];

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb(events)] }),
      WEEK,
      NOW
    );

    // Assess
    expect(figures.services[0]).toMatchObject({ expected: 7, succeeded: 1 });
  });

  it.each([
    ['4 minutes before', 'ok', -4 * MINUTE],
    ['6 minutes before', 'missed', -6 * MINUTE],
  ])(
    'counts a backup created %s its due time as %s',
    (_case, status, startAfterMs) => {
      // Prepare
      const events = [aJob(dueOn(0), { startAfterMs })];

      // Act
      const figures = computeWeeklyFigures(
        anInput({ resources: [anOrdersDb(events)] }),
        WEEK,
        NOW
      );

      // Assess
      expect(statuses(figures)[0]).toBe(status);
    }
  );

  it('counts a backup completed exactly at its deadline as on time', () => {
    // Prepare: created 02:05, completed 05:30.
    const events = [aJob(dueOn(0), { tookMs: 3 * HOUR + 25 * MINUTE })];

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb(events)] }),
      WEEK,
      NOW
    );

    // Assess
    expect(statuses(figures)[0]).toBe('ok');
  });

  it('expects only due times whose deadline has passed by now', () => {
    // Prepare: Wednesday 05:29, one minute before Wednesday's deadline.
    const now = new Date('2026-11-04T05:29:00Z');

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb([aJob(dueOn(0))])] }),
      WEEK,
      now
    );

    // Assess
    expect(figures.services[0]).toMatchObject({ expected: 2, missed: 1 });
  });

  it('ignores events later than now', () => {
    // Prepare: Tuesday's backup completes at 02:25, after `now`.
    const now = new Date('2026-11-03T02:20:00Z');

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb([aJob(dueOn(1))])] }),
      WEEK,
      now
    );

    // Assess: Monday's due time passed with nothing; Tuesday's is not due yet.
    expect(figures.services[0]).toMatchObject({ expected: 1, missed: 1 });
  });

  it('does not expect backups due before the monitor knew the resource', () => {
    // Prepare
    const history = {
      state: aResourceState({ firstSeenAt: new Date('2026-11-05T00:00:00Z') }),
      events: [],
    };

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [history] }),
      WEEK,
      NOW
    );

    // Assess: Thursday to Sunday.
    expect(figures.services[0]).toMatchObject({ expected: 4, missed: 4 });
  });

  it('counts due times whose deadline falls in the week, not their start', () => {
    // Prepare: due 22:00, deadline 01:30 the next day.
    const runbook = aRunbook({
      services: [aService({ backup: { schedule: 'cron(0 22 * * ? *)' } })],
    });

    // Act
    const figures = computeWeeklyFigures(
      anInput({ runbook, resources: [anOrdersDb([])] }),
      WEEK,
      NOW
    );

    // Assess: Sunday 1 Nov 22:00 (deadline Monday 01:30) is the first one,
    // Saturday 7 Nov 22:00 the last.
    const { timeline } = figures.services[0]!;
    expect(timeline).toHaveLength(7);
    expect(timeline[0]?.dueAt).toEqual(new Date('2026-11-01T22:00:00Z'));
    expect(timeline[6]?.dueAt).toEqual(new Date('2026-11-07T22:00:00Z'));
  });

  describe('across a DST change in Europe/Berlin', () => {
    const berlin = (schedule: string) =>
      aRunbook({
        defaults: {
          graceMs: 0,
          renotifyMs: 4 * HOUR,
          timezone: 'Europe/Berlin',
        },
        services: [
          aService({
            timezone: 'Europe/Berlin',
            graceMs: 0,
            backup: {
              schedule,
              startWindowMs: 0,
              completionWindowMs: 30 * MINUTE,
            },
          }),
        ],
      });
    const AUTUMN = isoWeekContaining(
      new Date('2026-10-22T12:00:00Z'),
      'Europe/Berlin'
    );
    const SPRING = isoWeekContaining(
      new Date('2026-03-25T12:00:00Z'),
      'Europe/Berlin'
    );
    const AFTER = new Date('2026-12-01T00:00:00Z');

    it.each([
      ['an hourly cron, the repeated hour once', 'cron(0 * * * ? *)', 168],
      ['rate(1 hour), every real hour', 'rate(1 hour)', 169],
      [
        'a daily 02:30 cron, once on the repeated 02:30',
        'cron(30 2 * * ? *)',
        7,
      ],
    ])(
      'expects %s in the 169-hour autumn week',
      (_case, schedule, expected) => {
        // Prepare
        const history = {
          state: aResourceState({
            firstSeenAt: new Date('2026-09-01T00:00:00Z'),
          }),
          events: [],
        };

        // Act
        const figures = computeWeeklyFigures(
          anInput({ runbook: berlin(schedule), resources: [history] }),
          AUTUMN,
          AFTER
        );

        // Assess
        expect(figures.services[0]?.expected).toBe(expected);
        expect(figures.timezone).toBe('Europe/Berlin');
        expect(figures.weekLabel).toBe('2026-W43');
      }
    );

    it.each([
      ['an hourly cron', 'cron(0 * * * ? *)', 167],
      ['a daily 02:30 cron, skipped on the Sunday', 'cron(30 2 * * ? *)', 6],
    ])(
      'expects %s in the 167-hour spring week',
      (_case, schedule, expected) => {
        // Prepare
        const history = {
          state: aResourceState({
            firstSeenAt: new Date('2026-01-01T00:00:00Z'),
          }),
          events: [],
        };

        // Act
        const figures = computeWeeklyFigures(
          anInput({ runbook: berlin(schedule), resources: [history] }),
          SPRING,
          AFTER
        );

        // Assess
        expect(figures.services[0]?.expected).toBe(expected);
      }
    );

    it('counts a backup on the repeated 02:30 for its due time', () => {
      // Prepare: 02:30 CEST = 00:30Z; the job starts at 00:35Z and ends
      // 00:50Z (02:50 CEST), before the 01:00Z deadline.
      const due = new Date('2026-10-25T00:30:00Z');
      const history = {
        state: aResourceState({
          firstSeenAt: new Date('2026-09-01T00:00:00Z'),
        }),
        events: [aJob(due, { tookMs: 15 * MINUTE })],
      };

      // Act
      const figures = computeWeeklyFigures(
        anInput({
          runbook: berlin('cron(30 2 * * ? *)'),
          resources: [history],
        }),
        AUTUMN,
        AFTER
      );

      // Assess
      const sunday = figures.services[0]!.timeline.at(-1);
      expect(sunday).toMatchObject({ dueAt: due, status: 'ok' });
    });
  });

  describe('recovery point gaps', () => {
    it('measures the longest gap against the RPO and the share within it', () => {
      // Prepare: Sunday's backup before the week anchors Monday; Wednesday
      // and Thursday have none: a 72 h gap, 46 h of it beyond the 26 h RPO.
      const events = [
        aJob(dueOn(-1)),
        aJob(dueOn(0)),
        aJob(dueOn(1)),
        aJob(dueOn(4)),
        aJob(dueOn(5)),
        aJob(dueOn(6)),
      ];

      // Act
      const figures = computeWeeklyFigures(
        anInput({ resources: [anOrdersDb(events)] }),
        WEEK,
        NOW
      );

      // Assess
      const { gap } = figures.services[0]!.resources[0]!;
      expect(gap).toEqual({
        longestGapMs: 72 * HOUR,
        from: new Date(dueOn(1).getTime() + 5 * MINUTE),
        to: new Date(dueOn(4).getTime() + 5 * MINUTE),
        withinRpoShare: 1 - 46 / 168,
        anchored: true,
      });
      expect(figures.services[0]).toMatchObject({
        longestGapMs: 72 * HOUR,
        withinRpoShare: 1 - 46 / 168,
      });
    });

    it('counts the gap from the last point before the week to its end', () => {
      // Prepare: the only backup is Sunday 1 Nov 02:05.
      const events = [aJob(dueOn(-1))];

      // Act
      const figures = computeWeeklyFigures(
        anInput({ resources: [anOrdersDb(events)] }),
        WEEK,
        NOW
      );

      // Assess: 02:05 Sunday to 00:00 Monday a week later; the RPO ran out
      // Monday 04:05.
      const { gap } = figures.services[0]!.resources[0]!;
      expect(gap?.longestGapMs).toBe(7 * DAY + 22 * HOUR - 5 * MINUTE);
      expect(gap?.withinRpoShare).toBeCloseTo(
        (4 * HOUR + 5 * MINUTE) / (168 * HOUR),
        10
      );
    });

    it('anchors on the stored newest backup when it is older than the week', () => {
      // Prepare
      const history = {
        state: aResourceState({
          lastBackup: {
            at: new Date('2026-10-30T02:25:00Z'),
            createdAt: new Date('2026-10-30T02:05:00Z'),
            eventId: 'old',
            state: 'completed',
          },
        }),
        events: [],
      };

      // Act
      const figures = computeWeeklyFigures(
        anInput({ resources: [history] }),
        WEEK,
        NOW
      );

      // Assess
      const { gap } = figures.services[0]!.resources[0]!;
      expect(gap).toMatchObject({
        from: new Date('2026-10-30T02:05:00Z'),
        to: WEEK.end,
        withinRpoShare: 0,
        anchored: true,
      });
    });
  });

  it('counts copies of the week recovery points to the runbook destinations', () => {
    // Prepare
    const runbook = aRunbook({
      services: [aService({ backup: { copies: [{ region: 'us-west-2' }] } })],
    });
    const jobs = [aJob(dueOn(0)), aJob(dueOn(1)), aJob(dueOn(2))];
    const copy = (i: number, state: 'completed' | 'failed', region: string) =>
      aBackupEvent({
        id: `copy-${i}-${state}`,
        kind: 'copy',
        state,
        recoveryPointArn: jobs[i]!.recoveryPointArn,
        destinationVaultArn: `arn:aws:backup:${region}:111122223333:backup-vault:shop-dr`,
        occurredAt: new Date(jobs[i]!.occurredAt.getTime() + HOUR),
      });
    const events = [
      ...jobs,
      copy(0, 'completed', 'us-west-2'),
      copy(1, 'completed', 'eu-central-1'),
      copy(2, 'failed', 'us-west-2'),
    ];

    // Act
    const figures = computeWeeklyFigures(
      anInput({ runbook, resources: [anOrdersDb(events)] }),
      WEEK,
      NOW
    );

    // Assess
    expect(figures.services[0]?.copies).toEqual({
      expected: 3,
      actual: 1,
      failed: 1,
    });
  });

  describe('restore tests', () => {
    const runbook = aRunbook({
      services: [aService({ recovery: { restoreTestMs: 30 * DAY } })],
    });
    const aRestore = (tookMs: number) =>
      aBackupEvent({
        id: `restore-${tookMs}`,
        kind: 'restore',
        state: 'completed',
        restoreTest: true,
        startedAt: new Date('2026-11-03T10:00:00Z'),
        completedAt: new Date(Date.parse('2026-11-03T10:00:00Z') + tookMs),
        occurredAt: new Date(Date.parse('2026-11-03T10:00:00Z') + tookMs),
      });

    it.each([
      ['ok when in date and within RTO', HOUR, 'ok'],
      ['slow when longer than the 4 h RTO', 5 * HOUR, 'slow'],
    ])('reports a restore test %s', (_case, tookMs, status) => {
      // Act
      const figures = computeWeeklyFigures(
        anInput({ runbook, resources: [anOrdersDb([aRestore(tookMs)])] }),
        WEEK,
        NOW
      );

      // Assess
      expect(figures.services[0]?.restoreTest).toEqual({
        status,
        restoreTestMs: 30 * DAY,
        lastAt: new Date(Date.parse('2026-11-03T10:00:00Z') + tookMs),
        durationMs: tookMs,
        ageMs: WEEK.end.getTime() - Date.parse('2026-11-03T10:00:00Z') - tookMs,
        failed: 0,
      });
    });

    it('carries the last validated test, its duration and message, and the failed one', () => {
      // Prepare
      const validated = {
        ...aRestore(HOUR),
        id: 'validated',
        source: 'backup-sentinel' as const,
        message: 'validation passed: DB instance t1 is available at t1.rds',
      };
      const failedTest = {
        ...aRestore(HOUR),
        id: 'failed',
        state: 'failed' as const,
        occurredAt: new Date('2026-11-04T10:00:00Z'),
        completedAt: new Date('2026-11-04T10:00:00Z'),
        message: 'validation failed: table t2 has 12 items, the source 1,000',
      };

      // Act
      const figures = computeWeeklyFigures(
        anInput({
          runbook,
          resources: [anOrdersDb([validated, failedTest])],
        }),
        WEEK,
        NOW
      );

      // Assess
      expect(figures.services[0]?.restoreTest).toMatchObject({
        status: 'ok',
        durationMs: HOUR,
        validated: {
          at: new Date('2026-11-04T10:00:00Z'),
          passed: false,
          message: 'validation failed: table t2 has 12 items, the source 1,000',
        },
        failed: 1,
        failedMessage:
          'validation failed: table t2 has 12 items, the source 1,000',
      });
    });

    it('says when the newest recoverable point is not the newest backup', () => {
      // Prepare
      const copied = aRunbook({
        services: [
          aService({
            backup: { copies: [{ region: 'us-west-2' }] },
            recovery: { restoreTestMs: 30 * DAY },
          }),
        ],
      });

      // Act
      const figures = computeWeeklyFigures(
        anInput({
          runbook: copied,
          resources: [
            {
              state: aResourceState({ lastBackup: aBackupFact() }),
              events: [],
            },
          ],
        }),
        WEEK,
        NOW
      );

      // Assess
      expect(figures.services[0]?.recoverability).toEqual([
        expect.stringMatching(
          /^orders-prod: newest backup .* old; nothing recoverable: its copy to us-west-2 has not landed$/
        ),
      ]);
    });

    it('reports an overdue restore test from the stored last restore', () => {
      // Prepare
      const history = {
        state: aResourceState({
          lastRestore: {
            at: new Date('2026-10-01T12:00:00Z'),
            eventId: 'r',
            state: 'completed',
            restoreTest: true,
            durationMs: HOUR,
          },
        }),
        events: [],
      };

      // Act
      const figures = computeWeeklyFigures(
        anInput({ runbook, resources: [history] }),
        WEEK,
        NOW
      );

      // Assess
      expect(figures.services[0]?.restoreTest).toMatchObject({
        status: 'overdue',
        lastAt: new Date('2026-10-01T12:00:00Z'),
      });
    });

    it.each([
      [
        'never when none was seen in the period',
        '2026-10-01T00:00:00Z',
        'never',
      ],
      [
        'not yet due for a resource seen lately',
        '2026-10-20T00:00:00Z',
        'not-yet-due',
      ],
    ])('reports %s', (_case, firstSeenAt, status) => {
      // Prepare
      const history = {
        state: aResourceState({ firstSeenAt: new Date(firstSeenAt) }),
        events: [],
      };

      // Act
      const figures = computeWeeklyFigures(
        anInput({ runbook, resources: [history] }),
        WEEK,
        NOW
      );

      // Assess
      expect(figures.services[0]?.restoreTest.status).toBe(status);
    });
  });

  it('counts alerts opened and resolved in the week with their time to resolve', () => {
    // Prepare: two incidents of orders-db, on two of its resources.
    const replica = `${ORDERS_DB_ARN}-replica`;
    const transitions = [
      aTransition(
        'open',
        'resolved',
        new Date('2026-11-04T12:00:00Z'),
        'rpo-breached',
        'orders-db',
        replica
      ),
      aTransition('new', 'open', new Date('2026-11-03T06:00:00Z')),
      aTransition('open', 'resolved', new Date('2026-11-03T09:00:00Z')),
      aTransition(
        'pending',
        'open',
        new Date('2026-10-30T12:00:00Z'),
        'rpo-breached',
        'orders-db',
        replica
      ),
      aTransition(
        'new',
        'pending',
        new Date('2026-11-05T06:00:00Z'),
        'backup-missed'
      ),
      aTransition(
        'new',
        'open',
        new Date('2026-11-09T01:00:00Z'),
        'backup-missed'
      ),
    ];

    // Act
    const figures = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb([])], transitions }),
      WEEK,
      NOW
    );

    // Assess
    expect(figures.alerts).toMatchObject({
      opened: 1,
      resolved: 2,
      meanTimeToResolveMs: (3 * HOUR + 5 * DAY) / 2,
      longestTimeToResolveMs: 5 * DAY,
    });
    expect(figures.alerts.entries).toEqual([
      expect.objectContaining({
        check: 'backup-failed',
        openedAt: new Date('2026-11-03T06:00:00Z'),
        resolvedAt: new Date('2026-11-03T09:00:00Z'),
        timeToResolveMs: 3 * HOUR,
      }),
      expect.objectContaining({
        check: 'rpo-breached',
        resolvedAt: new Date('2026-11-04T12:00:00Z'),
        timeToResolveMs: 5 * DAY,
      }),
    ]);
    expect(figures.services[0]?.alerts).toMatchObject({
      opened: 1,
      resolved: 2,
    });
  });

  it('lists resources no service claims that had events in the week', () => {
    // Prepare
    const stray = 'arn:aws:dynamodb:eu-west-1:111122223333:table/stray';
    const old = 'arn:aws:dynamodb:eu-west-1:111122223333:table/old';
    const resources = [
      {
        state: aResourceState({
          resourceArn: stray,
          resourceType: 'DynamoDB',
          service: undefined,
        }),
        events: [
          aJob(dueOn(2), { resourceArn: stray }),
          aJob(dueOn(3), { resourceArn: stray }),
        ],
      },
      {
        state: aResourceState({ resourceArn: old, service: undefined }),
        events: [aJob(dueOn(-3), { resourceArn: old })],
      },
    ];

    // Act
    const figures = computeWeeklyFigures(anInput({ resources }), WEEK, NOW);

    // Assess
    expect(figures.unmapped).toEqual([
      {
        resourceArn: stray,
        resourceType: 'DynamoDB',
        account: '111122223333',
        region: 'eu-west-1',
        events: 2,
        lastEventAt: new Date(dueOn(3).getTime() + 25 * MINUTE),
      },
    ]);
  });

  it('holds S3 replication to no schedule', () => {
    // Prepare
    const runbook = aRunbook({
      services: [aService({ backup: { automation: 's3-replication' } })],
    });

    // Act
    const figures = computeWeeklyFigures(
      anInput({ runbook, resources: [anOrdersDb([])] }),
      WEEK,
      NOW
    );

    // Assess
    expect(figures.services[0]).toMatchObject({ expected: 0, timeline: [] });
    expect(figures.services[0]?.resources[0]).toMatchObject({
      scheduled: false,
    });
    expect(figures.services[0]?.resources[0]?.gap).toBeUndefined();
    // A quiet week: no replication problem, the RPO held throughout.
    expect(figures.services[0]?.replication).toEqual({
      failed: 0,
      late: 0,
      reasons: [],
      withinRpoShare: 1,
    });
    expect(figures.services[0]?.score?.score).toBe(100);
  });

  it('holds S3 replication to its RPO while a failed or late replication is open', () => {
    // Prepare: problems stay open until an object replicates after them or
    // max(RPO 26 h, 24 h) = 26 h passes, as the checks hold their alerts.
    const runbook = aRunbook({
      services: [aService({ backup: { automation: 's3-replication' } })],
    });
    const replication = (
      at: string,
      state: 'failed' | 'late' | 'completed',
      failureReason?: string
    ) =>
      aBackupEvent({
        id: `s3:${at}:${state}`,
        source: 'aws.s3',
        kind: 'replication',
        state,
        occurredAt: new Date(at),
        ...(failureReason !== undefined && { failureReason }),
      });
    const events = [
      // Before the week: open until Mon 14:00, 14 h into it.
      replication('2026-11-01T12:00:00Z', 'failed', 'AccessDenied'),
      // 6 h, until an object replicated after it.
      replication('2026-11-03T10:00:00Z', 'failed', 'DstPutObjectNotPermitted'),
      replication('2026-11-03T16:00:00Z', 'completed'),
      // 26 h, ending before the week does.
      replication('2026-11-07T12:00:00Z', 'late'),
    ];

    // Act
    const figures = computeWeeklyFigures(
      anInput({ runbook, resources: [anOrdersDb(events)] }),
      WEEK,
      NOW
    );

    // Assess: 46 h of 168 open.
    const service = figures.services[0];
    expect(service?.replication).toEqual({
      failed: 1,
      late: 1,
      reasons: ['DstPutObjectNotPermitted'],
      withinRpoShare: 1 - 46 / 168,
    });
    expect(service?.withinRpoShare).toBe(1 - 46 / 168);
    expect(service?.score?.score).toBe(72.6);
  });

  it('scores the week by the stated formula and compares it with the week before', () => {
    // Prepare: 4 on time + 1 late of 7 expected; 44 h of 168 beyond the RPO.
    const events = [
      aJob(dueOn(0)),
      aJob(dueOn(1)),
      aJob(dueOn(3)),
      aJob(dueOn(5), { tookMs: 5 * HOUR }),
      aJob(dueOn(6)),
    ];
    const input = anInput({ resources: [anOrdersDb(events)] });
    const previous = computeWeeklyFigures(
      anInput({ resources: [anOrdersDb([])] }),
      { start: new Date(WEEK.start.getTime() - 7 * DAY), end: WEEK.start },
      NOW
    );

    // Act
    const figures = computeWeeklyFigures({ ...input, previous }, WEEK, NOW);

    // Assess: known since 1 October without a recovery point, the RPO was
    // already broken when the week began, until Monday's backup (02:05);
    // then 44 h more.
    const backups = 4.5 / 7;
    const rpo = 1 - (44 + 2 + 5 / 60) / 168;
    const expected =
      Math.round((1000 * (0.4 * backups + 0.3 * rpo)) / 0.7) / 10;
    expect(figures.services[0]?.score).toMatchObject({
      score: expected,
      backups,
      rpo: expect.closeTo(rpo, 10),
    });
    expect(figures.score).toBe(expected);
    // The week before had no backup, and none before it: never within RPO.
    const before = 0;
    expect(previous.score).toBe(before);
    expect(figures.previousScore).toBe(before);
    expect(figures.scoreChange).toBe(Math.round((expected - before) * 10) / 10);
    expect(figures.services[0]?.scoreChange).toBe(figures.scoreChange);
  });

  it('links each service to its runbook page and sections', () => {
    // Act
    const figures = computeWeeklyFigures(anInput(), WEEK, NOW);

    // Assess
    expect(figures.services[0]?.links).toEqual({
      page: 'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md',
      manualBackup:
        'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup',
      recovery:
        'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#recovery',
    });
    expect(figures.runbookUrl).toBe(
      'https://github.com/acme/shop/blob/main/runbook/'
    );
  });
});

describe('computeWeeklyFigures, every service counted', () => {
  const SCRIPT = 'arn:aws:s3:::acme-shop-terraform-state';
  const network = aService({
    id: 'network',
    name: 'Network',
    resources: [SCRIPT],
    backup: { automation: 'script' },
  });
  const runbook = aRunbook({
    services: [aService(), network],
    drills: {
      scenarios: [
        {
          id: 'region-failure',
          title: 'Region failure',
          everyMs: 180 * DAY,
          services: ['orders-db', 'network'],
          rtoMs: 2 * HOUR,
        },
      ],
    },
  });

  it('scores a service the monitor never heard from 0, saying why', () => {
    // Prepare: orders-db backs up daily; network never reported.
    const events = [0, 1, 2, 3, 4, 5, 6].map((d) => aJob(dueOn(d)));
    const input = anInput({ runbook, resources: [anOrdersDb(events)] });

    // Act
    const figures = computeWeeklyFigures(input, WEEK, NOW);

    // Assess
    const silent = figures.services.find((s) => s.service === 'network');
    expect(silent).toMatchObject({
      silent: 'never reported: no script backup has reached the monitor',
      expected: 7,
      missed: 7,
      withinRpoShare: 0,
      score: { score: 0 },
    });
    // Worst first: the silent service leads.
    expect(figures.services[0]?.service).toBe('network');
    expect(
      figures.services.find((s) => s.service === 'orders-db')?.silent
    ).toBeUndefined();
    expect(figures.reporting).toEqual({ services: 2, reporting: 1 });
  });

  it('calls a service silent when it reported before the week but not in it', () => {
    // Prepare
    const before = aJob(dueOn(-3));
    const input = anInput({ resources: [anOrdersDb([before])] });

    // Act
    const figures = computeWeeklyFigures(input, WEEK, NOW);

    // Assess
    expect(figures.services[0]?.silent).toBe('nothing reported this week');
    expect(figures.reporting).toEqual({ services: 1, reporting: 0 });
  });

  it("shows each drilled scenario's last drill against its RTO", () => {
    // Prepare: a 70-minute drill on Wednesday, within the 2 h RTO.
    const startedAt = new Date(WEEK.start.getTime() + 2 * DAY + 8 * HOUR);
    const drill = aBackupEvent({
      id: 'drill-1',
      source: 'backup-sentinel',
      kind: 'drill',
      state: 'completed',
      resourceArn: 'drill:region-failure',
      resourceType: 'Drill',
      startedAt,
      completedAt: new Date(startedAt.getTime() + 70 * MINUTE),
      occurredAt: new Date(startedAt.getTime() + 70 * MINUTE),
    });
    const scenario: ResourceHistory = {
      state: aResourceState({
        resourceArn: 'drill:region-failure',
        service: 'disaster-recovery',
      }),
      events: [drill],
    };
    const input = anInput({ runbook, resources: [scenario] });

    // Act
    const figures = computeWeeklyFigures(input, WEEK, NOW);

    // Assess
    expect(figures.drills).toEqual([
      {
        scenario: 'region-failure',
        title: 'Region failure',
        everyMs: 180 * DAY,
        rtoMs: 2 * HOUR,
        status: 'ok',
        lastAt: drill.completedAt,
        durationMs: 70 * MINUTE,
        failed: 0,
        link: 'https://github.com/acme/shop/blob/main/runbook/disaster-recovery.md#region-failure',
      },
    ]);
    // The scenario's resource is no unmapped one.
    expect(figures.unmapped).toEqual([]);
  });

  it('says a scenario never drilled had no drill recorded', () => {
    // Act
    const figures = computeWeeklyFigures(anInput({ runbook }), WEEK, NOW);

    // Assess
    expect(figures.drills[0]).toMatchObject({ status: 'never' });
    expect(figures.drills[0]?.lastAt).toBeUndefined();
  });
});

describe('foldWeeklyFigures', () => {
  it('gives what computeWeeklyFigures gives with the week before, whatever the order of services', () => {
    // Prepare: orders-db's week with a failure and a late backup, carts
    // healthy, a resource no service claims.
    const stray = 'arn:aws:dynamodb:eu-west-1:111122223333:table/stray';
    const cartsHistory = aHealthyCarts();
    const strayHistory: ResourceHistory = {
      state: aResourceState({ resourceArn: stray, service: undefined }),
      events: [aBackupEvent({ resourceArn: stray, occurredAt: dueOn(2) })],
    };
    const orders = anOrdersDb([
      aJob(dueOn(-6)),
      aJob(dueOn(0)),
      aJob(dueOn(1), { state: 'failed' }),
      aJob(dueOn(5), { tookMs: 5 * HOUR }),
    ]);
    const runbook = aRunbook({
      services: [
        aService(),
        aService({ id: 'carts', tier: 'standard', resources: [CARTS] }),
      ],
    });
    const input = anInput({
      runbook,
      resources: [orders, strayHistory, cartsHistory],
    });
    const before = {
      start: new Date(WEEK.start.getTime() - 7 * DAY),
      end: WEEK.start,
    };
    const expected = computeWeeklyFigures(
      { ...input, previous: computeWeeklyFigures(input, before, NOW) },
      WEEK,
      NOW
    );

    // Act
    const fold = foldWeeklyFigures(input, WEEK, before, NOW);
    fold.addService(runbook.services[1]!, [cartsHistory]);
    fold.addService(runbook.services[0]!, [orders]);
    fold.addDrills([]);
    fold.addUnowned(strayHistory);
    const figures = fold.finish();

    // Assess
    expect(figures).toEqual(expected);
    expect(figures.previousScore).toBeDefined();
    expect(figures.unmapped.map((u) => u.resourceArn)).toEqual([stray]);
  });
});
