import { afterEach, describe, expect, it } from 'vitest';
import { normalise } from '../../src/events/index.js';
import { DynamoDbHistoryStore } from '../../src/history/index.js';
import type { ResourceState } from '../../src/model/index.js';
import { runIngest } from '../../src/monitor/index.js';
import { type RunningDynalite, startDynalite } from '../helpers/dynalite.js';
import {
  fixture,
  fixturePaths,
  fixtureText,
} from '../helpers/eventFixtures.js';
import { fixtureRunbook } from '../helpers/fixtureRunbook.js';

const NOW = new Date('2024-07-01T00:00:00.000Z');
const EVER = [
  new Date('2000-01-01T00:00:00Z'),
  new Date('2100-01-01T00:00:00Z'),
] as const;
const ACCOUNT = '111122223333';
const ORDERS_DB = `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-db`;
const VOLUME = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0a1b2c3d4e5f67890`;
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/sessions`;
const EFS = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`;
const BUCKET = 'arn:aws:s3:::acme-invoices';
const AURORA = `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:payments-aurora`;

const runbook = fixtureRunbook();
const SERVICES = runbook.services.map((s) => s.id);

/** The monitor's whole view: every resource state, and its events. */
const snapshotOf = async (store: DynamoDbHistoryStore) => {
  const states: ResourceState[] = [];
  for (const id of SERVICES)
    states.push(...(await store.listServiceStates(id)));
  states.push(...(await store.listUnmappedStates()));
  states.sort((a, b) => a.resourceArn.localeCompare(b.resourceArn));
  const events = await Promise.all(
    states.map((s) => store.listEvents(s.resourceArn, ...EVER))
  );
  return { states, events };
};

// A small seeded PRNG (mulberry32): shuffles and generated data repeat.
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const shuffled = <T>(items: T[], next: () => number): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

const ALL_INPUTS = fixturePaths().map((path) => fixtureText(path));

describe('ingest against DynamoDB (dynalite)', () => {
  const servers: RunningDynalite[] = [];
  // One fresh table per store: each test starts from an empty history.
  const freshStore = async (): Promise<DynamoDbHistoryStore> => {
    const server = await startDynalite();
    servers.push(server);
    return new DynamoDbHistoryStore({
      client: server.client,
      tableName: server.tableName,
    });
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('ingests every fixture to the expected state', async () => {
    // Prepare
    const store = await freshStore();

    // Act
    const summary = await runIngest({ store, runbook }, ALL_INPUTS, NOW);

    // Assess
    expect(summary.rejections.map((r) => fixturePaths()[r.index])).toEqual([
      's3/s3-eventbridge.Object-Created.json',
    ]);
    expect(await store.listRejected(NOW)).toHaveLength(1);

    const orders = await store.getResourceState(ORDERS_DB);
    expect(orders).toMatchObject({
      service: 'orders-db',
      resourceType: 'RDS',
      // The automated snapshot (03:14) finished after the AWS Backup job (03:03).
      lastBackup: {
        at: new Date('2024-05-01T03:14:39.771Z'),
        state: 'completed',
        jobId: 'rds:orders-db-2024-05-01-03-10',
      },
      lastBackupStarted: { at: new Date('2024-05-01T03:10:04.018Z') },
      lastCopyFailure: {
        at: new Date('2024-05-01T03:31:40.441Z'),
        destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:dr-vault`,
      },
      lastRestore: {
        at: new Date('2024-05-04T06:41:30.266Z'),
        restoreTest: true,
        durationMs: 2_358_362,
      },
      lastConfigChange: {
        at: new Date('2024-05-06T11:02:09.105Z'),
        state: 'completed',
      },
    });

    const volume = await store.getResourceState(VOLUME);
    expect(volume).toMatchObject({
      service: 'media',
      lastBackup: {
        at: new Date('2024-05-01T03:18:42.517Z'),
        sizeBytes: 107374182400,
      },
      lastBackupStarted: { at: new Date('2024-05-01T03:15:00.000Z') },
      // Attributed through the snapshot: the restore event names no source.
      lastRestoreFailure: { jobId: '5D6E7F80-91A2-4B3C-8D4E-5F6A7B8C9D0E' },
      lastRecoveryPointRemoved: { state: 'expired' },
    });

    expect(await store.getResourceState(TABLE)).toMatchObject({
      service: 'sessions',
      lastBackup: { at: new Date('2024-05-01T03:13:42.517Z') },
      lastBackupFailure: {
        at: new Date('2024-05-02T03:12:05.318Z'),
        message:
          'Backup job failed because the IAM role does not have permission to perform dynamodb:CreateBackup.',
      },
      lastRecoveryPointRemoved: {
        state: 'deleted',
        deleteAt: new Date('2024-06-05T03:10:00.000Z'),
      },
    });

    expect(await store.getResourceState(EFS)).toMatchObject({
      service: 'media',
      copies: [
        {
          destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:dr-vault`,
        },
      ],
    });

    expect(await store.getResourceState(BUCKET)).toMatchObject({
      service: 'invoices',
      lastBackup: { message: expect.stringMatching(/completed with issues/) },
      lastReplicationFailure: {
        failureReason: 'DstPutObjectNotPermitted',
        objectKey: '2024/05/invoice 00042.pdf',
      },
      lastReplicationLate: { objectKey: '2024/05/invoice-00043.pdf' },
    });

    expect(await store.getResourceState(AURORA)).toMatchObject({
      service: 'payments',
      lastBackup: { at: new Date('2024-05-01T04:06:18.450Z') },
    });

    // Every tracked fixture's events are stored under their resource, or
    // held until an event says whose recovery point they name.
    for (const text of ALL_INPUTS) {
      const result = normalise(text);
      if (!result.ok) continue;
      for (const event of result.value) {
        const pointOnly = event.resourceArn === event.recoveryPointArn;
        const owner = pointOnly
          ? await store.findResourceByRecoveryPoint(event.resourceArn)
          : event.resourceArn;
        const stored =
          owner === undefined
            ? (await store.listHeldEvents(event.resourceArn)).map(
                (h) => h.event
              )
            : await store.listEvents(owner, ...EVER);
        expect(stored.map((e) => e.id)).toContain(event.id);
      }
    }
  });

  it('gives the same state for the fixtures delivered 3 times shuffled as for one ordered delivery', async () => {
    // Prepare
    const ordered = await freshStore();
    const replayed = await freshStore();
    const next = random(20240501);
    const thrice = shuffled(
      [...ALL_INPUTS, ...ALL_INPUTS, ...ALL_INPUTS],
      next
    );

    // Act
    const once = await runIngest({ store: ordered, runbook }, ALL_INPUTS, NOW);
    const summary = await runIngest({ store: replayed, runbook }, thrice, NOW);

    // Assess
    // The SNS-wrapped S3 fixture repeats the plain one: a duplicate already.
    expect(once.duplicates).toBe(1);
    expect(summary.recorded).toBe(once.recorded);
    expect(summary.duplicates).toBe(3 * (once.recorded + 1) - once.recorded);
    expect(await snapshotOf(replayed)).toEqual(await snapshotOf(ordered));
  });

  it('loses none of the valid events around malformed ones', async () => {
    // Prepare
    const store = await freshStore();
    const valid = [
      'aws-backup/backup-job-state-change.COMPLETED.rds-instance.BUILT.json',
      's3/sns-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json',
      'rds/rds-db-instance-event.RDS-EVENT-0028.backups-disabled.BUILT.json',
    ].map(fixtureText);
    const completed = fixture(
      'aws-backup/backup-job-state-change.COMPLETED.ebs-volume.BUILT.json'
    ) as { detail: Record<string, unknown> };
    const malformed = [
      '{"version":"0","id":"truncated',
      { ...completed, detail: { ...completed.detail, state: 42 } },
      {
        Type: 'Notification',
        Message: '{"Records":[{"eventSource":"aws:s3"}]}',
      },
      null,
    ];

    // Act
    const summary = await runIngest(
      { store, runbook },
      [
        valid[0],
        malformed[0],
        malformed[1],
        valid[1],
        malformed[2],
        malformed[3],
        valid[2],
      ],
      NOW
    );

    // Assess
    expect(summary).toMatchObject({
      recorded: 3,
      rejected: 4,
      duplicates: 0,
    });
    expect(summary.rejections.map((r) => r.index)).toEqual([1, 2, 4, 5]);
    expect(
      (await store.getResourceState(ORDERS_DB))?.lastConfigChange
    ).toBeDefined();
    expect((await store.getResourceState(ORDERS_DB))?.lastBackup).toBeDefined();
    expect(
      (await store.getResourceState(BUCKET))?.lastReplicationFailure
    ).toBeDefined();
    const kept = await store.listRejected(NOW);
    expect(kept).toHaveLength(4);
  });
});
