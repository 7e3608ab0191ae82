import {
  BatchWriteItemCommand,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toAttributes } from '../../../src/history/attributes.js';
import { observeEvent } from '../../../src/history/facts.js';
import {
  DynamoDbHistoryStore,
  StoreError,
  TTL_ATTRIBUTE,
} from '../../../src/history/index.js';
import {
  applyPlan,
  planStateUpdate,
  type StateItem,
} from '../../../src/history/plan.js';
import { DAY, HOUR, ORDERS_DB_ARN } from '../../helpers/builders.js';
import { type RunningDynalite, startDynalite } from '../../helpers/dynalite.js';
import {
  aHistory,
  anEvent,
  describeHistoryStore,
  NOW,
} from '../../helpers/historyStoreContract.js';

// Dies once in the state update, like a Lambda killed after the event put.
class CrashingDynamoDbStore extends DynamoDbHistoryStore {
  crashes = 0;

  protected override async updateStateItem(
    ...args: Parameters<DynamoDbHistoryStore['updateStateItem']>
  ): ReturnType<DynamoDbHistoryStore['updateStateItem']> {
    if (this.crashes > 0) {
      this.crashes -= 1;
      throw new Error('simulated crash');
    }
    return super.updateStateItem(...args);
  }
}

describeHistoryStore('DynamoDbHistoryStore on dynalite', async () => {
  const db = await startDynalite();
  const store = new CrashingDynamoDbStore({
    client: db.client,
    tableName: db.tableName,
  });
  return {
    subject: {
      store,
      crashNextStateUpdate: () => {
        store.crashes = 1;
      },
    },
    dispose: db.stop,
  };
});

describe('DynamoDbHistoryStore', () => {
  let db: RunningDynalite;

  beforeEach(async () => {
    db = await startDynalite();
  });

  afterEach(async () => {
    await db.stop();
  });

  it('writes the event item with a TTL after the history retention', async () => {
    // Prepare
    const store = new DynamoDbHistoryStore({
      client: db.client,
      tableName: db.tableName,
      historyRetentionMs: 30 * DAY,
    });
    const event = anEvent('b1', 'backup', 'completed', HOUR);

    // Act
    await store.recordEvent(event, 'orders-db', NOW);

    // Assess
    const { Item } = await db.client.send(
      new GetItemCommand({
        TableName: db.tableName,
        Key: {
          PK: { S: `RES#${ORDERS_DB_ARN}` },
          SK: { S: `EVT#${event.occurredAt.toISOString()}#b1` },
        },
      })
    );
    expect(Item?.[TTL_ATTRIBUTE]).toEqual({
      N: String((event.occurredAt.getTime() + 30 * DAY) / 1000),
    });
  });

  it('records an event in order with one PutItem and one UpdateItem, and reads only for one out of order', async () => {
    // Prepare
    const store = new DynamoDbHistoryStore({
      client: db.client,
      tableName: db.tableName,
    });
    const calls: string[] = [];
    db.client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' }
    );
    await store.recordEvent(
      anEvent('s1', 'backup', 'started', HOUR),
      'orders-db',
      NOW
    );
    calls.length = 0;

    // Act
    await store.recordEvent(
      anEvent('f1', 'backup', 'failed', 2 * HOUR, {
        recoveryPointArn: undefined,
      }),
      'orders-db',
      NOW
    );
    const inOrder = calls.splice(0).sort();
    await store.recordEvent(
      anEvent('s0', 'backup', 'started', 0, { recoveryPointArn: undefined }),
      'orders-db',
      NOW
    );
    const late = calls.splice(0).sort();

    // Assess
    expect(inOrder).toEqual(['PutItemCommand', 'UpdateItemCommand']);
    expect(late).toEqual([
      'GetItemCommand',
      'PutItemCommand',
      'UpdateItemCommand',
      'UpdateItemCommand',
    ]);
    expect((await store.getResourceState(ORDERS_DB_ARN))?.firstSeenAt).toEqual(
      anEvent('s0', 'backup', 'started', 0).occurredAt
    );
  });

  it('lists the states of a service across Query pages', async () => {
    // Prepare
    const store = new DynamoDbHistoryStore({
      client: db.client,
      tableName: db.tableName,
    });
    const arns = Array.from(
      { length: 2000 },
      (_, i) => `arn:aws:rds:eu-west-1:111122223333:db:db-${i}`
    );
    // Seeded through the same pure planner the store uses: 2,000 state
    // items of ~1 KB exceed one 1 MB Query page.
    const items = arns.map((arn) => {
      let item: StateItem | undefined;
      for (const event of aHistory()) {
        const plan = planStateUpdate(
          item,
          observeEvent({ ...event, resourceArn: arn }, 'orders-db')
        );
        if (plan) item = applyPlan(item, arn, plan);
      }
      return item as StateItem;
    });
    for (let i = 0; i < items.length; i += 25) {
      await db.client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [db.tableName]: items.slice(i, i + 25).map((item) => ({
              PutRequest: { Item: toAttributes(item) },
            })),
          },
        })
      );
    }

    let queries = 0;
    db.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') queries += 1;
        return next(args);
      },
      { step: 'initialize' }
    );

    // Act
    const states = await store.listServiceStates('orders-db');

    // Assess
    expect(queries).toBeGreaterThan(1);
    expect(new Set(states.map((s) => s.resourceArn))).toEqual(new Set(arns));
    expect(states[0]?.recentBackups).toHaveLength(8);
  });

  it('throws a StoreError that is not retryable when the table is missing', async () => {
    // Prepare
    const store = new DynamoDbHistoryStore({
      client: db.client,
      tableName: 'no-such-table',
    });

    // Act
    const result = store.getResourceState(ORDERS_DB_ARN);

    // Assess
    await expect(result).rejects.toBeInstanceOf(StoreError);
    await expect(result).rejects.toMatchObject({
      operation: 'GetItem',
      retryable: false,
      cause: { name: 'ResourceNotFoundException' },
    });
  });

  it('throws a retryable StoreError when DynamoDB cannot be reached', async () => {
    // Prepare
    const store = new DynamoDbHistoryStore({
      client: db.client,
      tableName: db.tableName,
    });
    await db.stop();

    // Act
    const result = store.recordEvent(
      anEvent('b1', 'backup', 'completed', HOUR),
      'orders-db',
      NOW
    );

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'StoreError',
      operation: 'PutItem',
      retryable: true,
    });
    db = await startDynalite();
  });
});
