/** The unit of a `rate()` expression, in its singular form. */
type RateUnit = 'minute' | 'hour' | 'day';

/**
 * A parsed `rate(value unit)` expression: due every `periodMs`, counted from
 * the Unix epoch (a rate has no anchor of its own, see `nextDueAt`).
 */
interface RateSchedule {
  kind: 'rate';
  expression: string;
  value: number;
  unit: RateUnit;
  periodMs: number;
}

/** The day-of-month field of a cron expression. */
type DayOfMonthSpec =
  /** `?` or `*`: no constraint from this field. */
  | { kind: 'any' }
  /** Plain days (1-31), ascending. */
  | { kind: 'days'; days: readonly number[] }
  /** `L`: the last day of the month. */
  | { kind: 'last' }
  /** `LW`: the last weekday (Monday to Friday) of the month. */
  | { kind: 'last-weekday' }
  /** `15W`: the weekday nearest the given day, within the same month. */
  | { kind: 'nearest-weekday'; day: number };

/** The day-of-week field of a cron expression; days are 1 = Sunday to 7 = Saturday. */
type DayOfWeekSpec =
  /** `?` or `*`: no constraint from this field. */
  | { kind: 'any' }
  /** Plain days, ascending; a lone `L` is Saturday, the last day of the week. */
  | { kind: 'days'; days: readonly number[] }
  /** `6L`: the last such day of the month. */
  | { kind: 'last'; day: number }
  /** `3#2`: the nth such day of the month (nth 1-5). */
  | { kind: 'nth'; day: number; nth: number };

/**
 * A parsed `cron(Minutes Hours Day-of-month Month Day-of-week Year)`
 * expression, every list, range and step expanded.
 */
interface CronSchedule {
  kind: 'cron';
  expression: string;
  /** Minutes (0-59), ascending. */
  minutes: readonly number[];
  /** Hours (0-23), ascending. */
  hours: readonly number[];
  dayOfMonth: DayOfMonthSpec;
  /** Months (1-12), ascending. */
  months: readonly number[];
  dayOfWeek: DayOfWeekSpec;
  /** Years (within AWS's 1970-2199), ascending. */
  years: readonly number[];
}

/** A parsed AWS schedule expression. */
type Schedule = CronSchedule | RateSchedule;

/** The result of {@link validateSchedule}. */
type ScheduleValidation =
  | { ok: true }
  | {
      ok: false;
      message: string;
      /** Index in the expression of the bad part. */
      offset: number;
      /** Length of the bad part (at least 1), for a lint range. */
      length: number;
    };

export type {
  CronSchedule,
  DayOfMonthSpec,
  DayOfWeekSpec,
  RateSchedule,
  RateUnit,
  Schedule,
  ScheduleValidation,
};
