import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../src/runbook/site/markdown.js';
import { SERVICE_BODY } from '../../../helpers/siteBuilders.js';

/** The ids of all elements in the HTML, in order. */
const ids = (html: string): string[] =>
  [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]!);

describe('renderMarkdown', () => {
  it('gives the required sections the ids GitHub gives them', () => {
    // Act
    const { html } = renderMarkdown(SERVICE_BODY);

    // Assess
    expect(ids(html)).toEqual([
      'backup',
      'manual-backup',
      'recovery',
      'steps',
      'validation',
      'failover',
    ]);
  });

  it.each([
    ['Step 1: Restore the DB (RDS)', 'step-1-restore-the-db-rds'],
    ["What's new?", 'whats-new'],
    ['C++ & Go', 'c--go'],
    ['Ünïcödé Straße', 'ünïcödé-straße'],
    ['日本語 見出し', '日本語-見出し'],
    ['Emoji 🚀 launch', 'emoji--launch'],
    [
      '`aws rds restore-db-instance-to-point-in-time`',
      'aws-rds-restore-db-instance-to-point-in-time',
    ],
    ['*Failover* to **us-west-2**', 'failover-to-us-west-2'],
    ['[Linked](https://example.com) heading', 'linked-heading'],
    ['Snake_case and trailing dots...', 'snake_case-and-trailing-dots'],
    ['Tom &amp; Jerry', 'tom--jerry'],
    // GitHub ignores image alt text and keeps the space before the image
    // (github/markup#1008, remarkjs/remark-validate-links#59).
    ['Hello ![badge](badge.png)', 'hello-'],
  ])('slugs %j as %j', (heading, slug) => {
    // Act
    const { html, headings } = renderMarkdown(`## ${heading}\n`);

    // Assess
    expect(ids(html)).toEqual([slug]);
    expect(headings[0]?.slug).toBe(slug);
  });

  it('numbers repeated headings -1, -2 in document order, like GitHub', () => {
    // Prepare
    const source = [
      '## Steps',
      '## Recovery',
      '### Steps',
      '## Steps',
      '## Steps-1',
    ].join('\n\n');

    // Act
    const { html } = renderMarkdown(source);

    // Assess
    expect(ids(html)).toEqual([
      'steps',
      'recovery',
      'steps-1',
      'steps-2',
      'steps-1-1',
    ]);
  });

  it('matches github-slugger run over the headings in document order', () => {
    // Prepare
    const texts = ['Backup', 'Backup', 'Ça & co', 'Backup 1', 'backup'];
    const slugger = new GithubSlugger();
    const expected = texts.map((t) => slugger.slug(t));

    // Act
    const { headings } = renderMarkdown(
      texts.map((t, i) => `${'#'.repeat((i % 3) + 1)} ${t}`).join('\n\n')
    );

    // Assess
    expect(headings.map((h) => h.slug)).toEqual(expected);
  });

  it('starts a fresh slugger on every call', () => {
    // Act
    renderMarkdown('## Recovery\n');
    const { html } = renderMarkdown('## Recovery\n');

    // Assess
    expect(ids(html)).toEqual(['recovery']);
  });

  it('adds a visible anchor link to each heading', () => {
    // Act
    const { html } = renderMarkdown('## Recovery\n');

    // Assess
    expect(html).toContain(
      '<h2 id="recovery">Recovery <a class="anchor" href="#recovery"'
    );
  });

  it('returns the headings with their level, text and slug', () => {
    // Act
    const { headings } = renderMarkdown('# Top\n\n### Deep `code`\n');

    // Assess
    expect(headings).toEqual([
      { level: 1, text: 'Top', slug: 'top' },
      { level: 3, text: 'Deep code', slug: 'deep-code' },
    ]);
  });

  it('escapes raw HTML instead of passing it through', () => {
    // Prepare
    const source =
      '<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>\n';

    // Act
    const { html } = renderMarkdown(source);

    // Assess
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('does not render javascript: links', () => {
    // Act
    const { html } = renderMarkdown('[click](javascript:alert(1))\n');

    // Assess
    expect(html).not.toContain('href="javascript:');
  });

  it.each([
    ['orders-db.md#recovery', 'orders-db.html#recovery'],
    ['../disaster-recovery.md', '../disaster-recovery.html'],
    ['services/carts.md', 'services/carts.html'],
    ['https://example.com/README.md', 'https://example.com/README.md'],
    ['#steps', '#steps'],
  ])('points the link %j at %j', (href, expected) => {
    // Act
    const { html } = renderMarkdown(`[link](${href})\n`);

    // Assess
    expect(html).toContain(`href="${expected}"`);
  });
});
