import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  InvalidScheduleError,
  InvalidTimezoneError,
} from '../../../src/schedule/index.js';

describe('describeSchedule', () => {
  it.each([
    ['cron(0 2 * * ? *)', 'UTC', 'daily at 02:00 UTC'],
    ['cron(0 2 ? * * *)', 'UTC', 'daily at 02:00 UTC'],
    ['cron(0 2,14 * * ? *)', 'UTC', 'daily at 02:00 and 14:00 UTC'],
    ['cron(30 3 ? * SUN *)', 'UTC', 'at 03:30 UTC on Sundays'],
    ['cron(0 1 ? * 2,5 *)', 'UTC', 'at 01:00 UTC on Mondays and Thursdays'],
    ['cron(0 22 ? * MON-FRI *)', 'UTC', 'at 22:00 UTC on weekdays'],
    ['cron(0 9 ? * 1,7 *)', 'UTC', 'at 09:00 UTC on weekends'],
    [
      'cron(0 1 L * ? *)',
      'Europe/Berlin',
      'at 01:00 Europe/Berlin on the last day of the month',
    ],
    [
      'cron(0 1 LW * ? *)',
      'UTC',
      'at 01:00 UTC on the last weekday of the month',
    ],
    [
      'cron(0 6 15W * ? *)',
      'UTC',
      'at 06:00 UTC on the weekday nearest the 15th of the month',
    ],
    [
      'cron(0 6 1,15 * ? *)',
      'UTC',
      'at 06:00 UTC on the 1st and 15th of the month',
    ],
    [
      'cron(0 4 ? * 6L *)',
      'UTC',
      'at 04:00 UTC on the last Friday of the month',
    ],
    [
      'cron(0 4 ? * 3#2 *)',
      'UTC',
      'at 04:00 UTC on the second Tuesday of the month',
    ],
    ['cron(0 2 29 2 ? *)', 'UTC', 'at 02:00 UTC on 29 February'],
    [
      'cron(0 2 1 1,7 ? *)',
      'UTC',
      'at 02:00 UTC on the 1st of the month in January and July',
    ],
    ['cron(0 2 * * ? 2027)', 'UTC', 'daily at 02:00 UTC in 2027'],
    ['cron(0 */4 * * ? *)', 'UTC', 'every 4 hours from 00:00 UTC'],
    [
      'cron(30 1/6 * * ? *)',
      'America/New_York',
      'every 6 hours from 01:30 America/New_York',
    ],
    ['cron(15 * * * ? *)', 'UTC', 'every hour at :15'],
    ['cron(0/15 * * * ? *)', 'UTC', 'every 15 minutes'],
    ['cron(* * * * ? *)', 'UTC', 'every minute'],
    ['rate(1 minute)', 'UTC', 'every minute'],
    ['rate(4 hours)', 'UTC', 'every 4 hours'],
    ['rate(1 day)', 'Europe/Berlin', 'every day'],
    ['rate(7 days)', 'UTC', 'every 7 days'],
  ])('describes %s in %s', (expression, timezone, expected) => {
    // Act
    const text = describeSchedule(expression, timezone);

    // Assess
    expect(text).toBe(expected);
  });

  it.each([
    ['cron(5,7 2 * * ? *)', 'UTC'],
    ['cron(0 8-17 * * ? *)', 'Europe/Berlin'],
    ['cron(0 2 * * ? 2026,2028)', 'UTC'],
  ])('falls back to the expression and zone for %s', (expression, timezone) => {
    // Act
    const text = describeSchedule(expression, timezone);

    // Assess
    expect(text).toBe(`${expression} in ${timezone}`);
  });

  it('throws InvalidScheduleError for an invalid expression', () => {
    // Act & Assess
    expect(() => describeSchedule('rate(1 hours)', 'UTC')).toThrow(
      InvalidScheduleError
    );
  });

  it('throws InvalidTimezoneError for an unknown zone', () => {
    // Act & Assess
    expect(() => describeSchedule('rate(1 hour)', 'Europe/Atlantis')).toThrow(
      InvalidTimezoneError
    );
  });
});
