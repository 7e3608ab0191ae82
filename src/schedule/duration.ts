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

  constructor(text: string, options?: ErrorOptions) {
    super(
      `invalid duration '${text}': use a number and a unit (s, m, h, d, w), e.g. 30m, 26h, 7d or 1h30m`,
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
  if (ms <= 0) throw new InvalidDurationError(text);
  return ms;
};

/**
 * Returns a short human form of a duration in milliseconds: `51 h`, `30 min`,
 * `7 d`, `45 s`. Hours are used up to 72 h because RPOs are usually stated in
 * hours.
 *
 * @param ms - a duration in milliseconds
 */
const formatDuration = (ms: number): string => {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < UNIT_MS.m) return `${sign}${Math.round(abs / UNIT_MS.s)} s`;
  if (abs < UNIT_MS.h) return `${sign}${Math.round(abs / UNIT_MS.m)} min`;
  if (abs <= 72 * UNIT_MS.h) {
    const hours = abs / UNIT_MS.h;
    const shown = hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours);
    return `${sign}${shown} h`;
  }
  return `${sign}${Math.round((abs / UNIT_MS.d) * 10) / 10} d`;
};

export { formatDuration, InvalidDurationError, parseDuration };
