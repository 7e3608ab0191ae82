import type { CliIo } from './types.js';

/** Returns the real process's streams, working folder, clock and Node version. */
const nodeIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  now: () => new Date(),
  nodeVersion: process.version,
});

export { nodeIo };
