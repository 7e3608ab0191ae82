import { describe, expect, it } from 'vitest';
import {
  TABLE_DEFINITION,
  tableDefinition,
} from '../../../src/history/index.js';

describe('TABLE_DEFINITION', () => {
  it('describes the on-demand PK/SK table with GSI1 projecting all', () => {
    // Assess
    expect(TABLE_DEFINITION).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'GSI1PK', AttributeType: 'S' },
        { AttributeName: 'GSI1SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });
});

describe('tableDefinition', () => {
  it('names a copy of the definition and leaves the shared one alone', () => {
    // Act
    const input = tableDefinition('sentinel-prod');
    input.KeySchema?.pop();

    // Assess
    expect(input.TableName).toBe('sentinel-prod');
    expect(TABLE_DEFINITION.KeySchema).toHaveLength(2);
    expect('TableName' in TABLE_DEFINITION).toBe(false);
  });
});
