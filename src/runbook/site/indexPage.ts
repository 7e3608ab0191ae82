import { describeSchedule, formatDuration } from '../../schedule/index.js';
import type { RestoreOrder } from '../graph.js';
import type { Runbook, Service } from '../types.js';
import { TIERS } from '../types.js';
import { renderDependencyDiagram, TIER_COLOURS } from './diagram.js';
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

const renderRestoreOrder = (
  order: RestoreOrder,
  byId: Map<string, Service>,
  hasDisasterRecovery: boolean
): string => {
  const waves = order.waves.map((wave, i) => {
    const members = wave.map((id) => {
      const s = byId.get(id)!;
      return `${serviceLink(s)} (RTO ${formatDuration(s.recovery.rtoMs)})`;
    });
    const parallel = wave.length > 1 ? ', in parallel' : '';
    return `<li data-wave="${i + 1}"><strong>Wave ${i + 1}</strong>${parallel}: ${members.join(', ')}</li>`;
  });
  const path = order.criticalPath
    .map((id) => serviceLink(byId.get(id)!))
    .join(' → ');
  const dr = hasDisasterRecovery
    ? '<p>The full procedure is on the <a href="disaster-recovery.html">disaster recovery</a> page.</p>'
    : '';
  return `<p>After a total outage, restore wave by wave: every service in a wave depends only on services in earlier waves.</p>
<ol class="waves">
${waves.join('\n')}
</ol>
<p class="critical-path"><strong>Critical path:</strong> ${path}. <strong>Recovery time: ${formatDuration(order.criticalPathMs)}</strong> (the sum of the RTOs along the slowest dependency chain).</p>
${dr}`;
};

/**
 * Returns the main content of `index.html`: the service table, the
 * dependency diagram and the restore order for a total outage.
 *
 * @param runbook - the runbook
 * @param order - the restore order of its services
 * @param lastChanged - last change per service id
 */
const renderIndexMain = (
  runbook: Runbook,
  order: RestoreOrder,
  lastChanged: Record<string, Date>
): string => {
  const title = `<h1>${escapeHtml(runbook.title)}</h1>`;
  if (runbook.services.length === 0) {
    return `${title}\n<p>This runbook has no services yet.</p>`;
  }
  const byId = new Map(runbook.services.map((s) => [s.id, s]));
  // The table follows the restore order: critical services of early waves first.
  const ordered = order.waves.flat().map((id) => byId.get(id)!);
  const count = runbook.services.length;
  return `${title}
<p>${count} ${count === 1 ? 'service' : 'services'}. Each name opens the service's backup and recovery procedure.</p>
<h2 id="services">Services</h2>
${renderTable(ordered, lastChanged)}
<h2 id="dependencies">Dependencies</h2>
<p>Arrows point from a dependency to the services that need it; restore from left to right. Each box opens its service.</p>
<figure class="diagram">
${renderDependencyDiagram(runbook.services, order.waves, '')}
</figure>
${renderLegend()}
<h2 id="restore-order">Restore order after a total outage</h2>
${renderRestoreOrder(order, byId, runbook.disasterRecovery !== undefined)}`;
};

export { renderIndexMain };
