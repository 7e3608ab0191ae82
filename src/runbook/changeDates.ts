import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Runbook } from './types.js';

const execFileAsync = promisify(execFile);

const commitDate = async (file: string): Promise<Date | undefined> => {
  try {
    const { stdout } = await execFileAsync(
      'git',
      ['log', '-1', '--format=%cI', '--', file],
      { cwd: dirname(file) }
    );
    const date = new Date(stdout.trim());
    // Empty output: the file is not committed yet.
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch {
    // Not a git repository, or git is not installed: the mtime will do.
    return undefined;
  }
};

/**
 * Returns when a file last changed: its last commit's date when it is in a
 * git repository, else its modification time.
 *
 * @param file - an absolute path
 */
const lastChanged = async (file: string): Promise<Date> =>
  (await commitDate(file)) ?? (await stat(file)).mtime;

/**
 * Returns when each service's file last changed, by service id, for the
 * site's "last changed" column.
 *
 * @param runbook - the loaded runbook
 * @param dir - the runbook folder, absolute
 */
const serviceChangeDates = async (
  runbook: Runbook,
  dir: string
): Promise<Record<string, Date>> => {
  const dates = await Promise.all(
    runbook.services.map(
      async (s) => [s.id, await lastChanged(resolve(dir, s.file))] as const
    )
  );
  return Object.fromEntries(dates);
};

export { lastChanged, serviceChangeDates };
