import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RunbookReadError } from './errors.js';
import type { RunbookFile, RunbookFiles } from './types.js';

const TOP_LEVEL_FILES = ['runbook.yml', 'disaster-recovery.md'];

// Not fatal: undecodable bytes become U+FFFD, which lint reports with its
// position instead of losing the whole file to an exception.
const decoder = new TextDecoder('utf-8');

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException).code === 'ENOENT';

const readText = async (
  dir: string,
  path: string
): Promise<RunbookFile | undefined> => {
  try {
    const bytes = await readFile(join(dir, path));
    return { path, content: decoder.decode(bytes) };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new RunbookReadError(
      join(dir, path),
      `cannot read ${join(dir, path)}: ${(error as Error).message}`,
      { cause: error }
    );
  }
};

const serviceFileNames = async (dir: string): Promise<string[]> => {
  try {
    const entries = await readdir(join(dir, 'services'), {
      withFileTypes: true,
    });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    // No services/ folder: lint reports "no services", not a crash.
    if (isMissing(error)) return [];
    throw new RunbookReadError(
      join(dir, 'services'),
      `cannot read ${join(dir, 'services')}: ${(error as Error).message}`,
      { cause: error }
    );
  }
};

/**
 * Reads the files of a runbook folder: runbook.yml, services/*.md and
 * disaster-recovery.md, whichever exist. Missing files are left out for the
 * loader to report.
 *
 * @param dir - the runbook folder
 * @throws {RunbookReadError} when the folder does not exist or a file cannot be read
 */
const readRunbookDir = async (dir: string): Promise<RunbookFiles> => {
  try {
    if (!(await stat(dir)).isDirectory()) {
      throw new RunbookReadError(dir, `runbook folder ${dir} is not a folder`);
    }
  } catch (error) {
    if (error instanceof RunbookReadError) throw error;
    throw new RunbookReadError(
      dir,
      isMissing(error)
        ? `runbook folder ${dir} does not exist`
        : `cannot read runbook folder ${dir}: ${(error as Error).message}`,
      { cause: error }
    );
  }
  const names = await serviceFileNames(dir);
  const paths = [...TOP_LEVEL_FILES, ...names.map((n) => `services/${n}`)];
  const files = await Promise.all(paths.map((path) => readText(dir, path)));
  return {
    root: dir,
    files: files.filter((file) => file !== undefined),
  };
};

export { readRunbookDir };
