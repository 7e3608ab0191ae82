import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/runbook/index.js';
import { buildSite } from '../../src/runbook/site/index.js';
import {
  aRunbook,
  aService,
  SERVICE_BODY,
} from '../unit/runbook/site/builders.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser tests NOT RUN: ${CHROMIUM} is missing (apt-get update && apt-get install -y chromium)`
  );
}

const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1280, height: 800 };

/** Enough text before `## Recovery` that reaching it needs a scroll. */
const LONG_BODY = SERVICE_BODY.replace(
  '## Recovery',
  `${Array.from(
    { length: 40 },
    (_, i) =>
      `Paragraph ${i + 1}: check the vault, the copy job and the retention before you restore anything.`
  ).join('\n\n')}\n\n## Recovery`
);

const RUNBOOK: Runbook = aRunbook({
  services: [
    aService({
      id: 'orders-db',
      name: 'Orders database (RDS MySQL, primary in us-east-1)',
      dependsOn: ['network', 'secrets'],
      body: LONG_BODY,
    }),
    aService({
      id: 'secrets',
      name: 'Application secrets',
      tier: 'high',
      dependsOn: ['network'],
    }),
    aService({ id: 'network', name: 'Network', tier: 'standard' }),
    aService({ id: 'carts', name: 'Carts table', dependsOn: ['network'] }),
    aService({
      id: 'web',
      name: 'Web shop',
      dependsOn: ['orders-db', 'carts'],
    }),
  ],
  disasterRecovery:
    '# Disaster recovery\n\n## Total outage\n\nRestore wave by wave.\n',
});

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.runIf(hasChromium)('built runbook site in Chromium', () => {
  let siteDir: string;
  let browser: Browser;

  const open = async (
    path: string,
    viewport: { width: number; height: number },
    hash = ''
  ): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    // file:// on purpose: the site must work with no server at all.
    await page.goto(`${pathToFileURL(join(siteDir, path)).href}${hash}`);
    return page;
  };

  /** Evaluates a browser expression; a string because tsconfig has no DOM types. */
  const evaluate = async <T>(page: Page, expression: string): Promise<T> =>
    (await page.evaluate(expression)) as T;

  beforeAll(async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'sentinel-site-'));
    for (const file of await buildSite(RUNBOOK, {})) {
      const target = join(siteDir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: BROWSER_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (siteDir !== undefined)
      await rm(siteDir, { recursive: true, force: true });
  });

  it('scrolls a service page opened at #recovery to the Recovery heading', async () => {
    // Act
    const page = await open('services/orders-db.html', DESKTOP, '#recovery');

    // Assess
    const box = await page.locator('h2#recovery').boundingBox();
    const scrollY = await evaluate<number>(page, 'window.scrollY');
    expect(scrollY).toBeGreaterThan(0);
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(DESKTOP.height);
    await page.close();
  });

  it('loads the stylesheet through its relative link from file://', async () => {
    // Act
    const page = await open('services/orders-db.html', DESKTOP);

    // Assess
    const display = await evaluate<string>(
      page,
      "getComputedStyle(document.querySelector('.facts')).display"
    );
    expect(display).toBe('grid');
    await page.close();
  });

  it('fits the service table into a phone screen without hiding any column', async () => {
    // Act
    const page = await open('index.html', PHONE);

    // Assess
    const pageWidth = await evaluate<number>(
      page,
      'document.documentElement.scrollWidth'
    );
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
    const table = await page.locator('table.services').boundingBox();
    expect(table!.x).toBeGreaterThanOrEqual(0);
    expect(table!.x + table!.width).toBeLessThanOrEqual(PHONE.width);
    // Every cell of the first row (all nine columns) lies inside the screen's width.
    const cells = page.locator('table.services tbody tr').first().locator('td');
    expect(await cells.count()).toBe(9);
    for (const cell of await cells.all()) {
      const box = await cell.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.close();
  });

  it('keeps the wide dependency diagram scrolling inside its own box on a phone', async () => {
    // Act
    const page = await open('index.html', PHONE);

    // Assess
    const figure = page.locator('figure.diagram');
    const [clientWidth, scrollWidth] = await evaluate<[number, number]>(
      page,
      "((el) => [el.clientWidth, el.scrollWidth])(document.querySelector('figure.diagram'))"
    );
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    const box = await figure.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });

  it('opens a service page from its node in the dependency diagram', async () => {
    // Prepare
    const page = await open('index.html', DESKTOP);

    // Act
    await page.locator('svg .node[data-service="carts"]').click();

    // Assess
    await expect.poll(() => page.url()).toMatch(/\/services\/carts\.html$/);
    expect(await page.locator('h1').textContent()).toContain('Carts table');
    await page.close();
  });
});
