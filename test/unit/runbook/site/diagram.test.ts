import { describe, expect, it } from 'vitest';
import { restoreOrder } from '../../../../src/runbook/index.js';
import { renderDependencyDiagram } from '../../../../src/runbook/site/diagram.js';
import { aService } from '../../../helpers/siteBuilders.js';

const nodeIds = (svg: string): string[] =>
  [...svg.matchAll(/class="node" data-service="([^"]+)"/g)].map((m) => m[1]!);

const edgePairs = (svg: string): string[] =>
  [...svg.matchAll(/class="edge" data-from="([^"]+)" data-to="([^"]+)"/g)].map(
    (m) => `${m[1]}->${m[2]}`
  );

/** The x of each node's first rect, by service id. */
const nodeX = (svg: string): Map<string, number> =>
  new Map(
    [
      ...svg.matchAll(
        /data-service="([^"]+)">\s*<title>[^<]*<\/title>\s*<rect x="(\d+)"/g
      ),
    ].map((m) => [m[1]!, Number(m[2])])
  );

describe('renderDependencyDiagram', () => {
  it('draws one node per service and one edge per known dependency', () => {
    // Prepare
    const services = [
      aService({ id: 'app', dependsOn: ['db', 'cache', 'ghost'] }),
      aService({ id: 'db', dependsOn: ['net'] }),
      aService({ id: 'cache', dependsOn: ['net', 'net'] }),
      aService({ id: 'net' }),
    ];

    // Act
    const svg = renderDependencyDiagram(
      services,
      restoreOrder(services).waves,
      ''
    );

    // Assess
    expect(nodeIds(svg).sort()).toEqual(['app', 'cache', 'db', 'net']);
    expect(edgePairs(svg).sort()).toEqual([
      'cache->app',
      'db->app',
      'net->cache',
      'net->db',
    ]);
  });

  it('places each dependency in a column left of its dependents', () => {
    // Prepare
    const services = [
      aService({ id: 'app', dependsOn: ['db'] }),
      aService({ id: 'db', dependsOn: ['net'] }),
      aService({ id: 'net' }),
    ];

    // Act
    const x = nodeX(
      renderDependencyDiagram(services, restoreOrder(services).waves, '')
    );

    // Assess
    expect(x.get('net')!).toBeLessThan(x.get('db')!);
    expect(x.get('db')!).toBeLessThan(x.get('app')!);
  });

  it('links each node to its service page from the given root', () => {
    // Prepare
    const services = [aService({ id: 'net' })];

    // Act
    const svg = renderDependencyDiagram(services, [['net']], '../');

    // Assess
    expect(svg).toContain('<a href="../services/net.html" class="node"');
  });

  it('colours nodes by tier', () => {
    // Prepare
    const services = [
      aService({ id: 'a', tier: 'critical' }),
      aService({ id: 'b', tier: 'standard' }),
    ];

    // Act
    const svg = renderDependencyDiagram(services, [['a', 'b']], '');

    // Assess
    expect(svg).toMatch(/data-service="a">[\s\S]*?stroke="#b3261e"/);
    expect(svg).toMatch(/data-service="b">[\s\S]*?stroke="#2f5d9a"/);
  });

  it('wraps a long name onto two lines, cuts the rest and keeps it whole in the tooltip', () => {
    // Prepare
    const name = 'Web shop application servers behind the load balancer';
    const services = [aService({ id: 'web', name })];

    // Act
    const svg = renderDependencyDiagram(services, [['web']], '');

    // Assess
    expect(svg).toContain(`<title>${name} (web)`);
    const lines = [...svg.matchAll(/font-weight="600"[^>]*>([^<]*)<\/text>/g)];
    expect(lines.map((m) => m[1])).toEqual([
      'Web shop application',
      'servers behind the loa…',
    ]);
  });

  it('returns an empty string for no services', () => {
    // Act
    const svg = renderDependencyDiagram([], [], '');

    // Assess
    expect(svg).toBe('');
  });
});
