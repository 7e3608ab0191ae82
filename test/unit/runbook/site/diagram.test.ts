import { describe, expect, it } from 'vitest';
import { restoreOrder } from '../../../../src/runbook/index.js';
import { renderDependencyDiagram } from '../../../../src/runbook/site/diagram.js';
import { textWidth } from '../../../../src/runbook/site/textWidth.js';
import { aService, HOUR } from '../../../helpers/siteBuilders.js';

const nodeIds = (svg: string): string[] =>
  [...svg.matchAll(/class="node" data-service="([^"]+)"/g)].map((m) => m[1]!);

const edgePairs = (svg: string): string[] =>
  [...svg.matchAll(/class="edge" data-from="([^"]+)" data-to="([^"]+)"/g)].map(
    (m) => `${m[1]}->${m[2]}`
  );

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each node's box, by service id. */
const boxes = (svg: string): Map<string, Rect> =>
  new Map(
    [
      ...svg.matchAll(
        /data-service="([^"]+)">\s*<title>[^<]*<\/title>\s*<rect class="box" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g
      ),
    ].map((m) => [
      m[1]!,
      {
        x: Number(m[2]),
        y: Number(m[3]),
        width: Number(m[4]),
        height: Number(m[5]),
      },
    ])
  );

/** The lines of each node's name, by service id. */
const nameLines = (svg: string): Map<string, string[]> =>
  new Map(
    [
      ...svg.matchAll(
        /data-service="([^"]+)">[\s\S]*?<text class="name"[^>]*>(.*?)<\/text>/g
      ),
    ].map((m) => [
      m[1]!,
      [...m[2]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]!),
    ])
  );

/** Each edge's corner points, `from->to` as key. */
const edgePoints = (svg: string): Map<string, [number, number][]> =>
  new Map(
    [
      ...svg.matchAll(
        /class="edge" data-from="([^"]+)" data-to="([^"]+)" d="([^"]+)"/g
      ),
    ].map((m) => [
      `${m[1]}->${m[2]}`,
      m[3]!
        .split(' ')
        .map((p) => p.slice(1).split(',').map(Number) as [number, number]),
    ])
  );

/** Whether a point lies strictly inside a rectangle. */
const inside = ([x, y]: [number, number], r: Rect): boolean =>
  x > r.x && x < r.x + r.width && y > r.y && y < r.y + r.height;

describe('renderDependencyDiagram', () => {
  it('draws one node per service and one edge per known dependency', async () => {
    // Prepare
    const services = [
      aService({ id: 'app', dependsOn: ['db', 'cache', 'ghost'] }),
      aService({ id: 'db', dependsOn: ['net'] }),
      aService({ id: 'cache', dependsOn: ['net', 'net'] }),
      aService({ id: 'net' }),
    ];

    // Act
    const svg = await renderDependencyDiagram(
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

  it('places each wave in a column right of the waves before it, labelled with its number', async () => {
    // Prepare
    const services = [
      aService({ id: 'app', dependsOn: ['db'] }),
      aService({ id: 'db', dependsOn: ['net'] }),
      aService({ id: 'net' }),
      aService({ id: 'cache' }),
    ];

    // Act
    const svg = await renderDependencyDiagram(
      services,
      restoreOrder(services).waves,
      ''
    );

    // Assess
    const at = boxes(svg);
    expect(at.get('net')!.x).toBe(at.get('cache')!.x);
    expect(at.get('net')!.x + at.get('net')!.width).toBeLessThan(
      at.get('db')!.x
    );
    expect(at.get('db')!.x + at.get('db')!.width).toBeLessThan(
      at.get('app')!.x
    );
    const labels = [
      ...svg.matchAll(/class="wave-label" x="([\d.]+)"[^>]*>([^<]*)</g),
    ];
    expect(labels.map((m) => [Number(m[1]), m[2]])).toEqual([
      [at.get('net')!.x, 'Wave 1'],
      [at.get('db')!.x, 'Wave 2'],
      [at.get('app')!.x, 'Wave 3'],
    ]);
    expect(svg).not.toContain('class="phase"');
  });

  it('puts a band labelled with its phase behind each phase when there are several', async () => {
    // Prepare
    const services = [
      aService({ id: 'shop' }),
      aService({
        id: 'archive',
        recovery: { rtoMs: HOUR, rpoMs: HOUR, phase: 2 },
      }),
    ];

    // Act
    const svg = await renderDependencyDiagram(
      services,
      restoreOrder(services).waves,
      ''
    );

    // Assess
    const at = boxes(svg);
    expect(at.get('shop')!.x + at.get('shop')!.width).toBeLessThan(
      at.get('archive')!.x
    );
    const bands = [
      ...svg.matchAll(
        /<g class="phase" data-phase="(\d+)">\s*<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[\s\S]*?>(Phase \d+)<\/text>/g
      ),
    ];
    expect(bands.map((m) => [m[1], m[4]])).toEqual([
      ['1', 'Phase 1'],
      ['2', 'Phase 2'],
    ]);
    const archiveBand = bands[1]!;
    expect(Number(archiveBand[2])).toBeLessThan(at.get('archive')!.x);
    expect(Number(archiveBand[2]) + Number(archiveBand[3])).toBeGreaterThan(
      at.get('archive')!.x + at.get('archive')!.width
    );
  });

  it('sizes each box to its whole name, wrapping at spaces and cutting nothing', async () => {
    // Prepare
    const name = 'Application configuration and secrets';
    const services = [
      aService({ id: 'config', name }),
      aService({ id: 'net', name: 'Network' }),
    ];

    // Act
    const svg = await renderDependencyDiagram(
      services,
      restoreOrder(services).waves,
      ''
    );

    // Assess
    const lines = nameLines(svg);
    expect(lines.get('config')).toEqual([
      'Application configuration',
      'and secrets',
    ]);
    expect(lines.get('net')).toEqual(['Network']);
    expect(svg).not.toContain('…');
    for (const [id, box] of boxes(svg)) {
      for (const line of lines.get(id)!) {
        expect(14 + textWidth(line, 13, 'bold')).toBeLessThanOrEqual(box.width);
      }
    }
    expect(svg).toContain(`<title>${name} (config)`);
  });

  it('routes every edge at right angles, from box to box, never through a third box', async () => {
    // Prepare: the example runbook's shape, where long edges skip a wave.
    const deps = ['net', 'config', 'orders', 'catalog', 'carts', 'sessions'];
    const services = [
      aService({ id: 'net' }),
      aService({ id: 'config' }),
      aService({ id: 'carts' }),
      aService({ id: 'orders', dependsOn: ['net', 'config'] }),
      aService({ id: 'catalog', dependsOn: ['net', 'config'] }),
      aService({ id: 'sessions', dependsOn: ['net', 'config'] }),
      aService({ id: 'web', dependsOn: deps }),
      aService({ id: 'eks', dependsOn: deps }),
    ];

    // Act
    const svg = await renderDependencyDiagram(
      services,
      restoreOrder(services).waves,
      ''
    );

    // Assess
    const at = boxes(svg);
    const edges = edgePoints(svg);
    expect(edges.size).toBe(18);
    for (const [key, points] of edges) {
      const [from, to] = key.split('->') as [string, string];
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1]!, points[i]!];
        expect(a[0] === b[0] || a[1] === b[1], key).toBe(true);
        // Every half pixel along the segment.
        const steps = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) * 2);
        for (let s = 0; s <= steps; s++) {
          const p: [number, number] = [
            a[0] + ((b[0] - a[0]) * s) / steps,
            a[1] + ((b[1] - a[1]) * s) / steps,
          ];
          for (const [id, box] of at) {
            if (id !== from && id !== to) {
              expect(inside(p, box), `${key} crosses ${id}`).toBe(false);
            }
          }
        }
      }
      const start = points[0]!;
      const end = points.at(-1)!;
      expect(start[0]).toBeCloseTo(at.get(from)!.x + at.get(from)!.width, 0);
      expect(at.get(to)!.x - end[0]).toBeCloseTo(2, 0);
    }
  });

  it('links each node to its service page from the given root', async () => {
    // Prepare
    const services = [aService({ id: 'net' })];

    // Act
    const svg = await renderDependencyDiagram(
      services,
      [{ phase: 1, services: ['net'] }],
      '../'
    );

    // Assess
    expect(svg).toContain('<a href="../services/net.html" class="node"');
  });

  it('colours nodes by tier', async () => {
    // Prepare
    const services = [
      aService({ id: 'a', tier: 'critical' }),
      aService({ id: 'b', tier: 'standard' }),
    ];

    // Act
    const svg = await renderDependencyDiagram(
      services,
      [{ phase: 1, services: ['a', 'b'] }],
      ''
    );

    // Assess
    expect(svg).toMatch(/data-service="a">[\s\S]*?stroke="#b3261e"/);
    expect(svg).toMatch(/data-service="b">[\s\S]*?stroke="#2f5d9a"/);
  });

  it('escapes names and ids', async () => {
    // Prepare
    const services = [aService({ id: 'x', name: '<b>Bold & "quoted"</b>' })];

    // Act
    const svg = await renderDependencyDiagram(
      services,
      [{ phase: 1, services: ['x'] }],
      ''
    );

    // Assess
    expect(svg).not.toContain('<b>');
    expect(nameLines(svg).get('x')!.join(' ')).toBe(
      '&lt;b&gt;Bold &amp; &quot;quoted&quot;&lt;/b&gt;'
    );
  });

  it('lays the same runbook out the same way every time', async () => {
    // Prepare
    const services = [
      aService({ id: 'app', dependsOn: ['db', 'cache'] }),
      aService({ id: 'db' }),
      aService({ id: 'cache' }),
    ];
    const { waves } = restoreOrder(services);

    // Act
    const first = await renderDependencyDiagram(services, waves, '');
    const second = await renderDependencyDiagram(services, waves, '');

    // Assess
    expect(second).toBe(first);
  });

  it('returns an empty string for no services', async () => {
    // Act
    const svg = await renderDependencyDiagram([], [], '');

    // Assess
    expect(svg).toBe('');
  });
});
