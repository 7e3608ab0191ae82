import type { Command } from 'commander';
import { formatUtc } from '../../checks/index.js';
import { SEVERITIES } from '../../model/index.js';
import {
  collectFindings,
  type IncidentFinding,
  watchFromHistoryStart,
} from '../../monitor/index.js';
import { loadRunbookDir } from '../../runbook/index.js';
import { ingestEventsFile } from '../eventsFile.js';
import { parseInstant } from '../instant.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface ReplayOptions {
  runbook: string;
  events: string;
  at: string;
  json: boolean;
  oneByOne: boolean;
}

const bySeverity = (a: IncidentFinding, b: IncidentFinding): number =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
  a.since.getTime() - b.since.getTime() ||
  a.service.localeCompare(b.service) ||
  a.check.localeCompare(b.check) ||
  a.resource.localeCompare(b.resource);

const formatFinding = (f: IncidentFinding): string =>
  [
    `${f.severity.toUpperCase()} ${f.check}: ${f.summary}`,
    `  service:  ${f.service}`,
    `  resource: ${f.resource}`,
    `  since:    ${formatUtc(f.since)}`,
    `  incident: ${f.incident}`,
    `  runbook:  ${f.runbookUrl}`,
    '',
  ].join('\n');

/**
 * Registers `sentinel replay`: ingests a file of raw AWS events into an
 * in-process store with the real ingest (as one batch, or `--one-by-one`
 * as deployed), watches every resource the runbook lists from the first
 * event on (one that never reported counts as missed from then, not from
 * `--at`), evaluates every check at `--at`, and prints the open
 * findings, each with the dedup key of the incident it is paged under
 * (`incident`). Exits 1 when any is open.
 *
 * @example
 * ```sh
 * sentinel replay --events events.jsonl --at 2026-11-05T12:00:00Z --json
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerReplay = (program: Command, context: CliContext): void => {
  program
    .command('replay')
    .description(
      'ingest raw AWS events from a JSONL file and print the findings open at a given time'
    )
    .requiredOption(
      '--events <file>',
      'raw events, one JSON object a line (EventBridge envelopes, S3 notification bodies)'
    )
    .requiredOption('--at <time>', 'evaluate at this ISO 8601 time')
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option('--json', 'print the open findings as a JSON array', false)
    .option(
      '--one-by-one',
      'ingest each line in its own invocation, in file order, as the deployed monitor receives events (default: the file as one batch; both give the same findings)',
      false
    )
    .action(async (options: ReplayOptions) => {
      const { io } = context;
      const at = parseInstant('--at', options.at);
      const runbook = await loadRunbookDir(options.runbook, io);
      const { store, summary, later } = await ingestEventsFile({
        path: options.events,
        runbook,
        io,
        now: at,
        until: at,
        oneByOne: options.oneByOne,
      });
      const since = await watchFromHistoryStart({ store, runbook }, at);
      const findings = (await collectFindings({ store, runbook }, at)).sort(
        bySeverity
      );
      // Settled by the evaluation: what still waits is younger than a day.
      const held = (await store.listHeldEvents()).length;
      if (options.json) {
        io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
      } else {
        for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
      }
      io.stderr(
        `${summary.recorded} events recorded, ${summary.duplicates} duplicates, ${summary.rejected} rejected, ${held} held for the job that owns their recovery point, ${later} after --at left out; ${findings.length} open findings at ${formatUtc(at)}, watching every listed resource since ${formatUtc(since)}\n`
      );
      context.setExitCode(
        findings.length > 0 ? EXIT_CODES.problems : EXIT_CODES.ok
      );
    });
};

export { registerReplay };
