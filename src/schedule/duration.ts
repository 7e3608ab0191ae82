import { SentinelError } from '../model/index.js';

const UNIT_MS = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

type DurationUnit = keyof typeof UNIT_MS;

/** Thrown by {@link parseDuration} for text that is not a duration. */
class InvalidDurationError extends SentinelError {
  readonly text: string;

  constructor(
    text: string,
    problem: 'form' | 'zero' = 'form',
    options?: ErrorOptions
  ) {
    super(
      problem === 'zero'
        ? `invalid duration '${text}': it must be longer than zero, e.g. 30m, 26h or 7d`
        : `invalid duration '${text}': use a positive whole number and a unit (s, m, h, d, w), e.g. 30m, 26h, 7d or 1h30m`,
      options
    );
    this.name = 'InvalidDurationError';
    this.text = text;
  }
}

const DURATION = /^(?:\d+[smhdw])+$/;
const PART = /(\d+)([smhdw])/g;

/**
 * Returns the length of a runbook duration such as `30m`, `26h`, `7d` or
 * `1h30m`, in milliseconds.
 *
 * @param text - the duration as written in the runbook
 * @throws {InvalidDurationError} when the text is not a positive duration
 */
const parseDuration = (text: string): number => {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) throw new InvalidDurationError(text);
  let ms = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    ms += Number(amount) * UNIT_MS[unit as DurationUnit];
  }
  if (ms <= 0) throw new InvalidDurationError(text, 'zero');
  return ms;
};

/** Durations up to this are given in hours: RPOs are usually stated in hours. */
const HOURS_UP_TO_MS = 72 * UNIT_MS.h;

/**
 * Returns a duration as people read it in a page or a report, to the minute
 * in at most two units: `45 s`, `30 min`, `30 h 20 min`, `51 h`,
 * `3 d 4 h`, `10 d`. Hours are used up to 72 h because RPOs are usually
 * stated in hours. Seconds appear only when the whole duration is under a
 * minute, and a positive one under a second reads `under 1 s`, never `0 s`.
 * Smaller units are dropped, not rounded, so a duration never reads longer
 * than it was (as `formatUtc` drops seconds).
 *
 * @param ms - a duration in milliseconds
 */
const formatDuration = (ms: number): string => {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs === 0) return '0 s';
  if (abs < UNIT_MS.s) return `${sign}under 1 s`;
  if (abs < UNIT_MS.m) return `${sign}${Math.floor(abs / UNIT_MS.s)} s`;
  const [big, small, bigName, smallName] =
    abs < UNIT_MS.h
      ? [UNIT_MS.m, 0, 'min', '']
      : abs <= HOURS_UP_TO_MS
        ? [UNIT_MS.h, UNIT_MS.m, 'h', 'min']
        : [UNIT_MS.d, UNIT_MS.h, 'd', 'h'];
  const whole = Math.floor(abs / big);
  const rest = small === 0 ? 0 : Math.floor((abs - whole * big) / small);
  const tail = rest === 0 ? '' : ` ${rest} ${smallName}`;
  return `${sign}${whole} ${bigName}${tail}`;
};

/**
 * Returns a measured duration against the limit it broke or kept, with the
 * difference spelled out, so a breach never reads as equality:
 * `30 h 20 min, 20 min over the 30 h RPO`; `6 d 23 h, 1 h short of the
 * 7 d retention`. When the two durations read alike at
 * {@link formatDuration}'s precision, the measured one is left out:
 * `40 s over the 30 h RPO`.
 *
 * @param actualMs - what was measured (an age, a restore's duration)
 * @param limitMs - the runbook's limit
 * @param limit - what the limit is, e.g. `RPO`, `RTO`, `retention`
 */
const formatAgainst = (
  actualMs: number,
  limitMs: number,
  limit: string
): string => {
  const actual = formatDuration(actualMs);
  const bound = formatDuration(limitMs);
  const word = actualMs > limitMs ? 'over' : 'short of';
  if (actualMs === limitMs) return `${actual}, exactly the ${limit}`;
  const difference = `${formatDuration(Math.abs(actualMs - limitMs))} ${word} the ${bound} ${limit}`;
  return actual === bound ? difference : `${actual}, ${difference}`;
};

export { formatAgainst, formatDuration, InvalidDurationError, parseDuration };
