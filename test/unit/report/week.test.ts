import { describe, expect, it } from 'vitest';
import {
  isoWeekContaining,
  isoWeekLabel,
  previousIsoWeek,
} from '../../../src/report/index.js';
import { HOUR } from '../../helpers/builders.js';

const NOW = new Date('2026-11-02T08:00:00Z'); // a Monday, when the report runs

describe('isoWeekContaining', () => {
  it('returns Monday 00:00 to the next Monday 00:00 in UTC', () => {
    // Act
    const week = isoWeekContaining(new Date('2026-10-28T15:00:00Z'), 'UTC');

    // Assess
    expect(week).toEqual({
      start: new Date('2026-10-26T00:00:00Z'),
      end: new Date('2026-11-02T00:00:00Z'),
    });
  });

  it('puts Monday 00:00 itself in the week it starts', () => {
    // Act
    const week = isoWeekContaining(new Date('2026-10-26T00:00:00Z'), 'UTC');

    // Assess
    expect(week.start).toEqual(new Date('2026-10-26T00:00:00Z'));
  });

  it('returns 169 hours for the Berlin week that ends summer time', () => {
    // Prepare: CEST ends on Sunday 2026-10-25 at 03:00 local.
    const date = new Date('2026-10-22T12:00:00Z');

    // Act
    const week = isoWeekContaining(date, 'Europe/Berlin');

    // Assess
    expect(week.start).toEqual(new Date('2026-10-18T22:00:00Z'));
    expect(week.end).toEqual(new Date('2026-10-25T23:00:00Z'));
    expect(week.end.getTime() - week.start.getTime()).toBe(169 * HOUR);
  });

  it('returns 167 hours for the Berlin week that starts summer time', () => {
    // Act
    const week = isoWeekContaining(
      new Date('2026-03-25T12:00:00Z'),
      'Europe/Berlin'
    );

    // Assess
    expect(week.start).toEqual(new Date('2026-03-22T23:00:00Z'));
    expect(week.end.getTime() - week.start.getTime()).toBe(167 * HOUR);
  });

  it('uses the local date, not the UTC one, near midnight', () => {
    // Prepare: Sunday 23:30 UTC is already Monday in Berlin.
    const date = new Date('2026-11-01T23:30:00Z');

    // Act
    const week = isoWeekContaining(date, 'Europe/Berlin');

    // Assess
    expect(week.start).toEqual(new Date('2026-11-01T23:00:00Z'));
  });
});

describe('previousIsoWeek', () => {
  it('returns the last complete week before the one containing now', () => {
    // Act
    const week = previousIsoWeek(NOW, 'UTC');

    // Assess
    expect(week).toEqual({
      start: new Date('2026-10-26T00:00:00Z'),
      end: new Date('2026-11-02T00:00:00Z'),
    });
  });

  it('returns the week in the given zone', () => {
    // Act
    const week = previousIsoWeek(NOW, 'America/New_York');

    // Assess: Monday 08:00 UTC is 03:00 in New York, same week as in UTC.
    expect(week.start).toEqual(new Date('2026-10-26T04:00:00Z'));
    expect(week.end).toEqual(new Date('2026-11-02T05:00:00Z'));
  });
});

describe('isoWeekLabel', () => {
  it.each([
    ['2026-10-28T12:00:00Z', '2026-W44'],
    ['2026-12-31T12:00:00Z', '2026-W53'],
    ['2027-01-01T12:00:00Z', '2026-W53'],
    ['2024-12-30T12:00:00Z', '2025-W01'],
    ['2026-01-01T12:00:00Z', '2026-W01'],
  ])('labels the week of %s as %s', (date, label) => {
    // Prepare
    const week = isoWeekContaining(new Date(date), 'UTC');

    // Act
    const result = isoWeekLabel(week, 'UTC');

    // Assess
    expect(result).toBe(label);
  });
});
