import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index.js';
import { captureIo } from '../helpers/captureIo.js';

const ROOT = new URL('../..', import.meta.url).pathname;

let dir: string;
let code: number;
let stdout: string;
let stderr: string;

// `npm start` as shipped: the default month (about 55 s on an idle 2-core
// machine), only the output folder and the clock pinned.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sentinel-demo-full-'));
  const capture = captureIo(ROOT);
  code = await run(
    ['demo', '--out', dir, '--now', '2026-11-25T10:00:00Z'],
    capture.io
  );
  stdout = capture.stdout();
  stderr = capture.stderr();
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sentinel demo with its defaults', () => {
  it('simulates 30 days, evaluating every 15 minutes, and exits 0', () => {
    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Backup Sentinel demo: 30 simulated days, 2026-10-24 to 2026-11-23, seed 1\n/
    );
    expect(stdout).toContain(' 2881 evaluations (every 15 simulated minutes)');
    expect(stderr).toContain('day 30/30');
  });

  it('pages and resolves every injected incident as expected', () => {
    // Act
    const verdicts = stdout
      .split('\n')
      .filter((line) => /^ (ok|!!) /.test(line));

    // Assess
    expect(verdicts).toHaveLength(8);
    expect(verdicts.every((line) => line.startsWith(' ok '))).toBe(true);
  });

  it('writes the four outputs', () => {
    // Assess
    for (const file of [
      'runbook/index.html',
      'report.html',
      'pages.jsonl',
      'events.jsonl',
    ]) {
      expect(existsSync(join(dir, file))).toBe(true);
    }
  });
});
