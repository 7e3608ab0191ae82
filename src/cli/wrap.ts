import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** Signals passed on to the wrapped command, as a terminal or a scheduler sends them. */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

/** The last lines of stderr kept for the report: enough to see why, bounded. */
const TAIL_LINES = 20;
const TAIL_CHARS = 2000;

/** How a wrapped command ended. */
interface Wrapped {
  /** The exit code to exit with: the command's, or 128 + the signal's number. */
  exitCode: number;
  /** The signal that ended it, if one did. */
  signal?: NodeJS.Signals;
  startedAt: Date;
  endedAt: Date;
  /** Its last lines of stderr, at most {@link TAIL_LINES} and {@link TAIL_CHARS}. */
  stderrTail: string;
}

/** Keeps the end of a stream of text: the last lines, and not too many characters. */
const tailKeeper = () => {
  let text = '';
  return {
    add(chunk: Buffer): void {
      text = (text + chunk.toString('utf8')).slice(-TAIL_CHARS * 2);
    },
    tail(): string {
      const lines = text.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
      return lines.length > TAIL_CHARS ? lines.slice(-TAIL_CHARS) : lines;
    },
  };
};

/**
 * Runs a command with stdin and stdout passed through and stderr both
 * passed through and kept (its tail goes into the report), forwarding
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT to it while it runs.
 *
 * @param command - the program
 * @param args - its arguments
 * @param clock - the current time (read at the start and at the end)
 * @param stderr - where the command's stderr is passed to
 * @returns how it ended; a command that cannot start ends with 127
 */
const wrapCommand = (
  command: string,
  args: string[],
  clock: () => Date,
  stderr: (chunk: Buffer) => void
): Promise<Wrapped> =>
  new Promise((resolve) => {
    const startedAt = clock();
    const kept = tailKeeper();
    const child = spawn(command, args, {
      stdio: ['inherit', 'inherit', 'pipe'],
    });
    const forward = (signal: NodeJS.Signals) => () => {
      child.kill(signal);
    };
    const handlers = FORWARDED.map((signal) => {
      const handler = forward(signal);
      process.on(signal, handler);
      return { signal, handler };
    });
    let ended = false;
    const done = (
      wrapped: Omit<Wrapped, 'startedAt' | 'endedAt' | 'stderrTail'>
    ) => {
      // A command that cannot start fires 'error', then 'close'.
      if (ended) return;
      ended = true;
      for (const { signal, handler } of handlers) process.off(signal, handler);
      resolve({
        ...wrapped,
        startedAt,
        endedAt: clock(),
        stderrTail: kept.tail(),
      });
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      kept.add(chunk);
      stderr(chunk);
    });
    child.once('error', (error) => {
      kept.add(Buffer.from(`${error.message}\n`));
      // The shells' code for a command that could not be run.
      done({ exitCode: 127 });
    });
    child.once('close', (code, signal) => {
      if (signal !== null) {
        done({ exitCode: 128 + (constants.signals[signal] ?? 0), signal });
      } else {
        done({ exitCode: code ?? 1 });
      }
    });
  });

export type { Wrapped };
export { TAIL_CHARS, TAIL_LINES, wrapCommand };
