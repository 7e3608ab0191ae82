import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readVeleroBackup } from '../../events/index.js';
import { loadRunbookDir } from '../../runbook/index.js';
import { UsageError } from '../errors.js';
import {
  deliver,
  entryOf,
  type ReportTarget,
  resourcesOf,
  serviceNamed,
} from '../reports.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface VeleroOptions extends ReportTarget {
  resource?: string;
  file: string;
  runbook: string;
}

const readInput = async (file: string, cwd: string): Promise<string> => {
  if (file !== '-') return readFile(resolve(cwd, file), 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Registers `sentinel velero`: reports a Velero backup's real outcome. It
 * reads the Backup as `kubectl get backup NAME -n velero -o json` prints
 * it (or the newest of `kubectl get backups -l velero.io/schedule-name=…
 * -o json`) and reports its phase (`Completed`, `PartiallyFailed`, `Failed`),
 * item counts, errors and warnings; the Velero CLI's exit code alone says
 * none of that. Reporting the same backup again changes nothing.
 *
 * @example
 * ```sh
 * kubectl get backups -n velero -l velero.io/schedule-name=shop-prod -o json \
 *   | sentinel velero eks-workloads
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerVelero = (program: Command, context: CliContext): void => {
  program
    .command('velero')
    .description("report a Velero backup's phase, items, errors and warnings")
    .argument('<service>', 'the runbook service the backup belongs to')
    .option(
      '--file <file>',
      'the Backup (or a list of them) as kubectl prints it with -o json; - for stdin',
      '-'
    )
    .option(
      '--resource <id>',
      "what it backs up: an ARN or id the service's resources match (default: all of them)"
    )
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option('--print', 'print the report instead of sending it', false)
    .option('--bus <name>', 'the event bus (default: the default bus)')
    .option('--profile <name>', 'AWS profile to send with')
    .option('--region <region>', 'AWS region to send to')
    .option('--account <id>', '--print: the account the event shows')
    .action(async (name: string, options: VeleroOptions) => {
      const { io } = context;
      const runbook = await loadRunbookDir(options.runbook, io);
      const service = serviceNamed(runbook, name);
      const resources = resourcesOf(runbook, service, options.resource);
      let raw: unknown;
      try {
        raw = JSON.parse(await readInput(options.file, io.cwd));
      } catch (cause) {
        throw new UsageError(
          `${options.file === '-' ? 'stdin' : options.file} is not a Velero Backup in JSON: ${(cause as Error).message}`,
          { cause }
        );
      }
      const read = readVeleroBackup(raw);
      if (!read.ok) {
        throw new UsageError(
          `not a Velero Backup: ${read.issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ')}`
        );
      }
      const { report } = read;
      const at = new Date(
        report.completedAt ?? report.startedAt ?? io.now().toISOString()
      );
      const entries = resources.map((resource) =>
        entryOf('backup', { service: service.id, resource, ...report }, at)
      );
      await deliver(runbook, entries, options, io);
      context.setExitCode(EXIT_CODES.ok);
    });
};

export { registerVelero };
