import { execFile } from 'node:child_process';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastChanged } from '../../../src/runbook/changeDates.js';

const git = promisify(execFile);
const COMMITTED = new Date('2026-01-15T10:30:00Z');
const MODIFIED = new Date('2026-02-01T08:00:00Z');

describe('lastChanged', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-changed-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the modification time outside a git repository', async () => {
    // Prepare
    const file = join(dir, 'a.md');
    await writeFile(file, 'a');
    await utimes(file, MODIFIED, MODIFIED);

    // Act
    const date = await lastChanged(file);

    // Assess
    expect(date).toEqual(MODIFIED);
  });

  it('returns the date of the last commit that touched the file', async () => {
    // Prepare
    const file = join(dir, 'a.md');
    await writeFile(file, 'a');
    await utimes(file, MODIFIED, MODIFIED);
    const env = { ...process.env, GIT_COMMITTER_DATE: COMMITTED.toISOString() };
    const options = { cwd: dir, env };
    await git('git', ['init', '-q'], options);
    await git('git', ['add', 'a.md'], options);
    await git(
      'git',
      [
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-q',
        '-m',
        'a',
      ],
      options
    );

    // Act
    const date = await lastChanged(file);

    // Assess
    expect(date).toEqual(COMMITTED);
  });

  it('returns the modification time of a file git does not track', async () => {
    // Prepare
    await git('git', ['init', '-q'], { cwd: dir });
    const file = join(dir, 'new.md');
    await writeFile(file, 'n');
    await utimes(file, MODIFIED, MODIFIED);

    // Act
    const date = await lastChanged(file);

    // Assess
    expect(date).toEqual(MODIFIED);
  });
});
