import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { UnsafePathError } from './errors.js';

/**
 * Writes a file under `root`, creating folders, and refuses a path that
 * would leave it (a service id is part of a site path).
 *
 * @param root - an absolute folder
 * @param path - the file's path relative to `root`
 * @param content - the file's text
 * @throws {UnsafePathError} when `path` leads outside `root`
 */
const writeUnder = async (
  root: string,
  path: string,
  content: string
): Promise<void> => {
  const file = resolve(root, path);
  const inside = relative(root, file);
  if (
    inside === '' ||
    inside.startsWith('..') ||
    resolve(root, inside) !== file
  ) {
    throw new UnsafePathError(path, root);
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
};

export { writeUnder };
