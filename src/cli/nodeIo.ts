import type { CliIo } from './types.js';

/** Returns the real process's streams, working folder and clock. */
const nodeIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  now: () => new Date(),
});

export { nodeIo };
