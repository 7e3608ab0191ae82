import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { SentinelError } from '../model/index.js';
import { RunbookReadError, UnsafePathError } from '../runbook/index.js';
import { registerAudit } from './commands/audit.js';
import { registerBuild } from './commands/build.js';
import { registerDemo } from './commands/demo.js';
import { registerLint } from './commands/lint.js';
import { registerPing } from './commands/ping.js';
import { registerReplay } from './commands/replay.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerVelero } from './commands/velero.js';
import { UsageError } from './errors.js';
import {
  type CliContext,
  type CliIo,
  type CommandRegistrar,
  EXIT_CODES,
  type ExitCode,
} from './types.js';

// Each command registers itself from src/cli/commands/<name>.ts; add new ones here.
const COMMANDS: readonly CommandRegistrar[] = [
  registerLint,
  registerBuild,
  registerReplay,
  registerReport,
  registerAudit,
  registerDemo,
  registerPing,
  registerRun,
  registerVelero,
];

const createProgram = (context: CliContext): Command => {
  const { io } = context;
  // Subcommands inherit these settings, so set them before registering any.
  const program = new Command('sentinel')
    .description(
      'Backup Sentinel: your backup-and-recovery runbook as a live contract'
    )
    .version(packageJson.version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    })
    .showHelpAfterError('(add --help for usage)');
  for (const register of COMMANDS) register(program, context);
  return program;
};

/**
 * Runs the `sentinel` command with the given arguments and returns its exit
 * code; it never exits the process, so tests can call it in-process.
 *
 * @example
 * ```ts
 * const code = await run(['lint', '--runbook', 'runbook'], nodeIo());
 * ```
 *
 * @param argv - the arguments after the program name
 * @param io - where output goes, the working folder and the clock
 */
const run = async (argv: string[], io: CliIo): Promise<ExitCode> => {
  let exitCode: ExitCode = EXIT_CODES.ok;
  const context: CliContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    await createProgram(context).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already printed help or the usage error.
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (error instanceof SentinelError) {
      io.stderr(`sentinel: ${error.message}\n`);
      return error instanceof UsageError ||
        error instanceof RunbookReadError ||
        error instanceof UnsafePathError
        ? EXIT_CODES.usage
        : EXIT_CODES.problems;
    }
    // A fault of ours: one line, not a stack trace, in front of the user.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `sentinel: internal error: ${message}\n  This is a bug in sentinel; please report it with the command you ran.\n`
    );
    return EXIT_CODES.internal;
  }
};

export type { CliContext, CliIo, CommandRegistrar, ExitCode };
export { EXIT_CODES, run, UsageError };
