import type { Command } from 'commander';
import { loadRunbookDir } from '../../runbook/index.js';
import { formatDuration } from '../../schedule/index.js';
import {
  deliver,
  entryOf,
  type ReportTarget,
  resourcesOf,
  serviceNamed,
} from '../reports.js';
import type { CliContext } from '../types.js';
import { wrapCommand } from '../wrap.js';

interface RunOptions extends ReportTarget {
  resource?: string;
  jobId?: string;
  runbook: string;
}

/**
 * Registers `sentinel run`: wraps a backup command the way `runitor` wraps
 * one for healthchecks. It reports `started`, runs the command with stdio
 * passed through and signals forwarded, then reports `completed` or
 * `failed` with the duration, the exit code and the last lines of stderr,
 * and exits with the command's own code. A report that cannot be sent is
 * retried, then warned about; it never changes the command's result.
 *
 * @example
 * ```sh
 * sentinel run network -- ./export-terraform-state.sh
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerRun = (program: Command, context: CliContext): void => {
  program
    .command('run')
    .description(
      'run a backup command and report its start and its outcome to Backup Sentinel'
    )
    .argument('<service>', 'the runbook service the command backs up')
    .argument('<command...>', 'the command and its arguments, after --')
    .option(
      '--resource <id>',
      "what it backs up: an ARN or id the service's resources match (default: all of them)"
    )
    .option('--job-id <id>', 'the job id (default: the service and start time)')
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option('--bus <name>', 'the event bus (default: the default bus)')
    .option('--profile <name>', 'AWS profile to send with')
    .option('--region <region>', 'AWS region to send to')
    .option('--print', 'print the reports instead of sending them', false)
    .action(async (name: string, argv: string[], options: RunOptions) => {
      const { io } = context;
      const runbook = await loadRunbookDir(options.runbook, io);
      const service = serviceNamed(runbook, name);
      const resources = resourcesOf(runbook, service, options.resource);
      const [command = '', ...args] = argv;
      const startedAt = io.now();
      const jobId = options.jobId ?? `${service.id}-${startedAt.toISOString()}`;
      const report = async (
        state: 'started' | 'completed' | 'failed',
        extra: Record<string, unknown>,
        at: Date
      ): Promise<void> => {
        try {
          const entries = resources.map((resource) =>
            entryOf(
              'backup',
              { service: service.id, resource, state, jobId, ...extra },
              at
            )
          );
          await deliver(runbook, entries, options, io);
        } catch (error) {
          io.stderr(
            `sentinel run: could not report '${state}' for ${service.id}: ${(error as Error).message}\n`
          );
        }
      };
      await report(
        'started',
        { startedAt: startedAt.toISOString() },
        startedAt
      );
      const ended = await wrapCommand(command, args, io.now, (chunk) =>
        io.stderr(chunk.toString('utf8'))
      );
      // From the job's start, as its reports give it.
      const took = formatDuration(
        ended.endedAt.getTime() - startedAt.getTime()
      );
      const how =
        ended.signal === undefined
          ? `exit code ${ended.exitCode}`
          : `killed by ${ended.signal}`;
      const tail =
        ended.stderrTail === '' ? '' : `; stderr: ${ended.stderrTail}`;
      await report(
        ended.exitCode === 0 ? 'completed' : 'failed',
        {
          // The job's start, as its `started` report said it.
          startedAt: startedAt.toISOString(),
          completedAt: ended.endedAt.toISOString(),
          message: `${command} ${how} after ${took}${ended.exitCode === 0 ? '' : tail}`,
        },
        ended.endedAt
      );
      context.setExitCode(ended.exitCode);
    });
};

export { registerRun };
