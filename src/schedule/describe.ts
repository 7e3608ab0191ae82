import { parseSchedule } from './parse.js';
import type { CronSchedule } from './types.js';
import { zoneFor } from './zone.js';

const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const NTH = ['first', 'second', 'third', 'fourth', 'fifth'] as const;
const ALL_YEARS = 2199 - 1970 + 1;

/** "a", "a and b", "a, b and c". */
const joinAnd = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const ordinal = (n: number): string => {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
};

const pad = (n: number): string => String(n).padStart(2, '0');
const dayName = (day: number): string => DAY_NAMES[day - 1] as string;
const monthName = (month: number): string => MONTH_NAMES[month - 1] as string;

/** Returns the step when values are start, start + step, ... filling `size`. */
const wholeStep = (
  values: readonly number[],
  size: number
): number | undefined => {
  const first = values[0] as number;
  const step = values.length > 1 ? (values[1] as number) - first : size;
  const regular = values.every((value, i) => value === first + i * step);
  return regular && first < step && first + values.length * step >= size
    ? step
    : undefined;
};

/** The times of day, or undefined when there is no short phrase for them. */
const timesPhrase = (
  schedule: CronSchedule,
  zone: string
): { text: string; daily: boolean } | undefined => {
  const { minutes, hours } = schedule;
  if (minutes.length === 1) {
    const minute = minutes[0] as number;
    const at = (hour: number): string => `${pad(hour)}:${pad(minute)}`;
    if (hours.length === 24) {
      return { text: `every hour at :${pad(minute)}`, daily: false };
    }
    const step = wholeStep(hours, 24);
    // Lists of up to three hours read better as times: "at 02:00 and 14:00".
    if (hours.length > 3 && step !== undefined) {
      const from = at(hours[0] as number);
      return { text: `every ${step} hours from ${from} ${zone}`, daily: false };
    }
    if (hours.length <= 4) {
      return { text: `at ${joinAnd(hours.map(at))} ${zone}`, daily: true };
    }
    return undefined;
  }
  const step = wholeStep(minutes, 60);
  if (hours.length === 24 && step !== undefined) {
    const first = minutes[0] as number;
    const every = step === 1 ? 'every minute' : `every ${step} minutes`;
    return {
      text: first === 0 ? every : `${every} from :${pad(first)}`,
      daily: false,
    };
  }
  return undefined;
};

/** Whether the days phrase is a date such as "29 February". */
const namesMonth = ({ dayOfMonth, months }: CronSchedule): boolean =>
  dayOfMonth.kind === 'days' &&
  dayOfMonth.days.length === 1 &&
  months.length === 1;

/** The day-of-month or day-of-week phrase, or '' for every day. */
const daysPhrase = (schedule: CronSchedule): string => {
  const dom = schedule.dayOfMonth;
  const dow = schedule.dayOfWeek;
  const months = schedule.months;
  switch (dom.kind) {
    case 'days': {
      if (namesMonth(schedule)) {
        return `on ${dom.days[0]} ${monthName(months[0] as number)}`;
      }
      return `on the ${joinAnd(dom.days.map(ordinal))} of the month`;
    }
    case 'last':
      return 'on the last day of the month';
    case 'last-weekday':
      return 'on the last weekday of the month';
    case 'nearest-weekday':
      return `on the weekday nearest the ${ordinal(dom.day)} of the month`;
    case 'any':
      break;
  }
  switch (dow.kind) {
    case 'days': {
      const days = dow.days.join(',');
      if (days === '2,3,4,5,6') return 'on weekdays';
      if (days === '1,7') return 'on weekends';
      return `on ${joinAnd(dow.days.map((day) => `${dayName(day)}s`))}`;
    }
    case 'last':
      return `on the last ${dayName(dow.day)} of the month`;
    case 'nth':
      return `on the ${NTH[dow.nth - 1]} ${dayName(dow.day)} of the month`;
    case 'any':
      return '';
  }
};

const yearsPhrase = (years: readonly number[]): string | undefined => {
  if (years.length === ALL_YEARS) return '';
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  if (years.length === 1) return `in ${first}`;
  return last - first + 1 === years.length
    ? `from ${first} to ${last}`
    : undefined;
};

const describeCron = (schedule: CronSchedule, zone: string): string => {
  const fallback = `${schedule.expression} in ${zone}`;
  const times = timesPhrase(schedule, zone);
  const years = yearsPhrase(schedule.years);
  if (times === undefined || years === undefined) return fallback;
  const days = daysPhrase(schedule);
  const inMonths =
    schedule.months.length === 12 || namesMonth(schedule)
      ? ''
      : `in ${joinAnd(schedule.months.map(monthName))}`;
  const when = days === '' && times.daily ? `daily ${times.text}` : times.text;
  return [when, days, inMonths, years].filter((part) => part !== '').join(' ');
};

/**
 * Returns a short English description of a schedule, e.g. "daily at 02:00
 * UTC", "every 4 hours", "at 03:30 UTC on Sundays", "at 01:00 Europe/Berlin
 * on the last day of the month"; falls back to "cron(...) in <zone>" when
 * there is no short phrase.
 *
 * @param expression - an AWS `cron(...)` or `rate(...)` expression
 * @param timezone - the IANA zone the cron fields are read in
 * @throws {InvalidScheduleError} when the expression is invalid
 * @throws {InvalidTimezoneError} when the zone is unknown
 */
const describeSchedule = (expression: string, timezone: string): string => {
  const schedule = parseSchedule(expression);
  zoneFor(timezone);
  if (schedule.kind === 'rate') {
    return schedule.value === 1
      ? `every ${schedule.unit}`
      : `every ${schedule.value} ${schedule.unit}s`;
  }
  return describeCron(schedule, timezone);
};

export { describeSchedule };
