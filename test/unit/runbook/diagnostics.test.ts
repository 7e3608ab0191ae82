import { describe, expect, it } from 'vitest';
import {
  closestMatch,
  diagnostic,
  didYouMean,
} from '../../../src/runbook/diagnostics.js';
import {
  DIAGNOSTIC_CODES,
  sortDiagnostics,
} from '../../../src/runbook/index.js';

describe('diagnostic', () => {
  it('returns the severity fixed for the code', () => {
    // Act
    const error = diagnostic('unknown-key', 'a.md', [1, 2], 'm');
    const warning = diagnostic('rpo-unachievable', 'a.md', [1, 2], 'm');

    // Assess
    expect(error.severity).toBe('error');
    expect(warning.severity).toBe('warning');
  });
});

describe('DIAGNOSTIC_CODES', () => {
  it('lists kebab-case codes in alphabetical order', () => {
    // Assess
    expect(DIAGNOSTIC_CODES).toEqual([...DIAGNOSTIC_CODES].sort());
    for (const code of DIAGNOSTIC_CODES)
      expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });
});

describe('closestMatch', () => {
  it.each([
    ['retension', 'retention'],
    ['tierr', 'tier'],
    ['DependsOn', 'dependsOn'],
    ['completionwindow', 'completionWindow'],
  ])('returns the candidate closest to %s', (word, expected) => {
    // Act
    const match = closestMatch(word, [
      'retention',
      'tier',
      'dependsOn',
      'completionWindow',
    ]);

    // Assess
    expect(match).toBe(expected);
  });

  it('returns undefined when nothing is close', () => {
    // Act
    const match = closestMatch('colour', ['retention', 'tier']);

    // Assess
    expect(match).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('returns a suggestion sentence, or nothing', () => {
    // Act & Assess
    expect(didYouMean('tierr', ['tier'])).toBe(" — did you mean 'tier'?");
    expect(didYouMean('zzz', ['tier'])).toBe('');
  });
});

describe('sortDiagnostics', () => {
  it('orders by file, then start, then end, then code', () => {
    // Prepare
    const input = [
      diagnostic('wrong-type', 'services/b.md', [5, 6], 'm'),
      diagnostic('unknown-key', 'services/a.md', [9, 12], 'm'),
      diagnostic('missing-key', 'services/a.md', [3, 9], 'm'),
      diagnostic('invalid-value', 'services/a.md', [3, 4], 'm'),
      diagnostic('duplicate-id', 'services/a.md', [3, 4], 'm'),
    ];

    // Act
    const sorted = sortDiagnostics(input);

    // Assess
    expect(sorted.map((d) => d.code)).toEqual([
      'duplicate-id',
      'invalid-value',
      'missing-key',
      'unknown-key',
      'wrong-type',
    ]);
  });
});
