export { describeSchedule } from './describe.js';
export {
  dueTimesBetween,
  latestPassedDue,
  maxIntervalMs,
  nextDueAt,
  previousDueAt,
} from './due.js';
export {
  formatAgainst,
  formatDuration,
  InvalidDurationError,
  parseDuration,
} from './duration.js';
export { InvalidScheduleError, InvalidTimezoneError } from './errors.js';
export { parseSchedule, validateSchedule } from './parse.js';
export type {
  CronSchedule,
  DayOfMonthSpec,
  DayOfWeekSpec,
  RateSchedule,
  RateUnit,
  Schedule,
  ScheduleValidation,
} from './types.js';
export { isValidTimezone } from './zone.js';
