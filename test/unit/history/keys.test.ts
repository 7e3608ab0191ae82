import { describe, expect, it } from 'vitest';
import {
  eventSk,
  monthsBetween,
  serviceGsiPk,
  transitionPk,
} from '../../../src/history/keys.js';

describe('monthsBetween', () => {
  it('returns every month touched by [from, to), across a year end', () => {
    // Act
    const months = monthsBetween(
      new Date('2026-11-30T00:00:00Z'),
      new Date('2027-02-01T00:00:00Z')
    );

    // Assess
    expect(months).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('returns one month for a week inside it', () => {
    // Act
    const months = monthsBetween(
      new Date('2026-11-02T00:00:00Z'),
      new Date('2026-11-09T00:00:00Z')
    );

    // Assess
    expect(months).toEqual(['2026-11']);
  });

  it('returns no month for an empty range', () => {
    // Act
    const months = monthsBetween(
      new Date('2026-11-02T00:00:00Z'),
      new Date('2026-11-02T00:00:00Z')
    );

    // Assess
    expect(months).toEqual([]);
  });
});

describe('keys', () => {
  it('sorts event keys by time, and files transitions by month', () => {
    // Assess
    expect(
      eventSk('2026-11-01T00:00:00.000Z', 'b') <
        eventSk('2026-11-01T00:00:00.001Z', 'a')
    ).toBe(true);
    expect(transitionPk('2026-11-01T00:00:00.000Z')).toBe('FLIP#2026-11');
    expect(serviceGsiPk(undefined)).toBe('SVC#~unmapped');
    expect(serviceGsiPk('orders-db')).toBe('SVC#orders-db');
  });
});
