import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from '../config.js';
import { DynamoDbHistoryStore } from '../history/index.js';
import type { Runbook } from '../runbook/types.js';
import type { Channel, EvaluationDeps } from './types.js';

/**
 * Returns what `runEvaluation` needs in a Lambda: the DynamoDB store,
 * Powertools' logger and metrics, the runbook and the channels. Handlers
 * call it once at module scope, so clients are reused while warm.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param channels - from `createChannels(config.channels)`
 */
const createEvaluationDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  channels: Channel[]
): EvaluationDeps => {
  const { serviceName, metricsNamespace, logLevel } = config.powertools;
  return {
    store: new DynamoDbHistoryStore({
      client: new DynamoDBClient({ region: config.region }),
      tableName: config.tableName,
      historyRetentionMs: config.historyRetentionMs,
    }),
    runbook,
    channels,
    logger: new Logger({ serviceName, logLevel }),
    metrics: new Metrics({ namespace: metricsNamespace, serviceName }),
  };
};

export { createEvaluationDeps };
