import { describe, expect, it } from 'vitest';
import {
  formatAgainst,
  formatDuration,
  InvalidDurationError,
  parseDuration,
} from '../../../src/schedule/index.js';

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['26h', 26 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['1h30m', 90 * 60_000],
    ['45s', 45_000],
  ])('returns the milliseconds of %s', (text, expected) => {
    // Act
    const ms = parseDuration(text);

    // Assess
    expect(ms).toBe(expected);
  });

  it.each(['', '30', 'm', '1.5h', '-1h', '0m', '3 days', '1y'])(
    'throws InvalidDurationError for %j',
    (text) => {
      // Act & Assess
      expect(() => parseDuration(text)).toThrow(InvalidDurationError);
    }
  );

  it.each([
    ['0h', "invalid duration '0h': it must be longer than zero"],
    ['-4h', "invalid duration '-4h': use a positive whole number and a unit"],
  ])('says what is wrong with %j', (text, message) => {
    // Act & Assess
    expect(() => parseDuration(text)).toThrow(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [400, 'under 1 s'],
    [45_000, '45 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [90_000, '1 min'],
    [30 * 60_000, '30 min'],
    [1.5 * 3_600_000, '1 h 30 min'],
    [(30 * 60 + 20) * 60_000, '30 h 20 min'],
    [51 * 3_600_000, '51 h'],
    [72 * 3_600_000, '72 h'],
    [(76 * 60 + 59) * 60_000, '3 d 4 h'],
    [10 * 86_400_000, '10 d'],
    [-45 * 60_000, '-45 min'],
  ])('formats %d ms as %s', (ms, expected) => {
    // Act & Assess
    expect(formatDuration(ms)).toBe(expected);
  });

  it('never shows seconds or milliseconds once a duration reaches a minute', () => {
    // Prepare: every second of the first two days.
    const samples = Array.from(
      { length: 2 * 86_400 },
      (_, i) => i * 1000 + 60_000
    );

    // Act
    const texts = samples.map(formatDuration);

    // Assess
    expect(texts.filter((t) => / s$|ms/.test(t))).toEqual([]);
  });
});

describe('formatAgainst', () => {
  it('shows a breach with its overshoot in units that make it visible', () => {
    // Act
    const text = formatAgainst((30 * 60 + 20) * 60_000, 30 * 3_600_000, 'RPO');

    // Assess
    expect(text).toBe('30 h 20 min, 20 min over the 30 h RPO');
  });

  it('leaves out the measured duration when it reads like the limit', () => {
    // Act
    const text = formatAgainst(30 * 3_600_000 + 40_000, 30 * 3_600_000, 'RPO');

    // Assess
    expect(text).toBe('40 s over the 30 h RPO');
  });

  it('says how far short of a limit a duration fell', () => {
    // Act
    const text = formatAgainst(
      (6 * 24 + 23) * 3_600_000,
      7 * 86_400_000,
      'retention'
    );

    // Assess
    expect(text).toBe('6 d 23 h, 1 h short of the 7 d retention');
  });

  it.each([
    [30 * 3_600_000 + 1],
    [30 * 3_600_000 + 999],
    [30 * 3_600_000 + 59_999],
    [30 * 3_600_000 + 60_001],
    [31 * 3_600_000 - 1],
    [72 * 3_600_000 + 1],
  ])('never gives two numbers that read alike for %d ms against 30 h', (ms) => {
    // Act
    const numbers = formatAgainst(ms, 30 * 3_600_000, 'RPO')
      .split(/, | over the /)
      .map((part) => part.replace(/ RPO$/, ''));

    // Assess
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
