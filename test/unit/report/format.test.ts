import { describe, expect, it } from 'vitest';
import {
  formatGap,
  formatRestoreTest,
  formatScore,
} from '../../../src/report/format.js';
import type { ServiceFigures } from '../../../src/report/index.js';
import { DAY, HOUR, MINUTE } from '../../helpers/builders.js';

describe('formatScore', () => {
  it.each([
    [87.5, 2.5, '87.5/100 (+2.5 on the week before)'],
    [87.5, -0.9, '87.5/100 (-0.9 on the week before)'],
    // Not "0 on the week before", which reads as last week's score.
    [100, 0, '100/100 (unchanged from the week before)'],
    [100, undefined, '100/100'],
  ])('gives %s with a change of %s as %j', (score, change, text) => {
    // Act & Assess
    expect(formatScore(score, change)).toBe(text);
  });
});

describe('formatRestoreTest', () => {
  it('says by how much an overdue test is late, so its age never reads like the period', () => {
    // Act
    const text = formatRestoreTest(
      {
        status: 'overdue',
        restoreTestMs: 30 * DAY,
        lastAt: new Date('2026-10-05T10:00:00Z'),
        ageMs: 30 * DAY + 40 * MINUTE,
        failed: 0,
      },
      4 * HOUR,
      'UTC'
    );

    // Assess
    expect(text).toBe(
      'last Mon 5 Oct 2026 (40 min over the 30 d restore-test period): OVERDUE'
    );
  });

  it('puts a restore slower than the RTO against it', () => {
    // Act
    const text = formatRestoreTest(
      {
        status: 'slow',
        restoreTestMs: 30 * DAY,
        lastAt: new Date('2026-11-04T10:00:00Z'),
        durationMs: 4 * HOUR + 20 * MINUTE,
        ageMs: 4 * DAY,
        failed: 0,
      },
      4 * HOUR,
      'UTC'
    );

    // Assess
    expect(text).toBe(
      'last Wed 4 Nov 2026 (4 d old), took 4 h 20 min, 20 min over the 4 h RTO: SLOWER THAN RTO; required every 30 d'
    );
  });
});

describe('formatGap', () => {
  it('shows a gap past the RPO with its overshoot', () => {
    // Prepare
    const service = {
      rpoMs: 27 * HOUR,
      longestGapMs: 27 * HOUR + 30_000,
      withinRpoShare: 0.99,
      resources: [],
    } as unknown as ServiceFigures;

    // Act
    const text = formatGap(service);

    // Assess
    expect(text).toBe(
      'longest gap 30 s over the 27 h RPO; within RPO 99% of the time'
    );
  });
});
