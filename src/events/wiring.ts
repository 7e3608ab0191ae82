import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from '../config.js';
import { DynamoDbHistoryStore } from '../history/index.js';
import type { Runbook } from '../runbook/types.js';
import type { IngestHandlerDeps } from './runIngestHandler.js';
import type { IngestDeps } from './types.js';

/**
 * Returns what `runIngestHandler` needs in a Lambda: the DynamoDB store,
 * Powertools' logger and metrics and the runbook. Handlers call it once at
 * module scope, so clients are reused while warm.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param onRecorded - optional hook for newly recorded events (paging at once)
 */
const createIngestDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  onRecorded?: IngestDeps['onRecorded']
): IngestHandlerDeps => {
  const { serviceName, metricsNamespace, logLevel } = config.powertools;
  return {
    store: new DynamoDbHistoryStore({
      client: new DynamoDBClient({ region: config.region }),
      tableName: config.tableName,
      historyRetentionMs: config.historyRetentionMs,
    }),
    runbook,
    ...(onRecorded !== undefined && { onRecorded }),
    logger: new Logger({ serviceName, logLevel }),
    metrics: new Metrics({ namespace: metricsNamespace, serviceName }),
  };
};

export { createIngestDeps };
