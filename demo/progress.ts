/** How progress is shown: one updating line (a terminal), plain lines (a log), or not at all. */
const PROGRESS_MODES = ['tty', 'lines', 'off'] as const;
type ProgressMode = (typeof PROGRESS_MODES)[number];

import { formatUtc } from '../src/checks/index.js';

/** Reports how far the simulation got. */
interface Progress {
  /**
   * @param at - the simulated instant reached
   * @param day - simulated days done
   * @param days - simulated days in all
   * @param pages - pages the receivers got so far
   */
  update(at: Date, day: number, days: number, pages: number): void;
  finish(): void;
}

/** Redraws at most this often on a terminal (real milliseconds). */
const REDRAW_MS = 100;

const bar = (share: number, width: number): string => {
  const full = Math.round(share * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
};

/**
 * Returns a progress reporter. On a terminal it redraws one line in place
 * (`\r`, then erase to end of line), at most every 100 ms of real time; in
 * a log it writes a line per simulated week; `off` writes nothing.
 *
 * @param mode - tty, lines or off
 * @param write - where the text goes (stderr: it is not a result)
 * @param clock - real milliseconds, for redraw throttling
 */
const createProgress = (
  mode: ProgressMode,
  write: (text: string) => void,
  clock: () => number
): Progress => {
  let drawnAt = Number.NEGATIVE_INFINITY;
  let lastWeek = 0;
  let lastDay = 0;
  let drawn = false;
  const line = (at: Date, day: number, days: number, pages: number): string =>
    `simulating ${formatUtc(at)}, day ${Math.min(day, days)}/${days} ${bar(day / days, 30)} ${pages} pages`;
  return {
    update(at, day, days, pages) {
      if (mode === 'tty') {
        const now = clock();
        if (now - drawnAt < REDRAW_MS && day < days) return;
        drawnAt = now;
        drawn = true;
        write(`\r${line(at, day, days, pages)}\x1b[K`);
      } else if (mode === 'lines') {
        const week = Math.floor(day / 7);
        if (week > lastWeek || (day === days && lastDay !== days)) {
          lastWeek = week;
          lastDay = day;
          write(`${line(at, day, days, pages)}\n`);
        }
      }
    },
    finish() {
      if (mode === 'tty' && drawn) write('\r\x1b[K');
    },
  };
};

export type { Progress, ProgressMode };
export { createProgress };
