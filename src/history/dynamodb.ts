import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { fromAttributes, type PlainItem, toAttributes } from './attributes.js';
import { toStoreError } from './errors.js';
import { compilePlan } from './expressions.js';
import { resourcePk, STATE_SK } from './keys.js';
import type { StateItem, StatePlan } from './plan.js';
import {
  ItemHistoryStore,
  type PutCondition,
  type SortKeyRange,
} from './store.js';
import { GSI1 } from './table.js';

/** Options of {@link DynamoDbHistoryStore}. */
interface DynamoDbHistoryStoreOptions {
  client: DynamoDBClient;
  /** A table created from `TABLE_DEFINITION`. */
  tableName: string;
  /** How long event items live (their `expiresAt` TTL); default 400 days. */
  historyRetentionMs?: number;
}

const putCondition = (condition: PutCondition): Partial<PutItemCommandInput> =>
  condition.kind === 'absent'
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : {
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':version': { N: String(condition.version) },
        },
      };

/**
 * The backup history in one DynamoDB table (DESIGN.md): one conditional
 * PutItem per event, forward-only conditional UpdateItems on each
 * resource's state item, Queries (never Scans) for everything listed.
 *
 * Every SDK failure is thrown as a `StoreError` whose `retryable` says
 * whether repeating the call may help; a failed condition is an answer
 * (`'duplicate'`, `false`), never an error.
 */
class DynamoDbHistoryStore extends ItemHistoryStore {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;

  constructor(options: DynamoDbHistoryStoreOptions) {
    super(options.historyRetentionMs);
    this.client = options.client;
    this.tableName = options.tableName;
  }

  protected async putItem(
    item: PlainItem,
    condition?: PutCondition
  ): Promise<boolean> {
    const input: PutItemCommandInput = {
      TableName: this.tableName,
      Item: toAttributes(item),
      ...(condition && putCondition(condition)),
    };
    const output = await this.conditional('PutItem', () =>
      this.client.send(new PutItemCommand(input))
    );
    return output !== undefined;
  }

  protected async mergeItem(
    pk: string,
    sk: string,
    attributes: PlainItem,
    returning: 'old' | 'new'
  ): Promise<PlainItem | undefined> {
    const names = Object.keys(attributes);
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toAttributes({ PK: pk, SK: sk }),
          UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(
            names.map((name, i) => [`#a${i}`, name])
          ),
          ExpressionAttributeValues: toAttributes(
            Object.fromEntries(
              names.map((name, i) => [`:a${i}`, attributes[name]])
            )
          ),
          ReturnValues: returning === 'old' ? 'ALL_OLD' : 'ALL_NEW',
        })
      );
      return Attributes && fromAttributes(Attributes);
    } catch (error) {
      throw toStoreError('UpdateItem', error);
    }
  }

  protected async deleteItem(pk: string, sk: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: toAttributes({ PK: pk, SK: sk }),
        })
      );
    } catch (error) {
      throw toStoreError('DeleteItem', error);
    }
  }

  protected async getItem(
    pk: string,
    sk: string
  ): Promise<PlainItem | undefined> {
    try {
      const { Item } = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: toAttributes({ PK: pk, SK: sk }),
          // State is read just before a conditional write: a stale read
          // would only cost a retry, but alerts must see their last save.
          ConsistentRead: true,
        })
      );
      return Item && fromAttributes(Item);
    } catch (error) {
      throw toStoreError('GetItem', error);
    }
  }

  protected async queryItems(
    pk: string,
    range?: SortKeyRange
  ): Promise<PlainItem[]> {
    const values: Record<string, AttributeValue> = { ':pk': { S: pk } };
    let condition = 'PK = :pk';
    if (range !== undefined) {
      condition += ' AND SK BETWEEN :from AND :to';
      values[':from'] = { S: range.from };
      values[':to'] = { S: range.to };
    }
    return this.query({
      TableName: this.tableName,
      KeyConditionExpression: condition,
      ExpressionAttributeValues: values,
    });
  }

  protected async queryIndex(
    gsi1pk: string,
    sk?: string | SortKeyRange
  ): Promise<PlainItem[]> {
    const values: Record<string, AttributeValue> = { ':pk': { S: gsi1pk } };
    let condition = 'GSI1PK = :pk';
    if (typeof sk === 'string') {
      condition += ' AND begins_with(GSI1SK, :prefix)';
      values[':prefix'] = { S: sk };
    } else if (sk !== undefined) {
      condition += ' AND GSI1SK BETWEEN :from AND :to';
      values[':from'] = { S: sk.from };
      values[':to'] = { S: sk.to };
    }
    return this.query({
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: condition,
      ExpressionAttributeValues: values,
    });
  }

  protected async updateStateItem(
    resourceArn: string,
    plan: StatePlan
  ): Promise<StateItem | undefined> {
    const input = {
      TableName: this.tableName,
      Key: toAttributes({ PK: resourcePk(resourceArn), SK: STATE_SK }),
      ...compilePlan(plan),
      // The state as written goes to the evaluation, saving it a read.
      ReturnValues: 'ALL_NEW' as const,
    };
    const output = await this.conditional('UpdateItem', () =>
      this.client.send(new UpdateItemCommand(input))
    );
    return (
      output?.Attributes && (fromAttributes(output.Attributes) as StateItem)
    );
  }

  private async query(input: QueryCommandInput): Promise<PlainItem[]> {
    const items: PlainItem[] = [];
    let start: Record<string, AttributeValue> | undefined;
    try {
      do {
        const page = await this.client.send(
          new QueryCommand({ ...input, ExclusiveStartKey: start })
        );
        for (const item of page.Items ?? []) items.push(fromAttributes(item));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
    } catch (error) {
      throw toStoreError('Query', error);
    }
    return items;
  }

  /** Sends a conditional write; undefined when its condition failed. */
  private async conditional<T>(
    operation: string,
    send: () => Promise<T>
  ): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw toStoreError(operation, error);
    }
  }
}

export type { DynamoDbHistoryStoreOptions };
export { DynamoDbHistoryStore };
