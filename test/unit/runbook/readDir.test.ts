import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RunbookReadError,
  readRunbookDir,
} from '../../../src/runbook/index.js';

describe('readRunbookDir', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-readdir-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns runbook.yml, disaster-recovery.md and services/*.md in order', async () => {
    // Prepare
    await mkdir(join(dir, 'services', 'drafts'), { recursive: true });
    await writeFile(join(dir, 'runbook.yml'), 'title: T\n');
    await writeFile(join(dir, 'disaster-recovery.md'), '# DR\n');
    await writeFile(join(dir, 'services', 'b.md'), 'B');
    await writeFile(join(dir, 'services', 'a.md'), 'A');
    await writeFile(join(dir, 'services', 'notes.txt'), 'ignored');
    await writeFile(join(dir, 'services', 'drafts', 'c.md'), 'ignored');

    // Act
    const files = await readRunbookDir(dir);

    // Assess
    expect(files).toEqual({
      root: dir,
      files: [
        { path: 'runbook.yml', content: 'title: T\n' },
        { path: 'disaster-recovery.md', content: '# DR\n' },
        { path: 'services/a.md', content: 'A' },
        { path: 'services/b.md', content: 'B' },
      ],
    });
  });

  it('returns no files for an empty folder', async () => {
    // Act
    const files = await readRunbookDir(dir);

    // Assess
    expect(files.files).toEqual([]);
  });

  it('decodes invalid UTF-8 to U+FFFD and drops a byte-order mark', async () => {
    // Prepare
    await writeFile(
      join(dir, 'runbook.yml'),
      Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62])
    );

    // Act
    const files = await readRunbookDir(dir);

    // Assess
    expect(files.files).toEqual([{ path: 'runbook.yml', content: 'a\uFFFDb' }]);
  });

  it('throws RunbookReadError for a folder that does not exist', async () => {
    // Act & Assess
    await expect(readRunbookDir(join(dir, 'nope'))).rejects.toThrow(
      RunbookReadError
    );
    await expect(readRunbookDir(join(dir, 'nope'))).rejects.toThrow(
      /does not exist/
    );
  });

  it('throws RunbookReadError for a file given as the folder', async () => {
    // Prepare
    await writeFile(join(dir, 'file'), 'x');

    // Act & Assess
    await expect(readRunbookDir(join(dir, 'file'))).rejects.toThrow(
      /is not a folder/
    );
  });
});
