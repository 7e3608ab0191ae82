import { SentinelError } from '../model/index.js';

/**
 * Thrown by `runEvaluation` and `evaluateResources` after the whole pass when
 * the store failed for some alerts: the others were processed, and the
 * failures are in `cause` (an AggregateError).
 */
class EvaluationError extends SentinelError {
  /** How many alerts could not be processed. */
  readonly failedAlerts: number;

  constructor(message: string, failedAlerts: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EvaluationError';
    this.failedAlerts = failedAlerts;
  }
}

export { EvaluationError };
