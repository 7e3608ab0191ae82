import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import {
  dueTimesBetween,
  InvalidScheduleError,
  InvalidTimezoneError,
  latestPassedDue,
  maxIntervalMs,
  nextDueAt,
  previousDueAt,
} from '../../../src/schedule/index.js';

const NOW = new Date('2025-11-07T10:00:00.000Z');
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The next `count` due times after `from`, as ISO strings. */
const nextTimes = (
  expression: string,
  timezone: string,
  from: string,
  count: number
): string[] => {
  const times: string[] = [];
  let at: Date | undefined = new Date(from);
  while (times.length < count) {
    at = nextDueAt(expression, timezone, at);
    if (at === undefined) break;
    times.push(at.toISOString());
  }
  return times;
};

describe('nextDueAt', () => {
  it('returns the next daily time in UTC', () => {
    // Act
    const due = nextDueAt('cron(0 2 * * ? *)', 'UTC', NOW);

    // Assess
    expect(due).toEqual(new Date('2025-11-08T02:00:00Z'));
  });

  it('returns a time strictly after the instant given', () => {
    // Act
    const due = nextDueAt(
      'cron(0 2 * * ? *)',
      'UTC',
      new Date('2025-11-08T02:00:00Z')
    );

    // Assess
    expect(due).toEqual(new Date('2025-11-09T02:00:00Z'));
  });

  it('returns the same day when the instant is one ms before due', () => {
    // Act
    const due = nextDueAt(
      'cron(0 2 * * ? *)',
      'UTC',
      new Date('2025-11-08T01:59:59.999Z')
    );

    // Assess
    expect(due).toEqual(new Date('2025-11-08T02:00:00Z'));
  });

  it('reads the fields in the zone and returns UTC', () => {
    // Act
    const due = nextDueAt('cron(0 2 * * ? *)', 'Europe/Berlin', NOW);

    // Assess: 02:00 CET is 01:00Z in November
    expect(due).toEqual(new Date('2025-11-08T01:00:00Z'));
  });

  it('crosses the year at midnight', () => {
    // Act
    const times = nextTimes(
      'cron(0 0 * * ? *)',
      'UTC',
      '2025-12-31T00:00:00Z',
      2
    );

    // Assess
    expect(times).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
    ]);
  });

  it('returns only leap days for 29 February, skipping 2100', () => {
    // Act
    const times = nextTimes(
      'cron(0 2 29 2 ? *)',
      'UTC',
      '2092-03-01T00:00:00Z',
      2
    );

    // Assess
    expect(times).toEqual([
      '2096-02-29T02:00:00.000Z',
      '2104-02-29T02:00:00.000Z',
    ]);
  });

  it('returns the last day of each month for L', () => {
    // Act
    const times = nextTimes(
      'cron(0 2 L * ? *)',
      'UTC',
      '2024-01-15T00:00:00Z',
      4
    );

    // Assess
    expect(times).toEqual([
      '2024-01-31T02:00:00.000Z',
      '2024-02-29T02:00:00.000Z',
      '2024-03-31T02:00:00.000Z',
      '2024-04-30T02:00:00.000Z',
    ]);
  });

  it('returns the last weekday of each month for LW', () => {
    // Act
    const times = nextTimes(
      'cron(0 2 LW * ? *)',
      'UTC',
      '2025-05-01T00:00:00Z',
      4
    );

    // Assess: 31 May is a Saturday, 31 August a Sunday
    expect(times).toEqual([
      '2025-05-30T02:00:00.000Z',
      '2025-06-30T02:00:00.000Z',
      '2025-07-31T02:00:00.000Z',
      '2025-08-29T02:00:00.000Z',
    ]);
  });

  it('returns the weekday nearest the day for 15W', () => {
    // Act
    const times = nextTimes(
      'cron(0 2 15W * ? *)',
      'UTC',
      '2025-02-01T00:00:00Z',
      5
    );

    // Assess: 15 Feb and 15 Mar 2025 are Saturdays, 15 Jun a Sunday
    expect(times).toEqual([
      '2025-02-14T02:00:00.000Z',
      '2025-03-14T02:00:00.000Z',
      '2025-04-15T02:00:00.000Z',
      '2025-05-15T02:00:00.000Z',
      '2025-06-16T02:00:00.000Z',
    ]);
  });

  it('keeps 1W within the month when the 1st is a Saturday', () => {
    // Act
    const due = nextDueAt(
      'cron(0 2 1W * ? *)',
      'UTC',
      new Date('2025-01-31T00:00:00Z')
    );

    // Assess: 1 Feb 2025 is a Saturday
    expect(due).toEqual(new Date('2025-02-03T02:00:00Z'));
  });

  it('returns the last Friday of each month for 6L', () => {
    // Act
    const times = nextTimes(
      'cron(0 2 ? * 6L *)',
      'UTC',
      '2025-01-01T00:00:00Z',
      3
    );

    // Assess
    expect(times).toEqual([
      '2025-01-31T02:00:00.000Z',
      '2025-02-28T02:00:00.000Z',
      '2025-03-28T02:00:00.000Z',
    ]);
  });

  it('returns the second Tuesday of each month for 3#2', () => {
    // Act
    const times = nextTimes(
      'cron(0 2 ? * 3#2 *)',
      'UTC',
      '2025-01-01T00:00:00Z',
      3
    );

    // Assess
    expect(times).toEqual([
      '2025-01-14T02:00:00.000Z',
      '2025-02-11T02:00:00.000Z',
      '2025-03-11T02:00:00.000Z',
    ]);
  });

  it('numbers days from 1 = Sunday, unlike Unix cron', () => {
    // Act
    const sunday = nextDueAt('cron(0 2 ? * 1 *)', 'UTC', NOW);
    const saturday = nextDueAt('cron(0 2 ? * L *)', 'UTC', NOW);

    // Assess: NOW is Friday 7 November 2025
    expect(sunday).toEqual(new Date('2025-11-09T02:00:00Z'));
    expect(saturday).toEqual(new Date('2025-11-08T02:00:00Z'));
  });

  it('keeps to the year field and returns undefined once it has passed', () => {
    // Act
    const times = nextTimes(
      'cron(0 2 1 1 ? 2026-2027)',
      'UTC',
      '2025-06-01T00:00:00Z',
      3
    );

    // Assess
    expect(times).toEqual([
      '2026-01-01T02:00:00.000Z',
      '2027-01-01T02:00:00.000Z',
    ]);
  });

  it('returns undefined after 2199, the last year AWS schedules', () => {
    // Act
    const due = nextDueAt(
      'cron(0 2 * * ? *)',
      'UTC',
      new Date('2199-12-31T02:00:00Z')
    );

    // Assess
    expect(due).toBeUndefined();
  });

  it('skips a time that a spring-forward change removes (Europe/Berlin)', () => {
    // Act: 30 March 2025, clocks go from 02:00 to 03:00
    const times = nextTimes(
      'cron(30 2 * * ? *)',
      'Europe/Berlin',
      '2025-03-29T00:00:00Z',
      2
    );

    // Assess
    expect(times).toEqual([
      '2025-03-29T01:30:00.000Z',
      '2025-03-31T00:30:00.000Z',
    ]);
  });

  it('returns a repeated time once, at its first occurrence (America/New_York)', () => {
    // Act: 2 November 2025, 01:00-01:59 happens first in EDT, then in EST
    const times = nextTimes(
      'cron(30 1 * * ? *)',
      'America/New_York',
      '2025-11-01T12:00:00Z',
      2
    );

    // Assess
    expect(times).toEqual([
      '2025-11-02T05:30:00.000Z',
      '2025-11-03T06:30:00.000Z',
    ]);
  });

  it('runs an interval schedule once through the repeated hour (Europe/Berlin)', () => {
    // Act: 26 October 2025, 02:00-02:59 happens first in CEST, then in CET
    const times = nextTimes(
      'cron(0/30 1-3 * * ? *)',
      'Europe/Berlin',
      '2025-10-25T22:00:00Z',
      6
    );

    // Assess
    expect(times).toEqual([
      '2025-10-25T23:00:00.000Z', // 01:00 CEST
      '2025-10-25T23:30:00.000Z',
      '2025-10-26T00:00:00.000Z', // 02:00 CEST, first pass
      '2025-10-26T00:30:00.000Z',
      '2025-10-26T02:00:00.000Z', // 03:00 CET; the second 02:xx is not due
      '2025-10-26T02:30:00.000Z',
    ]);
  });

  it('is due at whole multiples of a rate since the epoch, whatever the zone', () => {
    // Act
    const minutes = nextDueAt(
      'rate(5 minutes)',
      'Europe/Berlin',
      new Date('2025-11-07T10:02:30Z')
    );
    const day = nextDueAt('rate(1 day)', 'Europe/Berlin', NOW);

    // Assess
    expect(minutes).toEqual(new Date('2025-11-07T10:05:00Z'));
    expect(day).toEqual(new Date('2025-11-08T00:00:00Z'));
  });

  it('throws InvalidScheduleError for an invalid expression', () => {
    // Act & Assess
    expect(() => nextDueAt('cron(0 2 * * *)', 'UTC', NOW)).toThrow(
      InvalidScheduleError
    );
  });

  it('throws InvalidTimezoneError for an unknown zone', () => {
    // Act & Assess
    expect(() => nextDueAt('cron(0 2 * * ? *)', 'Mars/Olympus', NOW)).toThrow(
      InvalidTimezoneError
    );
  });

  it('throws RangeError for an invalid Date', () => {
    // Act & Assess
    expect(() =>
      nextDueAt('cron(0 2 * * ? *)', 'UTC', new Date('not a date'))
    ).toThrow(RangeError);
  });

  it.each([
    ['cron(0 2 * * ? *)', '0 0 2 * * * *'],
    ['cron(15,45 */3 ? * MON-FRI *)', '0 15,45 */3 * * 2-6 *'],
    ['cron(0 2 L * ? *)', '0 0 2 L * * *'],
    ['cron(0 6 15W * ? *)', '0 0 6 15W * * *'],
    ['cron(30 23 ? * 6L *)', '0 30 23 * * 6L *'],
    ['cron(0 12 ? JAN,JUL 2#1 *)', '0 0 12 * 1,7 2#1 *'],
    ['cron(0 0 29 2 ? *)', '0 0 0 29 2 * *'],
  ])('agrees with croner in UTC for %s', (expression, pattern) => {
    // Prepare
    const reference = new Cron(pattern, {
      timezone: 'UTC',
      mode: '7-part',
      alternativeWeekdays: true,
      domAndDow: true,
      paused: true,
    });
    // 200 instants about 190 days apart (2024-2128), not aligned to minutes
    const instants = Array.from(
      { length: 200 },
      (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 16_432_123_457)
    );

    // Act
    const ours = instants.map((at) => nextDueAt(expression, 'UTC', at));

    // Assess
    expect(ours).toEqual(instants.map((at) => reference.nextRun(at)));
  });
});

describe('previousDueAt', () => {
  it('returns a due time equal to the instant given', () => {
    // Act
    const due = previousDueAt(
      'cron(0 2 * * ? *)',
      'UTC',
      new Date('2025-11-07T02:00:00Z')
    );

    // Assess
    expect(due).toEqual(new Date('2025-11-07T02:00:00Z'));
  });

  it('returns the day before when the instant is one ms before due', () => {
    // Act
    const due = previousDueAt(
      'cron(0 2 * * ? *)',
      'UTC',
      new Date('2025-11-07T01:59:59.999Z')
    );

    // Assess
    expect(due).toEqual(new Date('2025-11-06T02:00:00Z'));
  });

  it('returns the previous leap day', () => {
    // Act
    const due = previousDueAt('cron(0 2 29 2 ? *)', 'UTC', NOW);

    // Assess
    expect(due).toEqual(new Date('2024-02-29T02:00:00Z'));
  });

  it('returns the last month end before the instant', () => {
    // Act
    const due = previousDueAt('cron(0 1 L * ? *)', 'Europe/Berlin', NOW);

    // Assess: 31 October 01:00 CET
    expect(due).toEqual(new Date('2025-10-31T00:00:00Z'));
  });

  it('skips a time removed by a spring-forward change (America/New_York)', () => {
    // Act: 9 March 2025, clocks go from 02:00 to 03:00
    const due = previousDueAt(
      'cron(30 2 * * ? *)',
      'America/New_York',
      new Date('2025-03-10T00:00:00Z')
    );

    // Assess: 8 March 02:30 EST
    expect(due).toEqual(new Date('2025-03-08T07:30:00Z'));
  });

  it('returns the first occurrence from within the repeated hour', () => {
    // Act: 01:45 EST, the second pass through 01:00-01:59
    const due = previousDueAt(
      'cron(30 1 * * ? *)',
      'America/New_York',
      new Date('2025-11-02T06:45:00Z')
    );

    // Assess: 01:30 EDT
    expect(due).toEqual(new Date('2025-11-02T05:30:00Z'));
  });

  it('returns the last due time of an ended year field', () => {
    // Act
    const due = previousDueAt('cron(0 2 * * ? 2020)', 'UTC', NOW);

    // Assess
    expect(due).toEqual(new Date('2020-12-31T02:00:00Z'));
  });

  it('returns undefined before the first year of the year field', () => {
    // Act
    const due = previousDueAt('cron(0 2 * * ? 2030)', 'UTC', NOW);

    // Assess
    expect(due).toBeUndefined();
  });

  it('returns the multiple of a rate at or before the instant', () => {
    // Act
    const due = previousDueAt(
      'rate(4 hours)',
      'UTC',
      new Date('2025-11-07T08:00:00Z')
    );

    // Assess
    expect(due).toEqual(new Date('2025-11-07T08:00:00Z'));
  });
});

describe('dueTimesBetween', () => {
  it('includes from and excludes to', () => {
    // Act
    const dues = dueTimesBetween(
      'cron(0 2 * * ? *)',
      'UTC',
      new Date('2025-11-01T02:00:00Z'),
      new Date('2025-11-03T02:00:00Z')
    );

    // Assess
    expect(dues).toEqual([
      new Date('2025-11-01T02:00:00Z'),
      new Date('2025-11-02T02:00:00Z'),
    ]);
  });

  it('follows the offset change of a spring-forward day (America/New_York)', () => {
    // Act
    const dues = dueTimesBetween(
      'cron(0 */6 * * ? *)',
      'America/New_York',
      new Date('2025-03-09T00:00:00Z'),
      new Date('2025-03-10T05:00:00Z')
    );

    // Assess: 00:00 EST, then 06:00, 12:00, 18:00 EDT, then 00:00 EDT
    expect(dues.map((due) => due.toISOString())).toEqual([
      '2025-03-09T05:00:00.000Z',
      '2025-03-09T10:00:00.000Z',
      '2025-03-09T16:00:00.000Z',
      '2025-03-09T22:00:00.000Z',
      '2025-03-10T04:00:00.000Z',
    ]);
  });

  it.each([
    // Midnight changes: 00:00 -> 23:00 on 6 April, 00:00 -> 01:00 on 7 September
    ['America/Santiago', '2025-04-04T00:00:00Z'],
    ['America/Santiago', '2025-09-05T00:00:00Z'],
    // Half-hour changes: 02:00 -> 01:30 on 6 April, 02:00 -> 02:30 on 5 October
    ['Australia/Lord_Howe', '2025-04-04T00:00:00Z'],
    ['Australia/Lord_Howe', '2025-10-03T00:00:00Z'],
  ])(
    'matches a minute-by-minute reference across DST in %s from %s',
    (timezone, start) => {
      // Prepare: every first occurrence of a wall time at :00, :20 or :40
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
      const from = Date.parse(start);
      const to = from + 4 * DAY_MS;
      const seen = new Set<string>();
      const expected: string[] = [];
      for (let t = from; t < to; t += 60_000) {
        const wall = format.format(t);
        const minute = Number(wall.slice(-2));
        if (minute % 20 === 0 && !seen.has(wall)) {
          expected.push(new Date(t).toISOString());
        }
        seen.add(wall);
      }

      // Act
      const dues = dueTimesBetween(
        'cron(0/20 * * * ? *)',
        timezone,
        new Date(from),
        new Date(to)
      );

      // Assess
      expect(dues.map((due) => due.toISOString())).toEqual(expected);
    }
  );

  it('lists every multiple of a rate in the range', () => {
    // Act
    const dues = dueTimesBetween(
      'rate(12 hours)',
      'UTC',
      new Date('2025-11-07T00:00:00Z'),
      new Date('2025-11-08T12:00:00Z')
    );

    // Assess
    expect(dues).toEqual([
      new Date('2025-11-07T00:00:00Z'),
      new Date('2025-11-07T12:00:00Z'),
      new Date('2025-11-08T00:00:00Z'),
    ]);
  });

  it('returns nothing for an empty range', () => {
    // Act
    const dues = dueTimesBetween('cron(0 2 * * ? *)', 'UTC', NOW, NOW);

    // Assess
    expect(dues).toEqual([]);
  });
});

describe('latestPassedDue', () => {
  // Expect a backup every day at 02:00 UTC; it may take 6 h to show up.
  const DAILY = 'cron(0 2 * * ? *)';
  const DEADLINE_MS = 6 * HOUR_MS;

  it('returns the due time whose deadline is exactly now', () => {
    // Act
    const due = latestPassedDue(
      DAILY,
      'UTC',
      DEADLINE_MS,
      new Date('2025-11-07T08:00:00Z')
    );

    // Assess
    expect(due).toEqual(new Date('2025-11-07T02:00:00Z'));
  });

  it('returns the day before one ms before the deadline', () => {
    // Act
    const due = latestPassedDue(
      DAILY,
      'UTC',
      DEADLINE_MS,
      new Date('2025-11-07T07:59:59.999Z')
    );

    // Assess
    expect(due).toEqual(new Date('2025-11-06T02:00:00Z'));
  });

  it('returns the latest due time with a zero deadline', () => {
    // Act
    const due = latestPassedDue(DAILY, 'UTC', 0, NOW);

    // Assess
    expect(due).toEqual(new Date('2025-11-07T02:00:00Z'));
  });

  it('looks back across DST to the first occurrence (Europe/Berlin)', () => {
    // Act: 02:30 was skipped on 30 March 2025
    const due = latestPassedDue(
      'cron(30 2 * * ? *)',
      'Europe/Berlin',
      HOUR_MS,
      new Date('2025-03-30T12:00:00Z')
    );

    // Assess: 29 March 02:30 CET
    expect(due).toEqual(new Date('2025-03-29T01:30:00Z'));
  });

  it('returns undefined when the last due time is over 8 years back', () => {
    // Act
    const due = latestPassedDue(
      'cron(0 2 * * ? 2015)',
      'UTC',
      DEADLINE_MS,
      NOW
    );

    // Assess
    expect(due).toBeUndefined();
  });

  it('returns a due time up to 8 years back', () => {
    // Act
    const due = latestPassedDue(
      'cron(0 2 * * ? 2020)',
      'UTC',
      DEADLINE_MS,
      NOW
    );

    // Assess
    expect(due).toEqual(new Date('2020-12-31T02:00:00Z'));
  });

  it('throws RangeError for a negative deadline', () => {
    // Act & Assess
    expect(() => latestPassedDue(DAILY, 'UTC', -1, NOW)).toThrow(RangeError);
  });
});

describe('maxIntervalMs', () => {
  it.each([
    ['cron(0 2 * * ? *)', 'UTC', DAY_MS],
    ['cron(30 3 ? * SUN *)', 'UTC', 7 * DAY_MS],
    ['cron(0 2,14 * * ? *)', 'UTC', 12 * HOUR_MS],
    ['cron(0 8-17 ? * MON-FRI *)', 'UTC', 2 * DAY_MS + 15 * HOUR_MS],
    ['rate(12 hours)', 'UTC', 12 * HOUR_MS],
    // From 29 Feb 2024 to 29 Feb 2028.
    ['cron(0 2 29 2 ? *)', 'UTC', 1461 * DAY_MS],
    // 02:30 is skipped on 30 March 2025: 29 March to 31 March.
    ['cron(30 2 * * ? *)', 'Europe/Berlin', 47 * HOUR_MS],
    // 01:00 is due once on 2 November 2025: 01:00 EDT to 02:00 EST.
    ['cron(0 * * * ? *)', 'America/New_York', 2 * HOUR_MS],
  ])(
    'returns the longest gap of %s in %s',
    (expression, timezone, expected) => {
      // Act
      const gap = maxIntervalMs(expression, timezone, NOW);

      // Assess
      expect(gap).toBe(expected);
    }
  );

  it('returns Infinity for a schedule that has ended', () => {
    // Act
    const gap = maxIntervalMs('cron(0 2 1 1 ? 2025)', 'UTC', NOW);

    // Assess
    expect(gap).toBe(Number.POSITIVE_INFINITY);
  });
});
