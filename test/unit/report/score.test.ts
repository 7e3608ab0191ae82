import { describe, expect, it } from 'vitest';
import {
  backupsPart,
  overallScore,
  restorePart,
  serviceScore,
} from '../../../src/report/score.js';

describe('backupsPart', () => {
  it('counts on-time backups in full and late ones half', () => {
    // Act
    const part = backupsPart({ expected: 8, succeeded: 6, late: 2 });

    // Assess: (4 + 2 x 0.5) / 8
    expect(part).toBe(5 / 8);
  });

  it('does not apply when nothing was expected', () => {
    // Act
    const part = backupsPart({ expected: 0, succeeded: 0, late: 0 });

    // Assess
    expect(part).toBeUndefined();
  });
});

describe('restorePart', () => {
  it.each([
    ['ok', 1],
    ['slow', 0.5],
    ['overdue', 0],
    ['never', 0],
    ['not-yet-due', undefined],
    ['not-required', undefined],
  ] as const)('gives %s %s', (status, part) => {
    // Act
    const result = restorePart(status);

    // Assess
    expect(result).toBe(part);
  });
});

describe('serviceScore', () => {
  it('weighs backups 40%, RPO 30%, copies 10% and restore tests 20%', () => {
    // Act
    const score = serviceScore({
      backups: 0.5,
      rpo: 1,
      copies: 0,
      restoreTests: 1,
    });

    // Assess: 0.2 + 0.3 + 0 + 0.2
    expect(score?.score).toBe(70);
  });

  it('reweights the parts that apply', () => {
    // Act
    const score = serviceScore({ backups: 1, rpo: 0 });

    // Assess: 0.4 / 0.7
    expect(score?.score).toBe(57.1);
  });

  it('returns undefined when no part applies', () => {
    // Act
    const score = serviceScore({});

    // Assess
    expect(score).toBeUndefined();
  });
});

describe('overallScore', () => {
  it('weighs critical services 3, high 2 and standard 1', () => {
    // Act
    const score = overallScore([
      { tier: 'critical', score: { score: 100 } },
      { tier: 'high', score: { score: 50 } },
      { tier: 'standard', score: { score: 0 } },
    ]);

    // Assess: (300 + 100 + 0) / 6
    expect(score).toBe(66.7);
  });

  it('leaves out services with nothing to measure', () => {
    // Act
    const score = overallScore([
      { tier: 'critical' },
      { tier: 'standard', score: { score: 80 } },
    ]);

    // Assess
    expect(score).toBe(80);
  });

  it('returns undefined when no service has a score', () => {
    // Act
    const score = overallScore([{ tier: 'high' }]);

    // Assess
    expect(score).toBeUndefined();
  });
});
