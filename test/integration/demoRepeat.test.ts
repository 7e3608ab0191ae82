import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../../demo/index.js';
import { run } from '../../src/cli/index.js';
import { captureIo } from '../helpers/captureIo.js';

const NOW = '2026-11-25T10:00:00Z';
const ROOT = new URL('../..', import.meta.url).pathname;

let dir: string;
let cli: { code: number; stdout: string; stderr: string };
let served: DemoResult;

/**
 * pages.jsonl without what differs by design: SNS's random MessageId, and
 * the served site's base URL in front of the links.
 */
const comparable = async (path: string, base = ''): Promise<unknown[]> =>
  (await readFile(path, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => {
      const page = JSON.parse(line.replaceAll(base, '')) as {
        request: Record<string, unknown>;
      };
      const { messageId: _id, ...request } = page.request;
      return { ...page, request };
    });

/** GETs a path as written, without the URL normalising that fetch does. */
const rawStatus = (base: string, path: string): Promise<number | undefined> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    get({ hostname, port, path }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).once('error', reject);
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sentinel-demo-repeat-'));
  const capture = captureIo(ROOT);
  const code = await run(
    [
      'demo',
      '--days',
      '7',
      '--seed',
      '5',
      '--out',
      join(dir, 'cli'),
      '--now',
      NOW,
    ],
    capture.io
  );
  cli = { code, stdout: capture.stdout(), stderr: capture.stderr() };
  served = await runDemo(
    {
      days: 7,
      seed: 5,
      runbookDir: 'runbook',
      outDir: join(dir, 'served'),
      serve: { port: 0 },
      io: captureIo(ROOT).io,
      progress: 'off',
    },
    new Date(NOW)
  );
}, 120_000);

afterAll(async () => {
  await served?.server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('sentinel demo', () => {
  it('exits 0, printing the timeline on stdout and progress on stderr', () => {
    // Assess
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Timeline of pages:');
    expect(cli.stdout).toMatch(/OPENED\s+orders-db\s+backup-failed/);
    expect(cli.stderr).toMatch(
      /simulating 2026-11-23 00:00 UTC, day 7\/7 \[#+\] \d+ pages/
    );
  });

  it('writes the same pages for the same seed, request ids aside', async () => {
    // Act
    const first = await comparable(join(dir, 'cli', 'pages.jsonl'));
    const second = await comparable(
      join(dir, 'served', 'pages.jsonl'),
      served.server?.url
    );

    // Assess
    expect(first.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
  });

  it.each([
    ['--days', '6'],
    ['--seed', '-1'],
    ['--now', 'yesterday'],
  ])('refuses %s %s with a usage error', async (flag, value) => {
    // Prepare
    const capture = captureIo(ROOT);

    // Act
    const code = await run(['demo', flag, value], capture.io);

    // Assess
    expect(code).toBe(2);
    expect(capture.stderr()).toContain(flag);
  });
});

describe('runDemo with serve', () => {
  it('serves the outputs on 127.0.0.1, and nothing outside them', async () => {
    // Prepare
    const url = served.server?.url ?? '';

    // Act
    const index = await fetch(url);
    const report = await fetch(new URL('report.html', url));
    const site = await fetch(new URL('runbook/', url));
    const outside = await Promise.all(
      ['/../../etc/passwd', '/..%2f..%2fetc%2fpasswd'].map((path) =>
        rawStatus(url, path)
      )
    );

    // Assess
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await index.text()).toContain('report.html');
    expect(report.headers.get('content-type')).toContain('text/html');
    expect(await report.text()).toContain('2026-W47');
    expect(site.status).toBe(200);
    expect(outside).toEqual([404, 404]);
  });

  it("points the pages' runbook links at the served site, where they open", async () => {
    // Prepare
    const url = served.server?.url ?? '';
    const links = served.pages.flatMap((p) => p.runbookUrl ?? []);

    // Act
    const page = await fetch((links[0] ?? '').split('#')[0] ?? '');

    // Assess
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.startsWith(`${url}runbook/`))).toBe(true);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`id="${links[0]?.split('#')[1]}"`);
  });
});

describe('sentinel demo without --serve', () => {
  it("points the pages' runbook links at its own built site, relative to the output folder", async () => {
    // Act
    const pages = (await readFile(join(dir, 'cli', 'pages.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { runbookUrl?: string });
    const links = pages.flatMap((p) => p.runbookUrl ?? []);
    // `runbook/` (the index, for an unmapped resource) is the folder's page.
    const files = links.map((l) =>
      join(dir, 'cli', (l.split('#')[0] ?? '').replace(/\/$/, '/index.html'))
    );

    // Assess
    expect(links.length).toBeGreaterThan(0);
    expect(
      links.every((l) => /^runbook\/(services\/[\w-]+\.html#[\w-]+)?$/.test(l))
    ).toBe(true);
    await Promise.all(files.map((f) => readFile(f)));
  });
});
