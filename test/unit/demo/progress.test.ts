import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../demo/index.js';

const START = new Date('2026-11-16T00:00:00.000Z');
const DAY_MS = 86_400_000;

/** Runs a 14-day simulation's progress calls, one per 6 simulated hours. */
const simulate = (mode: 'tty' | 'lines' | 'off', msPerCall: number) => {
  const written: string[] = [];
  let clock = 0;
  const progress = createProgress(
    mode,
    (t) => written.push(t),
    () => clock
  );
  for (let quarter = 0; quarter <= 14 * 4; quarter += 1) {
    clock += msPerCall;
    progress.update(
      new Date(START.getTime() + (quarter * DAY_MS) / 4),
      Math.floor(quarter / 4),
      14,
      quarter
    );
  }
  progress.finish();
  return written;
};

describe('createProgress', () => {
  it('redraws one line in place on a terminal, at most every 100 ms, and clears it at the end', () => {
    // Act
    const written = simulate('tty', 30);

    // Assess
    expect(written.length).toBeLessThan(30);
    expect(
      written
        .slice(0, -1)
        .every((t) => t.startsWith('\r') && t.endsWith('\x1b[K'))
    ).toBe(true);
    expect(written.at(-2)).toContain(
      '2026-11-30 00:00 UTC, day 14/14 [##############################] 56 pages'
    );
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('writes a plain line per simulated week in a log', () => {
    // Act
    const written = simulate('lines', 30);

    // Assess
    expect(written).toEqual([
      'simulating 2026-11-23 00:00 UTC, day 7/14 [###############...............] 28 pages\n',
      'simulating 2026-11-30 00:00 UTC, day 14/14 [##############################] 56 pages\n',
    ]);
  });

  it('writes nothing when off', () => {
    // Act
    const written = simulate('off', 30);

    // Assess
    expect(written).toEqual([]);
  });
});
