import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../../../src/runbook/index.js';
import { loadRunbook, readRunbookDir } from '../../../../src/runbook/index.js';
import {
  buildSite,
  type SiteFile,
  UnsafeServiceIdError,
} from '../../../../src/runbook/site/index.js';
import {
  aRunbook,
  aService,
  DAY,
  HOUR,
  MINUTE,
} from '../../../helpers/siteBuilders.js';

const EXAMPLE_RUNBOOK = fileURLToPath(
  new URL('../../../../runbook', import.meta.url)
);

const SECTION_IDS = [
  'manual-backup',
  'recovery',
  'steps',
  'validation',
  'failover',
] as const;

const contentOf = (files: SiteFile[], path: string): string => {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no ${path} in the site`);
  return file.content;
};

const htmlFiles = (files: SiteFile[]): SiteFile[] =>
  files.filter((f) => f.path.endsWith('.html'));

/** A small shop: network under secrets under the orders database. */
const SHOP: Runbook = aRunbook({
  services: [
    aService({
      id: 'orders-db',
      name: 'Orders database',
      dependsOn: ['network', 'secrets'],
      recovery: {
        rtoMs: 60 * MINUTE,
        rpoMs: 26 * HOUR,
        restoreTestMs: 30 * DAY,
      },
    }),
    aService({
      id: 'secrets',
      name: 'Application secrets',
      category: 'application-state',
      tier: 'high',
      dependsOn: ['network'],
      recovery: { rtoMs: 15 * MINUTE, rpoMs: 24 * HOUR },
    }),
    aService({
      id: 'network',
      name: 'Network',
      category: 'infrastructure',
      tier: 'standard',
      owner: 'platform',
      backup: {
        ...aService().backup,
        schedule: 'rate(4 hours)',
      },
      recovery: { rtoMs: 30 * MINUTE, rpoMs: 8 * HOUR },
    }),
  ],
  disasterRecovery:
    '# Disaster recovery\n\n## Total outage\n\nRestore [orders](services/orders-db.md#recovery).\n',
});

describe('buildSite', () => {
  it('returns the index, the stylesheet, the DR page and one page per service', async () => {
    // Act
    const files = await buildSite(SHOP, {});

    // Assess
    expect(files.map((f) => f.path).sort()).toEqual([
      'assets/site.css',
      'disaster-recovery.html',
      'index.html',
      'services/network.html',
      'services/orders-db.html',
      'services/secrets.html',
    ]);
  });

  it('omits the DR page when the runbook has none', async () => {
    // Prepare
    const runbook = aRunbook();

    // Act
    const files = await buildSite(runbook, {});

    // Assess
    expect(files.map((f) => f.path)).not.toContain('disaster-recovery.html');
    expect(contentOf(files, 'index.html')).not.toContain(
      'disaster-recovery.html'
    );
  });

  it('gives every service page the ids of the required sections', async () => {
    // Act
    const files = await buildSite(SHOP, {});

    // Assess
    for (const service of SHOP.services) {
      const page = contentOf(files, `services/${service.id}.html`);
      for (const id of SECTION_IDS) {
        expect(page, `${service.id}#${id}`).toContain(` id="${id}"`);
      }
    }
  });

  it('lists every service on the index with a link to its page', async () => {
    // Act
    const index = contentOf(await buildSite(SHOP, {}), 'index.html');

    // Assess
    for (const service of SHOP.services) {
      expect(index).toContain(
        `<a href="services/${service.id}.html">${service.name}</a>`
      );
      expect(index).toContain(`<tr data-service="${service.id}">`);
    }
  });

  it('shows schedule in words, retention, RPO, RTO, owner and last change on the index', async () => {
    // Prepare
    const lastChanged = { network: new Date('2024-05-01T09:30:00Z') };

    // Act
    const index = contentOf(
      await buildSite(SHOP, { lastChanged }),
      'index.html'
    );

    // Assess
    const row = index.match(/<tr data-service="network">.*<\/tr>/)?.[0];
    expect(row).toContain('every 4 hours');
    expect(row).toMatch(/<td data-label="Retention"[^>]*>7 d<\/td>/);
    expect(row).toMatch(/<td data-label="RPO"[^>]*>8 h<\/td>/);
    expect(row).toMatch(/<td data-label="RTO"[^>]*>30 min<\/td>/);
    expect(row).toMatch(/<td data-label="Owner"[^>]*>platform<\/td>/);
    expect(row).toContain('>2024-05-01</time>');
    expect(index).toContain('daily at 02:00 UTC');
  });

  it('draws a node per service and an edge per dependency', async () => {
    // Act
    const index = contentOf(await buildSite(SHOP, {}), 'index.html');

    // Assess
    const nodes = [...index.matchAll(/class="node" data-service="([^"]+)"/g)];
    const edges = [
      ...index.matchAll(/class="edge" data-from="([^"]+)" data-to="([^"]+)"/g),
    ];
    expect(nodes.map((m) => m[1]).sort()).toEqual([
      'network',
      'orders-db',
      'secrets',
    ]);
    expect(edges.map((m) => `${m[1]}->${m[2]}`).sort()).toEqual([
      'network->orders-db',
      'network->secrets',
      'secrets->orders-db',
    ]);
  });

  it('shows the restore waves and the critical path with its total time', async () => {
    // Act
    const index = contentOf(await buildSite(SHOP, {}), 'index.html');

    // Assess
    const waves = [
      ...index.matchAll(/<li data-wave="(\d+)" data-phase="1">(.*?)<\/li>/g),
    ];
    expect(waves).toHaveLength(3);
    expect(waves[0]?.[2]).toContain('services/network.html');
    expect(waves[2]?.[2]).toContain('services/orders-db.html');
    expect(index).not.toContain('<h3 id="phase-1">');
    expect(index).toMatch(
      /Critical path:<\/strong> <a href="services\/network.html">Network<\/a> → <a href="services\/secrets.html">Application secrets<\/a> → <a href="services\/orders-db.html">Orders database<\/a>\. <strong>Recovery time: 1 h 45 min/
    );
  });

  it('lists a later phase under its own heading and runs the critical path through it', async () => {
    // Prepare: the archive needs nothing, but waits for the shop.
    const archive = aService({
      id: 'archive',
      name: 'Log archive',
      tier: 'standard',
      recovery: { rtoMs: 4 * HOUR, rpoMs: 48 * HOUR, phase: 2 },
    });
    const runbook = aRunbook({ services: [...SHOP.services, archive] });

    // Act
    const index = contentOf(await buildSite(runbook, {}), 'index.html');

    // Assess
    expect(index).toContain('<h3 id="phase-1">Phase 1</h3>');
    expect(index).toContain(
      '<h3 id="phase-2">Phase 2: once phase 1 is restored</h3>\n<ol class="waves" start="4">\n<li data-wave="4" data-phase="2"><strong>Wave 4</strong>: <a href="services/archive.html">'
    );
    expect(index).toMatch(
      /Critical path:<\/strong> .*<a href="services\/orders-db.html">Orders database<\/a>, then phase 2: <a href="services\/archive.html">Log archive<\/a>\. <strong>Recovery time: 5 h 45 min/
    );
  });

  it('orders the service table by the restore sequence', async () => {
    // Act
    const index = contentOf(await buildSite(SHOP, {}), 'index.html');

    // Assess
    const rows = [...index.matchAll(/<tr data-service="([^"]+)">/g)];
    expect(rows.map((m) => m[1])).toEqual(['network', 'secrets', 'orders-db']);
  });

  it('adds dependencies.mmd only when asked for Mermaid', async () => {
    // Act
    const plain = await buildSite(SHOP, {});
    const withMermaid = await buildSite(SHOP, { mermaid: true });

    // Assess
    expect(plain.map((f) => f.path)).not.toContain('dependencies.mmd');
    expect(contentOf(withMermaid, 'dependencies.mmd')).toContain(
      'flowchart LR'
    );
  });

  it('shows the front-matter facts on the service page, without secrets', async () => {
    // Act
    const page = contentOf(
      await buildSite(SHOP, {}),
      'services/orders-db.html'
    );

    // Assess
    expect(page).toContain('daily at 02:00 UTC');
    expect(page).toContain('<code>cron(0 2 * * ? *)</code>');
    expect(page).toContain('starts within 1 h, completes within 2 h');
    expect(page).toContain('AWS Backup vault &quot;Default&quot;, us-east-1');
    expect(page).toContain('region us-west-2');
    expect(page).toContain('at least every 30 d');
    expect(page).toContain('<a href="../services/secrets.html">');
    expect(page).toContain('<dt>Alert route</dt><dd>payments-oncall</dd>');
    expect(page).not.toContain('/backup-sentinel/pagerduty/payments');
  });

  it('links a service to the slowest chain of dependencies in front of it', async () => {
    // Act
    const page = contentOf(
      await buildSite(SHOP, {}),
      'services/orders-db.html'
    );

    // Assess
    expect(page).toMatch(
      /<dt>Before this service<\/dt><dd><a href="..\/services\/network.html">Network<\/a> → <a href="..\/services\/secrets.html">Application secrets<\/a>: 45 min/
    );
  });

  it('renders the DR page from its Markdown with GitHub ids and site links', async () => {
    // Act
    const page = contentOf(await buildSite(SHOP, {}), 'disaster-recovery.html');

    // Assess
    expect(page).toContain('id="total-outage"');
    expect(page).toContain('href="services/orders-db.html#recovery"');
    expect(page.match(/<h1/g)).toHaveLength(1);
  });

  it('uses only relative links to the stylesheet and between pages', async () => {
    // Act
    const files = await buildSite(SHOP, {});

    // Assess
    expect(contentOf(files, 'index.html')).toContain(
      '<link rel="stylesheet" href="assets/site.css">'
    );
    expect(contentOf(files, 'services/network.html')).toContain(
      '<link rel="stylesheet" href="../assets/site.css">'
    );
    for (const file of htmlFiles(files)) {
      expect(file.content).not.toMatch(/<script|src="|@import|url\((?!#)/i);
      expect(file.content).not.toMatch(/href="\//);
    }
  });

  it('escapes HTML from every field of a hostile runbook', async () => {
    // Prepare
    const evil = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const runbook = aRunbook({
      title: `</title>${evil}`,
      services: [
        aService({
          id: 'evil',
          name: evil,
          owner: `"><iframe src=x>`,
          alerts: '<svg onload=alert(1)>',
          backup: { ...aService().backup, storage: evil },
          resources: [evil],
          dependsOn: [evil],
          silences: [{ until: new Date('2030-01-01T00:00:00Z'), reason: evil }],
          body: `## Recovery ${evil}\n\n${evil}\n\n[x](javascript:alert(1))\n\n\`\`\`\n${evil}\n\`\`\`\n`,
        }),
      ],
      disasterRecovery: `# DR\n\n${evil}\n`,
    });

    // Act
    const files = await buildSite(runbook, {});

    // Assess
    for (const file of htmlFiles(files)) {
      expect(file.content, file.path).not.toMatch(
        /<script|<img|<iframe|<svg onload|href="javascript:/i
      );
    }
    expect(contentOf(files, 'services/evil.html')).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;'
    );
  });

  it.each([
    'javascript:alert(document.cookie)//{service}',
    'data:text/html,<script>alert(1)</script>{service}',
    ' JAVA\tSCRIPT:alert({service})',
  ])(
    'never makes the links template %j an href, even when lint is bypassed',
    async (links) => {
      // Prepare
      const runbook = aRunbook({ links });

      // Act
      const files = await buildSite(runbook, {});

      // Assess
      const page = contentOf(files, 'services/orders-db.html');
      expect(page).toContain('<dt>Source</dt><dd>services/orders-db.md</dd>');
      for (const file of htmlFiles(files)) {
        expect(file.content, file.path).not.toMatch(
          /href="\s*(java\s*script|data):/i
        );
      }
    }
  );

  it('links the source of a service page to its runbook file', async () => {
    // Act
    const page = contentOf(
      await buildSite(SHOP, {}),
      'services/orders-db.html'
    );

    // Assess
    expect(page).toMatch(
      /<dt>Source<\/dt><dd><a href="https:\/\/[^"]+orders-db[^"]*">services\/orders-db.md<\/a><\/dd>/
    );
  });

  it('throws UnsafeServiceIdError for an id that would leave the services folder', async () => {
    // Prepare
    const runbook = aRunbook({ services: [aService({ id: '../escape' })] });

    // Act & Assess
    await expect(buildSite(runbook, {})).rejects.toThrow(UnsafeServiceIdError);
  });

  it('builds an index that says so for a runbook without services', async () => {
    // Prepare
    const runbook = aRunbook({ services: [] });

    // Act
    const files = await buildSite(runbook, {});

    // Assess
    expect(files.map((f) => f.path)).toEqual(['assets/site.css', 'index.html']);
    expect(contentOf(files, 'index.html')).toContain('no services yet');
  });

  it('builds the example runbook with every service and every section anchor', async () => {
    // Prepare
    const { runbook, diagnostics } = loadRunbook(
      await readRunbookDir(EXAMPLE_RUNBOOK)
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    // Act
    const files = await buildSite(runbook!, {});

    // Assess
    const index = contentOf(files, 'index.html');
    expect(runbook!.services.length).toBeGreaterThan(0);
    // The archives wait until the shop is back.
    const phases = Object.fromEntries(
      [
        ...index.matchAll(
          /<li data-wave="\d+" data-phase="(\d+)">(.*?)<\/li>/g
        ),
      ].flatMap((m) =>
        [...m[2]!.matchAll(/services\/([^".]+)\.html/g)].map((s) => [
          s[1],
          Number(m[1]),
        ])
      )
    );
    expect(phases).toMatchObject({
      'app-servers': 1,
      'eks-workloads': 1,
      'logs-archive': 2,
      'sentinel-history': 2,
    });
    for (const service of runbook!.services) {
      expect(index).toContain(`<tr data-service="${service.id}">`);
      const page = contentOf(files, `services/${service.id}.html`);
      for (const id of SECTION_IDS) {
        expect(page, `${service.id}#${id}`).toContain(` id="${id}"`);
      }
    }
  });
});
