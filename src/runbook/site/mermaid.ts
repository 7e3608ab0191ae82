import { formatDuration } from '../../schedule/index.js';
import type { RestoreOrder } from '../graph.js';
import type { Service, Tier } from '../types.js';
import { TIER_COLOURS } from './diagram.js';

/** Mermaid's entity codes for what would end a label or read as markup. */
const ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
};

const labelText = (text: string): string =>
  text.replace(/[#"&<>]/g, (c) => ENTITIES[c]!);

/**
 * Mermaid node ids: letters, digits and `_` only, because `-` and `.` can
 * read as edge syntax; a numeric suffix keeps `a-b` and `a_b` apart.
 */
const nodeIds = (services: Service[]): Map<string, string> => {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const s of services) {
    const base = `s_${s.id.replace(/[^A-Za-z0-9]/g, '_')}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(s.id, id);
  }
  return ids;
};

/**
 * Returns the dependency diagram as a Mermaid flowchart, for a runbook that
 * lives on GitHub or in a wiki: one subgraph per restore wave (named with
 * its phase when there are several), left to right, an arrow from each
 * dependency to its dependent, boxes coloured by tier as on the site.
 *
 * @param services - the runbook's services
 * @param order - their restore order
 */
const renderMermaid = (services: Service[], order: RestoreOrder): string => {
  const byId = new Map(services.map((s) => [s.id, s]));
  const ids = nodeIds(services);
  const phased = new Set(order.waves.map((w) => w.phase)).size > 1;
  const lines = [
    '%% Written by sentinel build --mermaid: arrows point from a dependency to the services that need it.',
    'flowchart LR',
  ];
  order.waves.forEach((wave, i) => {
    const title = phased
      ? `Phase ${wave.phase} · wave ${i + 1}`
      : `Wave ${i + 1}`;
    lines.push(`  subgraph wave_${i + 1}["${title}"]`);
    for (const id of wave.services) {
      const s = byId.get(id)!;
      const meta = `${s.tier} · RTO ${formatDuration(s.recovery.rtoMs)}`;
      lines.push(
        `    ${ids.get(id)}["${labelText(s.name)}<br/>${labelText(meta)}"]`
      );
    }
    lines.push('  end');
  });
  for (const s of services) {
    for (const dep of new Set(s.dependsOn)) {
      const from = ids.get(dep);
      if (from !== undefined) lines.push(`  ${from} --> ${ids.get(s.id)}`);
    }
  }
  for (const [tier, { fill, stroke }] of Object.entries(TIER_COLOURS)) {
    const members = services.filter((s) => s.tier === (tier as Tier));
    lines.push(`  classDef tier_${tier} fill:${fill},stroke:${stroke}`);
    if (members.length > 0) {
      lines.push(
        `  class ${members.map((s) => ids.get(s.id)).join(',')} tier_${tier}`
      );
    }
  }
  return `${lines.join('\n')}\n`;
};

export { renderMermaid };
