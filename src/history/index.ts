export type { DynamoDbHistoryStoreOptions } from './dynamodb.js';
export { DynamoDbHistoryStore } from './dynamodb.js';
export { isRetryableSdkError, StoreError } from './errors.js';
export type { FactTarget } from './facts.js';
export { FACT_TABLE, identityFromArn } from './facts.js';
export type { InMemoryHistoryStoreOptions } from './memory.js';
export { InMemoryHistoryStore } from './memory.js';

export {
  GSI1,
  TABLE_DEFINITION,
  TTL_ATTRIBUTE,
  tableDefinition,
} from './table.js';
