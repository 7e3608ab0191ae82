import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CODES, run } from '../../../../src/cli/index.js';
import { captureIo } from '../../../helpers/captureIo.js';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/runbook');

describe('registerBuild', () => {
  let out: string;

  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'sentinel-build-'));
  });

  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes the site of a valid runbook under --out', async () => {
    // Prepare
    const capture = captureIo(FIXTURES);
    const site = join(out, 'site');

    // Act
    const code = await run(
      ['build', '--runbook', 'valid', '--out', site],
      capture.io
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    const index = await readFile(join(site, 'index.html'), 'utf8');
    const page = await readFile(
      join(site, 'services', 'orders-db.html'),
      'utf8'
    );
    expect(index).toContain('Orders database');
    expect(index).toContain('Network');
    for (const id of [
      'manual-backup',
      'recovery',
      'steps',
      'validation',
      'failover',
    ]) {
      expect(page).toContain(`id="${id}"`);
    }
    expect(capture.stdout()).toMatch(/^wrote \d+ files to .*site\n$/);
  });

  it('writes dependencies.mmd beside the pages with --mermaid', async () => {
    // Prepare
    const capture = captureIo(FIXTURES);
    const site = join(out, 'site');

    // Act
    const code = await run(
      ['build', '--runbook', 'valid', '--out', site, '--mermaid'],
      capture.io
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    const mermaid = await readFile(join(site, 'dependencies.mmd'), 'utf8');
    expect(mermaid).toContain('flowchart LR');
    expect(mermaid).toContain('s_network --> s_orders_db');
  });

  it('writes to out/runbook below the working folder by default', async () => {
    // Prepare
    const capture = captureIo(out);

    // Act
    const code = await run(
      ['build', '--runbook', join(FIXTURES, 'valid')],
      capture.io
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    await expect(
      access(join(out, 'out', 'runbook', 'index.html'))
    ).resolves.toBeUndefined();
  });

  it('writes nothing and returns 1 when lint finds an error', async () => {
    // Prepare
    const capture = captureIo(join(FIXTURES, 'broken'));
    const site = join(out, 'site');

    // Act
    const code = await run(
      ['build', '--runbook', 'unknown-key', '--out', site],
      capture.io
    );

    // Assess
    expect(code).toBe(EXIT_CODES.problems);
    await expect(access(site)).rejects.toThrow();
    expect(capture.stderr()).toContain('[unknown-key]');
    expect(capture.stderr()).toContain('nothing built');
  });

  it('builds despite warnings and prints them on stderr', async () => {
    // Prepare
    const capture = captureIo(join(FIXTURES, 'broken'));
    const site = join(out, 'site');

    // Act
    const code = await run(
      ['build', '--runbook', 'policy-warnings', '--out', site],
      capture.io
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    expect(capture.stderr()).toContain('[rpo-unachievable]');
    await expect(
      access(join(site, 'services', 'app.html'))
    ).resolves.toBeUndefined();
  });
});
