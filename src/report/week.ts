import { nextDueAt, previousDueAt } from '../schedule/index.js';
import type { ReportWeek } from './types.js';

// Monday 00:00 as a schedule: the schedule engine already turns wall-clock
// times in a zone into UTC instants across DST changes, so the week's
// bounds come out right (167 or 169 hours) without a second zone library.
// Zones whose DST change skips Monday midnight itself do not exist today.
const MONDAY_MIDNIGHT = 'cron(0 0 ? * MON *)';
const DAY_MS = 86_400_000;

/**
 * Returns the ISO week (Monday 00:00 to the next Monday 00:00 in
 * `timezone`) that contains `date`, as UTC instants. A week with a DST
 * change is 167 or 169 hours long.
 *
 * @param date - any instant in the week
 * @param timezone - an IANA zone, e.g. `Europe/Berlin`
 * @throws {InvalidTimezoneError} when the zone is unknown
 */
const isoWeekContaining = (date: Date, timezone: string): ReportWeek => {
  const start = previousDueAt(MONDAY_MIDNIGHT, timezone, date);
  const end = start && nextDueAt(MONDAY_MIDNIGHT, timezone, start);
  if (start === undefined || end === undefined) {
    throw new RangeError(`no ISO week contains ${date.toISOString()}`);
  }
  return { start, end };
};

/**
 * Returns the last complete ISO week before the one containing `now`, in
 * `timezone`: what the Monday report covers.
 *
 * @param now - the run's instant
 * @param timezone - an IANA zone
 * @throws {InvalidTimezoneError} when the zone is unknown
 */
const previousIsoWeek = (now: Date, timezone: string): ReportWeek =>
  isoWeekContaining(
    new Date(isoWeekContaining(now, timezone).start.getTime() - 1),
    timezone
  );

/** Returns the calendar date of an instant in a zone, as UTC midnight of that date. */
const localDate = (date: Date, timezone: string): Date => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
};

/**
 * Returns the ISO 8601 week label of a week, `2026-W44`: the year is that
 * of the week's Thursday, which is how ISO numbers weeks across New Year.
 *
 * @param week - a week from {@link isoWeekContaining}
 * @param timezone - the zone the week runs in
 */
const isoWeekLabel = (week: ReportWeek, timezone: string): string => {
  const monday = localDate(week.start, timezone);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round(
    (thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS
  );
  const number = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
};

export { isoWeekContaining, isoWeekLabel, previousIsoWeek };
