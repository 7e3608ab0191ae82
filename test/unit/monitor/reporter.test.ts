import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentinelEntry } from '../../../src/events/index.js';
import {
  createReporter,
  ReportNotSentError,
} from '../../../src/monitor/index.js';
import {
  type EventBridgeReceiver,
  startEventBridgeReceiver,
} from '../../helpers/receivers/index.js';

const AT = new Date('2026-11-06T03:04:00Z');

const ENTRY = (() => {
  const built = sentinelEntry(
    'backup',
    {
      service: 'network',
      resource: 'arn:aws:s3:::acme-shop-terraform-state',
      state: 'completed',
      jobId: 'tf-state-20261106',
    },
    AT
  );
  if (!built.ok) throw new Error('the test report does not build');
  return built.entry;
})();

let receiver: EventBridgeReceiver;
let client: EventBridgeClient;

beforeEach(async () => {
  receiver = await startEventBridgeReceiver();
  client = new EventBridgeClient({
    endpoint: receiver.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});

afterEach(async () => {
  client.destroy();
  await receiver.stop();
});

describe('createReporter', () => {
  it('puts the report on the bus with PutEvents, as EventBridge receives it', async () => {
    // Prepare
    const reporter = createReporter({ client, bus: 'shop-events' });

    // Act
    const id = await reporter.send(ENTRY);

    // Assess
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(receiver.entries).toEqual([
      {
        Source: 'backup-sentinel',
        DetailType: 'Backup Job Report',
        Detail: ENTRY.Detail,
        Resources: ['arn:aws:s3:::acme-shop-terraform-state'],
        Time: AT.getTime() / 1000,
        EventBusName: 'shop-events',
      },
    ]);
    expect(JSON.parse(receiver.entries[0]?.Detail ?? '')).toMatchObject({
      service: 'network',
      state: 'completed',
    });
  });

  it('sends again an entry EventBridge failed with a retryable code', async () => {
    // Prepare: HTTP 200, but the entry failed.
    receiver.failEntries('ThrottlingException', 2);
    const reporter = createReporter({ client, minTimeoutMs: 1 });

    // Act
    await reporter.send(ENTRY);

    // Assess
    expect(receiver.entries).toHaveLength(1);
  });

  it('gives up at once on a code a retry cannot fix, naming it', async () => {
    // Prepare
    receiver.failEntries('NotAuthorizedForSourceException', 1);
    const reporter = createReporter({ client, minTimeoutMs: 1 });

    // Act
    const sent = reporter.send(ENTRY);

    // Assess
    await expect(sent).rejects.toThrow(ReportNotSentError);
    await expect(sent).rejects.toMatchObject({
      code: 'NotAuthorizedForSourceException',
      message: expect.stringContaining('NotAuthorizedForSourceException'),
    });
    expect(receiver.entries).toEqual([]);
  });

  it('stops after its retries when EventBridge keeps failing the entry', async () => {
    // Prepare
    receiver.failEntries('InternalFailure', 10);
    const reporter = createReporter({ client, retries: 2, minTimeoutMs: 1 });

    // Act & Assess
    await expect(reporter.send(ENTRY)).rejects.toMatchObject({
      name: 'ReportNotSentError',
      code: 'InternalFailure',
    });
  });

  it('reports a request the service refused as not sent', async () => {
    // Prepare
    receiver.failNext(400);
    const reporter = createReporter({ client, minTimeoutMs: 1 });

    // Act & Assess
    await expect(reporter.send(ENTRY)).rejects.toThrow(
      /PutEvents failed: injected fault 400/
    );
  });

  it('says what to do when no region is set', async () => {
    // Prepare: a client with no region, as on a machine never configured.
    const unset = new EventBridgeClient({
      region: async () => {
        throw new Error('Region is missing');
      },
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const reporter = createReporter({ client: unset, minTimeoutMs: 1 });

    // Act & Assess
    await expect(reporter.send(ENTRY)).rejects.toThrow(
      'PutEvents failed: Region is missing: pass --region with the region the monitor is deployed in'
    );
    unset.destroy();
  });
});
