import { SentinelError } from '../model/index.js';

/** Thrown for a schedule expression that is not a valid AWS cron() or rate(). */
class InvalidScheduleError extends SentinelError {
  readonly expression: string;
  /** Index in the expression of the bad part. */
  readonly offset: number;
  /** Length of the bad part (at least 1). */
  readonly length: number;
  /** The reason alone, without the expression (the message has both). */
  readonly reason: string;

  constructor(
    expression: string,
    reason: string,
    offset: number,
    length: number,
    options?: ErrorOptions
  ) {
    super(`invalid schedule '${expression}': ${reason}`, options);
    this.name = 'InvalidScheduleError';
    this.expression = expression;
    this.reason = reason;
    this.offset = offset;
    this.length = length;
  }
}

/** Thrown for a time zone that is not an IANA zone name this runtime knows. */
class InvalidTimezoneError extends SentinelError {
  readonly timezone: string;

  constructor(timezone: string, options?: ErrorOptions) {
    super(
      `invalid time zone '${timezone}': use an IANA zone such as UTC or Europe/Berlin`,
      options
    );
    this.name = 'InvalidTimezoneError';
    this.timezone = timezone;
  }
}

export { InvalidScheduleError, InvalidTimezoneError };
