import { join, resolve } from 'node:path';
import type { AwsOperations } from './awsCommands.js';
import { RunbookCompileError } from './bundled.js';
import { lintRunbook } from './lint.js';
import { loadRunbook } from './loader.js';
import { lineColumn } from './position.js';
import { readRunbookDir } from './readDir.js';
import type { Diagnostic, Runbook, RunbookFiles } from './types.js';

/** A diagnostic placed for people: path as the user reached it, 1-based line and column. */
interface PrintedDiagnostic {
  path: string;
  line: number;
  column: number;
  severity: Diagnostic['severity'];
  code: Diagnostic['code'];
  message: string;
}

/** A linted runbook folder. */
interface LintedDir {
  /** The folder's files; paths relative to it. */
  files: RunbookFiles;
  /** Sorted by file, then position. */
  diagnostics: PrintedDiagnostic[];
  errors: number;
  warnings: number;
}

const place = (
  diagnostic: Diagnostic,
  dir: string,
  contents: Map<string, string>
): PrintedDiagnostic => {
  // Files that do not exist (a missing runbook.yml) have no lines: use 1:1.
  const { line, column } = lineColumn(
    contents.get(diagnostic.file) ?? '',
    diagnostic.range[0]
  );
  return {
    path: join(dir, diagnostic.file),
    line,
    column,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
};

/** What {@link lintDir} checks beyond the runbook itself. */
interface LintDirOptions {
  /**
   * Loads the AWS SDK clients' operations for the runbook's `aws` commands,
   * which then are checked; the CLI's loader costs up to a second.
   */
  loadAwsOperations?: (files: RunbookFiles) => Promise<AwsOperations>;
}

/**
 * Reads and lints a runbook folder.
 *
 * @param dir - the folder as the user gave it; relative to `cwd`
 * @param cwd - the folder relative paths are resolved against
 * @param options - `loadAwsOperations`: also check `aws` commands
 * @throws {RunbookReadError} when the folder does not exist or cannot be read
 */
const lintDir = async (
  dir: string,
  cwd: string,
  options: LintDirOptions = {}
): Promise<LintedDir> => {
  const files = await readRunbookDir(resolve(cwd, dir));
  const contents = new Map(files.files.map((f) => [f.path, f.content]));
  const lintOptions =
    options.loadAwsOperations === undefined
      ? {}
      : { awsOperations: await options.loadAwsOperations(files) };
  const diagnostics = lintRunbook(files, lintOptions).map((d) =>
    place(d, dir, contents)
  );
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    files,
    diagnostics,
    errors,
    warnings: diagnostics.length - errors,
  };
};

/**
 * Reads, lints and loads a runbook folder for commands that use it. Lint
 * errors go to `report`, one line each; warnings are left to `sentinel lint`.
 *
 * @param dir - the folder as the user gave it; relative to `io.cwd`
 * @param io - where relative paths start (`cwd`) and lint errors go (`stderr`)
 * @throws {RunbookReadError} when the folder cannot be read
 * @throws {RunbookCompileError} when the runbook has errors (exit 1)
 */
const loadRunbookDir = async (
  dir: string,
  io: { cwd: string; stderr(text: string): void }
): Promise<Runbook> => {
  const linted = await lintDir(dir, io.cwd);
  const errors = linted.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) io.stderr(`${formatDiagnostic(d)}\n`);
  const { runbook } = loadRunbook(linted.files);
  if (errors.length > 0 || runbook === undefined) {
    throw new RunbookCompileError(
      `the runbook in ${dir} has ${plural(linted.errors, 'error')}; run 'sentinel lint --runbook ${dir}'`
    );
  }
  return runbook;
};

/** Returns `path:line:col: error|warning: message [code]`. */
const formatDiagnostic = (d: PrintedDiagnostic): string =>
  `${d.path}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;

const plural = (count: number, noun: string): string =>
  `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Returns the one-line summary printed after the diagnostics. */
const summarise = (linted: LintedDir): string => {
  const checked = `${plural(linted.files.files.length, 'file')} checked`;
  if (linted.errors + linted.warnings === 0) return `no problems (${checked})`;
  return `${plural(linted.errors, 'error')}, ${plural(linted.warnings, 'warning')} (${checked})`;
};

export type { LintDirOptions, LintedDir, PrintedDiagnostic };
export { formatDiagnostic, lintDir, loadRunbookDir, summarise };
