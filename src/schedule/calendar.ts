import { Cron } from 'croner';
import type { CronSchedule } from './types.js';

const DAY_MS = 86_400_000;

// Days are counted as local calendar dates: day n is the date of
// `new Date(n * DAY_MS)` read in UTC. Croner decides which dates match (L, W,
// LW, 6L, 3#2, leap years) on that zone-free calendar; the zone is applied
// later, per time of day, in due.ts.

/** Returns croner's 7-part pattern for the dates a schedule is due on. */
const dayPattern = (schedule: CronSchedule): string => {
  const dom = schedule.dayOfMonth;
  const dow = schedule.dayOfWeek;
  const dayOfMonth =
    dom.kind === 'any'
      ? '*'
      : dom.kind === 'days'
        ? dom.days.join(',')
        : dom.kind === 'last'
          ? 'L'
          : dom.kind === 'last-weekday'
            ? 'LW'
            : `${dom.day}W`;
  const dayOfWeek =
    dow.kind === 'any'
      ? '*'
      : dow.kind === 'days'
        ? dow.days.join(',')
        : dow.kind === 'last'
          ? `${dow.day}L`
          : `${dow.day}#${dow.nth}`;
  return `0 0 0 ${dayOfMonth} ${schedule.months.join(',')} ${dayOfWeek} ${runs(schedule.years)}`;
};

/** Writes ascending numbers as ranges: 2025,2026,2027,2030 -> 2025-2027,2030. */
const runs = (values: readonly number[]): string => {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === (values[j] as number) + 1)
      j++;
    parts.push(i === j ? `${values[i]}` : `${values[i]}-${values[j]}`);
    i = j + 1;
  }
  return parts.join(',');
};

const cronFor = (pattern: string): Cron =>
  // AWS numbers days 1 = SUN (croner's alternativeWeekdays); its
  // day-of-month and day-of-week are never both set, so AND is exact.
  // utcOffset 0 rather than timezone 'UTC': measured 3x faster per match.
  new Cron(pattern, {
    utcOffset: 0,
    mode: '7-part',
    alternativeWeekdays: true,
    domAndDow: true,
    paused: true,
  });

const NO_DAYS = new Uint8Array(0);

/** Which local dates a schedule is due on, one byte per day, built per year on demand. */
class DayCalendar {
  private readonly cron: Cron;
  private readonly months: ReadonlySet<number>;
  private readonly years: ReadonlySet<number>;
  private readonly firstYear: number;
  private readonly lastYear: number;
  private readonly byYear = new Map<number, Uint8Array>();

  constructor(schedule: CronSchedule) {
    this.cron = cronFor(dayPattern(schedule));
    this.months = new Set(schedule.months);
    this.years = new Set(schedule.years);
    this.firstYear = schedule.years[0] as number;
    this.lastYear = schedule.years[schedule.years.length - 1] as number;
  }

  /** Returns the first due date on or after `day`, or undefined if none. */
  nextDay(day: number): number | undefined {
    let year = yearOf(day);
    if (year < this.firstYear) {
      year = this.firstYear;
      day = yearStart(year);
    }
    for (; year <= this.lastYear; year++) {
      const start = yearStart(year);
      const bits = this.year(year);
      for (let i = Math.max(0, day - start); i < bits.length; i++) {
        if (bits[i] === 1) return start + i;
      }
    }
    return undefined;
  }

  /**
   * Returns the last due date on or before `day`, or undefined if none on or
   * after `floorDay`.
   */
  previousDay(day: number, floorDay: number): number | undefined {
    let year = yearOf(day);
    if (year > this.lastYear) {
      year = this.lastYear;
      day = yearStart(year + 1) - 1;
    }
    const floorYear =
      floorDay <= yearStart(this.firstYear) ? this.firstYear : yearOf(floorDay);
    for (; year >= floorYear; year--) {
      const start = yearStart(year);
      const bits = this.year(year);
      for (let i = Math.min(bits.length - 1, day - start); i >= 0; i--) {
        if (bits[i] === 1) return start + i >= floorDay ? start + i : undefined;
      }
    }
    return undefined;
  }

  private year(year: number): Uint8Array {
    let bits = this.byYear.get(year);
    if (bits === undefined) {
      bits = this.years.has(year) ? this.build(year) : NO_DAYS;
      this.byYear.set(year, bits);
    }
    return bits;
  }

  // About 3 µs per date through croner's match(), so ~1 ms per year.
  private build(year: number): Uint8Array {
    const start = yearStart(year);
    const bits = new Uint8Array(yearStart(year + 1) - start);
    for (let month = 1; month <= 12; month++) {
      if (!this.months.has(month)) continue;
      const first = Date.UTC(year, month - 1, 1) / DAY_MS;
      const last = Date.UTC(year, month, 1) / DAY_MS;
      for (let day = first; day < last; day++) {
        if (this.cron.match(new Date(day * DAY_MS))) bits[day - start] = 1;
      }
    }
    return bits;
  }
}

const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const yearStart = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;

// Keyed by the day pattern, so schedules that differ only in time of day or
// zone share one calendar.
const calendars = new Map<string, DayCalendar>();
const CALENDAR_LIMIT = 500;

/** Returns the (cached) calendar of due dates for a schedule. */
const calendarFor = (schedule: CronSchedule): DayCalendar => {
  const pattern = dayPattern(schedule);
  let calendar = calendars.get(pattern);
  if (calendar === undefined) {
    if (calendars.size >= CALENDAR_LIMIT) calendars.clear();
    calendar = new DayCalendar(schedule);
    calendars.set(pattern, calendar);
  }
  return calendar;
};

/**
 * Returns whether any date in the schedule's years matches its day fields
 * (false for `cron(0 0 30 2 ? *)`). One croner search, a few ms at worst.
 */
const hasDueDay = (schedule: CronSchedule): boolean => {
  const first = schedule.years[0] as number;
  return (
    cronFor(dayPattern(schedule)).nextRun(
      new Date(Date.UTC(first - 1, 11, 31))
    ) !== null
  );
};

export { calendarFor, DAY_MS, type DayCalendar, hasDueDay };
