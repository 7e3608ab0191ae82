import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import type { AlertLogger } from '../alerts/index.js';
import { invocationDeadline } from './deadline.js';
import {
  addSummary,
  emptySummary,
  evaluateIngested,
  type Recording,
  recordInputs,
} from './ingest.js';
import type { MetricsSink, MonitorDeps, RecordedEvent } from './types.js';

/** The ingest Lambda's dependencies: the ingest ones plus telemetry. */
interface IngestHandlerDeps extends MonitorDeps {
  logger: AlertLogger;
  metrics: MetricsSink;
}

const isSqsEvent = (event: unknown): event is SQSEvent => {
  if (typeof event !== 'object' || event === null) return false;
  const records = (event as { Records?: unknown }).Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        (r as { eventSource?: unknown }).eventSource === 'aws:sqs'
    )
  );
};

/**
 * Runs one ingest Lambda invocation. An EventBridge event is ingested as
 * one input; an SQS batch (S3 notification bodies, SNS-wrapped or not) is
 * recorded one message at a time through Powertools' BatchProcessor, so a
 * store error fails only its message, then evaluated once: each resource
 * the batch touched once, not once per message (issue 18). When that
 * evaluation fails, the invocation fails and SQS redelivers the batch. A malformed message is kept as rejected and
 * succeeds, so SQS does not redeliver it forever. Logs every rejection and
 * publishes EventsRecorded, EventsDuplicate and EventsRejected.
 *
 * @param deps - store, runbook, channels, logger, metrics
 * @param event - the Lambda event
 * @param context - the Lambda context, if any
 * @param now - the invocation's clock reading
 * @returns the partial batch response for SQS, undefined for EventBridge
 * @throws {Error} what the store throws, for an EventBridge event or when
 * every message of a batch failed (`FullBatchFailureError`)
 */
const runIngestHandler = async (
  deps: IngestHandlerDeps,
  event: unknown,
  context: Context | undefined,
  now: Date
): Promise<SQSBatchResponse | undefined> => {
  const { logger, metrics } = deps;
  const deadline = invocationDeadline(context, now);
  const invocation = deadline === undefined ? deps : { ...deps, deadline };
  const total = emptySummary();
  const recorded: RecordedEvent[] = [];
  const record = async (input: unknown, messageId?: string): Promise<void> => {
    let recording: Recording;
    try {
      recording = await recordInputs(invocation, [input], now);
    } catch (error) {
      logger.error('ingest failed; the input will be retried', {
        messageId,
        error,
      });
      throw error;
    }
    const { summary } = recording;
    recorded.push(...recording.recorded);
    for (const rejection of summary.rejections) {
      logger.warn('rejected input', { messageId, issues: rejection.issues });
    }
    addSummary(total, summary, 0);
  };
  /** One evaluation for everything recorded: each touched resource once. */
  const evaluate = async (): Promise<void> => {
    try {
      await evaluateIngested(invocation, recorded, now);
    } catch (error) {
      // Every input is retried: a redelivery is a duplicate, and is evaluated.
      logger.error('ingest failed; the inputs will be retried', { error });
      throw error;
    }
  };
  try {
    if (isSqsEvent(event)) {
      // Each message is recorded on its own, so a store error fails only
      // its message, in order: events of one resource stay in order.
      const response = await processPartialResponse(
        event,
        (message: SQSRecord) => record(message.body, message.messageId),
        new BatchProcessor(EventType.SQS),
        { context, processInParallel: false }
      );
      await evaluate();
      return response;
    }
    await record(event);
    await evaluate();
    return undefined;
  } finally {
    logger.info('ingest summary', {
      recorded: total.recorded,
      duplicates: total.duplicates,
      held: total.held,
      rejected: total.rejected,
      ignored: total.ignored,
    });
    metrics.addMetric('EventsRecorded', 'Count', total.recorded);
    metrics.addMetric('EventsDuplicate', 'Count', total.duplicates);
    metrics.addMetric('EventsRejected', 'Count', total.rejected);
    metrics.publishStoredMetrics();
  }
};

export type { IngestHandlerDeps };
export { runIngestHandler };
