import type { Command } from 'commander';
import { formatDiagnostic, lintDir, summarise } from '../../runbook/index.js';
import { loadAwsOperations } from '../awsOperations.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface LintOptions {
  runbook: string;
  strict: boolean;
  json: boolean;
}

/**
 * Registers `sentinel lint`: validates a runbook folder and prints each
 * problem as `path:line:col: error|warning: message [code]` on stdout, then
 * a summary on stderr. Exits 1 on any error, and on warnings with --strict.
 *
 * @example
 * ```sh
 * sentinel lint --runbook runbook --strict
 * # runbook/services/orders-db.md:14:3: error: unknown key 'retension' in 'backup' — did you mean 'retention'? [unknown-key]
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerLint = (program: Command, context: CliContext): void => {
  program
    .command('lint')
    .description(
      'validate a runbook folder: schema, schedules, links between services, required sections, policy warnings'
    )
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option('--strict', 'exit 1 on warnings too', false)
    .option('--json', 'print the problems as a JSON array', false)
    .action(async (options: LintOptions) => {
      const { io } = context;
      const linted = await lintDir(options.runbook, io.cwd, {
        loadAwsOperations,
      });
      if (options.json) {
        io.stdout(`${JSON.stringify(linted.diagnostics, null, 2)}\n`);
      } else {
        for (const d of linted.diagnostics)
          io.stdout(`${formatDiagnostic(d)}\n`);
      }
      io.stderr(`${summarise(linted)}\n`);
      const failed =
        linted.errors > 0 || (options.strict && linted.warnings > 0);
      context.setExitCode(failed ? EXIT_CODES.problems : EXIT_CODES.ok);
    });
};

export { registerLint };
