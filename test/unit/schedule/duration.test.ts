import { describe, expect, it } from 'vitest';
import {
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
});

describe('formatDuration', () => {
  it.each([
    [45_000, '45 s'],
    [30 * 60_000, '30 min'],
    [51 * 3_600_000, '51 h'],
    [1.5 * 3_600_000, '1.5 h'],
    [10 * 86_400_000, '10 d'],
  ])('formats %d ms as %s', (ms, expected) => {
    // Act & Assess
    expect(formatDuration(ms)).toBe(expected);
  });
});
