import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from './config.js';
import { DynamoDbHistoryStore } from './history/index.js';

/** What every function builds once per cold start: the store, a logger, metrics. */
interface Runtime {
  store: DynamoDbHistoryStore;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Returns the DynamoDB store and Powertools' logger and metrics for the
 * config. The SDK client takes its endpoint from the standard variables
 * (`AWS_ENDPOINT_URL_DYNAMODB`), which is how the demo points it at loopback.
 *
 * @param config - from `loadConfig()`
 */
const createRuntime = (config: Readonly<Config>): Runtime => {
  const { serviceName, metricsNamespace, logLevel } = config.powertools;
  return {
    store: new DynamoDbHistoryStore({
      client: new DynamoDBClient({ region: config.region }),
      tableName: config.tableName,
      historyRetentionMs: config.historyRetentionMs,
    }),
    logger: new Logger({ serviceName, logLevel }),
    metrics: new Metrics({ namespace: metricsNamespace, serviceName }),
  };
};

export type { Runtime };
export { createRuntime };
