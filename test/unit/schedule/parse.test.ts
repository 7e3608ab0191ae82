import { describe, expect, it } from 'vitest';
import {
  InvalidScheduleError,
  parseSchedule,
  validateSchedule,
} from '../../../src/schedule/index.js';

describe('validateSchedule', () => {
  it.each([
    'cron(0 2 * * ? *)',
    'cron(30 3 ? * SUN *)',
    'cron(0/15 * * * ? *)',
    'cron(0 1 L * ? *)',
    'cron(0 1 LW * ? *)',
    'cron(0 1 15W * ? *)',
    'cron(0 1 ? * 6L *)',
    'cron(0 1 ? * FRIL *)',
    'cron(0 1 ? * 3#2 *)',
    'cron(0 1 ? * L *)',
    'cron(0 2 29 2 ? *)',
    'cron(0 8-17/3 ? JAN-MAR,DEC MON-FRI 2026-2030)',
    'cron(0 2 1/10 * ? *)',
    '  cron(0 2 * * ? *)  ',
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
  ])('accepts %s', (expression) => {
    // Act
    const result = validateSchedule(expression);

    // Assess
    expect(result).toEqual({ ok: true });
  });

  it.each([
    // [expression, offset, length, part of the message]
    ['cron(0 2 * * ?)', 14, 1, 'exactly 6 fields'],
    ['cron(0 2 * * ? * *)', 17, 1, 'found 7'],
    ['cron(0 2 ? * ? *)', 13, 1, "can't both be '?'"],
    ['cron(0 2 * * * *)', 13, 1, "must be '?'"],
    ['cron(0 2 5 * MON *)', 13, 3, "must be '?'"],
    ['cron(60 2 * * ? *)', 5, 2, 'minutes value 60 is out of range 0-59'],
    ['cron(0 24 * * ? *)', 7, 2, 'hours value 24 is out of range 0-23'],
    ['cron(0 2 0 * ? *)', 9, 1, 'day-of-month value 0'],
    ['cron(0 2 * 13 ? *)', 11, 2, 'month value 13'],
    ['cron(0 2 ? * 0 *)', 13, 1, 'day-of-week value 0 is out of range 1-7'],
    ['cron(0 2 * * ? 1969)', 15, 4, 'year value 1969 is out of range'],
    ['cron(0 2 * * ? 2200)', 15, 4, 'out of range 1970-2199'],
    ['cron(0 17-5 * * ? *)', 7, 4, 'runs backwards'],
    ['cron(0 2 ? * FOO *)', 13, 3, "'FOO' is not a day-of-week value"],
    ['cron(0 2 * JANUARY ? *)', 11, 7, 'not a month value'],
    ['cron(*/0 2 * * ? *)', 7, 1, 'increment'],
    ['cron(0 2 ? * MON/2 *)', 16, 1, "'/' is not allowed in day-of-week"],
    ['cron(0 2 ? * 3#1,6#3 *)', 14, 1, "'#' takes one day"],
    ['cron(0 2 ? * 3#6 *)', 14, 2, '#1 to #5'],
    ['cron(0 2 L,15 * ? *)', 9, 1, 'must stand alone'],
    ['cron(0 2 ?,1 * ? *)', 9, 1, "'?' must stand alone"],
    ['cron(0 ? * * ? *)', 7, 1, "'?' is only allowed"],
    ['cron(0,,5 2 * * ? *)', 7, 1, 'empty value'],
    ['cron(0 2 30 2 ? *)', 9, 2, 'never due'],
    ['cron(0 2 29 2 ? 2025-2027)', 9, 2, 'never due'],
    ['cron(0 2 * * ? *', 15, 1, "missing ')'"],
    ['every day', 0, 9, 'expected cron('],
    ['', 0, 1, 'expected cron('],
    ['rate(1 hours)', 7, 5, 'singular'],
    ['rate(5 hour)', 7, 4, 'plural'],
    ['rate(5 weeks)', 7, 5, "rate unit 'weeks'"],
    ['rate(2 Hours)', 7, 5, "rate unit 'Hours'"],
    ['rate(0 minutes)', 5, 1, 'at least 1'],
    ['rate(1.5 hours)', 5, 3, 'whole number'],
    ['rate(hours)', 5, 5, 'a value and a unit'],
    ['rate(1 hour now)', 5, 10, 'a value and a unit'],
  ])('rejects %s at offset %d', (expression, offset, length, message) => {
    // Act
    const result = validateSchedule(expression);

    // Assess
    expect(result).toEqual({
      ok: false,
      offset,
      length,
      message: expect.stringContaining(message),
    });
  });
});

describe('parseSchedule', () => {
  it('expands lists, ranges, steps and names', () => {
    // Act
    const schedule = parseSchedule(
      'cron(0,30 8-17/3 ? JAN-MAR,DEC MON-FRI 2026-2028)'
    );

    // Assess
    expect(schedule).toEqual({
      kind: 'cron',
      expression: 'cron(0,30 8-17/3 ? JAN-MAR,DEC MON-FRI 2026-2028)',
      minutes: [0, 30],
      hours: [8, 11, 14, 17],
      dayOfMonth: { kind: 'any' },
      months: [1, 2, 3, 12],
      dayOfWeek: { kind: 'days', days: [2, 3, 4, 5, 6] },
      years: [2026, 2027, 2028],
    });
  });

  it('reads a step after a single value up to the end of the field', () => {
    // Act
    const schedule = parseSchedule('cron(5/20 2 * * ? *)');

    // Assess
    expect(schedule).toMatchObject({ minutes: [5, 25, 45] });
  });

  it.each([
    ['cron(0 1 L * ? *)', { dayOfMonth: { kind: 'last' } }],
    ['cron(0 1 LW * ? *)', { dayOfMonth: { kind: 'last-weekday' } }],
    [
      'cron(0 1 15W * ? *)',
      { dayOfMonth: { kind: 'nearest-weekday', day: 15 } },
    ],
    ['cron(0 1 ? * 6L *)', { dayOfWeek: { kind: 'last', day: 6 } }],
    ['cron(0 1 ? * 3#2 *)', { dayOfWeek: { kind: 'nth', day: 3, nth: 2 } }],
    ['cron(0 1 ? * TUE#2 *)', { dayOfWeek: { kind: 'nth', day: 3, nth: 2 } }],
    // AWS: a lone L in day-of-week is the last day of the week, Saturday.
    ['cron(0 1 ? * L *)', { dayOfWeek: { kind: 'days', days: [7] } }],
  ])('reads the special characters of %s', (expression, expected) => {
    // Act
    const schedule = parseSchedule(expression);

    // Assess
    expect(schedule).toMatchObject(expected);
  });

  it('returns the period of a rate', () => {
    // Act
    const schedule = parseSchedule('rate(12 hours)');

    // Assess
    expect(schedule).toEqual({
      kind: 'rate',
      expression: 'rate(12 hours)',
      value: 12,
      unit: 'hour',
      periodMs: 12 * 3_600_000,
    });
  });

  it('throws InvalidScheduleError with the offset of the bad part', () => {
    // Act
    const act = () => parseSchedule('cron(0 25 * * ? *)');

    // Assess
    expect(act).toThrow(InvalidScheduleError);
    expect(act).toThrow(
      "invalid schedule 'cron(0 25 * * ? *)': hours value 25 is out of range 0-23"
    );
    expect(act).toThrow(
      expect.objectContaining({ offset: 7, length: 2 }) as Error
    );
  });
});
