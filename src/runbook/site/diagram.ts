import { formatDuration } from '../../schedule/index.js';
import type { Service, Tier } from '../types.js';
import { escapeHtml, servicePath } from './html.js';

const NODE_W = 220;
const NODE_H = 64;
const GAP_X = 64;
const GAP_Y = 16;
const PAD = 12;
// About what fits in NODE_W at 13px bold in a wide font (DejaVu Sans); the
// whole name is also in the node's tooltip.
const LINE_CHARS = 23;
// Forward, backward, forward: enough to untangle a runbook-sized graph.
const SWEEPS = 3;

/** Fill and stroke per tier, as presentation attributes so the SVG stands alone. */
const TIER_COLOURS: Record<Tier, { fill: string; stroke: string }> = {
  critical: { fill: '#fdecea', stroke: '#b3261e' },
  high: { fill: '#fff3e0', stroke: '#b35c00' },
  standard: { fill: '#e8f0fb', stroke: '#2f5d9a' },
};

interface Placed {
  service: Service;
  x: number;
  y: number;
}

/** Vertical position of each node in row units, short columns centred. */
const positions = (columns: Service[][]): Map<string, number> => {
  const tallest = Math.max(...columns.map((c) => c.length));
  return new Map(
    columns.flatMap((column) =>
      column.map((s, i): [string, number] => [
        s.id,
        (tallest - column.length) / 2 + i,
      ])
    )
  );
};

/** Stable sort by the mean position of each node's neighbours. */
const byBarycenter = (
  column: Service[],
  neighbours: (s: Service) => string[],
  position: ReadonlyMap<string, number>
): Service[] =>
  column
    .map((s, i) => {
      const near = neighbours(s)
        .map((id) => position.get(id))
        .filter((p): p is number => p !== undefined);
      // A node without neighbours keeps its place.
      const weight =
        near.length === 0
          ? position.get(s.id)!
          : near.reduce((a, b) => a + b, 0) / near.length;
      return { s, i, weight };
    })
    .sort((a, b) => a.weight - b.weight || a.i - b.i)
    .map(({ s }) => s);

/**
 * Orders the nodes of each column by the mean position of their neighbours
 * (the barycenter heuristic), sweeping forward over dependencies and back
 * over dependents, which removes most edge crossings. Every step is a stable
 * sort, so the layout is deterministic.
 */
const orderRows = (waves: Service[][]): Service[][] => {
  const dependents = new Map<string, string[]>();
  for (const s of waves.flat()) {
    for (const dep of s.dependsOn) {
      dependents.set(dep, [...(dependents.get(dep) ?? []), s.id]);
    }
  }
  const columns = waves.map((wave) => [...wave]);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const forward = sweep % 2 === 0;
    const order = [...columns.keys()];
    for (const col of forward ? order.slice(1) : order.reverse().slice(1)) {
      columns[col] = byBarycenter(
        columns[col]!,
        forward ? (s) => s.dependsOn : (s) => dependents.get(s.id) ?? [],
        positions(columns)
      );
    }
  }
  return columns;
};

/** Splits a name into at most two lines at spaces; a longer rest is cut. */
const nameLines = (name: string): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/)) {
    if (line === '' || `${line} ${word}`.length <= LINE_CHARS) {
      line = line === '' ? word : `${line} ${word}`;
    } else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  const cut = (text: string): string =>
    text.length <= LINE_CHARS
      ? text
      : `${text.slice(0, LINE_CHARS - 1).trimEnd()}…`;
  if (lines.length <= 2) return lines.map(cut);
  return [cut(lines[0]!), cut(`${lines.slice(1).join(' ')}`)];
};

const renderNode = ({ service, x, y }: Placed, root: string): string => {
  const { fill, stroke } = TIER_COLOURS[service.tier];
  const name = escapeHtml(service.name);
  const href = `${root}${servicePath(service.id)}`;
  const meta = `${service.tier} · RTO ${formatDuration(service.recovery.rtoMs)}`;
  return `<a href="${escapeHtml(href)}" class="node" data-service="${escapeHtml(service.id)}">
<title>${name} (${escapeHtml(service.id)}): ${escapeHtml(meta)}</title>
<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>
<rect x="${x}" y="${y}" width="6" height="${NODE_H}" rx="3" fill="${stroke}"/>
${nameLines(service.name)
  .map(
    (line, i) =>
      `<text x="${x + 14}" y="${y + 20 + i * 17}" font-size="13" font-weight="600" fill="#1a1a1a">${escapeHtml(line)}</text>`
  )
  .join('\n')}
<text x="${x + 14}" y="${y + 54}" font-size="11" fill="#404040">${escapeHtml(meta)}</text>
</a>`;
};

/** A curve from the dependency's right edge to the dependent's left edge. */
const renderEdge = (from: Placed, to: Placed): string => {
  const x1 = from.x + NODE_W;
  const y1 = from.y + NODE_H / 2;
  // Stop short of the node so the arrowhead stays visible.
  const x2 = to.x - 2;
  const y2 = to.y + NODE_H / 2;
  const bend = GAP_X / 2;
  return `<path class="edge" data-from="${escapeHtml(from.service.id)}" data-to="${escapeHtml(to.service.id)}" d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}" fill="none" stroke="#666" stroke-width="1.3" marker-end="url(#arrow)"/>`;
};

/**
 * Returns the dependency diagram as inline SVG: one column per restore wave,
 * left to right, an arrow from each dependency to its dependent, each node
 * coloured by tier and linking to the service's page. Returns '' for no
 * services.
 *
 * @param services - the runbook's services
 * @param waves - service ids per wave, from `restoreOrder`
 * @param root - the path from the page to the site root, '' for index.html
 */
const renderDependencyDiagram = (
  services: Service[],
  waves: string[][],
  root: string
): string => {
  if (services.length === 0) return '';
  const byId = new Map(services.map((s) => [s.id, s]));
  const columns = orderRows(
    waves.map((wave) => wave.map((id) => byId.get(id)!))
  );
  const tallest = Math.max(...columns.map((c) => c.length));
  const width =
    PAD * 2 + columns.length * NODE_W + (columns.length - 1) * GAP_X;
  const height = PAD * 2 + tallest * NODE_H + (tallest - 1) * GAP_Y;
  const placed = new Map<string, Placed>();
  columns.forEach((column, col) => {
    // Centre short columns so edges run as level as they can.
    const offset = ((tallest - column.length) * (NODE_H + GAP_Y)) / 2;
    column.forEach((service, row) => {
      placed.set(service.id, {
        service,
        x: PAD + col * (NODE_W + GAP_X),
        y: PAD + offset + row * (NODE_H + GAP_Y),
      });
    });
  });
  const edges: string[] = [];
  for (const to of placed.values()) {
    for (const dep of new Set(to.service.dependsOn)) {
      const from = placed.get(dep);
      if (from !== undefined) edges.push(renderEdge(from, to));
    }
  }
  const nodes = [...placed.values()].map((p) => renderNode(p, root));
  return `<svg class="dependency-diagram" xmlns="http://www.w3.org/2000/svg" role="group" aria-label="Dependency diagram: arrows point from a dependency to the services that need it" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#666"/></marker></defs>
${edges.join('\n')}
${nodes.join('\n')}
</svg>`;
};

export { renderDependencyDiagram, TIER_COLOURS };
