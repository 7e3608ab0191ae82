import type { Context, SQSBatchResponse } from 'aws-lambda';
import { loadConfig } from '../src/config.js';
import { createIngestDeps, runIngestHandler } from '../src/events/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const deps = createIngestDeps(loadConfig(), loadBundledRunbook());

/**
 * Ingests an EventBridge event (aws.backup, aws.rds) or an SQS batch of S3
 * replication notifications; for SQS, returns the messages to retry.
 */
export const handler = async (
  event: unknown,
  context: Context
): Promise<SQSBatchResponse | undefined> =>
  runIngestHandler(deps, event, context, new Date()); // the only clock read
