import { describeSchedule, formatDuration } from '../../schedule/index.js';
import { dependencyPathMs } from '../graph.js';
import { isWebUrl, runbookUrl } from '../links.js';
import type { ExpectedCopy, Runbook, Service } from '../types.js';
import { escapeHtml, renderDate, renderDateTime, servicePath } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { RenderedHeading } from './types.js';

/** A link from one service page to another (both in `services/`). */
const siblingLink = (
  id: string,
  byId: ReadonlyMap<string, Service>
): string => {
  const target = byId.get(id);
  // An unknown dependency is a lint error; show the id rather than a dead link.
  if (target === undefined) return `<code>${escapeHtml(id)}</code>`;
  return `<a href="../${escapeHtml(servicePath(id))}">${escapeHtml(target.name)}</a>`;
};

const list = (items: string[], empty: string): string =>
  items.length === 0
    ? `<span class="muted">${empty}</span>`
    : `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;

const describeCopy = (copy: ExpectedCopy): string =>
  [
    copy.region === undefined ? '' : `region ${copy.region}`,
    copy.account === undefined ? '' : `account ${copy.account}`,
  ]
    .filter((part) => part !== '')
    .join(', ');

interface Fact {
  term: string;
  /** Already HTML. */
  value: string;
}

const facts = (
  service: Service,
  runbook: Runbook,
  byId: ReadonlyMap<string, Service>,
  lastChanged: Date | undefined
): Fact[] => {
  const { backup, recovery } = service;
  const neededBy = runbook.services
    .filter((s) => s.dependsOn.includes(service.id))
    .map((s) => siblingLink(s.id, byId));
  const chain = dependencyPathMs(runbook.services, service.id);
  const sourceUrl = runbookUrl(runbook.links, service.id, '');
  const all: (Fact | undefined)[] = [
    { term: 'Service id', value: `<code>${escapeHtml(service.id)}</code>` },
    { term: 'Category', value: escapeHtml(service.category) },
    { term: 'Owner', value: escapeHtml(service.owner) },
    {
      term: 'Schedule',
      value: `${escapeHtml(describeSchedule(backup.schedule, service.timezone))} <code>${escapeHtml(backup.schedule)}</code>`,
    },
    {
      term: 'Windows',
      value: `starts within ${formatDuration(backup.startWindowMs)}, completes within ${formatDuration(backup.completionWindowMs)}; ${formatDuration(service.graceMs)} grace`,
    },
    { term: 'Retention', value: formatDuration(backup.retentionMs) },
    { term: 'Storage', value: escapeHtml(backup.storage) },
    { term: 'Automation', value: escapeHtml(backup.automation) },
    {
      term: 'Copies',
      value: list(
        backup.copies.map((c) => escapeHtml(describeCopy(c))),
        'none expected'
      ),
    },
    {
      term: 'Resources',
      value: list(
        service.resources.map((r) => `<code>${escapeHtml(r)}</code>`),
        'none'
      ),
    },
    { term: 'RPO', value: formatDuration(recovery.rpoMs) },
    { term: 'RTO', value: formatDuration(recovery.rtoMs) },
    {
      term: 'Restore test',
      value:
        recovery.restoreTestMs === undefined
          ? '<span class="muted">not required</span>'
          : `at least every ${formatDuration(recovery.restoreTestMs)}`,
    },
    {
      term: 'Depends on',
      value: list(
        service.dependsOn.map((id) => siblingLink(id, byId)),
        'nothing'
      ),
    },
    { term: 'Needed by', value: list(neededBy, 'nothing') },
    chain.path.length === 0
      ? undefined
      : {
          term: 'Before this service',
          value: `${chain.path.map((id) => siblingLink(id, byId)).join(' → ')}: ${formatDuration(chain.totalMs)} of restores in front of it after a total outage`,
        },
    {
      // Only the route's name: its PagerDuty key lives in SSM and never here.
      term: 'Alert route',
      value:
        service.alerts === undefined
          ? '<span class="muted">none</span>'
          : escapeHtml(service.alerts),
    },
    service.silences.length === 0
      ? undefined
      : {
          term: 'Silenced',
          value: list(
            service.silences.map(
              (s) => `until ${renderDateTime(s.until)}: ${escapeHtml(s.reason)}`
            ),
            ''
          ),
        },
    {
      term: 'Last changed',
      value:
        lastChanged === undefined
          ? '<span class="muted">unknown</span>'
          : renderDate(lastChanged),
    },
    {
      term: 'Source',
      // Lint refuses other schemes; a runbook built without lint still
      // never gets a javascript: or data: href.
      value: isWebUrl(sourceUrl)
        ? `<a href="${escapeHtml(sourceUrl)}">${escapeHtml(service.file)}</a>`
        : escapeHtml(service.file),
    },
  ];
  return all.filter((f): f is Fact => f !== undefined);
};

const renderToc = (headings: RenderedHeading[]): string => {
  const items = headings
    .filter((h) => h.level === 2 || h.level === 3)
    .map(
      (h) =>
        `<li class="toc-h${h.level}"><a href="#${escapeHtml(h.slug)}">${escapeHtml(h.text)}</a></li>`
    );
  if (items.length === 0) return '';
  return `<nav class="toc" aria-label="On this page"><strong>On this page</strong><ul>${items.join('')}</ul></nav>`;
};

/**
 * Returns the main content of `services/<id>.html`: a card of the
 * front-matter facts, a table of contents, then the rendered Markdown body
 * with GitHub's heading ids.
 *
 * @param service - the service
 * @param runbook - the whole runbook, for dependency links and the source link
 * @param lastChanged - when the service's file last changed, if known
 */
const renderServiceMain = (
  service: Service,
  runbook: Runbook,
  lastChanged: Date | undefined
): string => {
  const byId = new Map(runbook.services.map((s) => [s.id, s]));
  const body = renderMarkdown(service.body);
  const dl = facts(service, runbook, byId, lastChanged)
    .map((f) => `<dt>${f.term}</dt><dd>${f.value}</dd>`)
    .join('\n');
  return `<h1>${escapeHtml(service.name)} <span class="tier tier-${service.tier}">${service.tier}</span></h1>
<section class="card" aria-label="Backup and recovery facts">
<dl class="facts">
${dl}
</dl>
</section>
${renderToc(body.headings)}
<article class="content">
${body.html}
</article>`;
};

export { renderServiceMain };
