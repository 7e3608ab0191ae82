import { type InputIssue, SentinelError } from '../model/index.js';

/**
 * Thrown by `finishEvaluation` when some shards of a round did not report:
 * the heartbeat was withheld, so the HeartbeatMissing alarm sees it.
 */
class RoundIncompleteError extends SentinelError {
  /** Indexes of the shards that failed or never reported. */
  readonly missing: number[];

  constructor(missing: number[], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RoundIncompleteError';
    this.missing = missing;
  }
}

/**
 * Thrown by `runEvaluationStep` when the evaluate function is invoked with
 * an input the state machine never sends.
 */
class InvalidStepError extends SentinelError {
  readonly issues: InputIssue[];

  constructor(issues: InputIssue[], options?: ErrorOptions) {
    super(
      `not an evaluation step: ${issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; ')}`,
      options
    );
    this.name = 'InvalidStepError';
    this.issues = issues;
  }
}

export { InvalidStepError, RoundIncompleteError };
