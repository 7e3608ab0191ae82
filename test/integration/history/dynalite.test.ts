import {
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '../../../src/history/index.js';
import { type RunningDynalite, startDynalite } from '../../helpers/dynalite.js';

describe('startDynalite', () => {
  let db: RunningDynalite;

  beforeAll(async () => {
    db = await startDynalite();
  });

  afterAll(async () => {
    await db.stop();
  });

  it('creates an active table from TABLE_DEFINITION', async () => {
    // Act
    const { Table } = await db.client.send(
      new DescribeTableCommand({ TableName: db.tableName })
    );

    // Assess
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(TABLE_DEFINITION.KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('GSI1');
  });

  it('round-trips an item through the real SDK client', async () => {
    // Prepare
    const item = { PK: { S: 'RES#x' }, SK: { S: 'STATE' } };

    // Act
    await db.client.send(
      new PutItemCommand({ TableName: db.tableName, Item: item })
    );
    const { Item } = await db.client.send(
      new GetItemCommand({ TableName: db.tableName, Key: item })
    );

    // Assess
    expect(Item).toEqual(item);
  });
});
