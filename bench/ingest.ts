import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { sqsBatch } from '../demo/index.js';
import type { Channel } from '../src/alerts/index.js';
import { mapLimit } from '../src/concurrency.js';
import { DynamoDbHistoryStore } from '../src/history/index.js';
import {
  type IngestHandlerDeps,
  runIngestHandler,
} from '../src/monitor/index.js';
import { startDynaliteProcess } from './dynalite.js';
import { buildFleet, type Fleet, fleetEvents, type RawEvent } from './fleet.js';
import {
  argument,
  countingClient,
  finish,
  mean,
  median,
  round,
  type Usage,
} from './measure.js';

/**
 * Issue 8, ingest: the ingest handler's throughput over 20,000 real-shaped
 * events, against one raw conditional PutItem per event on the same dynalite
 * in the same run, at the same concurrency; and (issue 18) the DynamoDB
 * calls it makes per event.
 */

/** The last day of the fleet's events. */
const LAST_DAY = new Date('2026-11-04T12:00:00Z');
/**
 * How long after an event its invocation reads the clock. Each invocation
 * gets its own reading, as in production: a fixed clock after the last event
 * would evaluate every early event as days overdue and page for it.
 */
const DELIVERY_MS = 5_000;
const EVENTS = Number(argument('events', '20000'));
/** Events ingested one at a time first, for the latency of one invocation. */
const LATENCY_EVENTS = 500;
/** Invocations in flight, as several concurrent Lambda instances would be. */
const CONCURRENCY = Number(argument('concurrency', '8'));
const QUEUE_ARN =
  'arn:aws:sqs:us-east-1:111122223333:backup-sentinel-bench-s3-replication';
/** Serverless.yml's batchSize for the S3 replication queue. */
const SQS_BATCH = 10;

/** One Lambda invocation: an EventBridge event or an SQS batch. */
interface Invocation {
  event: unknown;
  /** Raw events inside (1 for EventBridge, up to 10 for SQS). */
  events: RawEvent[];
}

/** Groups S3 notification bodies into SQS batches; the rest go one by one. */
const invocationsOf = (events: RawEvent[]): Invocation[] => {
  const invocations: Invocation[] = [];
  let batch: RawEvent[] = [];
  let messages = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    invocations.push({
      event: sqsBatch(
        QUEUE_ARN,
        'us-east-1',
        batch.map((e, i) => {
          const id = messages + i;
          return {
            messageId: `message-${id}`,
            receiptHandle: `receipt-${id}`,
            body: JSON.stringify(e.raw),
            senderId: 'AIDAEXAMPLE',
            sentAt: e.at,
            receivedAt: e.at,
          };
        })
      ),
      events: batch,
    });
    messages += batch.length;
    batch = [];
  };
  for (const event of events) {
    if (event.delivery === 'eventbridge') {
      invocations.push({ event: event.raw, events: [event] });
      continue;
    }
    batch.push(event);
    if (batch.length === SQS_BATCH) flush();
  }
  flush();
  return invocations;
};

/** The latest `count` events of a fleet's days, oldest first. */
const latestEvents = (fleet: Fleet, count: number): RawEvent[] => {
  // Fewer than two events a resource a day: enough days for `count`.
  const days = Math.ceil(count / fleet.resources.length) + 1;
  const events = fleetEvents(fleet, days, LAST_DAY);
  if (events.length < count) {
    throw new Error(`the fleet made ${events.length} events, not ${count}`);
  }
  return events.slice(-count);
};

/** An alert channel that accepts every delivery and counts it (an SNS publish each). */
const countingChannel = (): Channel & { published: number } => {
  const channel = {
    name: 'sns' as const,
    published: 0,
    deliver: async (): Promise<void> => {
      channel.published += 1;
    },
  };
  return channel;
};

const cpuMsPerEvent = (cpu: NodeJS.CpuUsage): number =>
  (cpu.user + cpu.system) / 1000 / EVENTS;

const main = async (): Promise<void> => {
  const dynalite = await startDynaliteProcess();
  const { client, takeUsage } = countingClient(dynalite.endpoint);
  const store = new DynamoDbHistoryStore({
    client,
    tableName: dynalite.tableName,
  });
  const fleet = buildFleet(1000, 'i');
  const warmFleet = buildFleet(60, 'w');
  const runbook = {
    ...fleet.runbook,
    services: [...fleet.runbook.services, ...warmFleet.runbook.services],
  };
  // handlers/ingest.ts's wiring (createIngestDeps, createMonitorDeps),
  // with a counting client and a counting channel in place of SNS.
  const logger = new Logger({ serviceName: 'backup-sentinel-bench' });
  const metrics = new Metrics({
    namespace: 'BackupSentinel',
    serviceName: 'backup-sentinel-bench',
  });
  const channel = countingChannel();
  const deps: IngestHandlerDeps = {
    store,
    runbook,
    channels: [channel],
    logger,
    metrics,
  };

  let failures = 0;
  const ingest = async (invocation: Invocation): Promise<void> => {
    const last = invocation.events.at(-1) as RawEvent;
    const now = new Date(last.at.getTime() + DELIVERY_MS);
    const response = await runIngestHandler(
      deps,
      invocation.event,
      undefined,
      now
    ).catch((error: unknown) => {
      failures += 1;
      console.error('ingest failed:', error);
      return undefined;
    });
    failures += response?.batchItemFailures.length ?? 0;
  };
  const rawPut = async (event: RawEvent, index: number): Promise<void> => {
    await client.send(
      new PutItemCommand({
        TableName: dynalite.tableName,
        Item: {
          PK: { S: `RAW#${index}` },
          SK: { S: event.at.toISOString() },
          raw: { S: JSON.stringify(event.raw) },
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      })
    );
  };

  // The oldest events measure one invocation's latency (one at a time, as
  // one Lambda instance sees them); the 20,000 after them the throughput.
  const all = latestEvents(fleet, LATENCY_EVENTS + EVENTS);
  const events = all.slice(LATENCY_EVENTS);
  const invocations = invocationsOf(events);
  const warm = latestEvents(warmFleet, 300);
  // Warm the JIT, the sockets and the table before anything is timed.
  await mapLimit(invocationsOf(warm), CONCURRENCY, ingest);
  await mapLimit(warm, CONCURRENCY, (e, i) => rawPut(e, -1 - i));
  takeUsage();

  const latencies: number[] = [];
  for (const invocation of invocationsOf(all.slice(0, LATENCY_EVENTS))) {
    const start = performance.now();
    await ingest(invocation);
    latencies.push((performance.now() - start) / invocation.events.length);
  }
  const rawLatencies: number[] = [];
  for (const [i, event] of all.slice(0, LATENCY_EVENTS).entries()) {
    const start = performance.now();
    await rawPut(event, EVENTS + i);
    rawLatencies.push(performance.now() - start);
  }
  takeUsage();
  channel.published = 0;

  // Both processes share this machine's CPUs, so the ratio holds the
  // server's work as well as the client's: each is measured apart.
  const serverBeforeRaw = await dynalite.cpuMs();
  const rawCpuBefore = process.cpuUsage();
  const rawStart = performance.now();
  await mapLimit(events, CONCURRENCY, rawPut);
  const rawMs = performance.now() - rawStart;
  const rawCpu = process.cpuUsage(rawCpuBefore);
  const rawUsage = takeUsage();

  const serverBeforeIngest = await dynalite.cpuMs();
  const cpuBefore = process.cpuUsage();
  const ingestStart = performance.now();
  await mapLimit(invocations, CONCURRENCY, ingest);
  const ingestMs = performance.now() - ingestStart;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfterIngest = await dynalite.cpuMs();
  const ingestUsage = takeUsage();
  if (failures > 0) throw new Error(`${failures} ingest invocation(s) failed`);

  // A bench that measured a broken path would lie: every resource must have
  // its state, up to its last event.
  const missing: string[] = [];
  for (const resource of fleet.resources) {
    const state = await store.getResourceState(resource.arn);
    if (state?.lastEventAt === undefined) missing.push(resource.arn);
  }
  if (missing.length > 0) {
    throw new Error(`${missing.length} resources have no state after ingest`);
  }
  const dynaliteRssMb = await dynalite.stop();

  const perEvent = (usage: Record<string, Usage>): Record<string, Usage> =>
    Object.fromEntries(
      Object.entries(usage).map(([name, u]) => [
        name,
        { calls: round(u.calls / EVENTS), units: round(u.units / EVENTS) },
      ])
    );
  const perEventIngest = ingestMs / EVENTS;
  const perEventRaw = rawMs / EVENTS;
  // Every SDK call the store sent, counted by the client's middleware.
  const calls = Object.values(ingestUsage).reduce((n, u) => n + u.calls, 0);
  finish(
    {
      ingest_events_per_s: round(EVENTS / (ingestMs / 1000), 4),
      ingest_vs_raw_put: round(perEventIngest / perEventRaw, 3),
      dynamodb_calls_per_event: round(calls / EVENTS, 3),
    },
    {
      events: EVENTS,
      invocations: invocations.length,
      sqsMessages: events.filter((e) => e.delivery === 'sqs').length,
      resources: fleet.resources.length,
      concurrency: CONCURRENCY,
      ingestMsPerEvent: round(perEventIngest, 3),
      rawPutMsPerEvent: round(perEventRaw, 3),
      latencyEvents: LATENCY_EVENTS,
      ingestLatencyMsMedian: round(median(latencies)),
      ingestLatencyMsMean: round(mean(latencies)),
      rawPutLatencyMsMedian: round(median(rawLatencies)),
      ingestCpuMsPerEvent: round(cpuMsPerEvent(cpu), 3),
      rawPutCpuMsPerEvent: round(cpuMsPerEvent(rawCpu), 3),
      serverCpuMsPerEventIngest: round(
        (serverAfterIngest - serverBeforeIngest) / EVENTS,
        3
      ),
      serverCpuMsPerEventRawPut: round(
        (serverBeforeIngest - serverBeforeRaw) / EVENTS,
        3
      ),
      ingestUsagePerEvent: perEvent(ingestUsage),
      rawUsagePerEvent: perEvent(rawUsage),
      snsPublishes: channel.published,
      dynaliteRssMb: round(dynaliteRssMb, 4),
    }
  );
};

await main();
