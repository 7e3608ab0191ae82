import { RUNBOOK_DEFINE, RunbookCompileError } from './bundled.js';
import { lintRunbook } from './lint.js';
import { loadRunbook } from './loader.js';
import { lineColumn } from './position.js';
import type { Diagnostic, Runbook, RunbookFiles } from './types.js';

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
 * What a Lambda needs of the runbook: the Markdown bodies and the DR page are
 * for people and the site, so they stay out of the bundle (and with them the
 * YAML and Markdown parsers).
 */
const forBundle = (runbook: Runbook): Runbook => {
  const { disasterRecovery: _dr, ...rest } = runbook;
  return {
    ...rest,
    services: runbook.services.map((s) => ({ ...s, body: '' })),
  };
};

/**
 * Validates a runbook and returns the value for esbuild's `define`: the
 * parsed runbook as JSON, so a runbook that does not lint fails the build
 * instead of the first event, and no function parses YAML at run time.
 *
 * @param files - the runbook folder's files
 * @returns `{ [RUNBOOK_DEFINE]: json }` for esbuild's `define` option
 * @throws {RunbookCompileError} listing every lint error with its position
 */
const compileRunbook = (files: RunbookFiles): Record<string, string> => {
  const errors = lintRunbook(files).filter((d) => d.severity === 'error');
  const { runbook } = loadRunbook(files);
  if (errors.length > 0 || runbook === undefined) {
    throw new RunbookCompileError(
      `the runbook in ${files.root} has ${errors.length} error(s); run 'sentinel lint --runbook ${files.root}':\n${describeErrors(files, errors)}`,
      errors
    );
  }
  return { [RUNBOOK_DEFINE]: JSON.stringify(forBundle(runbook)) };
};

export { compileRunbook };
