import { describe, expect, it } from 'vitest';
import { lineColumn } from '../../../src/runbook/index.js';
import { lineRange } from '../../../src/runbook/position.js';

const TEXT = 'ab\ncde\r\n\nf';

describe('lineColumn', () => {
  it.each([
    [0, { line: 1, column: 1 }],
    [2, { line: 1, column: 3 }],
    [3, { line: 2, column: 1 }],
    [5, { line: 2, column: 3 }],
    [8, { line: 3, column: 1 }],
    [9, { line: 4, column: 1 }],
    [99, { line: 4, column: 2 }],
  ])('returns the 1-based position of offset %d', (offset, expected) => {
    // Act & Assess
    expect(lineColumn(TEXT, offset)).toEqual(expected);
  });

  it('returns 1:1 for an empty text', () => {
    // Act & Assess
    expect(lineColumn('', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('lineRange', () => {
  it('returns a line without its line break', () => {
    // Act & Assess
    expect(lineRange(TEXT, 1)).toEqual([0, 2]);
    expect(lineRange(TEXT, 2)).toEqual([3, 6]);
    expect(lineRange(TEXT, 3)).toEqual([8, 8]);
    expect(lineRange(TEXT, 4)).toEqual([9, 10]);
  });
});
