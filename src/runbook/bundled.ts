import { SentinelError } from '../errors.js';
import { lintRunbook } from './lint.js';
import { loadRunbook } from './loader.js';
import { lineColumn } from './position.js';
import type { Diagnostic, Runbook, RunbookFiles } from './types.js';

/**
 * The runbook's files, replaced at bundle time by esbuild's `define` (see
 * `compileRunbook`). Outside a bundle, whoever runs a handler in-process
 * (the demo) sets `globalThis.__SENTINEL_RUNBOOK__` first.
 */
declare const __SENTINEL_RUNBOOK__: RunbookFiles | undefined;

/** The identifier esbuild's `define` replaces with the compiled runbook. */
const RUNBOOK_DEFINE = '__SENTINEL_RUNBOOK__';

/** Thrown when a runbook with lint errors is compiled into a bundle or loaded from one. */
class RunbookCompileError extends SentinelError {
  readonly diagnostics: Diagnostic[];

  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'RunbookCompileError';
    this.diagnostics = diagnostics;
  }
}

const describeErrors = (files: RunbookFiles, errors: Diagnostic[]): string => {
  const contents = new Map(files.files.map((f) => [f.path, f.content]));
  return errors
    .map((d) => {
      const { line, column } = lineColumn(
        contents.get(d.file) ?? '',
        d.range[0]
      );
      return `${files.root}/${d.file}:${line}:${column}: ${d.message} [${d.code}]`;
    })
    .join('\n');
};

/**
 * Validates a runbook and returns the value for esbuild's `define`, so a
 * runbook that does not lint fails the build instead of the first event.
 *
 * @param files - the runbook folder's files
 * @returns `{ [RUNBOOK_DEFINE]: json }` for esbuild's `define` option
 * @throws {RunbookCompileError} listing every lint error with its position
 */
const compileRunbook = (files: RunbookFiles): Record<string, string> => {
  const errors = lintRunbook(files).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new RunbookCompileError(
      `the runbook in ${files.root} has ${errors.length} error(s); run 'sentinel lint --runbook ${files.root}':\n${describeErrors(files, errors)}`,
      errors
    );
  }
  // Only the files travel: the root is a build machine's path.
  const bundled: RunbookFiles = { root: 'runbook', files: files.files };
  return { [RUNBOOK_DEFINE]: JSON.stringify(bundled) };
};

/**
 * Returns the runbook compiled into this bundle. Called once per cold start.
 *
 * @throws {RunbookCompileError} when no runbook was compiled in, or it no longer loads
 */
const loadBundledRunbook = (): Runbook => {
  const files =
    typeof __SENTINEL_RUNBOOK__ === 'undefined'
      ? undefined
      : __SENTINEL_RUNBOOK__;
  if (files === undefined) {
    throw new RunbookCompileError(
      `no runbook in this bundle: build it with compileRunbook() in esbuild's define, or set globalThis.${RUNBOOK_DEFINE}`
    );
  }
  const { runbook, diagnostics } = loadRunbook(files);
  if (runbook === undefined) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new RunbookCompileError(
      `the bundled runbook does not load:\n${describeErrors(files, errors)}`,
      errors
    );
  }
  return runbook;
};

export {
  compileRunbook,
  loadBundledRunbook,
  RUNBOOK_DEFINE,
  RunbookCompileError,
};
