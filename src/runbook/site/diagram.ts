import type {
  ElkExtendedEdge,
  ElkNode,
  ElkPoint,
} from 'elkjs/lib/elk.bundled.js';
import { formatDuration } from '../../schedule/index.js';
import type { RestoreWave } from '../graph.js';
import type { Service, Tier } from '../types.js';
import { escapeHtml, servicePath } from './html.js';
import { textWidth } from './textWidth.js';

const NAME_SIZE = 13;
const META_SIZE = 11;
const LINE_HEIGHT = 17;
/** A name wider than this is wrapped at spaces, into at most MAX_LINES lines. */
const WRAP_WIDTH = 240;
const MAX_LINES = 3;
/** Left of the text: the tier bar and a gap. */
const TEXT_X = 14;
const BOX_PAD_RIGHT = 12;
const BOX_PAD_TOP = 6;
const BOX_PAD_BOTTOM = 10;
const MIN_BOX_WIDTH = 120;
/** Around the whole drawing. */
const PAD = 12;
/** One row of labels above the columns: the wave's, and the phase's. */
const LABEL_ROW = 20;
/** How far a phase's band reaches beyond its boxes. */
const BAND_PAD = 10;
/** The arrowhead's length: edges stop this far short so the head shows. */
const ARROW_GAP = 2;

/** Fill and stroke per tier, as presentation attributes so the SVG stands alone. */
const TIER_COLOURS: Record<Tier, { fill: string; stroke: string }> = {
  critical: { fill: '#fdecea', stroke: '#b3261e' },
  high: { fill: '#fff3e0', stroke: '#b35c00' },
  standard: { fill: '#e8f0fb', stroke: '#2f5d9a' },
};

interface Box {
  service: Service;
  /** The wave's index in the restore order, from 0. */
  wave: number;
  lines: string[];
  meta: string;
  width: number;
  height: number;
}

interface Placed extends Box {
  x: number;
  y: number;
}

/** The widest line of a split, in pixels. */
const widest = (lines: string[]): number =>
  Math.max(...lines.map((line) => textWidth(line, NAME_SIZE, 'bold')));

/**
 * Splits words into `count` lines so that the widest line is as narrow as
 * it can be (every break position is tried; names are a few words).
 */
const balanced = (words: string[], count: number): string[] => {
  if (count === 1) return [words.join(' ')];
  let best: string[] = [];
  let bestWidth = Number.POSITIVE_INFINITY;
  for (let cut = 1; cut <= words.length - count + 1; cut++) {
    const lines = [
      words.slice(0, cut).join(' '),
      ...balanced(words.slice(cut), count - 1),
    ];
    const width = widest(lines);
    if (width < bestWidth) {
      best = lines;
      bestWidth = width;
    }
  }
  return best;
};

/**
 * Returns a name on as few lines as keep it within WRAP_WIDTH, split at
 * spaces, at most MAX_LINES; never cut: a box is as wide as its widest line.
 */
const nameLines = (name: string): string[] => {
  const words = name.split(/\s+/).filter((word) => word !== '');
  let lines = [words.join(' ')];
  for (
    let count = 2;
    widest(lines) > WRAP_WIDTH && count <= Math.min(MAX_LINES, words.length);
    count++
  ) {
    lines = balanced(words, count);
  }
  return lines;
};

const boxOf = (service: Service, wave: number): Box => {
  const lines = nameLines(service.name);
  const meta = `${service.tier} · RTO ${formatDuration(service.recovery.rtoMs)}`;
  const textWide = Math.max(
    widest(lines),
    textWidth(meta, META_SIZE, 'regular')
  );
  return {
    service,
    wave,
    lines,
    meta,
    width: Math.max(
      MIN_BOX_WIDTH,
      Math.ceil(TEXT_X + textWide + BOX_PAD_RIGHT)
    ),
    height: BOX_PAD_TOP + (lines.length + 1) * LINE_HEIGHT + BOX_PAD_BOTTOM,
  };
};

/** The ELK options: left to right, orthogonal edges, one column per wave. */
const layoutOptions = (labelRows: number): Record<string, string> => ({
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  // A partition per wave keeps every wave in its own column, in order.
  'elk.partitioning.activate': 'true',
  // Packing unconnected services apart would ignore the partitions.
  'elk.separateConnectedComponents': 'false',
  'elk.spacing.nodeNode': '16',
  'elk.spacing.edgeNode': '12',
  'elk.spacing.edgeEdge': '8',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.padding': `[top=${PAD + labelRows * LABEL_ROW},left=${PAD + BAND_PAD},bottom=${PAD + BAND_PAD},right=${PAD + BAND_PAD}]`,
});

interface Layout {
  width: number;
  height: number;
  boxes: Placed[];
  edges: { from: string; to: string; points: ElkPoint[] }[];
  junctions: ElkPoint[];
}

/** Lays the boxes out with ELK's layered algorithm. */
const layout = async (boxes: Box[], labelRows: number): Promise<Layout> => {
  const ids = new Set(boxes.map((b) => b.service.id));
  const edges: ElkExtendedEdge[] = boxes.flatMap((box) =>
    [...new Set(box.service.dependsOn)]
      .filter((dep) => ids.has(dep))
      .map((dep) => ({
        id: `${dep}->${box.service.id}`,
        sources: [dep],
        targets: [box.service.id],
      }))
  );
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: layoutOptions(labelRows),
    children: boxes.map((box) => ({
      id: box.service.id,
      width: box.width,
      height: box.height,
      layoutOptions: {
        'elk.partitioning.partition': String(box.wave),
        'elk.alignment': 'LEFT',
      },
    })),
    edges,
  };
  // ELK's pure-JavaScript build: no worker, no browser. Imported on first
  // use: parsing it takes about 300 ms, which every other command of the
  // CLI would pay at start-up. It is CommonJS, so the namespace's `default`
  // is `module.exports`, whose `default` is the constructor again (which is
  // also what its type declarations describe).
  const elkjs = (await import('elkjs/lib/elk.bundled.js')).default;
  const laid = await new elkjs.default().layout(graph);
  const at = new Map((laid.children ?? []).map((n) => [n.id, n]));
  return {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    boxes: boxes.map((box) => {
      const node = at.get(box.service.id)!;
      return { ...box, x: node.x ?? 0, y: node.y ?? 0 };
    }),
    edges: (laid.edges ?? []).flatMap((edge) =>
      (edge.sections ?? []).map((section) => ({
        from: edge.sources[0]!,
        to: edge.targets[0]!,
        points: [
          section.startPoint,
          ...(section.bendPoints ?? []),
          section.endPoint,
        ],
      }))
    ),
    junctions: (laid.edges ?? []).flatMap((edge) => edge.junctionPoints ?? []),
  };
};

const round = (value: number): number => Math.round(value * 10) / 10;

/** Moves the last point back along the last segment, so the arrowhead shows. */
const shortened = (points: ElkPoint[]): ElkPoint[] => {
  const end = points.at(-1)!;
  const before = points.at(-2)!;
  const length = Math.hypot(end.x - before.x, end.y - before.y);
  if (length <= ARROW_GAP) return points;
  const k = (length - ARROW_GAP) / length;
  return [
    ...points.slice(0, -1),
    {
      x: before.x + (end.x - before.x) * k,
      y: before.y + (end.y - before.y) * k,
    },
  ];
};

const renderEdge = (edge: Layout['edges'][number]): string => {
  const d = shortened(edge.points)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`)
    .join(' ');
  return `<path class="edge" data-from="${escapeHtml(edge.from)}" data-to="${escapeHtml(edge.to)}" d="${d}" fill="none" stroke="#666" stroke-width="1.3" marker-end="url(#arrow)"/>`;
};

const renderNode = (box: Placed, root: string): string => {
  const { service, x, y, width, height } = box;
  const { fill, stroke } = TIER_COLOURS[service.tier];
  const name = escapeHtml(service.name);
  const href = `${root}${servicePath(service.id)}`;
  const textX = round(x + TEXT_X);
  const firstBaseline = y + BOX_PAD_TOP + NAME_SIZE;
  const tspans = box.lines
    .map(
      (line, i) =>
        `<tspan x="${textX}" y="${round(firstBaseline + i * LINE_HEIGHT)}">${escapeHtml(line)}</tspan>`
    )
    .join('');
  const metaY = round(firstBaseline + box.lines.length * LINE_HEIGHT);
  return `<a href="${escapeHtml(href)}" class="node" data-service="${escapeHtml(service.id)}">
<title>${name} (${escapeHtml(service.id)}): ${escapeHtml(box.meta)}</title>
<rect class="box" x="${round(x)}" y="${round(y)}" width="${width}" height="${height}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>
<rect x="${round(x)}" y="${round(y)}" width="6" height="${height}" rx="3" fill="${stroke}"/>
<text class="name" font-size="${NAME_SIZE}" font-weight="600" fill="#1a1a1a">${tspans}</text>
<text x="${textX}" y="${metaY}" font-size="${META_SIZE}" fill="#404040">${escapeHtml(box.meta)}</text>
</a>`;
};

/** The horizontal extent of some boxes. */
const extent = (boxes: Placed[]): { left: number; right: number } => ({
  left: Math.min(...boxes.map((b) => b.x)),
  right: Math.max(...boxes.map((b) => b.x + b.width)),
});

const renderWaveLabels = (
  placed: Placed[],
  waves: RestoreWave[],
  y: number
): string[] =>
  waves.map((_, i) => {
    const { left } = extent(placed.filter((b) => b.wave === i));
    return `<text class="wave-label" x="${round(left)}" y="${y}" font-size="12" font-weight="600" fill="#555">Wave ${i + 1}</text>`;
  });

/** A band behind each phase's columns, labelled with the phase. */
const renderPhaseBands = (
  placed: Placed[],
  waves: RestoreWave[],
  height: number
): string[] =>
  [...new Set(waves.map((w) => w.phase))].map((phase) => {
    const members = placed.filter((b) => waves[b.wave]!.phase === phase);
    const { left, right } = extent(members);
    const x = round(left - BAND_PAD);
    return `<g class="phase" data-phase="${phase}">
<rect x="${x}" y="${PAD}" width="${round(right - left + 2 * BAND_PAD)}" height="${height - 2 * PAD}" rx="8" fill="#f7f8fa" stroke="#c5cbd3" stroke-dasharray="4 3"/>
<text class="phase-label" x="${round(x + BAND_PAD)}" y="${PAD + 15}" font-size="12" font-weight="700" fill="#333">Phase ${phase}</text>
</g>`;
  });

/**
 * Returns the dependency diagram as inline SVG, laid out by ELK's layered
 * algorithm: one column per restore wave, left to right, labelled with its
 * wave and, when the runbook has more than one phase, a band per phase; an
 * arrow from each dependency to its dependent, routed at right angles
 * around the boxes; each box sized to its whole name (wrapped at spaces,
 * never cut), coloured by tier and linking to the service's page. No
 * script: the page stays static. Returns '' for no services.
 *
 * @param services - the runbook's services
 * @param waves - the waves of `restoreOrder`
 * @param root - the path from the page to the site root, '' for index.html
 */
const renderDependencyDiagram = async (
  services: Service[],
  waves: RestoreWave[],
  root: string
): Promise<string> => {
  if (services.length === 0) return '';
  const byId = new Map(services.map((s) => [s.id, s]));
  const phased = new Set(waves.map((w) => w.phase)).size > 1;
  const labelRows = phased ? 2 : 1;
  const boxes = waves.flatMap((wave, i) =>
    wave.services.map((id) => boxOf(byId.get(id)!, i))
  );
  const {
    width,
    height,
    boxes: placed,
    edges,
    junctions,
  } = await layout(boxes, labelRows);
  const labelY = PAD + labelRows * LABEL_ROW - 6;
  const parts = [
    ...(phased ? renderPhaseBands(placed, waves, height) : []),
    ...renderWaveLabels(placed, waves, labelY),
    ...edges.map(renderEdge),
    ...junctions.map(
      (p) =>
        `<circle cx="${round(p.x)}" cy="${round(p.y)}" r="2.5" fill="#666"/>`
    ),
    ...placed.map((box) => renderNode(box, root)),
  ];
  return `<svg class="dependency-diagram" xmlns="http://www.w3.org/2000/svg" role="group" aria-label="Dependency diagram: arrows point from a dependency to the services that need it" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#666"/></marker></defs>
${parts.join('\n')}
</svg>`;
};

export { renderDependencyDiagram, TIER_COLOURS };
