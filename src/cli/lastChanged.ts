import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

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

export { lastChanged };
