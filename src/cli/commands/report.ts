import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  loadWeeklyFigures,
  watchFromHistoryStart,
} from '../../monitor/index.js';
import {
  isoWeekContaining,
  renderReportHtml,
  renderReportText,
} from '../../report/index.js';
import { loadRunbookDir } from '../../runbook/index.js';
import { UsageError } from '../errors.js';
import { ingestEventsFile } from '../eventsFile.js';
import { ISO_INSTANT, parseInstant } from '../instant.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface ReportOptions {
  runbook: string;
  events: string;
  week: string;
  out?: string;
  json: boolean;
  now?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Returns an instant inside the week the user means. A bare date is read
 * at 12:00 UTC, which is that same calendar date in every zone from
 * UTC-12 to UTC+11.
 */
const parseWeekDate = (value: string): Date => {
  const at = new Date(DATE.test(value) ? `${value}T12:00:00Z` : value);
  if (
    !(DATE.test(value) || ISO_INSTANT.test(value)) ||
    Number.isNaN(at.getTime())
  ) {
    throw new UsageError(
      `--week must be a date such as 2026-10-28 (or an ISO 8601 time with a zone); got '${value}'`
    );
  }
  return at;
};

/**
 * Registers `sentinel report`: ingests a file of raw AWS events into an
 * in-process store with the real ingest and prints the weekly compliance
 * report for the ISO week (in the runbook's zone) containing `--week`: the
 * plain-text version, or the figures as JSON with `--json`; `--out` also
 * writes the HTML email. Events after `--now` (default: the clock) are
 * left out.
 *
 * @example
 * ```sh
 * sentinel report --events events.jsonl --week 2026-10-28 --out report.html
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerReport = (program: Command, context: CliContext): void => {
  program
    .command('report')
    .description(
      'print the weekly compliance report for the week containing a date, from a JSONL file of raw AWS events'
    )
    .requiredOption(
      '--events <file>',
      'raw events, one JSON object a line (EventBridge envelopes, S3 notification bodies)'
    )
    .requiredOption(
      '--week <date>',
      'any date in the ISO week to report on, e.g. 2026-10-28'
    )
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option('--out <file>', 'also write the HTML email to this file')
    .option('--json', 'print the figures as JSON instead of text', false)
    .option('--now <time>', 'compute as of this ISO 8601 time (default: now)')
    .action(async (options: ReportOptions) => {
      const { io } = context;
      const at = parseWeekDate(options.week);
      const now =
        options.now === undefined
          ? io.now()
          : parseInstant('--now', options.now);
      const runbook = await loadRunbookDir(options.runbook, io);
      const week = isoWeekContaining(at, runbook.defaults.timezone);
      const { store, summary, later } = await ingestEventsFile({
        path: options.events,
        runbook,
        io,
        now,
        until: now,
      });
      await watchFromHistoryStart({ store, runbook }, now);
      // No incident was raised for the file's events: say so, not 0.
      const figures = {
        ...(await loadWeeklyFigures({ store, runbook }, week, now)),
        alertsRecorded: false,
      };
      io.stdout(
        options.json
          ? `${JSON.stringify(figures, null, 2)}\n`
          : renderReportText(figures)
      );
      if (options.out !== undefined) {
        const path = resolve(io.cwd, options.out);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, renderReportHtml(figures));
        io.stderr(`wrote ${options.out}\n`);
      }
      io.stderr(
        `${summary.recorded} events recorded, ${summary.duplicates} duplicates, ${summary.rejected} rejected, ${later} after --now left out; week ${figures.weekLabel}\n`
      );
      context.setExitCode(EXIT_CODES.ok);
    });
};

export { registerReport };
