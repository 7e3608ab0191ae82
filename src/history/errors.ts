import { SentinelError } from '../model/index.js';

// Error names the AWS SDK gives failures that may pass on their own.
const RETRYABLE_NAMES = new Set([
  'InternalServerError',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ThrottlingException',
  'TimeoutError',
  'TransactionConflictException',
]);

// Network failures carry no HTTP response at all.
const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

interface StoreErrorOptions extends ErrorOptions {
  /** The store operation that failed (`recordEvent`, `saveAlert`, ...). */
  operation: string;
  retryable: boolean;
}

/**
 * Thrown when the backup history cannot be read or written. `retryable`
 * says whether the same call may succeed later (throttling, 5xx, network),
 * so ingest can let the platform redeliver instead of dropping the input.
 */
class StoreError extends SentinelError {
  readonly operation: string;
  readonly retryable: boolean;

  constructor(message: string, options: StoreErrorOptions) {
    super(message, options);
    this.name = 'StoreError';
    this.operation = options.operation;
    this.retryable = options.retryable;
  }
}

/**
 * Returns whether an AWS SDK failure may pass if the call is repeated.
 *
 * @param error - what the SDK threw
 */
const isRetryableSdkError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const details = error as Error & {
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
    code?: unknown;
  };
  if (details.$retryable !== undefined) return true;
  if (RETRYABLE_NAMES.has(error.name)) return true;
  if (typeof details.code === 'string' && RETRYABLE_CODES.has(details.code)) {
    return true;
  }
  const status = details.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
};

/**
 * Wraps an SDK failure in a {@link StoreError} that keeps it as `cause`.
 *
 * @param operation - the store operation that failed
 * @param error - what the SDK threw
 */
const toStoreError = (operation: string, error: unknown): StoreError => {
  if (error instanceof StoreError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreError(`${operation} failed: ${reason}`, {
    cause: error,
    operation,
    retryable: isRetryableSdkError(error),
  });
};

export { isRetryableSdkError, StoreError, toStoreError };
