import { describe, expect, it } from 'vitest';
import {
  InMemoryHistoryStore,
  StoreError,
} from '../../../src/history/index.js';
import { DRILLS_SERVICE } from '../../../src/model/index.js';
import {
  collectFindings,
  HOLD_LIMIT_MS,
  runIngest,
} from '../../../src/monitor/index.js';
import {
  ACCOUNT,
  aRunbook,
  aService,
  DAY,
  HOUR,
  ORDERS_DB_ARN,
} from '../../helpers/builders.js';
import { fixture, fixtureText } from '../../helpers/eventFixtures.js';
import { fixtureRunbook } from '../../helpers/fixtureRunbook.js';

const NOW = new Date('2024-05-06T12:00:00.000Z');

const ORDERS_DB = 'arn:aws:rds:us-east-1:111122223333:db:orders-db';
const VOLUME =
  'arn:aws:ec2:us-east-1:111122223333:volume/vol-0a1b2c3d4e5f67890';
const VOLUME_RP = 'arn:aws:ec2:us-east-1::snapshot/snap-0f1e2d3c4b5a69788';

const ORDERS_BACKUP =
  'aws-backup/backup-job-state-change.COMPLETED.rds-instance.BUILT.json';
const VOLUME_BACKUP =
  'aws-backup/backup-job-state-change.COMPLETED.ebs-volume.BUILT.json';
const VOLUME_RESTORE =
  'aws-backup/restore-job-state-change.FAILED.ebs-volume.BUILT.json';

const setup = () => {
  const store = new InMemoryHistoryStore();
  return { store, deps: { store, runbook: fixtureRunbook() } };
};

describe('runIngest', () => {
  it('records an event under the service whose resources claim it', async () => {
    // Prepare
    const { store, deps } = setup();

    // Act
    const summary = await runIngest(deps, [fixture(ORDERS_BACKUP)], NOW);

    // Assess
    expect(summary).toEqual({
      recorded: 1,
      duplicates: 0,
      held: 0,
      rejected: 0,
      ignored: 0,
      rejections: [],
      ignores: [],
    });
    const state = await store.getResourceState(ORDERS_DB);
    expect(state?.service).toBe('orders-db');
    expect(state?.lastBackup?.recoveryPointArn).toBe(
      'arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-429223d4-273f-4b6c-b983-4eedbc0e58b8'
    );
  });

  it('records a resource no service claims with no service', async () => {
    // Prepare
    const { store, deps } = setup();
    const raw = fixture('aws-backup/copy-job-state-change.COMPLETED.json');

    // Act
    await runIngest(deps, [raw], NOW);

    // Assess
    const unmapped = await store.listUnmappedStates();
    expect(unmapped.map((s) => s.resourceArn)).toEqual([
      'arn:aws:ec2:us-west-2:1112233445566:volume/vol-050eba21ee4d3c001',
    ]);
  });

  it('counts a redelivered event as a duplicate and changes nothing', async () => {
    // Prepare
    const { store, deps } = setup();
    await runIngest(deps, [fixture(ORDERS_BACKUP)], NOW);
    const before = await store.getResourceState(ORDERS_DB);

    // Act
    const summary = await runIngest(deps, [fixtureText(ORDERS_BACKUP)], NOW);

    // Assess
    expect(summary).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(await store.getResourceState(ORDERS_DB)).toEqual(before);
  });

  it('keeps rejected inputs with their reasons and goes on with the rest', async () => {
    // Prepare
    const { store, deps } = setup();
    const inputs = [
      '{"Records": [',
      fixture(ORDERS_BACKUP),
      { hello: 'world' },
    ];

    // Act
    const summary = await runIngest(deps, inputs, NOW);

    // Assess
    expect(summary.recorded).toBe(1);
    expect(summary.rejected).toBe(2);
    expect(summary.rejections.map((r) => r.index)).toEqual([0, 2]);
    const kept = await store.listRejected(NOW);
    expect(kept.map((r) => r.raw).sort()).toEqual([
      '{"Records": [',
      '{"hello":"world"}',
    ]);
  });

  it('counts valid inputs that say nothing tracked as ignored', async () => {
    // Prepare
    const { deps } = setup();
    const inputs = [
      fixture('aws-backup/backup-job-state-change.CREATED.json'),
      fixture('s3/s3-test-event.BUILT.json'),
    ];

    // Act
    const summary = await runIngest(deps, inputs, NOW);

    // Assess
    expect(summary).toMatchObject({ recorded: 0, ignored: 2, rejected: 0 });
    expect(summary.ignores).toEqual([
      {
        index: 0,
        reason:
          "Backup Job State Change CREATED: a state the monitor does not track; the job's later states say what became of it",
      },
      {
        index: 1,
        reason:
          's3:TestEvent: S3 sends it once when notifications are configured',
      },
    ]);
  });

  it('attributes a restore without its source through the recovery point, in any order', async () => {
    // Prepare
    const { store, deps } = setup();
    const inputs = [fixture(VOLUME_RESTORE), fixture(VOLUME_BACKUP)];

    // Act
    await runIngest(deps, inputs, NOW);

    // Assess
    const state = await store.getResourceState(VOLUME);
    expect(state?.service).toBe('media');
    expect(state?.lastRestoreFailure?.jobId).toBe(
      '5D6E7F80-91A2-4B3C-8D4E-5F6A7B8C9D0E'
    );
    expect(await store.getResourceState(VOLUME_RP)).toBeUndefined();
  });

  it('attributes a restore whose backup job came in an earlier run', async () => {
    // Prepare
    const { store, deps } = setup();
    await runIngest(deps, [fixture(VOLUME_BACKUP)], NOW);

    // Act
    await runIngest(deps, [fixture(VOLUME_RESTORE)], NOW);

    // Assess
    expect(
      (await store.getResourceState(VOLUME))?.lastRestoreFailure
    ).toBeDefined();
  });

  it('holds a restore no recorded job owns, and records it as an unmapped recovery point a day on', async () => {
    // Prepare
    const { store, deps } = setup();

    const failedAt = new Date('2024-05-05T09:20:51Z').getTime();

    // Act
    const summary = await runIngest(deps, [fixture(VOLUME_RESTORE)], NOW);
    const before = await collectFindings(
      deps,
      new Date(failedAt + HOLD_LIMIT_MS - 1000)
    );
    const after = await collectFindings(
      deps,
      new Date(failedAt + HOLD_LIMIT_MS)
    );

    // Assess
    expect(summary).toMatchObject({ recorded: 0, held: 1 });
    expect(before.filter((f) => f.check === 'unmapped-resource')).toEqual([]);
    expect(after.filter((f) => f.check === 'unmapped-resource')).toEqual([
      expect.objectContaining({ resource: VOLUME_RP }),
    ]);
    expect(await store.listHeldEvents()).toEqual([]);
    const state = await store.getResourceState(VOLUME_RP);
    expect(state?.service).toBeUndefined();
    expect(state?.lastRestoreFailure).toBeDefined();
  });

  it('evaluates only the resources the events touched, duplicates too, on the states their writes returned', async () => {
    // Prepare
    class WatchedStore extends InMemoryHistoryStore {
      readonly alertReads: string[] = [];
      stateReads = 0;
      override async listServiceAlerts(serviceId: string) {
        this.alertReads.push(serviceId);
        return super.listServiceAlerts(serviceId);
      }
      override async getResourceState(resourceArn: string) {
        this.stateReads += 1;
        return super.getResourceState(resourceArn);
      }
    }
    const store = new WatchedStore();
    const deps = { store, runbook: fixtureRunbook() };
    await runIngest(deps, [fixture(ORDERS_BACKUP)], NOW);
    store.alertReads.length = 0;

    // Act
    await runIngest(
      deps,
      [fixture(ORDERS_BACKUP), fixture(VOLUME_BACKUP)],
      NOW
    );
    await runIngest(deps, [fixture(VOLUME_BACKUP)], NOW);

    // Assess: a duplicate is evaluated again (its first delivery may have
    // failed before it was); no state was read again; the incidents read
    // are those of the touched resources' services.
    expect(store.alertReads).toEqual(['orders-db', 'media', 'media']);
    expect(store.stateReads).toBe(0);
  });

  it('lets store errors propagate so the platform retries', async () => {
    // Prepare
    class FailingStore extends InMemoryHistoryStore {
      override async recordEvent(): Promise<never> {
        throw new StoreError('throttled', {
          operation: 'recordEvent',
          retryable: true,
        });
      }
    }
    const deps = { store: new FailingStore(), runbook: fixtureRunbook() };

    // Act
    const run = runIngest(deps, [fixture(ORDERS_BACKUP)], NOW);

    // Assess
    await expect(run).rejects.toBeInstanceOf(StoreError);
  });

  it('keeps an event the store refuses for good as rejected instead of throwing', async () => {
    // Prepare
    class RefusingStore extends InMemoryHistoryStore {
      override async recordEvent(): Promise<never> {
        throw new StoreError(
          'recordEvent failed: Item size has exceeded the maximum allowed size',
          {
            operation: 'recordEvent',
            retryable: false,
          }
        );
      }
    }
    const store = new RefusingStore();
    const deps = { store, runbook: fixtureRunbook() };

    // Act
    const summary = await runIngest(deps, [fixture(ORDERS_BACKUP)], NOW);

    // Assess
    expect(summary).toMatchObject({ recorded: 0, rejected: 1 });
    expect(summary.rejections[0]?.issues[0]?.message).toMatch(
      /refused the event/
    );
    expect(await store.listRejected(NOW)).toHaveLength(1);
  });
});

describe("runIngest, with the product's own reports", () => {
  const SCRIPTED = 'arn:aws:s3:::acme-shop-terraform-state';
  const runbook = aRunbook({
    services: [
      aService({
        id: 'network',
        resources: [SCRIPTED],
        backup: { automation: 'script' },
      }),
      aService(),
    ],
    drills: {
      scenarios: [
        {
          id: 'region-failure',
          title: 'Region failure',
          everyMs: 180 * DAY,
          services: ['network', 'orders-db'],
          rtoMs: 2 * HOUR,
        },
      ],
    },
  });
  const report = (
    detailType: string,
    detail: Record<string, unknown>,
    id = 'put-1'
  ) => ({
    version: '0',
    id,
    'detail-type': detailType,
    source: 'backup-sentinel',
    account: ACCOUNT,
    time: '2024-05-06T03:04:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  });
  const backup = (service: string, resource: string) =>
    report('Backup Job Report', {
      service,
      resource,
      state: 'completed',
      completedAt: '2024-05-06T03:04:00Z',
    });

  it('records a report under the service it names', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();

    // Act
    const summary = await runIngest(
      { store, runbook },
      [backup('network', SCRIPTED)],
      NOW
    );

    // Assess
    expect(summary.recorded).toBe(1);
    expect(await store.getResourceState(SCRIPTED)).toMatchObject({
      service: 'network',
      lastBackup: expect.objectContaining({ state: 'completed' }),
    });
  });

  it('rejects a report whose service does not claim its resource, and keeps the rest of the batch', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();

    // Act
    const summary = await runIngest(
      { store, runbook },
      [
        backup('network', ORDERS_DB_ARN),
        backup('payments', SCRIPTED),
        backup('network', SCRIPTED),
      ],
      NOW
    );

    // Assess
    expect(summary).toMatchObject({ recorded: 1, rejected: 2 });
    expect(summary.rejections).toEqual([
      {
        index: 0,
        issues: [
          {
            path: 'detail.resource',
            message: `service 'network' does not claim '${ORDERS_DB_ARN}' ('orders-db' does)`,
          },
        ],
      },
      {
        index: 1,
        issues: [
          {
            path: 'detail.resource',
            message: `there is no service 'payments' to claim '${SCRIPTED}' ('network' does)`,
          },
        ],
      },
    ]);
    expect(await store.getResourceState(ORDERS_DB_ARN)).toBeUndefined();
  });

  it('records a drill under its scenario, and its restores under their services', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();
    const drill = report('DR Drill Report', {
      scenario: 'region-failure',
      state: 'completed',
      startedAt: '2024-05-04T08:00:00Z',
      completedAt: '2024-05-04T09:10:00Z',
      services: [
        { service: 'network', resource: SCRIPTED, restoredInSeconds: 600 },
      ],
    });

    // Act
    const summary = await runIngest({ store, runbook }, [drill], NOW);

    // Assess
    expect(summary.recorded).toBe(2);
    expect(await store.getResourceState('drill:region-failure')).toMatchObject({
      service: DRILLS_SERVICE,
      lastDrill: expect.objectContaining({ durationMs: 70 * 60_000 }),
    });
    expect(await store.getResourceState(SCRIPTED)).toMatchObject({
      service: 'network',
      lastRestore: expect.objectContaining({
        durationMs: 10 * 60_000,
        restoreTest: true,
      }),
    });
  });

  it('rejects a drill of a scenario runbook.yml does not drill', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();
    const drill = report('DR Drill Report', {
      scenario: 'total-outage',
      state: 'completed',
      startedAt: '2024-05-04T08:00:00Z',
    });

    // Act
    const summary = await runIngest({ store, runbook }, [drill], NOW);

    // Assess
    expect(summary.rejections).toEqual([
      {
        index: 0,
        issues: [
          {
            path: 'detail.scenario',
            message:
              "'total-outage' is not a scenario runbook.yml drills (region-failure)",
          },
        ],
      },
    ]);
  });
});
