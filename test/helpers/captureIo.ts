import type { CliIo } from '../../src/cli/index.js';

/** The fixed clock of CLI tests. */
const NOW = new Date('2026-03-02T09:00:00Z');

/** Returns a CliIo that records what a command writes. */
const captureIo = (cwd: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    cwd,
    now: () => NOW,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
};

export { captureIo, NOW };
