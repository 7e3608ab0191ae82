import { describe, expect, it } from 'vitest';
import {
  computeWeeklyFigures,
  renderReportHtml,
} from '../../../src/report/index.js';
import {
  aResourceState,
  aRunbook,
  aService,
  HOUR,
} from '../../helpers/builders.js';
import {
  aJob,
  anInput,
  anOrdersDb,
  dueOn,
  NOW,
  WEEK,
} from '../../helpers/reportBuilders.js';

const CATALOG_ARN = 'arn:aws:rds:eu-west-1:111122223333:db:catalog-prod';

const aWeek = (runbook = aRunbook()) =>
  computeWeeklyFigures(
    anInput({
      runbook,
      resources: [
        anOrdersDb([
          aJob(dueOn(0)),
          aJob(dueOn(1), { state: 'failed', message: 'Access <denied>' }),
          aJob(dueOn(3), { tookMs: 5 * HOUR }),
        ]),
      ],
    }),
    WEEK,
    NOW
  );

const count = (html: string, pattern: RegExp): number =>
  html.match(pattern)?.length ?? 0;

describe('renderReportHtml', () => {
  it('uses nothing mail clients strip or block', () => {
    // Act
    const html = renderReportHtml(aWeek());

    // Assess
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\sclass=/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('draws one coloured cell per expected backup', () => {
    // Act
    const html = renderReportHtml(aWeek());

    // Assess
    expect(count(html, /<td data-status="/g)).toBe(7);
    expect(count(html, /data-status="ok"/g)).toBe(1);
    expect(count(html, /data-status="failed"/g)).toBe(1);
    expect(count(html, /data-status="late"/g)).toBe(1);
    expect(count(html, /data-status="missed"/g)).toBe(4);
    expect(html).toMatch(
      /<td data-status="failed" title="arn:aws:rds:eu-west-1:111122223333:db:orders-prod: due Tue 3 Nov 02:00: failed: Access &lt;denied&gt;"[^>]*background-color:#c62828;/
    );
  });

  it('has a legend for every status', () => {
    // Act
    const html = renderReportHtml(aWeek());

    // Assess
    for (const label of ['ok', 'late', 'failed', 'missed']) {
      expect(html).toContain(`padding:0 12px 0 4px;">${label}</td>`);
    }
  });

  it('wraps a long strip onto more rows inside the email width', () => {
    // Prepare
    const runbook = aRunbook({
      services: [aService({ backup: { schedule: 'cron(0 * * * ? *)' } })],
    });
    const figures = computeWeeklyFigures(
      anInput({ runbook, resources: [anOrdersDb([])] }),
      WEEK,
      NOW
    );

    // Act
    const html = renderReportHtml(figures, { widthPx: 600 });

    // Assess: 168 cells of 4 px + 2 px gap, 92 a row in 552 px.
    expect(count(html, /<td data-status="/g)).toBe(168);
    const strip = html.slice(html.indexOf('<tr><td data-status'));
    expect(count(strip.slice(0, strip.indexOf('</table>')), /<tr>/g)).toBe(2);
  });

  it('links the service to its runbook page and sections', () => {
    // Act
    const html = renderReportHtml(aWeek());

    // Assess
    const page =
      'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md';
    expect(html).toContain(`<a href="${page}" `);
    expect(html).toContain(`<a href="${page}#manual-backup" `);
    expect(html).toContain(`<a href="${page}#recovery" `);
  });

  it('escapes text and links only to http(s)', () => {
    // Prepare
    const runbook = aRunbook({
      title: 'Shop <b>prod</b>',
      links: 'javascript:alert(1)//{service}#{section}',
    });

    // Act
    const html = renderReportHtml(aWeek(runbook));

    // Assess
    expect(html).toContain('Shop &lt;b&gt;prod&lt;/b&gt;');
    expect(html).not.toContain('<b>prod</b>');
    expect(html).not.toContain('href="javascript');
  });

  it('prints the score formula in the footer', () => {
    // Act
    const html = renderReportHtml(aWeek());

    // Assess
    expect(html).toContain(
      'Score = mean over services weighted by tier (critical 3, high 2, standard 1)'
    );
  });

  describe('size budget', () => {
    // orders-db fails and misses this week; catalog-db backs up every day.
    const twoServices = () =>
      computeWeeklyFigures(
        anInput({
          runbook: aRunbook({
            services: [
              aService(),
              aService({
                id: 'catalog-db',
                name: 'Catalog database',
                resources: [CATALOG_ARN],
              }),
            ],
          }),
          resources: [
            anOrdersDb([aJob(dueOn(0)), aJob(dueOn(1), { state: 'failed' })]),
            {
              state: aResourceState({
                resourceArn: CATALOG_ARN,
                service: 'catalog-db',
              }),
              events: [-1, 0, 1, 2, 3, 4, 5, 6].map((day) =>
                aJob(dueOn(day), { resourceArn: CATALOG_ARN })
              ),
            },
          ],
        }),
        WEEK,
        NOW
      );
    const strips = (html: string) => ({
      orders: html.includes(
        'data-resource="arn:aws:rds:eu-west-1:111122223333:db:orders-prod"'
      ),
      catalog: html.includes(`data-resource="${CATALOG_ARN}"`),
    });

    it('shows every service in full while the email fits', () => {
      // Prepare
      const figures = twoServices();

      // Act
      const html = renderReportHtml(figures);

      // Assess
      expect(figures.services.map((s) => s.score?.score)).toEqual([
        expect.any(Number),
        100,
      ]);
      expect(strips(html)).toEqual({ orders: true, catalog: true });
      expect(html).not.toContain('Within the runbook all week');
    });

    it('lists the services that kept their runbook in brief when the email would be clipped', () => {
      // Prepare
      const figures = twoServices();
      const full = renderReportHtml(figures);

      // Act
      const html = renderReportHtml(figures, { maxBytes: full.length - 1 });

      // Assess
      expect(strips(html)).toEqual({ orders: true, catalog: false });
      expect(html).toContain('Within the runbook all week (1)');
      expect(html).toMatch(
        /<td data-service="catalog-db"[^>]*><a href="[^"]*\/catalog-db\.md" [^>]*>Catalog database<\/a> <span[^>]*>catalog-db · critical · 1 resource · 7 expected: 7 ok, 0 late, 0 failed, 0 missed/
      );
      expect(html.length).toBeLessThan(full.length);
      // The exceptions come first.
      expect(html.indexOf('data-service="orders-db"')).toBeLessThan(
        html.indexOf('data-service="catalog-db"')
      );
    });

    it('lists only the ids of those services when even their lines would be clipped', () => {
      // Prepare
      const figures = twoServices();
      const lines = renderReportHtml(figures, {
        maxBytes: renderReportHtml(figures).length - 1,
      });

      // Act
      const html = renderReportHtml(figures, { maxBytes: lines.length - 1 });

      // Assess
      expect(strips(html)).toEqual({ orders: true, catalog: false });
      expect(html).toContain('Within the runbook all week (1)');
      expect(html).toMatch(/<p [^>]*>catalog-db<\/p>/);
      expect(html).not.toContain('data-service="catalog-db"');
      expect(html.length).toBeLessThan(lines.length);
    });

    it('keeps every block when no service kept its runbook', () => {
      // Prepare
      const figures = aWeek();

      // Act
      const html = renderReportHtml(figures, { maxBytes: 1 });

      // Assess
      expect(html).toBe(renderReportHtml(figures));
    });
  });
});
