import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from './config.js';
import { DynamoDbHistoryStore } from './history/index.js';

/** Clients a caller may supply instead of the ones built from the config. */
interface RuntimeClients {
  /** E.g. the demo's client, which reaches dynalite in-process. */
  dynamoDb?: DynamoDBClient;
}

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
 * @param clients - clients to use instead of building them
 */
const createRuntime = (
  config: Readonly<Config>,
  clients: RuntimeClients = {}
): Runtime => {
  const { serviceName, metricsNamespace, logLevel } = config.powertools;
  return {
    store: new DynamoDbHistoryStore({
      client: clients.dynamoDb ?? new DynamoDBClient({ region: config.region }),
      tableName: config.tableName,
      historyRetentionMs: config.historyRetentionMs,
    }),
    logger: new Logger({ serviceName, logLevel }),
    metrics: new Metrics({ namespace: metricsNamespace, serviceName }),
  };
};

export type { Runtime, RuntimeClients };
export { createRuntime };
