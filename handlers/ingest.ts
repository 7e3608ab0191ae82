import type { Context, SQSBatchResponse } from 'aws-lambda';
import {
  createMonitorDeps,
  loadConfig,
  runIngestHandler,
} from '../src/monitor/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const deps = createMonitorDeps(loadConfig(), loadBundledRunbook());

/**
 * Ingests an EventBridge event (aws.backup, aws.rds) or an SQS batch of S3
 * replication notifications, then evaluates the resources it touched, so a
 * failure pages at once; for SQS, returns the messages to retry.
 */
export const handler = async (
  event: unknown,
  context: Context
): Promise<SQSBatchResponse | undefined> =>
  runIngestHandler(deps, event, context, new Date()); // the only clock read
