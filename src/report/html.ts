import { escapeHtml } from '../runbook/index.js';
import {
  formatAlerts,
  formatCell,
  formatCopies,
  formatCounts,
  formatDrill,
  formatGap,
  formatLocal,
  formatProblemRun,
  formatReporting,
  formatRestoreTest,
  formatScore,
  formatWeek,
  OUTCOME_TEXT,
  problemRuns,
} from './format.js';
import {
  BACKUP_OUTCOMES,
  type ReportRenderOptions,
  type ResourceFigures,
  type ServiceFigures,
  type TimelineCell,
  type WeeklyFigures,
} from './types.js';

// Mail clients (Gmail, Outlook) drop <style> blocks, classes, scripts and
// remote images, and Outlook lays out only tables: every rule below is an
// inline style attribute on a table cell.
const DEFAULT_WIDTH_PX = 640;
// Gmail clips a message over 102 KB behind a "View entire message" link.
const DEFAULT_MAX_BYTES = 100_000;
const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const MUTED = 'color:#52606d;';
const CELL_GAP_PX = 2;
const MIN_CELL_PX = 4;
const MAX_CELL_PX = 28;

/** Only http(s) links: a runbook template is data, not trusted markup. */
const link = (href: string, text: string): string =>
  /^https?:\/\//i.test(href)
    ? `<a href="${escapeHtml(href)}" style="color:#1d4ed8;text-decoration:underline;">${escapeHtml(text)}</a>`
    : escapeHtml(text);

const scoreColour = (score: number | undefined): string =>
  score === undefined
    ? '#52606d'
    : score >= 90
      ? '#2e7d32'
      : score >= 70
        ? '#b26a00'
        : '#c62828';

const cellTitle = (cell: TimelineCell, timezone: string): string =>
  `${cell.resourceArn}: ${formatCell(cell, timezone)}`;

/** One strip: a row of coloured cells, wrapped onto more rows when long. */
const strip = (
  cells: TimelineCell[],
  timezone: string,
  widthPx: number
): string => {
  const perCell = Math.floor(widthPx / cells.length) - CELL_GAP_PX;
  const size = Math.max(MIN_CELL_PX, Math.min(MAX_CELL_PX, perCell));
  const perRow = Math.max(1, Math.floor(widthPx / (size + CELL_GAP_PX)));
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += perRow) {
    const tds = cells.slice(i, i + perRow).map((cell) => {
      const title = escapeHtml(cellTitle(cell, timezone));
      return `<td data-status="${cell.status}" title="${title}" aria-label="${title}" width="${size}" height="18" style="width:${size}px;height:18px;background-color:${OUTCOME_TEXT[cell.status].colour};font-size:1px;line-height:1px;">&nbsp;</td>`;
    });
    rows.push(`<tr>${tds.join('')}</tr>`);
  }
  return `<table role="presentation" cellpadding="0" cellspacing="${CELL_GAP_PX}" border="0" style="border-collapse:separate;">${rows.join('')}</table>`;
};

const legend = (): string =>
  `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>${BACKUP_OUTCOMES.map(
    (o) =>
      `<td width="12" height="12" style="width:12px;height:12px;background-color:${OUTCOME_TEXT[o].colour};font-size:1px;line-height:1px;">&nbsp;</td><td style="${FONT}font-size:12px;${MUTED}padding:0 12px 0 4px;">${OUTCOME_TEXT[o].label}</td>`
  ).join('')}</tr></table>`;

const row = (label: string, value: string): string =>
  `<tr><td valign="top" style="${FONT}font-size:13px;${MUTED}padding:2px 12px 2px 0;white-space:nowrap;">${escapeHtml(label)}</td><td valign="top" style="${FONT}font-size:13px;color:#1f2933;padding:2px 0;">${value}</td></tr>`;

const timelines = (
  service: ServiceFigures,
  timezone: string,
  widthPx: number
): string => {
  const shown = service.resources.filter(
    (r: ResourceFigures) => r.timeline.length > 0
  );
  if (shown.length === 0) {
    return `<p style="${FONT}font-size:12px;${MUTED}margin:6px 0;">No scheduled backup was due this week.</p>`;
  }
  return shown
    .map((r) => {
      const first = r.timeline[0] as TimelineCell;
      const last = r.timeline[r.timeline.length - 1] as TimelineCell;
      const span = `due ${formatLocal(first.dueAt, timezone)} to ${formatLocal(last.dueAt, timezone)}`;
      const problems = problemRuns(r.timeline)
        .map(
          (run) =>
            `<div style="${FONT}font-size:12px;">${escapeHtml(formatProblemRun(run, timezone))}</div>`
        )
        .join('');
      return `<div data-resource="${escapeHtml(r.resourceArn)}" style="margin:6px 0;"><div style="${FONT}font-size:11px;${MUTED}word-break:break-all;">${escapeHtml(r.resourceArn)}</div>${strip(r.timeline, timezone, widthPx)}<div style="${FONT}font-size:11px;${MUTED}">${escapeHtml(span)}</div>${problems}</div>`;
    })
    .join('');
};

const serviceBlock = (
  service: ServiceFigures,
  figures: Pick<WeeklyFigures, 'timezone' | 'alertsRecorded'>,
  widthPx: number
): string => {
  const { timezone } = figures;
  const score = service.score?.score;
  const change =
    service.scoreChange === undefined
      ? ''
      : ` <span style="${MUTED}font-size:12px;">(${service.scoreChange > 0 ? '+' : ''}${service.scoreChange})</span>`;
  const backups = service.resources.some((r) => r.scheduled)
    ? formatCounts(service)
    : 'not scheduled (watched by other checks)';
  return `<tr><td data-service="${escapeHtml(service.service)}" style="padding:16px 24px;border-top:1px solid #dde1e6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td valign="top" style="${FONT}"><div style="font-size:16px;font-weight:bold;">${link(service.links.page, service.name)}</div>
<div style="font-size:12px;${MUTED}">${escapeHtml(`${service.service} · ${service.tier} · owner ${service.owner} · ${service.automation} · ${service.scheduleText}`)}</div></td>
<td valign="top" align="right" style="${FONT}font-size:20px;font-weight:bold;color:${scoreColour(score)};white-space:nowrap;">${score === undefined ? 'n/a' : `${score}`}${change}</td>
</tr></table>
${timelines(service, timezone, widthPx)}
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin-top:6px;">
${service.silent === undefined ? '' : row('Silent', `<span style="color:#b42318;font-weight:bold;">${escapeHtml(service.silent)}</span>`)}
${row('Backups', escapeHtml(backups))}
${row('RPO', escapeHtml(formatGap(service)))}
${(service.recoverability ?? []).map((line) => row('Recoverable', escapeHtml(line))).join('\n')}
${row('Copies', escapeHtml(formatCopies(service)))}
${row('Restore test', escapeHtml(formatRestoreTest(service.restoreTest, service.rtoMs, timezone)))}
${row('Alerts', escapeHtml(formatAlerts(service.alerts, figures.alertsRecorded)))}
${row('Runbook', `${link(service.links.manualBackup, 'Manual backup')} · ${link(service.links.recovery, 'Recovery')}`)}
</table></td></tr>`;
};

/**
 * True when a service kept its whole runbook this week: a score of 100 (every
 * backup on time, RPO held, copies made, restore tests in date) and no alert
 * opened or resolved.
 */
const keptRunbook = (service: ServiceFigures): boolean =>
  service.score?.score === 100 &&
  service.alerts.opened === 0 &&
  service.alerts.resolved === 0;

const resourceCount = (n: number): string =>
  n === 1 ? '1 resource' : `${n} resources`;

/**
 * The services that kept their runbook, in place of their blocks: a line
 * each, or, when even that is too long, their names in one paragraph.
 */
const keptBlock = (
  services: ServiceFigures[],
  form: 'lines' | 'names'
): string => {
  const list =
    form === 'lines'
      ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${services
          .map(
            (s) =>
              `<tr><td data-service="${escapeHtml(s.service)}" style="${FONT}font-size:13px;padding:3px 12px 3px 0;">${link(s.links.page, s.name)} <span style="${MUTED}font-size:12px;">${escapeHtml(`${s.service} · ${s.tier} · ${resourceCount(s.resources.length)} · ${formatCounts(s)}`)}</span></td><td align="right" style="${FONT}font-size:13px;font-weight:bold;color:${scoreColour(100)};">100</td></tr>`
          )
          .join('')}</table>`
      : `<p style="${FONT}font-size:12px;margin:6px 0 0 0;">${services.map((s) => escapeHtml(s.service)).join(' · ')}</p>`;
  return `<tr><td style="padding:16px 24px;border-top:1px solid #dde1e6;"><div style="${FONT}font-size:15px;font-weight:bold;">Within the runbook all week (${services.length})</div><div style="${FONT}font-size:12px;${MUTED}">Every backup on time, RPO held, copies made, restore tests in date, no alert. Listed in brief to keep this email short.</div>${list}</td></tr>`;
};

const alertsBlock = (figures: WeeklyFigures): string => {
  if (figures.alerts.entries.length === 0) return '';
  const items = figures.alerts.entries.map((a) => {
    const when = [
      a.openedAt && `opened ${formatLocal(a.openedAt, figures.timezone)}`,
      a.resolvedAt && `resolved ${formatLocal(a.resolvedAt, figures.timezone)}`,
    ]
      .filter(Boolean)
      .join(', ');
    return `<tr><td style="${FONT}font-size:13px;padding:3px 0;"><b>${escapeHtml(a.service)}</b> ${escapeHtml(a.check)} <span style="${MUTED}">(${escapeHtml(when)})</span><br>${escapeHtml(a.summary)}</td></tr>`;
  });
  return `<tr><td style="padding:16px 24px;border-top:1px solid #dde1e6;"><div style="${FONT}font-size:15px;font-weight:bold;">Alerts this week</div><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${items.join('')}</table></td></tr>`;
};

const drillsBlock = (figures: WeeklyFigures): string => {
  if (figures.drills.length === 0) return '';
  const items = figures.drills.map(
    (d) =>
      `<tr><td data-drill="${escapeHtml(d.scenario)}" style="${FONT}font-size:13px;padding:3px 0;">${link(d.link, d.title)} <span style="${MUTED}font-size:12px;">${escapeHtml(formatDrill(d, figures.timezone).slice(d.title.length + 2))}</span></td></tr>`
  );
  return `<tr><td style="padding:16px 24px;border-top:1px solid #dde1e6;"><div style="${FONT}font-size:15px;font-weight:bold;">Disaster recovery drills</div><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${items.join('')}</table></td></tr>`;
};

const unmappedBlock = (figures: WeeklyFigures): string => {
  if (figures.unmapped.length === 0) return '';
  const items = figures.unmapped.map(
    (u) =>
      `<tr><td style="${FONT}font-size:12px;padding:3px 0;word-break:break-all;">${escapeHtml(u.resourceArn)} <span style="${MUTED}">(${escapeHtml(u.resourceType)}, ${u.events} events)</span></td></tr>`
  );
  return `<tr><td style="padding:16px 24px;border-top:1px solid #dde1e6;"><div style="${FONT}font-size:15px;font-weight:bold;">Resources no service claims</div><div style="${FONT}font-size:12px;${MUTED}">Add them to a service in the runbook, or stop backing them up.</div><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${items.join('')}</table></td></tr>`;
};

/** The email around the services' sections. */
const frame = (
  figures: WeeklyFigures,
  widthPx: number,
  sections: string[]
): string => {
  const { totals } = figures;
  const heading = `${figures.title}: backup compliance, week ${figures.weekLabel}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(heading)}</title></head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;"><tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="${widthPx}" cellpadding="0" cellspacing="0" border="0" style="width:${widthPx}px;max-width:100%;background-color:#ffffff;border:1px solid #dde1e6;color:#1f2933;">
<tr><td style="padding:20px 24px;${FONT}">
<div style="font-size:20px;font-weight:bold;">${escapeHtml(heading)}</div>
<div style="font-size:13px;${MUTED}">${escapeHtml(formatWeek(figures))}</div>
<div style="margin-top:12px;font-size:28px;font-weight:bold;color:${scoreColour(figures.score)};">${escapeHtml(formatScore(figures.score, figures.scoreChange))}</div>
<div style="font-size:13px;">Services: ${escapeHtml(formatReporting(figures))}</div>
<div style="font-size:13px;">Backups: ${escapeHtml(formatCounts(totals))}</div>
<div style="font-size:13px;">Alerts: ${escapeHtml(formatAlerts(figures.alerts, figures.alertsRecorded))} · Unmapped resources: ${figures.unmapped.length}</div>
<div style="margin-top:10px;">${legend()}</div>
</td></tr>
${sections.join('\n')}
${drillsBlock(figures)}
${alertsBlock(figures)}
${unmappedBlock(figures)}
<tr><td style="padding:16px 24px;border-top:1px solid #dde1e6;${FONT}font-size:11px;${MUTED}">
<p style="margin:0 0 6px 0;">${escapeHtml(figures.scoreFormula)}</p>
<p style="margin:0;">Generated ${escapeHtml(formatLocal(figures.generatedAt, figures.timezone))} by Backup Sentinel. ${link(figures.runbookUrl, 'Open the runbook')}</p>
</td></tr>
</table></td></tr></table>
</body></html>
`;
};

/**
 * Returns the report as an HTML email that renders in common mail clients:
 * tables for layout, inline styles only, no scripts, no images, no classes.
 * Each service has a timeline strip, one coloured cell per expected backup
 * (ok, late, failed, missed) with the details in its title, and links into
 * its runbook page and sections; the score formula is in the footer. When
 * that comes to more than `maxBytes`, the services that kept their runbook
 * all week are listed in brief at the end instead (a line each, or only
 * their ids for a fleet too large even for that), so the exceptions come
 * first and a mail client does not clip them.
 *
 * @param figures - from `computeWeeklyFigures`
 * @param options - layout (width of the email, size to stay under)
 */
const renderReportHtml = (
  figures: WeeklyFigures,
  options: ReportRenderOptions = {}
): string => {
  const widthPx = options.widthPx ?? DEFAULT_WIDTH_PX;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { services } = figures;
  const blocks = services.map((s) => serviceBlock(s, figures, widthPx - 48));
  const full = frame(figures, widthPx, blocks);
  const brief = services.filter(keptRunbook);
  if (brief.length === 0 || Buffer.byteLength(full) <= maxBytes) return full;
  const detailed = blocks.filter((_, i) => !keptRunbook(services[i]!));
  const lines = frame(figures, widthPx, [
    ...detailed,
    keptBlock(brief, 'lines'),
  ]);
  if (Buffer.byteLength(lines) <= maxBytes) return lines;
  return frame(figures, widthPx, [...detailed, keptBlock(brief, 'names')]);
};

export { keptRunbook, renderReportHtml };
