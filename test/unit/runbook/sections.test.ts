import { describe, expect, it } from 'vitest';
import { checkSections, parseSections } from '../../../src/runbook/sections.js';
import { BODY, rangeOf } from '../../helpers/runbookFiles.js';

describe('parseSections', () => {
  it('returns each heading with its level, GitHub slug and whole-file line', () => {
    // Prepare
    const body = '# Orders DB\n\n## Backup\n\n### Manual backup\n\nText.\n';

    // Act
    const sections = parseSections(body, 10);

    // Assess
    expect(sections).toEqual([
      { level: 1, text: 'Orders DB', slug: 'orders-db', line: 10 },
      { level: 2, text: 'Backup', slug: 'backup', line: 12 },
      { level: 3, text: 'Manual backup', slug: 'manual-backup', line: 14 },
    ]);
  });

  it('numbers repeated headings as GitHub does', () => {
    // Prepare
    const body = '## Steps\n\n## Steps\n\n## Steps\n';

    // Act
    const slugs = parseSections(body, 1).map((s) => s.slug);

    // Assess
    expect(slugs).toEqual(['steps', 'steps-1', 'steps-2']);
  });

  it('slugs the text without markup, punctuation or case', () => {
    // Prepare
    const body = "## Restore `orders-prod` *fast* (RDS) — what's next?\n";

    // Act
    const [section] = parseSections(body, 1);

    // Assess
    expect(section?.text).toBe("Restore orders-prod fast (RDS) — what's next?");
    expect(section?.slug).toBe('restore-orders-prod-fast-rds--whats-next');
  });

  it('ignores headings inside code blocks and counts setext headings', () => {
    // Prepare
    const body = '```\n## Not a heading\n```\n\nFailover\n--------\n';

    // Act
    const sections = parseSections(body, 1);

    // Assess
    expect(sections).toEqual([
      { level: 2, text: 'Failover', slug: 'failover', line: 5 },
    ]);
  });
});

describe('checkSections', () => {
  const check = (body: string) => {
    const content = `---\nid: a\n---\n${body}`;
    return {
      content,
      diagnostics: checkSections(
        'services/a.md',
        content,
        parseSections(body, 4),
        4
      ),
    };
  };

  it('returns nothing when every required heading is where it belongs', () => {
    // Act
    const { diagnostics } = check(BODY);

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('reports a missing top-level section at the first body line', () => {
    // Prepare
    const body = BODY.replace('## Failover\n', '');

    // Act
    const { content, diagnostics } = check(body);

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'missing-section',
        range: [content.indexOf('\n---\n') + 5, content.indexOf('\n---\n') + 5],
      },
    ]);
    expect(diagnostics[0]?.message).toContain("'## Failover'");
  });

  it('points at a heading spelt nearly right and says how it must read', () => {
    // Prepare
    const body = BODY.replace('## Failover\n', '## Fail over\n');

    // Act
    const { content, diagnostics } = check(body);

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'missing-section', range: rangeOf(content, '## Fail over') },
    ]);
    expect(diagnostics[0]?.message).toBe(
      "missing section '## Failover': '## Fail over' must read '## Failover', as alerts link to #failover"
    );
  });

  it('reports a heading at the wrong level at that heading', () => {
    // Prepare
    const body = BODY.replace('### Manual backup', '## Manual backup');

    // Act
    const { content, diagnostics } = check(body);

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'missing-section', range: rangeOf(content, '## Manual backup') },
    ]);
  });

  it('reports a sub-section under the wrong parent', () => {
    // Prepare: Validation moved from Recovery to Failover
    const body = BODY.replace('### Validation\n\nCount the rows.\n', '').concat(
      '\n### Validation\n\nCount.\n'
    );

    // Act
    const { content, diagnostics } = check(body);

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'missing-section', range: rangeOf(content, '### Validation') },
    ]);
  });

  it('accepts headings written in another case', () => {
    // Prepare
    const body = BODY.replace('### Manual backup', '### Manual Backup');

    // Act
    const { diagnostics } = check(body);

    // Assess
    expect(diagnostics).toEqual([]);
  });
});
