import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbHistoryStore } from '../history/index.js';
import type { ClientOverrides } from './clients.js';
import type { Config } from './config.js';

/**
 * Returns the DynamoDB history store of the config.
 *
 * @param config - from `loadConfig()`
 * @param overrides - a DynamoDB client to use instead of building one
 */
const createStore = (
  config: Readonly<Config>,
  overrides: ClientOverrides
): DynamoDbHistoryStore =>
  new DynamoDbHistoryStore({
    client: overrides.dynamoDb ?? new DynamoDBClient({ region: config.region }),
    tableName: config.tableName,
    historyRetentionMs: config.historyRetentionMs,
  });

export { createStore };
