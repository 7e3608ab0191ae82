import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/history/expressions.js';

const VAULT = 'arn:aws:backup:us-east-1:444455556666:backup-vault:dr';

describe('compilePlan', () => {
  it('puts every name and value behind a placeholder', () => {
    // Act
    const compiled = compilePlan({
      set: [
        { path: ['region'], value: 'eu-west-1' },
        { path: ['copies', VAULT], value: { at: 'x', state: 'completed' } },
      ],
      remove: [['recentBackups', 'k1']],
      conditions: [],
    });

    // Assess
    expect(compiled).toEqual({
      UpdateExpression: 'SET #n0 = :v0, #n1.#n2 = :v1 REMOVE #n3.#n4',
      ExpressionAttributeNames: {
        '#n0': 'region',
        '#n1': 'copies',
        '#n2': VAULT,
        '#n3': 'recentBackups',
        '#n4': 'k1',
      },
      ExpressionAttributeValues: {
        ':v0': { S: 'eu-west-1' },
        ':v1': { M: { at: { S: 'x' }, state: { S: 'completed' } } },
      },
    });
  });

  it('joins every condition with AND', () => {
    // Act
    const compiled = compilePlan({
      set: [{ path: ['lastBackup'], value: 'v' }],
      remove: [],
      conditions: [
        { kind: 'absent', path: ['PK'] },
        { kind: 'earlier', path: ['firstSeenAt'], at: 't1' },
        {
          kind: 'newer',
          path: ['lastBackup'],
          atPath: ['lastBackup', 'at'],
          idPath: ['lastBackup', 'eventId'],
          at: 't2',
          eventId: 'e',
        },
      ],
    });

    // Assess
    expect(compiled.ConditionExpression).toBe(
      'attribute_not_exists(#n1) AND (attribute_not_exists(#n2) OR #n2 > :v1) AND ' +
        '(attribute_not_exists(#n0) OR #n0.#n3 < :v2 OR (#n0.#n3 = :v2 AND #n0.#n4 < :v3))'
    );
    expect(compiled.ExpressionAttributeValues).toMatchObject({
      ':v1': { S: 't1' },
      ':v2': { S: 't2' },
      ':v3': { S: 'e' },
    });
  });

  it('omits the condition when there is none', () => {
    // Act
    const compiled = compilePlan({
      set: [],
      remove: [['service']],
      conditions: [],
    });

    // Assess
    expect(compiled).toEqual({
      UpdateExpression: 'REMOVE #n0',
      ExpressionAttributeNames: { '#n0': 'service' },
    });
  });
});
