import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import {
  InMemoryHistoryStore,
  StoreError,
} from '../../../src/history/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import { RESERVE_MS, runIngestHandler } from '../../../src/monitor/index.js';
import { RecordingChannel } from '../../helpers/alertFakes.js';
import { fixture, fixtureText } from '../../helpers/eventFixtures.js';
import { fixtureRunbook } from '../../helpers/fixtureRunbook.js';
import { sqsEvent } from '../../helpers/sqsEvent.js';

const NOW = new Date('2024-05-06T12:00:00.000Z');

const PLAIN_S3 =
  's3/s3-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json';
const SNS_S3 =
  's3/sns-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json';
const DOC_S3 = 's3/s3-notification.Replication-OperationFailedReplication.json';
const ORDERS_BACKUP =
  'aws-backup/backup-job-state-change.COMPLETED.rds-instance.BUILT.json';

class BucketFailingStore extends InMemoryHistoryStore {
  constructor(private readonly failingArn: string) {
    super();
  }

  override async recordEvent(
    event: BackupEvent,
    serviceId: string | undefined,
    now: Date
  ) {
    if (event.resourceArn === this.failingArn) {
      throw new StoreError('recordEvent failed: throttled', {
        operation: 'recordEvent',
        retryable: true,
      });
    }
    return super.recordEvent(event, serviceId, now);
  }
}

const setup = (store = new InMemoryHistoryStore()) => {
  const logger = new Logger({ serviceName: 'ingest', logLevel: 'SILENT' });
  const metrics = new Metrics({
    namespace: 'BackupSentinelTest',
    serviceName: 'ingest',
  });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  const publish = vi
    .spyOn(metrics, 'publishStoredMetrics')
    .mockImplementation(() => metrics);
  const warn = vi.spyOn(logger, 'warn');
  const deps = { store, runbook: fixtureRunbook(), logger, metrics };
  const metric = (name: string): number | undefined =>
    addMetric.mock.calls.find(([n]) => n === name)?.[2];
  return { store, deps, metric, publish, warn };
};

describe('runIngestHandler', () => {
  it('ingests an EventBridge event and publishes the counts', async () => {
    // Prepare
    const { deps, metric, publish } = setup();

    // Act
    const response = await runIngestHandler(
      deps,
      fixture(ORDERS_BACKUP),
      undefined,
      NOW
    );

    // Assess
    expect(response).toBeUndefined();
    expect([
      metric('EventsRecorded'),
      metric('EventsDuplicate'),
      metric('EventsRejected'),
    ]).toEqual([1, 0, 0]);
    expect(publish).toHaveBeenCalledOnce();
  });

  it('keeps a malformed SQS message as rejected without failing it', async () => {
    // Prepare
    const { store, deps, metric, warn } = setup();
    const event = sqsEvent([
      fixtureText(PLAIN_S3),
      '{"Records": [{"eventSource": "aws:s3"}]}',
      // The same record SNS-wrapped: a duplicate of the first message.
      fixtureText(SNS_S3),
      fixtureText(DOC_S3),
    ]);

    // Act
    const response = await runIngestHandler(deps, event, undefined, NOW);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect([
      metric('EventsRecorded'),
      metric('EventsDuplicate'),
      metric('EventsRejected'),
    ]).toEqual([2, 1, 1]);
    expect(warn).toHaveBeenCalledWith(
      'rejected input',
      expect.objectContaining({ messageId: 'message-1' })
    );
    expect(await store.listRejected(NOW)).toHaveLength(1);
  });

  it('fails only the message whose store write failed', async () => {
    // Prepare
    const { deps } = setup(
      new BucketFailingStore('arn:aws:s3:::amzn-s3-demo-bucket1')
    );
    const event = sqsEvent([fixtureText(PLAIN_S3), fixtureText(DOC_S3)]);

    // Act
    const response = await runIngestHandler(deps, event, undefined, NOW);

    // Assess
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: 'message-1' }],
    });
  });

  it('reads no incidents for a resource in none whose checks pass', async () => {
    // Prepare
    const { deps, store } = setup();
    const reads = vi.spyOn(store, 'listServiceAlerts');

    // Act: seconds after the backup completed.
    await runIngestHandler(
      deps,
      fixture(ORDERS_BACKUP),
      undefined,
      new Date('2024-05-01T03:03:47Z')
    );

    // Assess
    expect(reads).not.toHaveBeenCalled();
  });

  it('evaluates a batch once, each resource it touched once', async () => {
    // Prepare: two messages about the same bucket's failed replication.
    const { deps, store } = setup();
    const reads = vi.spyOn(store, 'listServiceAlerts');
    const event = sqsEvent([fixtureText(PLAIN_S3), fixtureText(SNS_S3)]);

    // Act
    const response = await runIngestHandler(deps, event, undefined, NOW);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(reads).toHaveBeenCalledOnce();
    expect(await store.listActiveAlerts()).toHaveLength(1);
  });

  it('throws when every message of a batch failed, and still publishes', async () => {
    // Prepare
    const { deps, publish } = setup(
      new BucketFailingStore('arn:aws:s3:::acme-invoices')
    );
    const event = sqsEvent([fixtureText(PLAIN_S3)]);

    // Act
    const run = runIngestHandler(deps, event, undefined, NOW);

    // Assess
    await expect(run).rejects.toBeInstanceOf(FullBatchFailureError);
    expect(publish).toHaveBeenCalledOnce();
  });

  it('throws a store error for an EventBridge event so Lambda retries it', async () => {
    // Prepare
    const { deps } = setup(
      new BucketFailingStore('arn:aws:rds:us-east-1:111122223333:db:orders-db')
    );

    // Act
    const run = runIngestHandler(deps, fixture(ORDERS_BACKUP), undefined, NOW);

    // Assess
    await expect(run).rejects.toBeInstanceOf(StoreError);
  });

  it('gives the channels a deadline from the time Lambda leaves, less what follows the deliveries', async () => {
    // Prepare
    const { deps } = setup();
    const channel = new RecordingChannel('sns');
    const context = { getRemainingTimeInMillis: () => 20_000 } as Context;

    // Act
    await runIngestHandler(
      { ...deps, channels: [channel] },
      fixture(
        'aws-backup/backup-job-state-change.FAILED.dynamodb-table.BUILT.json'
      ),
      context,
      NOW
    );

    // Assess
    expect(channel.delivered.map((d) => d.context.deadline)).toEqual([
      new Date(NOW.getTime() + 20_000 - RESERVE_MS),
    ]);
  });
});
