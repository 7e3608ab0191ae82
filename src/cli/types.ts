import type { Command } from 'commander';

/** The exit codes of `sentinel`: the same in CI and in scripts. */
const EXIT_CODES = {
  ok: 0,
  /** Problems found: lint errors (or warnings with --strict), open findings. */
  problems: 1,
  /** Bad arguments, or a folder or file that is not there. */
  usage: 2,
  /** A fault in sentinel itself (EX_SOFTWARE): please report it. */
  internal: 70,
} as const;

/**
 * One of {@link EXIT_CODES}; `sentinel run` exits with the wrapped
 * command's own code instead.
 */
type ExitCode = number;

/** Everything the CLI touches outside its arguments, so tests can run it in-process. */
interface CliIo {
  /** Writes results; the text carries its own line breaks. */
  stdout(text: string): void;
  /** Writes diagnostics, summaries and usage errors. */
  stderr(text: string): void;
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** The current time, read once per command. */
  now(): Date;
  /**
   * The Node version (`process.version`), for the one-line notice that
   * stands in for the AWS SDK's own; undefined = say nothing.
   */
  nodeVersion?: string;
}

/** What a command's action gets besides its options. */
interface CliContext {
  io: CliIo;
  /** Sets the code `run` returns once the action is done. */
  setExitCode(code: ExitCode): void;
}

/** Adds one subcommand to the program; one per file in src/cli/commands/. */
type CommandRegistrar = (program: Command, context: CliContext) => void;

export type { CliContext, CliIo, CommandRegistrar, ExitCode };
export { EXIT_CODES };
