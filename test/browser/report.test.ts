import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeWeeklyFigures,
  renderReportHtml,
} from '../../src/report/index.js';
import { aRunbook, aService, HOUR } from '../helpers/builders.js';
import {
  aJob,
  anInput,
  anOrdersDb,
  dueOn,
  NOW,
  WEEK,
} from '../helpers/reportBuilders.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser tests NOT RUN: ${CHROMIUM} is missing (apt-get update && apt-get install -y chromium)`
  );
}

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const VIEWPORT = { width: 700, height: 900 };

/** The report of a week with an ok, a failed, a late and missed backups. */
const HTML = renderReportHtml(
  computeWeeklyFigures(
    anInput({
      runbook: aRunbook({
        services: [aService(), aService({ id: 'carts', name: 'Carts' })],
      }),
      resources: [
        anOrdersDb([
          aJob(dueOn(0)),
          aJob(dueOn(1), { state: 'failed', message: 'Access denied' }),
          aJob(dueOn(2), { tookMs: 5 * HOUR }),
          aJob(dueOn(4)),
          aJob(dueOn(5)),
          aJob(dueOn(6)),
        ]),
      ],
    }),
    WEEK,
    NOW
  )
);

/** Counts the screenshot's pixels close to an RGB colour, by drawing it on a canvas. */
const COUNT_PIXELS = `async ([png, rgb]) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let near = 0;
  let nonWhite = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (r < 235 || g < 235 || b < 235) nonWhite += 1;
    if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) < 12) near += 1;
  }
  return { width: image.width, height: image.height, near, nonWhite };
}`;

interface PixelCount {
  width: number;
  height: number;
  near: number;
  nonWhite: number;
}

describe.runIf(hasChromium)('weekly report email in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: BROWSER_ARGS,
    });
    page = await browser.newPage({ viewport: VIEWPORT });
    // An email must render with nothing fetched: record and refuse any request.
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    await page.setContent(HTML, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders a non-blank screenshot with the timeline painted', async () => {
    // Act
    const png = await page.screenshot({ fullPage: true });

    // Assess: the PNG's own header says how big it is.
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(VIEWPORT.width);
    const pixels = async (rgb: number[]) =>
      (await page.evaluate(
        `(${COUNT_PIXELS})(${JSON.stringify([png.toString('base64'), rgb])})`
      )) as PixelCount;
    const ok = await pixels([0x2e, 0x7d, 0x32]);
    const failed = await pixels([0xc6, 0x28, 0x28]);
    expect(ok.width).toBe(VIEWPORT.width);
    // Text and cells on a pale page: a blank render has none.
    expect(ok.nonWhite / (ok.width * ok.height)).toBeGreaterThan(0.03);
    // Four ok cells of about 28 x 18 px, besides the legend's swatch.
    expect(ok.near).toBeGreaterThan(4 * 20 * 14);
    expect(failed.near).toBeGreaterThan(20 * 14);
  });

  it('shows one visible cell per expected backup with its title', async () => {
    // Act
    const cells = page.locator('[data-service="orders-db"] td[data-status]');

    // Assess
    expect(await cells.count()).toBe(7);
    const statuses = await cells.evaluateAll((tds) =>
      tds.map((td) => td.getAttribute('data-status'))
    );
    expect(statuses).toEqual([
      'ok',
      'failed',
      'late',
      'missed',
      'ok',
      'ok',
      'ok',
    ]);
    for (const cell of await cells.all()) {
      const box = await cell.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(4);
      expect(box!.height).toBeGreaterThanOrEqual(10);
      expect(box!.x + box!.width).toBeLessThanOrEqual(VIEWPORT.width);
    }
    expect(await cells.nth(1).getAttribute('title')).toContain(
      'failed: Access denied'
    );
  });

  it('says a service that never reported is silent, and shows what it missed', async () => {
    // Act
    const text = await page.locator('[data-service="carts"]').textContent();

    // Assess
    expect(text).toContain(
      'Silentnever reported: no aws-backup backup has reached the monitor'
    );
    expect(text).toContain('7 expected: 0 ok, 0 late, 0 failed, 7 missed');
    expect(text).toContain('within RPO 0% of the time');
  });

  it('fetches nothing from the network', () => {
    // Assess
    expect(requests).toEqual([]);
  });
});
