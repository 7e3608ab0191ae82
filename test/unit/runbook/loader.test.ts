import { describe, expect, it } from 'vitest';
import { loadRunbook } from '../../../src/runbook/index.js';
import {
  BODY,
  frontMatter,
  itemRange,
  RUNBOOK_YML,
  rangeOf,
  runbookFiles,
  serviceFile,
  serviceMd,
  valueRange,
} from '../../helpers/runbookFiles.js';

const codes = (files: Parameters<typeof loadRunbook>[0]) =>
  loadRunbook(files).diagnostics.map((d) => d.code);

describe('loadRunbook', () => {
  it('returns the resolved runbook when there is no error', () => {
    // Prepare
    const files = runbookFiles([
      serviceFile('orders-db', {
        ...frontMatter('orders-db'),
        dependsOn: ['network'],
      }),
      serviceFile('network'),
      { path: 'disaster-recovery.md', content: '# DR\n\nFail over.\n' },
    ]);

    // Act
    const { runbook, diagnostics } = loadRunbook(files);

    // Assess
    expect(diagnostics).toEqual([]);
    expect(runbook).toMatchObject({
      title: 'Test shop runbook',
      defaults: {
        graceMs: 15 * 60_000,
        renotifyMs: 12 * 3_600_000,
        timezone: 'UTC',
      },
      alerts: {
        'payments-oncall': {
          pagerduty: '/sentinel/pagerduty/payments',
          sns: true,
        },
        'email-only': { sns: true },
      },
      disasterRecovery: '# DR\n\nFail over.\n',
    });
    expect(runbook?.services.map((s) => s.id)).toEqual([
      'network',
      'orders-db',
    ]);
    expect(runbook?.services[1]).toMatchObject({
      file: 'services/orders-db.md',
      backup: {
        schedule: 'cron(0 2 * * ? *)',
        startWindowMs: 3_600_000,
        completionWindowMs: 7_200_000,
        retentionMs: 7 * 86_400_000,
        copies: [],
      },
      recovery: { rtoMs: 30 * 60_000, rpoMs: 27 * 3_600_000 },
      dependsOn: ['network'],
      failureThreshold: 1,
      silences: [],
      graceMs: 15 * 60_000,
      renotifyMs: 12 * 3_600_000,
      timezone: 'UTC',
    });
  });

  it('applies built-in defaults when runbook.yml has none', () => {
    // Prepare
    const yml = 'title: T\nlinks: https://x/{service}#{section}\n';
    const { alerts: _, ...front } = frontMatter('a');

    // Act
    const { runbook } = loadRunbook(
      runbookFiles([serviceFile('a', front)], yml)
    );

    // Assess
    expect(runbook?.defaults).toEqual({
      graceMs: 30 * 60_000,
      renotifyMs: 24 * 3_600_000,
      timezone: 'UTC',
    });
    expect(runbook?.alerts).toEqual({});
  });

  it('returns sections with whole-file line numbers', () => {
    // Prepare
    const file = serviceFile('a');

    // Act
    const { runbook } = loadRunbook(runbookFiles([file]));

    // Assess
    const lines = file.content.split('\n');
    const recovery = runbook?.services[0]?.sections.find(
      (s) => s.slug === 'recovery'
    );
    expect(recovery).toMatchObject({ level: 2, text: 'Recovery' });
    expect(lines[recovery!.line - 1]).toBe('## Recovery');
  });

  it('returns no runbook when there is an error', () => {
    // Prepare
    const files = runbookFiles([
      serviceFile('a', { ...frontMatter('a'), tier: 'gold' }),
    ]);

    // Act
    const { runbook, diagnostics } = loadRunbook(files);

    // Assess
    expect(runbook).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['invalid-value']);
  });

  it('reports an unknown key at the key, shifted by the front matter offset', () => {
    // Prepare
    const front = frontMatter('a');
    const file = serviceFile('a', {
      ...front,
      backup: { ...(front.backup as object), retension: '7d' },
    });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'unknown-key',
        severity: 'error',
        file: 'services/a.md',
        range: rangeOf(file.content, 'retension'),
      }),
    ]);
    expect(diagnostics[0]?.message).toContain("did you mean 'retention'?");
  });

  it('reports a wrong type at the value', () => {
    // Prepare
    const file = serviceFile('a', { ...frontMatter('a'), owner: 42 });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'wrong-type', range: rangeOf(file.content, '42') },
    ]);
  });

  it('reports a missing key at its parent key', () => {
    // Prepare
    const front = frontMatter('a');
    const { rpo: _, ...recovery } = front.recovery as Record<string, unknown>;
    const file = serviceFile('a', { ...front, recovery });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'missing-key', range: rangeOf(file.content, 'recovery') },
    ]);
  });

  it('reports a missing top-level key at the opening fence', () => {
    // Prepare
    const { owner: _, ...front } = frontMatter('a');
    const file = serviceFile('a', front);

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([{ code: 'missing-key', range: [0, 3] }]);
  });

  it('reports a bad duration at its value', () => {
    // Prepare
    const front = frontMatter('a');
    const file = serviceFile('a', {
      ...front,
      recovery: { rto: '30 minutes', rpo: '27h' },
    });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'invalid-duration', range: rangeOf(file.content, '30 minutes') },
    ]);
  });

  it('reports an invalid schedule at the bad field', () => {
    // Prepare
    const front = frontMatter('a');
    const file = serviceFile('a', {
      ...front,
      backup: { ...(front.backup as object), schedule: 'cron(0 2 * * * *)' },
    });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    const [diagnostic] = diagnostics;
    const value = rangeOf(file.content, 'cron(0 2 * * * *)');
    expect(diagnostic).toMatchObject({ code: 'invalid-schedule' });
    expect(diagnostic?.range[0]).toBeGreaterThan(value[0]);
    expect(diagnostic?.range[1]).toBe(value[1]);
  });

  it('reports an invalid time zone in runbook.yml', () => {
    // Prepare
    const yml = RUNBOOK_YML.replace('timezone: UTC', 'timezone: Mars/Olympus');

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([serviceFile('a')], yml));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'invalid-value',
        file: 'runbook.yml',
        range: rangeOf(yml, 'Mars/Olympus'),
      },
    ]);
  });

  it.each([
    ['javascript:alert(document.cookie)//{service}', 'javascript:'],
    ["'data:text/html,<script>alert(1)</script>{service}'", 'data:'],
    ['file:///etc/runbook/{service}.md', 'file:'],
    ['vbscript:msgbox({service})', 'vbscript:'],
    ['ftp://example.com/{service}.md', 'ftp:'],
    ['JavaScript:alert({service})', 'javascript:'],
    ['"java\\tscript:alert({service})"', 'javascript:'],
  ])(
    'reports the links template %s at its value, naming the key and the scheme %s',
    (template, scheme) => {
      // Prepare
      const yml = RUNBOOK_YML.replace(
        'https://example.com/runbook/services/{service}.md#{section}',
        template
      );

      // Act
      const { runbook, diagnostics } = loadRunbook(
        runbookFiles([serviceFile('a')], yml)
      );

      // Assess
      expect(runbook).toBeUndefined();
      expect(diagnostics).toEqual([
        {
          code: 'invalid-value',
          severity: 'error',
          file: 'runbook.yml',
          range: rangeOf(yml, template),
          message: `'links' must be an https: or http: URL template, not ${scheme}: alerts, reports and the runbook site make it a link people click`,
        },
      ]);
    }
  );

  it('reports a links template that is not an absolute URL', () => {
    // Prepare
    const yml = RUNBOOK_YML.replace(
      'https://example.com/runbook/services/{service}.md#{section}',
      '//example.com/runbook/services/{service}.md'
    );

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([serviceFile('a')], yml));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'invalid-value',
        range: rangeOf(yml, '//example.com/runbook/services/{service}.md'),
        message: expect.stringMatching(
          /^'links' must be an absolute https: or http: URL template/
        ),
      },
    ]);
  });

  it.each([
    'https://github.com/acme/shop/blob/main/runbook/services/{service}.md#{section}',
    'http://wiki.internal/runbook/{service}#{section}',
  ])('accepts the links template %s', (template) => {
    // Prepare
    const yml = RUNBOOK_YML.replace(
      'https://example.com/runbook/services/{service}.md#{section}',
      template
    );

    // Act
    const { runbook, diagnostics } = loadRunbook(
      runbookFiles([serviceFile('a')], yml)
    );

    // Assess
    expect(diagnostics).toEqual([]);
    expect(runbook?.links).toBe(template);
  });

  it('reports a YAML syntax error at its line, keeping the yaml code', () => {
    // Prepare
    const content = `---\nid: a\nresources: [x, y\nname: A\n---\n${BODY}`;
    const file = { path: 'services/a.md', content };

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax[0]?.yamlCode).toMatch(/^[A-Z_]+$/);
    expect(syntax[0]?.range[0]).toBeGreaterThanOrEqual(
      content.indexOf('resources')
    );
    expect(syntax[0]?.range[0]).toBeLessThan(content.indexOf('\n---\n'));
  });

  it('reports a duplicate YAML key at the repeated key, with its yaml code', () => {
    // Prepare
    const content = `---\nid: a\nname: A\nname: B\n---\n${BODY}`;
    const file = { path: 'services/a.md', content };

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'yaml-syntax',
        yamlCode: 'DUPLICATE_KEY',
        // yaml marks the first character of the repeated key
        range: [
          rangeOf(content, 'name', 1)[0],
          rangeOf(content, 'name', 1)[0] + 1,
        ],
      },
    ]);
  });

  it('reports an id that differs from the file name at the id', () => {
    // Prepare
    const file = serviceFile('a', frontMatter('b'));

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'id-mismatch', range: valueRange(file.content, 'id', 'b') },
    ]);
  });

  it('reports a duplicate id at the second file', () => {
    // Prepare
    const second = serviceFile('b', frontMatter('a'));
    const files = runbookFiles([serviceFile('a'), second]);

    // Act
    const { diagnostics } = loadRunbook(files);

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'id-mismatch', file: 'services/b.md' },
      {
        code: 'duplicate-id',
        file: 'services/b.md',
        range: valueRange(second.content, 'id', 'a'),
      },
    ]);
  });

  it('reports an unknown dependency at its list item', () => {
    // Prepare
    const file = serviceFile('a', {
      ...frontMatter('a'),
      dependsOn: ['b', 'netwrok'],
    });
    const files = runbookFiles([
      file,
      serviceFile('b'),
      serviceFile('network'),
    ]);

    // Act
    const { diagnostics } = loadRunbook(files);

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'unknown-dependency', range: rangeOf(file.content, 'netwrok') },
    ]);
    expect(diagnostics[0]?.message).toContain("did you mean 'network'?");
  });

  it('reports a dependency cycle once, naming the cycle', () => {
    // Prepare
    const a = serviceFile('a', { ...frontMatter('a'), dependsOn: ['b'] });
    const b = serviceFile('b', { ...frontMatter('b'), dependsOn: ['c'] });
    const c = serviceFile('c', { ...frontMatter('c'), dependsOn: ['a'] });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([a, b, c]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'dependency-cycle',
        file: 'services/a.md',
        range: itemRange(a.content, 'b'),
      },
    ]);
    expect(diagnostics[0]?.message).toContain('a -> b -> c -> a');
  });

  it("reports a phase earlier than a dependency's at the phase key", () => {
    // Prepare
    const net = serviceFile('net', {
      ...frontMatter('net'),
      recovery: { rto: '30m', rpo: '27h', phase: 2 },
    });
    const app = serviceFile('app', {
      ...frontMatter('app'),
      recovery: { rto: '30m', rpo: '27h', phase: 1 },
      dependsOn: ['net'],
    });

    // Act
    const { runbook, diagnostics } = loadRunbook(runbookFiles([net, app]));

    // Assess
    expect(runbook).toBeUndefined();
    const [start] = rangeOf(app.content, 'phase: 1');
    expect(diagnostics).toMatchObject([
      {
        code: 'phase-before-dependency',
        severity: 'error',
        file: 'services/app.md',
        range: [start, start + 'phase'.length],
      },
    ]);
    expect(diagnostics[0]?.message).toContain(
      "'app' restores in phase 1 but depends on 'net', restored in phase 2"
    );
  });

  it('reports the dependency when the phase is left at its default', () => {
    // Prepare
    const net = serviceFile('net', {
      ...frontMatter('net'),
      recovery: { rto: '30m', rpo: '27h', phase: 3 },
    });
    const app = serviceFile('app', {
      ...frontMatter('app'),
      dependsOn: ['net'],
    });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([net, app]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'phase-before-dependency',
        file: 'services/app.md',
        range: itemRange(app.content, 'net'),
      },
    ]);
  });

  it('accepts a dependency in the same or an earlier phase', () => {
    // Prepare
    const net = serviceFile('net', {
      ...frontMatter('net'),
      recovery: { rto: '30m', rpo: '27h', phase: 2 },
    });
    const app = serviceFile('app', {
      ...frontMatter('app'),
      recovery: { rto: '30m', rpo: '27h', phase: 2 },
      dependsOn: ['net'],
    });
    const archive = serviceFile('archive', {
      ...frontMatter('archive'),
      recovery: { rto: '30m', rpo: '27h', phase: 3 },
      dependsOn: ['app'],
    });

    // Act
    const { runbook, diagnostics } = loadRunbook(
      runbookFiles([net, app, archive])
    );

    // Assess
    expect(diagnostics).toEqual([]);
    expect(runbook?.services.map((s) => s.recovery.phase)).toEqual([2, 3, 2]);
  });

  it('reports an unknown alert route at the value', () => {
    // Prepare
    const file = serviceFile('a', {
      ...frontMatter('a'),
      alerts: 'payment-oncall',
    });

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'unknown-alert-route',
        range: rangeOf(file.content, 'payment-oncall'),
      },
    ]);
  });

  it('reports a missing required section at its parent heading', () => {
    // Prepare
    const body = BODY.replace('### Validation\n', '');
    const file = serviceFile('a', frontMatter('a'), body);

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'missing-section', range: rangeOf(file.content, '## Recovery') },
    ]);
  });

  it('reports a missing runbook.yml', () => {
    // Act
    const diagnostics = loadRunbook(
      runbookFiles([serviceFile('a')], null)
    ).diagnostics;

    // Assess
    expect(diagnostics).toMatchObject([
      { code: 'missing-runbook-yml', file: 'runbook.yml', range: [0, 0] },
    ]);
  });

  it('reports a folder without services', () => {
    // Act
    const result = codes(runbookFiles([]));

    // Assess
    expect(result).toEqual(['no-services']);
  });

  it.each([
    ['an empty file', '', 'empty-file', [0, 0]],
    ['a file of blank lines', '\n\n  \n', 'empty-file', [0, 0]],
    ['a binary file', 'PK\u0003\u0004\u0000\u0000', 'binary-file', [4, 5]],
    [
      'text that was not UTF-8',
      '---\nid: caf\uFFFD\n',
      'invalid-encoding',
      [11, 12],
    ],
    [
      'a file without front matter',
      '# a\n\n## Backup\n',
      'missing-front-matter',
      [0, 3],
    ],
    [
      'front matter that is never closed',
      '---\nid: a\n',
      'unterminated-front-matter',
      [0, 3],
    ],
  ])('reports %s with one diagnostic', (_, content, code, range) => {
    // Prepare
    const files = runbookFiles([{ path: 'services/a.md', content }]);

    // Act
    const { diagnostics } = loadRunbook(files);

    // Assess
    expect(diagnostics).toMatchObject([{ code, range }]);
  });

  it('reports an empty runbook.yml once, without a cascade', () => {
    // Act
    const result = codes(runbookFiles([serviceFile('a')], '\n'));

    // Assess
    expect(result).toEqual(['empty-file']);
  });

  it('reports YAML whose aliases expand excessively instead of expanding it', () => {
    // Prepare
    const anchors = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      anchors.push(
        `${'b'.repeat(i)}: &b${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*b${i - 1}`)
          .join(', ')}]`
      );
    }
    const yml = `${RUNBOOK_YML}${anchors.join('\n')}\n`;

    // Act
    const result = codes(runbookFiles([serviceFile('a')], yml));

    // Assess
    expect(result).toEqual(['yaml-syntax']);
  });

  it('reports front matter that is not a mapping', () => {
    // Prepare
    const content = `---\n- a\n- b\n---\n${BODY}`;

    // Act
    const { diagnostics } = loadRunbook(
      runbookFiles([{ path: 'services/a.md', content }])
    );

    // Assess
    expect(diagnostics).toMatchObject([{ code: 'wrong-type', range: [4, 11] }]);
  });

  it('keeps checking other files when one is broken', () => {
    // Prepare
    const broken = { path: 'services/a.md', content: '\u0000' };
    const typo = serviceFile('b', { ...frontMatter('b'), tierr: 'high' });

    // Act
    const result = codes(runbookFiles([broken, typo]));

    // Assess
    expect(result).toEqual(['binary-file', 'unknown-key']);
  });

  it('resolves silences and the failure threshold', () => {
    // Prepare
    const file = serviceFile('a', {
      ...frontMatter('a'),
      failureThreshold: 3,
      silences: [{ until: '2026-07-01T00:00:00Z', reason: 'migration' }],
    });

    // Act
    const { runbook } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(runbook?.services[0]).toMatchObject({
      failureThreshold: 3,
      silences: [
        { until: new Date('2026-07-01T00:00:00Z'), reason: 'migration' },
      ],
    });
  });

  it('ignores files outside runbook.yml, services/*.md and disaster-recovery.md', () => {
    // Prepare
    const files = runbookFiles([
      serviceFile('a'),
      { path: 'notes.txt', content: '\u0000' },
    ]);

    // Act
    const result = codes(files);

    // Assess
    expect(result).toEqual([]);
  });

  it('parses the service body as Markdown after the front matter', () => {
    // Prepare
    const file = {
      path: 'services/a.md',
      content: serviceMd(frontMatter('a')),
    };

    // Act
    const { runbook } = loadRunbook(runbookFiles([file]));

    // Assess
    expect(runbook?.services[0]?.body).toBe(BODY);
  });
});
