import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  channelsForRoute,
  EvaluationError,
} from '../../../src/alerts/index.js';
import { REQUESTS_IN_FLIGHT } from '../../../src/concurrency.js';
import { InMemoryHistoryStore } from '../../../src/history/index.js';
import type { AlertRecord, BackupEvent } from '../../../src/model/index.js';
import type { MonitorDeps } from '../../../src/monitor/index.js';
import {
  collectFindings,
  evaluateResources,
  runEvaluation,
  runIngest,
} from '../../../src/monitor/index.js';
import type { Runbook } from '../../../src/runbook/index.js';
import {
  RecordingChannel,
  RecordingLogger,
  RecordingMetrics,
} from '../../helpers/alertFakes.js';
import {
  ACCOUNT,
  aBackupEvent,
  aRunbook,
  aService,
  DAY,
  HOUR,
  MINUTE,
  ORDERS_DB_ARN,
  REGION,
} from '../../helpers/builders.js';

// orders-db: last good backup created 2026-11-04 02:05 (completed 02:25);
// tonight's job fails at 02:40. Backup-missed is not due before 05:30.
const FAILED_AT = new Date('2026-11-05T02:40:00Z');
const NOW = new Date('2026-11-05T03:00:00Z');
const LATER = new Date('2026-11-05T03:45:00Z');
const PAYMENTS_DB_ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:db:payments-prod`;
const STRAY_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/stray`;

const GOOD: BackupEvent = aBackupEvent({ id: 'evt-good' });
const FAILED: BackupEvent = aBackupEvent({
  id: 'evt-failed',
  state: 'failed',
  jobId: 'job-failed',
  recoveryPointArn: undefined,
  sizeBytes: undefined,
  startedAt: new Date('2026-11-05T02:05:00Z'),
  completedAt: undefined,
  occurredAt: FAILED_AT,
  message: 'Backup job failed because the vault does not exist.',
});
const RECOVERED: BackupEvent = aBackupEvent({
  id: 'evt-recovered',
  jobId: 'job-recovered',
  recoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-recovered`,
  startedAt: new Date('2026-11-05T03:05:00Z'),
  completedAt: new Date('2026-11-05T03:30:00Z'),
  occurredAt: new Date('2026-11-05T03:30:00Z'),
});

let store: InMemoryHistoryStore;
let pagerduty: RecordingChannel;
let sns: RecordingChannel;
let logger: RecordingLogger;
let metrics: RecordingMetrics;

const depsFor = (runbook: Runbook = aRunbook()): MonitorDeps => ({
  store,
  runbook,
  channels: [pagerduty, sns],
  logger,
  metrics,
});

const record = async (...events: BackupEvent[]): Promise<void> => {
  for (const event of events) {
    await store.recordEvent(event, 'orders-db', event.occurredAt);
  }
};

beforeEach(() => {
  store = new InMemoryHistoryStore();
  pagerduty = new RecordingChannel('pagerduty');
  sns = new RecordingChannel('sns');
  logger = new RecordingLogger();
  metrics = new RecordingMetrics();
});

describe('runEvaluation', () => {
  it('opens an alert for a failed backup and pages every channel of the route', async () => {
    // Prepare
    await record(GOOD, FAILED);

    // Act
    const summary = await runEvaluation(depsFor(), NOW);

    // Assess
    expect(summary).toEqual({
      services: 1,
      resources: 1,
      findings: 1,
      opened: 1,
      resolved: 0,
      notified: 2,
      failedDeliveries: 0,
      conflicts: 0,
      errors: 0,
    });
    expect(pagerduty.delivered).toEqual([
      expect.objectContaining({
        action: 'trigger',
        alert: expect.objectContaining({
          key: { service: 'orders-db', resource: ORDERS_DB_ARN },
          status: 'open',
          findings: [expect.objectContaining({ check: 'backup-failed' })],
        }),
        context: {
          service: aService(),
          route: { pagerduty: '/backup-sentinel/pagerduty/oncall', sns: true },
          serviceUrl:
            'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md',
          states: [expect.objectContaining({ resourceArn: ORDERS_DB_ARN })],
        },
      }),
    ]);
    expect(sns.delivered.map((d) => d.action)).toEqual(['trigger']);
  });

  it('writes the heartbeat and publishes the heartbeat metric', async () => {
    // Prepare
    await record(GOOD, FAILED);

    // Act
    await runEvaluation(depsFor(), NOW);

    // Assess
    expect(await store.getHeartbeat()).toEqual({
      at: NOW,
      services: 1,
      resources: 1,
      openAlerts: 1,
    });
    expect(metrics.metrics).toContainEqual({
      name: 'EvaluationHeartbeat',
      value: 1,
    });
    expect(metrics.metrics).toContainEqual({ name: 'OpenAlerts', value: 1 });
    expect(metrics.flushes).toBe(1);
  });

  it('does not page again at the next evaluation before renotify', async () => {
    // Prepare
    await record(GOOD, FAILED);
    await runEvaluation(depsFor(), NOW);

    // Act
    const summary = await runEvaluation(
      depsFor(),
      new Date(NOW.getTime() + 15 * MINUTE)
    );

    // Assess
    expect(summary).toMatchObject({ findings: 1, opened: 0, notified: 0 });
    expect(pagerduty.delivered).toHaveLength(1);
  });

  it('resolves the alert once a backup completes and sends the resolution', async () => {
    // Prepare
    await record(GOOD, FAILED);
    await runEvaluation(depsFor(), NOW);
    await record(RECOVERED);

    // Act
    const summary = await runEvaluation(depsFor(), LATER);

    // Assess
    expect(summary).toMatchObject({ findings: 0, resolved: 1, notified: 2 });
    expect(pagerduty.delivered.map((d) => d.action)).toEqual([
      'trigger',
      'resolve',
    ]);
    expect(sns.delivered.map((d) => d.action)).toEqual(['trigger', 'resolve']);
    expect(await store.listActiveAlerts()).toEqual([]);
    expect(
      (await store.listTransitions(NOW, new Date(LATER.getTime() + 1))).map(
        (t) => [t.from, t.to]
      )
    ).toEqual([
      ['new', 'open'],
      ['open', 'resolved'],
    ]);
  });

  it('reads an alert only for findings without an active one', async () => {
    // Prepare
    await record(GOOD, FAILED);
    const getAlert = vi.spyOn(store, 'getAlert');
    await runEvaluation(depsFor(), NOW);
    const first = getAlert.mock.calls.length;

    // Act
    await runEvaluation(depsFor(), new Date(NOW.getTime() + 15 * MINUTE));

    // Assess
    expect(first).toBe(1);
    expect(getAlert).toHaveBeenCalledTimes(1);
  });

  it('creates a state item for each listed resource and pattern never seen, and evaluates them', async () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        aService({ resources: [ORDERS_DB_ARN, `${ORDERS_DB_ARN}-*`] }),
      ],
    });

    // Act
    const summary = await runEvaluation(depsFor(runbook), NOW);

    // Assess
    expect(await store.getResourceState(ORDERS_DB_ARN)).toMatchObject({
      service: 'orders-db',
      firstSeenAt: NOW,
    });
    // A pattern stands for itself until a resource it matches reports.
    expect(await store.getResourceState(`${ORDERS_DB_ARN}-*`)).toMatchObject({
      service: 'orders-db',
      firstSeenAt: NOW,
    });
    expect(summary).toMatchObject({ resources: 2, findings: 0 });
  });

  it('watches a pattern by the resources that reported under it, not by its placeholder', async () => {
    // Prepare: the placeholder was created a week ago; a replica reported.
    const runbook = aRunbook({
      services: [aService({ resources: [`${ORDERS_DB_ARN}-*`] })],
    });
    const weekAgo = new Date(NOW.getTime() - 7 * DAY);
    await store.ensureResource(`${ORDERS_DB_ARN}-*`, 'orders-db', weekAgo);
    const replica = `${ORDERS_DB_ARN}-replica`;
    await store.ensureResource(replica, 'orders-db', NOW);

    // Act
    const findings = await collectFindings({ store, runbook }, NOW);
    const summary = await runEvaluation(depsFor(runbook), NOW);

    // Assess: the week-old placeholder would breach the RPO; it is not watched.
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ resources: 1 });
  });

  it('records a silenced finding without paging', async () => {
    // Prepare
    await record(GOOD, FAILED);
    const runbook = aRunbook({
      services: [
        aService({
          silences: [
            { until: new Date('2026-11-06T00:00:00Z'), reason: 'migration' },
          ],
        }),
      ],
    });

    // Act
    const summary = await runEvaluation(depsFor(runbook), NOW);

    // Assess
    expect(summary).toMatchObject({ findings: 1, opened: 1, notified: 0 });
    expect(pagerduty.calls + sns.calls).toBe(0);
    expect(await store.listActiveAlerts()).toEqual([
      expect.objectContaining({ status: 'open', silenced: true, owed: [] }),
    ]);
  });

  it('pages nobody for a service without an alert route', async () => {
    // Prepare
    await record(GOOD, FAILED);
    const runbook = aRunbook({ services: [aService({ alerts: undefined })] });

    // Act
    const summary = await runEvaluation(depsFor(runbook), NOW);

    // Assess
    expect(summary).toMatchObject({ opened: 1, notified: 0 });
    expect(pagerduty.calls + sns.calls).toBe(0);
  });

  it('emails an unmapped resource through SNS, never paging', async () => {
    // Prepare
    await store.recordEvent(
      aBackupEvent({
        id: 'evt-stray',
        resourceArn: STRAY_ARN,
        resourceType: 'DynamoDB',
      }),
      undefined,
      NOW
    );

    // Act
    const summary = await runEvaluation(depsFor(), NOW);

    // Assess
    expect(summary).toMatchObject({ findings: 1, opened: 1, notified: 1 });
    expect(pagerduty.calls).toBe(0);
    expect(sns.delivered).toEqual([
      expect.objectContaining({
        action: 'trigger',
        alert: expect.objectContaining({
          key: { service: 'unmapped', resource: STRAY_ARN },
          findings: [expect.objectContaining({ check: 'unmapped-resource' })],
        }),
        context: expect.objectContaining({
          service: undefined,
          serviceUrl: 'https://github.com/acme/shop/blob/main/runbook/',
        }),
      }),
    ]);
  });

  it('evaluates an unmapped resource under the service that now claims it', async () => {
    // Prepare
    await store.recordEvent(
      aBackupEvent({ id: 'evt-p', resourceArn: PAYMENTS_DB_ARN }),
      undefined,
      NOW
    );
    const runbook = aRunbook({
      services: [
        aService(),
        aService({
          id: 'payments-db',
          resources: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:payments-*`],
        }),
      ],
    });

    // Act
    const summary = await runEvaluation(depsFor(runbook), NOW);

    // Assess
    expect(summary.findings).toBe(0);
  });

  it('moves an unmapped resource the runbook now claims under its service, and pages it there', async () => {
    // Prepare: payments-prod failed while no service claimed it.
    await store.recordEvent(
      aBackupEvent({ id: 'evt-p', resourceArn: PAYMENTS_DB_ARN }),
      undefined,
      NOW
    );
    await store.recordEvent(
      { ...FAILED, id: 'evt-p-failed', resourceArn: PAYMENTS_DB_ARN },
      undefined,
      NOW
    );
    const runbook = aRunbook({
      services: [
        aService(),
        aService({
          id: 'payments-db',
          resources: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:payments-*`],
        }),
      ],
    });

    // Act
    const summary = await runEvaluation(depsFor(runbook), NOW);

    // Assess
    expect(summary).toMatchObject({ findings: 1, opened: 1 });
    expect(await store.listUnmappedStates()).toEqual([]);
    expect(
      (await store.listServiceStates('payments-db')).map((s) => s.resourceArn)
    ).toContain(PAYMENTS_DB_ARN);
    expect(sns.delivered.map((d) => d.alert.key)).toEqual([
      { service: 'payments-db', resource: PAYMENTS_DB_ARN },
    ]);
  });

  it(`keeps at most ${REQUESTS_IN_FLIGHT} store requests in flight`, async () => {
    // Prepare: 100 services, each read slowly.
    const runbook = aRunbook({
      services: Array.from({ length: 100 }, (_, i) =>
        aService({ id: `svc-${i}`, resources: [`${ORDERS_DB_ARN}-${i}`] })
      ),
    });
    let inFlight = 0;
    let most = 0;
    const slowly =
      <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        return read(...args);
      };
    store.listServiceStates = slowly(store.listServiceStates.bind(store));
    store.listServiceRangeAlerts = slowly(
      store.listServiceRangeAlerts.bind(store)
    );
    store.listUnmappedStates = slowly(store.listUnmappedStates.bind(store));
    store.listActiveAlerts = slowly(store.listActiveAlerts.bind(store));

    // Act
    const summary = await runEvaluation(depsFor(runbook), NOW);

    // Assess
    expect(summary.services).toBe(100);
    expect(most).toBeLessThanOrEqual(REQUESTS_IN_FLIGHT);
    expect(most).toBeGreaterThan(REQUESTS_IN_FLIGHT - 4);
  });

  it('resolves an active alert whose service left the runbook', async () => {
    // Prepare
    await record(GOOD, FAILED);
    await runEvaluation(depsFor(), NOW);
    const runbook = aRunbook({
      services: [aService({ id: 'payments-db', resources: [PAYMENTS_DB_ARN] })],
    });

    // Act
    const summary = await runEvaluation(depsFor(runbook), LATER);

    // Assess
    expect(summary.resolved).toBe(1);
    expect(await store.listActiveAlerts()).toEqual([]);
  });

  it('lets the deps choose the channels of a route', async () => {
    // Prepare
    await record(GOOD, FAILED);

    // Act
    await runEvaluation({ ...depsFor(), routeChannels: () => ['sns'] }, NOW);

    // Assess
    expect(pagerduty.calls).toBe(0);
    expect(sns.delivered).toHaveLength(1);
  });

  it('processes the other alerts and then throws when the store fails for one', async () => {
    // Prepare
    await record(GOOD, FAILED);
    await store.recordEvent(
      aBackupEvent({ id: 'evt-stray', resourceArn: STRAY_ARN }),
      undefined,
      NOW
    );
    const save = store.saveAlert.bind(store);
    vi.spyOn(store, 'saveAlert').mockImplementation(
      async (alert: AlertRecord, expected: number | undefined) => {
        if (alert.key.service === 'orders-db') throw new Error('throttled');
        return save(alert, expected);
      }
    );

    // Act
    const run = runEvaluation(depsFor(), NOW);

    // Assess
    await expect(run).rejects.toBeInstanceOf(EvaluationError);
    await expect(run).rejects.toMatchObject({ failedAlerts: 1 });
    expect(sns.delivered).toHaveLength(1);
    expect(await store.getHeartbeat()).toMatchObject({ at: NOW });
    expect(metrics.metrics).toContainEqual({
      name: 'EvaluationErrors',
      value: 1,
    });
  });

  it('retries owed deliveries of an unchanged alert', async () => {
    // Prepare
    await record(GOOD, FAILED);
    pagerduty.down = true;
    await runEvaluation(depsFor(), NOW);
    pagerduty.down = false;

    // Act
    const summary = await runEvaluation(
      depsFor(),
      new Date(NOW.getTime() + 15 * MINUTE)
    );

    // Assess
    expect(summary).toMatchObject({ notified: 1, failedDeliveries: 0 });
    expect(pagerduty.delivered).toHaveLength(1);
    expect(sns.delivered).toHaveLength(1);
  });
});

describe('evaluateResources', () => {
  it('pages a failure of the given resource at once', async () => {
    // Prepare
    await record(GOOD, FAILED);

    // Act
    const summary = await evaluateResources(depsFor(), [ORDERS_DB_ARN], NOW);

    // Assess
    expect(summary).toMatchObject({ resources: 1, opened: 1, notified: 2 });
    expect(await store.getHeartbeat()).toBeUndefined();
  });

  it('resolves at once when a backup of the resource completes', async () => {
    // Prepare
    await record(GOOD, FAILED);
    await evaluateResources(depsFor(), [ORDERS_DB_ARN], NOW);
    await record(RECOVERED);

    // Act
    const summary = await evaluateResources(depsFor(), [ORDERS_DB_ARN], LATER);

    // Assess
    expect(summary.resolved).toBe(1);
  });

  it('leaves the alerts of other resources alone', async () => {
    // Prepare
    await record(GOOD, FAILED);
    await runEvaluation(depsFor(), NOW);

    // Act
    const summary = await evaluateResources(
      depsFor(),
      [PAYMENTS_DB_ARN],
      new Date(NOW.getTime() + 5 * HOUR)
    );

    // Assess
    expect(summary).toMatchObject({ resources: 0, resolved: 0 });
    expect(await store.listActiveAlerts()).toHaveLength(1);
  });
});

describe('channelsForRoute', () => {
  it.each([
    [{ pagerduty: '/pd/key', sns: true }, ['pagerduty', 'sns']],
    [{ pagerduty: '/pd/key', sns: false }, ['pagerduty']],
    [{ sns: true }, ['sns']],
    [undefined, []],
  ])('returns the channels of %o', (route, channels) => {
    // Act
    const result = channelsForRoute(route);

    // Assess
    expect(result).toEqual(channels);
  });
});

const FAILED_JOB_EVENT = {
  version: '0',
  id: 'b1c2d3e4-0000-4000-8000-000000000001',
  'detail-type': 'Backup Job State Change',
  source: 'aws.backup',
  account: ACCOUNT,
  time: '2026-11-05T02:40:00Z',
  region: REGION,
  resources: [],
  detail: {
    backupJobId: 'job-failed',
    resourceArn: ORDERS_DB_ARN,
    resourceType: 'RDS',
    state: 'FAILED',
    creationDate: '2026-11-05T02:05:00.000Z',
    completionDate: '2026-11-05T02:40:00.000Z',
    statusMessage: 'Backup job failed because the vault does not exist.',
  },
};

describe('runIngest, evaluating what it recorded', () => {
  it('pages the failure of an ingested event before any scheduled evaluation', async () => {
    // Prepare
    const deps = depsFor();
    // Act
    await runIngest(deps, [FAILED_JOB_EVENT], NOW);

    // Assess
    expect(
      pagerduty.delivered.map((d) => d.alert.findings.map((f) => f.check))
    ).toEqual([['backup-failed']]);
    expect(await store.getHeartbeat()).toBeUndefined();
  });

  it('leaves a service with a failureThreshold to the scheduled evaluations', async () => {
    // Prepare: two failing evaluations, 15 minutes apart, open its alert.
    const deps = depsFor(
      aRunbook({ services: [aService({ failureThreshold: 2 })] })
    );

    // Act: two invocations, as an SQS batch gives one per message.
    await runIngest(deps, [FAILED_JOB_EVENT], NOW);
    await runIngest(
      deps,
      [
        {
          ...FAILED_JOB_EVENT,
          id: 'second-failure',
          detail: {
            ...FAILED_JOB_EVENT.detail,
            backupJobId: 'job-failed-again',
          },
        },
      ],
      NOW
    );

    // Assess
    expect(pagerduty.calls + sns.calls).toBe(0);
    expect(await store.listActiveAlerts()).toEqual([]);
  });
});

describe('collectFindings', () => {
  it('returns the open findings without opening any alert', async () => {
    // Prepare
    await record(GOOD, FAILED);

    // Act
    const findings = await collectFindings({ store, runbook: aRunbook() }, NOW);

    // Assess
    expect(findings.map((f) => [f.service, f.check, f.status])).toEqual([
      ['orders-db', 'backup-failed', 'open'],
    ]);
    expect(await store.listActiveAlerts()).toEqual([]);
    expect(pagerduty.calls + sns.calls).toBe(0);
  });
});
