/**
 * The root of every error Backup Sentinel throws on purpose.
 *
 * Errors are thrown only for bad input or failing infrastructure, never
 * because a backup is late: that is a finding. Each module subclasses this in
 * its own `errors.ts` and keeps the original failure as `cause`.
 */
class SentinelError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SentinelError';
  }
}

export { SentinelError };
