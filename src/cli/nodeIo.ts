import type { CliIo } from './types.js';

// Output piped into a reader that quits early (`| head`) closes the pipe:
// stop there quietly, as Unix tools do, instead of dying on EPIPE.
const quitOnClosedPipe = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
};

/** Returns the real process's streams, working folder, clock and Node version. */
const nodeIo = (): CliIo => {
  process.stdout.on('error', quitOnClosedPipe);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    now: () => new Date(),
    nodeVersion: process.version,
  };
};

export { nodeIo };
