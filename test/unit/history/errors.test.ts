import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { toStoreError } from '../../../src/history/errors.js';
import { isRetryableSdkError, StoreError } from '../../../src/history/index.js';
import { SentinelError } from '../../../src/model/index.js';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('isRetryableSdkError', () => {
  it.each([
    [
      'throttling',
      new ProvisionedThroughputExceededException({
        message: 'slow down',
        ...meta(400),
      }),
      true,
    ],
    ['a 5xx', Object.assign(new Error('boom'), meta(503)), true],
    [
      'a refused connection',
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      true,
    ],
    [
      'a missing table',
      new ResourceNotFoundException({ message: 'no table', ...meta(400) }),
      false,
    ],
    [
      'a failed condition',
      new ConditionalCheckFailedException({ message: 'no', ...meta(400) }),
      false,
    ],
    ['a non-error', 'oops', false],
  ])('returns %s -> %s', (_, error, expected) => {
    // Act
    const retryable = isRetryableSdkError(error);

    // Assess
    expect(retryable).toBe(expected);
  });
});

describe('toStoreError', () => {
  it('wraps an SDK failure and keeps it as the cause', () => {
    // Prepare
    const cause = Object.assign(new Error('Service Unavailable'), meta(503));

    // Act
    const error = toStoreError('Query', cause);

    // Assess
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toBeInstanceOf(SentinelError);
    expect(error).toMatchObject({
      name: 'StoreError',
      operation: 'Query',
      retryable: true,
      message: 'Query failed: Service Unavailable',
    });
    expect(error.cause).toBe(cause);
  });

  it('passes a StoreError through unchanged', () => {
    // Prepare
    const original = new StoreError('x', {
      operation: 'decode',
      retryable: false,
    });

    // Act
    const error = toStoreError('GetItem', original);

    // Assess
    expect(error).toBe(original);
  });
});
