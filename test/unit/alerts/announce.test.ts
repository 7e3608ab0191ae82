import { describe, expect, it } from 'vitest';
import { announceChanges, changeNotice } from '../../../src/alerts/index.js';
import { RecordingChannel, RecordingLogger } from '../../helpers/alertFakes.js';
import {
  aBackupEvent,
  aRunbook,
  aService,
  LINKS,
  MINUTE,
  ORDERS_DB_ARN,
} from '../../helpers/builders.js';

const STARTED = new Date('2026-11-05T09:10:00Z');

/** A restore test of orders-prod that took `minutes` (RTO 4 h). */
const aRestoreTest = (minutes: number, restoreTest = true) =>
  aBackupEvent({
    id: `restore-${minutes}`,
    kind: 'restore',
    state: 'completed',
    jobId: 'restore-job-1',
    startedAt: STARTED,
    completedAt: new Date(STARTED.getTime() + minutes * MINUTE),
    occurredAt: new Date(STARTED.getTime() + minutes * MINUTE),
    restoreTest,
  });

describe('changeNotice', () => {
  it('puts a passed restore test on the timeline with its duration against the RTO', () => {
    // Act
    const notice = changeNotice(aRestoreTest(50), aService(), LINKS);

    // Assess
    expect(notice).toEqual({
      summary:
        'orders-db (orders-prod): restore test passed at 2026-11-05 10:00 UTC, took 50 min (RTO 4 h)',
      source: ORDERS_DB_ARN,
      at: new Date('2026-11-05T10:00:00Z'),
      details: {
        service: 'Orders database (orders-db)',
        job_id: 'restore-job-1',
        started: STARTED.toISOString(),
        completed: '2026-11-05T10:00:00.000Z',
        took: '50 min',
        rto: '4 h',
      },
      links: [
        {
          href: 'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#recovery',
          text: 'Runbook: recovery (Orders database)',
        },
      ],
    });
  });

  it('says by how much a slow restore test missed the RTO', () => {
    // Act
    const notice = changeNotice(aRestoreTest(5 * 60 + 30), aService(), LINKS);

    // Assess
    expect(notice?.summary).toContain(
      'took 5 h 30 min, 1 h 30 min over the 4 h RTO'
    );
  });

  it.each([
    ['a real restore', aRestoreTest(50, false)],
    [
      'a failed restore test',
      { ...aRestoreTest(50), state: 'failed' as const },
    ],
    ['a backup', aBackupEvent()],
  ])('gives nothing for %s', (_case, event) => {
    // Act & Assess
    expect(changeNotice(event, aService(), LINKS)).toBeUndefined();
  });
});

describe('announceChanges', () => {
  it('announces on the channels of the route that keep a timeline, and drops what fails', async () => {
    // Prepare
    const pagerduty = Object.assign(new RecordingChannel('pagerduty'), {
      announced: [] as unknown[],
      async announce(notice: unknown) {
        this.announced.push(notice);
      },
    });
    const sns = new RecordingChannel('sns');
    const logger = new RecordingLogger();
    const failing = Object.assign(new RecordingChannel('pagerduty'), {
      async announce() {
        throw new Error('PagerDuty answered 503');
      },
    });

    // Act
    const sent = await announceChanges(
      { runbook: aRunbook(), channels: [pagerduty, sns, failing], logger },
      [
        { event: aRestoreTest(50), service: 'orders-db' },
        { event: aBackupEvent(), service: 'orders-db' },
        { event: aRestoreTest(60), service: undefined },
      ]
    );

    // Assess
    expect(sent).toBe(1);
    expect(pagerduty.announced).toHaveLength(1);
    expect(sns.calls).toBe(0);
    expect(logger.entries.map((e) => e.level)).toEqual(['warn']);
  });

  it('puts a passed DR drill on the timeline of the route runbook.yml drills page', async () => {
    // Prepare
    const announced: { notice: unknown; route: unknown }[] = [];
    const pagerduty = Object.assign(new RecordingChannel('pagerduty'), {
      async announce(notice: unknown, route: unknown) {
        announced.push({ notice, route });
      },
    });
    const runbook = aRunbook({
      drills: {
        alerts: 'oncall',
        scenarios: [
          {
            id: 'region-failure',
            title: 'Region failure',
            everyMs: 180 * 24 * 60 * MINUTE,
            services: ['orders-db'],
            rtoMs: 60 * MINUTE,
          },
        ],
      },
    });
    const drill = aBackupEvent({
      id: 'drill-1',
      kind: 'drill',
      state: 'completed',
      resourceArn: 'drill:region-failure',
      startedAt: STARTED,
      completedAt: new Date(STARTED.getTime() + 70 * MINUTE),
      occurredAt: new Date(STARTED.getTime() + 70 * MINUTE),
    });

    // Act
    const sent = await announceChanges({ runbook, channels: [pagerduty] }, [
      { event: drill, service: 'disaster-recovery' },
    ]);

    // Assess
    expect(sent).toBe(1);
    expect(announced).toEqual([
      {
        route: runbook.alerts.oncall,
        notice: expect.objectContaining({
          summary:
            'DR drill passed: Region failure at 2026-11-05 10:20 UTC, took 1 h 10 min, 10 min over the 1 h RTO',
          source: 'drill:region-failure',
          links: [
            expect.objectContaining({
              href: expect.stringContaining('disaster-recovery'),
            }),
          ],
        }),
      },
    ]);
  });
});
