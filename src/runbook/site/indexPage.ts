import { describeSchedule, formatDuration } from '../../schedule/index.js';
import type { RestoreOrder, RestoreWave } from '../graph.js';
import type { Runbook, Service } from '../types.js';
import { TIERS } from '../types.js';
import { TIER_COLOURS } from './diagram.js';
import { escapeHtml, renderDate, servicePath } from './html.js';

const COLUMNS = [
  'Service',
  'Category',
  'Tier',
  'Schedule',
  'Retention',
  'RPO',
  'RTO',
  'Owner',
  'Last changed',
] as const;

// Tier, durations and the date read badly when wrapped ("30 / min").
const NARROW = new Set([2, 4, 5, 6, 8]);

/** A link to a service's page, from a page at the site root. */
const serviceLink = (service: Service): string =>
  `<a href="${escapeHtml(servicePath(service.id))}">${escapeHtml(service.name)}</a>`;

const tierBadge = (service: Service): string =>
  `<span class="tier tier-${service.tier}">${service.tier}</span>`;

const renderRow = (service: Service, lastChanged: Date | undefined): string => {
  const cells = [
    `${serviceLink(service)} <span class="muted">${escapeHtml(service.id)}</span>`,
    escapeHtml(service.category),
    tierBadge(service),
    escapeHtml(describeSchedule(service.backup.schedule, service.timezone)),
    formatDuration(service.backup.retentionMs),
    formatDuration(service.recovery.rpoMs),
    formatDuration(service.recovery.rtoMs),
    escapeHtml(service.owner),
    lastChanged === undefined
      ? '<span class="muted">unknown</span>'
      : renderDate(lastChanged),
  ];
  const tds = cells.map(
    (cell, i) =>
      `<td data-label="${COLUMNS[i]}"${NARROW.has(i) ? ' class="nowrap"' : ''}>${cell}</td>`
  );
  return `<tr data-service="${escapeHtml(service.id)}">${tds.join('')}</tr>`;
};

const renderTable = (
  services: Service[],
  lastChanged: Record<string, Date>
): string => {
  const head = COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('');
  const rows = services.map((s) => renderRow(s, lastChanged[s.id]));
  return `<div class="table-scroll">
<table class="services">
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
};

const renderLegend = (): string => {
  const items = TIERS.map(
    (tier) =>
      `<li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="3" fill="${TIER_COLOURS[tier].fill}" stroke="${TIER_COLOURS[tier].stroke}" stroke-width="2"/></svg> ${tier}</li>`
  );
  return `<ul class="legend" aria-label="Tiers">${items.join('')}</ul>`;
};

const renderWave = (
  wave: RestoreWave,
  number: number,
  byId: Map<string, Service>
): string => {
  const members = wave.services.map((id) => {
    const s = byId.get(id)!;
    return `${serviceLink(s)} (RTO ${formatDuration(s.recovery.rtoMs)})`;
  });
  const parallel = wave.services.length > 1 ? ', in parallel' : '';
  return `<li data-wave="${number}" data-phase="${wave.phase}"><strong>Wave ${number}</strong>${parallel}: ${members.join(', ')}</li>`;
};

/** The waves as one list, or one list per phase when there are several. */
const renderWaves = (
  waves: RestoreWave[],
  byId: Map<string, Service>
): string => {
  const phases = [...new Set(waves.map((w) => w.phase))];
  const list = (phase: number): string => {
    const items = waves.flatMap((wave, i) =>
      wave.phase === phase ? [renderWave(wave, i + 1, byId)] : []
    );
    const first = waves.findIndex((w) => w.phase === phase) + 1;
    return `<ol class="waves" start="${first}">\n${items.join('\n')}\n</ol>`;
  };
  if (phases.length === 1) return list(phases[0]!);
  return phases
    .map((phase, i) => {
      const after = i === 0 ? '' : `: once phase ${phases[i - 1]} is restored`;
      return `<h3 id="phase-${phase}">Phase ${phase}${after}</h3>\n${list(phase)}`;
    })
    .join('\n');
};

/** The critical path, `a → b`, with `then phase N:` where it enters a later phase. */
const renderCriticalPath = (
  order: RestoreOrder,
  byId: Map<string, Service>
): string => {
  const phaseOf = new Map(
    order.waves.flatMap((w) => w.services.map((id) => [id, w.phase]))
  );
  return order.criticalPath
    .map((id, i) => {
      const link = serviceLink(byId.get(id)!);
      if (i === 0) return link;
      const phase = phaseOf.get(id)!;
      return phase === phaseOf.get(order.criticalPath[i - 1]!)
        ? ` → ${link}`
        : `, then phase ${phase}: ${link}`;
    })
    .join('');
};

const renderRestoreOrder = (
  order: RestoreOrder,
  byId: Map<string, Service>,
  hasDisasterRecovery: boolean
): string => {
  const phased = new Set(order.waves.map((w) => w.phase)).size > 1;
  const intro = phased
    ? 'After a total outage, restore phase by phase, and within a phase wave by wave: a phase starts once every service of the phase before it is restored, and every service in a wave depends only on services in earlier waves.'
    : 'After a total outage, restore wave by wave: every service in a wave depends only on services in earlier waves.';
  const dr = hasDisasterRecovery
    ? '<p>The full procedure is on the <a href="disaster-recovery.html">disaster recovery</a> page.</p>'
    : '';
  return `<p>${intro} Within a wave, critical services come first, then high, then standard.</p>
${renderWaves(order.waves, byId)}
<p class="critical-path"><strong>Critical path:</strong> ${renderCriticalPath(order, byId)}. <strong>Recovery time: ${formatDuration(order.criticalPathMs)}</strong> (the sum of the RTOs along the chain of restores that ends last).</p>
${dr}`;
};

/**
 * Returns the main content of `index.html`: the service table, the
 * dependency diagram and the restore order for a total outage.
 *
 * @param runbook - the runbook
 * @param order - the restore order of its services
 * @param diagram - the dependency diagram, as SVG
 * @param lastChanged - last change per service id
 */
const renderIndexMain = (
  runbook: Runbook,
  order: RestoreOrder,
  diagram: string,
  lastChanged: Record<string, Date>
): string => {
  const title = `<h1>${escapeHtml(runbook.title)}</h1>`;
  if (runbook.services.length === 0) {
    return `${title}\n<p>This runbook has no services yet.</p>`;
  }
  const byId = new Map(runbook.services.map((s) => [s.id, s]));
  // The table follows the restore order, one service at a time.
  const ordered = order.sequence.map((id) => byId.get(id)!);
  const count = runbook.services.length;
  return `${title}
<p>${count} ${count === 1 ? 'service' : 'services'}. Each name opens the service's backup and recovery procedure.</p>
<h2 id="services">Services</h2>
${renderTable(ordered, lastChanged)}
<h2 id="dependencies">Dependencies</h2>
<p>Arrows point from a dependency to the services that need it; restore from left to right, one wave at a time. Each box opens its service.</p>
<figure class="diagram">
${diagram}
</figure>
${renderLegend()}
<h2 id="restore-order">Restore order after a total outage</h2>
${renderRestoreOrder(order, byId, runbook.disasterRecovery !== undefined)}`;
};

export { renderIndexMain };
