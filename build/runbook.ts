import { isMap, parseDocument } from 'yaml';
import type {
  RestoreTestingPlans,
  RunbookFiles,
} from '../src/runbook/index.js';
import {
  compileRunbook,
  loadRunbook,
  RunbookCompileError,
  readRunbookDir,
  restoreTestingPlans,
} from '../src/runbook/index.js';

/** What packaging needs from the runbook. */
interface DeployRunbook {
  /** esbuild `define` entries that compile the runbook into every bundle. */
  define: Record<string, string>;
  /** SSM parameters the alert routes read PagerDuty routing keys from, sorted. */
  parameterNames: string[];
  /** The AWS Backup restore testing plans the runbook asks for, named with the prefix (stack and stage). */
  restoreTesting: (prefix: string) => RestoreTestingPlans;
}

/** Where the runbook comes from, and the deploy's link template, if any. */
interface DeployRunbookOptions {
  /** The runbook folder. */
  dir: string;
  /** Replaces runbook.yml's `links` (e.g. an internal docs site per stage). */
  links?: string | undefined;
}

/**
 * Returns the files with runbook.yml's `links` replaced. Comments and key
 * order survive, and lint still checks the new template; a runbook.yml that
 * does not parse is left alone for lint to report.
 */
const withLinks = (files: RunbookFiles, links: string): RunbookFiles => ({
  ...files,
  files: files.files.map((file) => {
    if (file.path !== 'runbook.yml') return file;
    const doc = parseDocument(file.content);
    if (doc.errors.length > 0 || !isMap(doc.contents)) return file;
    doc.set('links', links);
    return { ...file, content: doc.toString() };
  }),
});

/**
 * Reads, lints and compiles the runbook for packaging, so a runbook that
 * does not lint fails `osls package` instead of the first event.
 *
 * @param options - the runbook folder and an optional link template
 * @throws {RunbookCompileError} listing every lint error with its position
 * @throws {RunbookReadError} when the folder cannot be read
 */
const compileDeployRunbook = async (
  options: DeployRunbookOptions
): Promise<DeployRunbook> => {
  const read = await readRunbookDir(options.dir);
  const files =
    options.links === undefined || options.links === ''
      ? read
      : withLinks(read, options.links);
  const define = compileRunbook(files);
  const { runbook } = loadRunbook(files);
  if (runbook === undefined) {
    // compileRunbook passed, so only a loader/lint disagreement gets here.
    throw new RunbookCompileError(
      `the runbook in ${options.dir} lints but does not load`
    );
  }
  const names = Object.values(runbook.alerts).flatMap((route) =>
    route.pagerduty === undefined ? [] : [route.pagerduty]
  );
  return {
    define,
    parameterNames: [...new Set(names)].sort(),
    restoreTesting: (prefix) => restoreTestingPlans(runbook, prefix),
  };
};

export type { DeployRunbook, DeployRunbookOptions };
export { compileDeployRunbook };
