import { SentinelError } from '../model/index.js';

/** Thrown by `readRunbookDir` when the runbook folder cannot be read. */
class RunbookReadError extends SentinelError {
  /** The folder or file that could not be read, as given. */
  readonly path: string;

  constructor(path: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunbookReadError';
    this.path = path;
  }
}

export { RunbookReadError };
