import { describe, expect, it } from 'vitest';
import { isValidTimezone } from '../../../src/schedule/index.js';
import { zoneFor } from '../../../src/schedule/zone.js';

const HOUR_MS = 3_600_000;

describe('isValidTimezone', () => {
  it.each([
    'UTC',
    'Etc/UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
  ])('accepts %s', (timezone) => {
    // Act & Assess
    expect(isValidTimezone(timezone)).toBe(true);
  });

  it.each(['Mars/Olympus', '', 'CEST+1'])('rejects %j', (timezone) => {
    // Act & Assess
    expect(isValidTimezone(timezone)).toBe(false);
  });
});

describe('zoneFor', () => {
  it('returns the offset on each side of a spring-forward change', () => {
    // Prepare: Europe/Berlin switches to CEST at 2025-03-30T01:00Z
    const zone = zoneFor('Europe/Berlin');
    const change = Date.parse('2025-03-30T01:00:00Z');

    // Act
    const before = zone.offsetAt(change - 1);
    const after = zone.offsetAt(change);

    // Assess
    expect([before, after]).toEqual([HOUR_MS, 2 * HOUR_MS]);
  });

  it('returns no instant for a skipped wall-clock time', () => {
    // Prepare
    const zone = zoneFor('Europe/Berlin');

    // Act: 2025-03-30 02:30 local does not exist
    const instant = zone.instantOf(Date.UTC(2025, 2, 30, 2, 30));

    // Assess
    expect(instant).toBeUndefined();
  });

  it('returns the first occurrence of a repeated wall-clock time', () => {
    // Prepare
    const zone = zoneFor('Europe/Berlin');

    // Act: 2025-10-26 02:30 local happens at 00:30Z and again at 01:30Z
    const instant = zone.instantOf(Date.UTC(2025, 9, 26, 2, 30));

    // Assess
    expect(instant).toBe(Date.parse('2025-10-26T00:30:00Z'));
  });

  it('returns a half-hour offset exactly', () => {
    // Prepare
    const zone = zoneFor('Asia/Kolkata');

    // Act
    const offset = zone.offsetAt(Date.parse('2025-11-07T10:00:00Z'));

    // Assess
    expect(offset).toBe(5.5 * HOUR_MS);
  });
});
