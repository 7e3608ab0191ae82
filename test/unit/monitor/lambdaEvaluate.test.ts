import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryHistoryStore } from '../../../src/history/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import {
  InvalidStepError,
  type MonitorDeps,
  RoundIncompleteError,
  runEvaluation,
  runEvaluationStep,
  type ShardSpec,
  type ShardSummary,
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
  ORDERS_DB_ARN,
  REGION,
} from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T03:00:00Z');
const PAYMENTS_DB_ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:db:payments-prod`;
const STRAY_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/stray`;

// Two shards as a plan with a small limit gives them: orders-db, then
// payments-db; shard 0 also owns what belongs to no service.
const SHARDS: ShardSpec[] = [
  { index: 0, through: 'orders-db' },
  { index: 1, after: 'orders-db' },
];

const failedBackup = (resourceArn: string, id: string): BackupEvent =>
  aBackupEvent({
    id,
    resourceArn,
    state: 'failed',
    recoveryPointArn: undefined,
    completedAt: undefined,
    sizeBytes: undefined,
    occurredAt: new Date('2026-11-05T02:40:00Z'),
  });

let store: InMemoryHistoryStore;
let sns: RecordingChannel;
let logger: RecordingLogger;
let metrics: RecordingMetrics;
let runbook: Runbook;

const deps = (): MonitorDeps => ({
  store,
  runbook,
  channels: [sns],
  routeChannels: () => ['sns'],
  logger,
  metrics,
});

const runShard = async (shard: ShardSpec): Promise<ShardSummary> =>
  (await runEvaluationStep(
    deps(),
    { step: 'shard', shard },
    undefined,
    NOW
  )) as ShardSummary;

/** orders-db and payments-db failed tonight; an unmapped table reported. */
const seed = async (target: InMemoryHistoryStore): Promise<void> => {
  await target.recordEvent(aBackupEvent(), 'orders-db', NOW);
  await target.recordEvent(
    failedBackup(ORDERS_DB_ARN, 'evt-orders'),
    'orders-db',
    NOW
  );
  await target.recordEvent(
    failedBackup(PAYMENTS_DB_ARN, 'evt-payments'),
    'payments-db',
    NOW
  );
  await target.recordEvent(
    aBackupEvent({ id: 'evt-stray', resourceArn: STRAY_ARN }),
    undefined,
    NOW
  );
};

beforeEach(async () => {
  store = new InMemoryHistoryStore();
  sns = new RecordingChannel('sns');
  logger = new RecordingLogger();
  metrics = new RecordingMetrics();
  runbook = aRunbook({
    services: [
      aService(),
      aService({ id: 'payments-db', resources: [PAYMENTS_DB_ARN] }),
    ],
  });
  await seed(store);
});

describe('runEvaluationStep', () => {
  it('plans the round as shards that cover every service', async () => {
    // Act
    const plan = await runEvaluationStep(
      deps(),
      { step: 'plan' },
      undefined,
      NOW
    );

    // Assess
    expect(plan).toEqual({ shards: [{ index: 0 }] });
  });

  it("settles only its own services' incidents in a shard", async () => {
    // Act
    const second = await runShard(SHARDS[1]!);

    // Assess
    expect(second).toMatchObject({
      shard: 1,
      services: 1,
      resources: 1,
      opened: 1,
      openAlerts: 1,
    });
    expect(sns.delivered.map((d) => d.alert.key)).toEqual([
      { service: 'payments-db', resource: PAYMENTS_DB_ARN },
    ]);
  });

  it('evaluates what belongs to no service in shard 0 only', async () => {
    // Act
    const first = await runShard(SHARDS[0]!);

    // Assess
    expect(first).toMatchObject({ services: 1, resources: 2, opened: 2 });
    expect(sns.delivered.map((d) => d.alert.key.service).sort()).toEqual([
      'orders-db',
      'unmapped',
    ]);
  });

  it('finishes a complete round with the totals one process gets, and the heartbeat', async () => {
    // Prepare
    const results = [await runShard(SHARDS[0]!), await runShard(SHARDS[1]!)];
    const alone = new InMemoryHistoryStore();
    await seed(alone);
    const oneProcess = await runEvaluation({ ...deps(), store: alone }, NOW);

    // Act
    const summary = await runEvaluationStep(
      deps(),
      { step: 'finish', shards: SHARDS, results },
      undefined,
      NOW
    );

    // Assess
    expect(summary).toEqual(oneProcess);
    expect(summary).toMatchObject({ services: 2, resources: 3, opened: 3 });
    expect(await store.getHeartbeat()).toEqual({
      at: NOW,
      services: 2,
      resources: 3,
      openAlerts: 3,
    });
    expect(metrics.metrics).toContainEqual({
      name: 'EvaluationHeartbeat',
      value: 1,
    });
  });

  it('withholds the heartbeat and names the shards that did not report', async () => {
    // Prepare
    const first = await runShard(SHARDS[0]!);
    const failure = {
      shard: 1,
      failed: true,
      error: 'Sandbox.Timedout',
    };

    // Act
    const finish = runEvaluationStep(
      deps(),
      { step: 'finish', shards: SHARDS, results: [first, failure] },
      undefined,
      NOW
    );

    // Assess
    await expect(finish).rejects.toBeInstanceOf(RoundIncompleteError);
    await expect(finish).rejects.toMatchObject({ missing: [1] });
    expect(await store.getHeartbeat()).toBeUndefined();
    expect(metrics.metrics.map((m) => m.name)).not.toContain(
      'EvaluationHeartbeat'
    );
    expect(metrics.metrics).toContainEqual({
      name: 'EvaluationShardsMissing',
      value: 1,
    });
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        extra: {
          reasons: [
            {
              shard: 1,
              error: 'Sandbox.Timedout',
            },
          ],
        },
      })
    );
  });

  it('counts a shard missing from the results as not reported', async () => {
    // Prepare
    const first = await runShard(SHARDS[0]!);

    // Act
    const finish = runEvaluationStep(
      deps(),
      { step: 'finish', shards: SHARDS, results: [first] },
      undefined,
      NOW
    );

    // Assess
    await expect(finish).rejects.toMatchObject({ missing: [1] });
  });

  it.each([
    [{ step: 'evaluate' }, 'step'],
    [{ step: 'shard', shard: { index: -1 } }, 'shard.index'],
    [{ step: 'finish', shards: [], results: [] }, 'shards'],
  ])(
    'refuses an input the state machine never sends (%j)',
    async (event, path) => {
      // Act
      const run = runEvaluationStep(deps(), event, undefined, NOW);

      // Assess
      await expect(run).rejects.toBeInstanceOf(InvalidStepError);
      await expect(run).rejects.toMatchObject({
        issues: [expect.objectContaining({ path })],
      });
    }
  );
});
