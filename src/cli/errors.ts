import { SentinelError } from '../model/index.js';

/** Thrown by a command for arguments that name nothing usable; exits 2. */
class UsageError extends SentinelError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

export { UsageError };
