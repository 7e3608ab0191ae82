import type { Command } from 'commander';
import {
  MAX_DAYS,
  MIN_DAYS,
  runDemo,
  untilInterrupted,
} from '../../../demo/index.js';
import { UsageError } from '../errors.js';
import { parseInstant } from '../instant.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface DemoOptions {
  days: string;
  seed: string;
  out: string;
  runbook: string;
  serve: boolean;
  port: string;
  now?: string;
}

const wholeNumber = (
  flag: string,
  value: string,
  min: number,
  max: number
): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}; got '${value}'`
    );
  }
  return n;
};

/**
 * Registers `sentinel demo`, the embedded demo behind `npm start`: a
 * simulated month of the example fleet's AWS events, with incidents,
 * replayed through the real ingest and evaluation against an in-process
 * DynamoDB-compatible server and loopback SNS, PagerDuty and SSM. Prints
 * the timeline of pages and writes the runbook site, a weekly report and
 * pages.jsonl; `--serve` then serves them until Ctrl-C.
 *
 * @example
 * ```sh
 * sentinel demo --days 14 --seed 7 --out out
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerDemo = (program: Command, context: CliContext): void => {
  program
    .command('demo')
    .description(
      'run the embedded demo: a simulated month of backups, incidents and pages, no AWS account needed'
    )
    .option('--days <n>', `simulated days (${MIN_DAYS}-${MAX_DAYS})`, '30')
    .option(
      '--seed <n>',
      'seed of the simulated events (same seed, same pages)',
      '1'
    )
    .option(
      '--out <dir>',
      'where to write runbook/, report.html, pages.jsonl',
      'out'
    )
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option(
      '--serve',
      'then serve the outputs on 127.0.0.1 until Ctrl-C',
      false
    )
    .option('--port <n>', 'port for --serve (0 = any free port)', '0')
    .option(
      '--now <time>',
      'end the simulated period at the start of the ISO week containing this ISO 8601 time (default: now)'
    )
    .action(async (options: DemoOptions) => {
      const { io } = context;
      const days = wholeNumber('--days', options.days, MIN_DAYS, MAX_DAYS);
      const seed = wholeNumber('--seed', options.seed, 0, 2 ** 32 - 1);
      const port = wholeNumber('--port', options.port, 0, 65_535);
      const now =
        options.now === undefined
          ? io.now()
          : parseInstant('--now', options.now);
      const result = await runDemo(
        {
          days,
          seed,
          runbookDir: options.runbook,
          outDir: options.out,
          ...(options.serve && { serve: { port } }),
          io,
          progress: process.stderr.isTTY === true ? 'tty' : 'lines',
        },
        now
      );
      if (result.server !== undefined) {
        io.stdout(
          `Serving ${options.out} at ${result.server.url} (Ctrl-C to stop)\n`
        );
        await untilInterrupted();
        await result.server.stop();
      }
      context.setExitCode(EXIT_CODES.ok);
    });
};

export { registerDemo };
