import { describe, expect, it } from 'vitest';
import { computeWeeklyFigures } from '../../../src/report/figures.js';
import { renderReportHtml } from '../../../src/report/html.js';
import { aRunbook, aService, HOUR } from '../../helpers/builders.js';
import { aJob, anInput, anOrdersDb, dueOn, NOW, WEEK } from './builders.js';

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
});
