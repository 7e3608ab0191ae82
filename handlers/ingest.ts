import type { Context, SQSBatchResponse } from 'aws-lambda';
import {
  createChannels,
  createEvaluationDeps,
  evaluateRecorded,
} from '../src/alerts/index.js';
import { loadConfig } from '../src/config.js';
import { createIngestDeps, runIngestHandler } from '../src/events/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const config = loadConfig();
const runbook = loadBundledRunbook();
// A failure pages from here, within seconds, not at the next evaluation.
const alerts = createEvaluationDeps(
  config,
  runbook,
  createChannels(config.channels)
);
const deps = createIngestDeps(config, runbook, evaluateRecorded(alerts));

/**
 * Ingests an EventBridge event (aws.backup, aws.rds) or an SQS batch of S3
 * replication notifications, then evaluates the resources it touched; for
 * SQS, returns the messages to retry.
 */
export const handler = async (
  event: unknown,
  context: Context
): Promise<SQSBatchResponse | undefined> =>
  runIngestHandler(deps, event, context, new Date()); // the only clock read
