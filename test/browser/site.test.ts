import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/runbook/index.js';
import { loadRunbook, readRunbookDir } from '../../src/runbook/index.js';
import { buildSite } from '../../src/runbook/site/index.js';
import { aRunbook, aService, SERVICE_BODY } from '../helpers/siteBuilders.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser tests NOT RUN: ${CHROMIUM} is missing (apt-get update && apt-get install -y chromium)`
  );
}

const EXAMPLE_RUNBOOK = join(import.meta.dirname, '../../runbook');

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

/** What the page reports about each box and each edge of the diagram. */
interface DiagramGeometry {
  boxes: {
    id: string;
    x: number;
    y: number;
    width: number;
    height: number;
    /** The name's lines, as rendered, joined with spaces. */
    text: string;
    /** The name's rendered extent. */
    textLeft: number;
    textRight: number;
  }[];
  edges: { from: string; to: string; points: [number, number][] }[];
}

// Runs in the page: boxes and name extents in the SVG's user units, and a
// point every pixel along each edge as Chromium draws it.
const MEASURE_DIAGRAM = `(() => {
  const boxes = [...document.querySelectorAll('svg.dependency-diagram .node')].map((node) => {
    const box = node.querySelector('rect.box').getBBox();
    const name = node.querySelector('text.name');
    const text = name.getBBox();
    return {
      id: node.dataset.service,
      x: box.x, y: box.y, width: box.width, height: box.height,
      text: [...name.querySelectorAll('tspan')].map((t) => t.textContent).join(' '),
      textLeft: text.x,
      textRight: text.x + text.width,
    };
  });
  const edges = [...document.querySelectorAll('svg.dependency-diagram path.edge')].map((path) => {
    const length = path.getTotalLength();
    const points = [];
    for (let at = 0; at <= length; at += 1) {
      const p = path.getPointAtLength(at);
      points.push([p.x, p.y]);
    }
    return { from: path.dataset.from, to: path.dataset.to, points };
  });
  return { boxes, edges };
})()`;

describe.runIf(hasChromium)('built runbook site in Chromium', () => {
  let siteDir: string;
  let exampleDir: string;
  let exampleRunbook: Runbook;
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

  const writeSite = async (runbook: Runbook): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'sentinel-site-'));
    for (const file of await buildSite(runbook, {})) {
      const target = join(dir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    return dir;
  };

  beforeAll(async () => {
    siteDir = await writeSite(RUNBOOK);
    const loaded = loadRunbook(await readRunbookDir(EXAMPLE_RUNBOOK));
    if (loaded.runbook === undefined) throw new Error('runbook/ does not load');
    exampleRunbook = loaded.runbook;
    exampleDir = await writeSite(exampleRunbook);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: BROWSER_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    for (const dir of [siteDir, exampleDir]) {
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    }
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

  it("draws the example runbook's diagram with no edge across a box and every name whole inside its box", async () => {
    // Prepare
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(pathToFileURL(join(exampleDir, 'index.html')).href);

    // Act
    const { boxes, edges } = await evaluate<DiagramGeometry>(
      page,
      MEASURE_DIAGRAM
    );

    // Assess
    const names = new Map(exampleRunbook.services.map((s) => [s.id, s.name]));
    expect(boxes.map((b) => b.id).sort()).toEqual([...names.keys()].sort());
    for (const box of boxes) {
      expect(box.text, box.id).toBe(names.get(box.id));
      expect(box.textLeft, box.id).toBeGreaterThanOrEqual(box.x);
      expect(box.textRight, box.id).toBeLessThanOrEqual(box.x + box.width);
    }
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      for (const box of boxes) {
        if (box.id === edge.from || box.id === edge.to) continue;
        const crossing = edge.points.find(
          ([x, y]) =>
            x > box.x &&
            x < box.x + box.width &&
            y > box.y &&
            y < box.y + box.height
        );
        expect(crossing, `${edge.from}->${edge.to} crosses ${box.id}`).toBe(
          undefined
        );
      }
    }
    await page.close();
  });
});
