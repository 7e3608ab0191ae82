import { formatUtc } from '../src/checks/index.js';
import { arnParts } from './fleet.js';
import type { DemoIncident, DemoPage, PageAction } from './types.js';

/** One moment of the timeline: an incident opened, updated, re-notified or resolved, on every channel it went to. */
interface TimelineEntry {
  at: Date;
  action: PageAction;
  incident: string;
  service: string;
  /** The root cause. */
  check: string;
  checks: string[];
  /** Empty for a service's roll-up. */
  resource: string;
  channels: string[];
  summary: string;
  runbookUrl: string | undefined;
}

/** How one injected incident showed up in the pages. */
interface IncidentOutcome {
  incident: DemoIncident;
  /** The first page that named its check, and on which channels. */
  openedAt?: Date;
  channels: string[];
  resolvedAt?: Date;
  /** True when it paged, and resolved if and only if it was meant to. */
  asExpected: boolean;
}

/**
 * Returns the timeline of pages: those of one incident, action and instant
 * merged into one entry listing every channel, in time order.
 *
 * @param pages - decoded pages, in any order
 */
const buildTimeline = (pages: DemoPage[]): TimelineEntry[] => {
  const entries: TimelineEntry[] = [];
  const sorted = [...pages].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const page of sorted) {
    const same = entries.find(
      (e) =>
        e.at.getTime() === page.at.getTime() &&
        e.action === page.action &&
        e.incident === page.incident
    );
    if (same !== undefined) {
      if (!same.channels.includes(page.channel))
        same.channels.push(page.channel);
      same.summary ||= page.summary;
      same.runbookUrl ??= page.runbookUrl;
      continue;
    }
    entries.push({
      at: page.at,
      action: page.action,
      incident: page.incident,
      service: page.service,
      check: page.check,
      checks: page.checks,
      resource: page.resource,
      channels: [page.channel],
      summary: page.summary,
      runbookUrl: page.runbookUrl,
    });
  }
  for (const e of entries) e.channels.sort();
  return entries;
};

const LABELS: Record<PageAction, string> = {
  opened: 'OPENED',
  updated: 'UPDATED',
  're-notified': 'RE-NOTIFIED',
  resolved: 'RESOLVED',
};

/**
 * Returns the timeline as text, one line per entry (time, action, service,
 * check, resource, channels) and, for openings, the summary and the
 * runbook link on the lines below.
 *
 * @param entries - from {@link buildTimeline}
 */
const formatTimeline = (entries: TimelineEntry[]): string => {
  if (entries.length === 0) return '  (no pages)\n';
  const width = (pick: (e: TimelineEntry) => string): number =>
    Math.max(...entries.map((e) => pick(e).length));
  const serviceWidth = width((e) => e.service);
  const checkWidth = width((e) => e.check);
  const lines: string[] = [];
  for (const e of entries) {
    lines.push(
      [
        ` ${formatUtc(e.at)}`,
        LABELS[e.action].padEnd(11),
        e.service.padEnd(serviceWidth),
        e.check.padEnd(checkWidth),
        e.channels.join('+').padEnd(13),
        e.resource === ''
          ? `${e.checks.length} checks on several resources`
          : arnParts(e.resource).resource || e.resource,
      ].join('  ')
    );
    if (e.action === 'opened' || e.action === 'updated') {
      lines.push(`      ${e.summary}`);
      if (e.runbookUrl !== undefined) lines.push(`      -> ${e.runbookUrl}`);
    }
  }
  return `${lines.join('\n')}\n`;
};

/**
 * Returns how each injected incident showed up: when the first page that
 * names its check (an incident opening, or an update of one open already)
 * went out at or after the injection and on which channels, and when that
 * incident resolved after that. A page of the service's roll-up counts for
 * any of its resources.
 *
 * @param incidents - from the scenario
 * @param pages - decoded pages
 */
const incidentOutcomes = (
  incidents: DemoIncident[],
  pages: DemoPage[]
): IncidentOutcome[] =>
  incidents.map((incident) => {
    const sorted = [...pages].sort((a, b) => a.at.getTime() - b.at.getTime());
    const opened = sorted.find(
      (p) =>
        p.service === incident.service &&
        (p.resource === incident.resourceArn || p.resource === '') &&
        p.action !== 'resolved' &&
        p.checks.includes(incident.check) &&
        p.at.getTime() >= incident.at.getTime()
    );
    const channels = [
      ...new Set(
        sorted
          .filter(
            (p) =>
              p.incident === opened?.incident &&
              p.action !== 'resolved' &&
              p.at.getTime() === opened?.at.getTime()
          )
          .map((p) => p.channel)
      ),
    ].sort();
    const resolved =
      opened === undefined
        ? undefined
        : sorted.find(
            (p) =>
              p.incident === opened.incident &&
              p.action === 'resolved' &&
              p.at.getTime() >= opened.at.getTime()
          );
    const expectsResolution = incident.resolvesAt !== undefined;
    return {
      incident,
      ...(opened !== undefined && { openedAt: opened.at }),
      channels,
      ...(resolved !== undefined && { resolvedAt: resolved.at }),
      asExpected:
        opened !== undefined && (resolved !== undefined) === expectsResolution,
    };
  });

/**
 * Returns the incident check as text: one line per injected incident.
 *
 * @param outcomes - from {@link incidentOutcomes}
 */
const formatOutcomes = (outcomes: IncidentOutcome[]): string =>
  `${outcomes
    .map((o) => {
      const mark = o.asExpected ? 'ok ' : '!! ';
      const paged =
        o.openedAt === undefined
          ? 'never paged'
          : `paged ${formatUtc(o.openedAt)} by ${o.channels.join('+')}`;
      const resolved =
        o.resolvedAt === undefined
          ? o.incident.resolvesAt === undefined
            ? ', still open (as meant)'
            : ', never resolved'
          : `, resolved ${formatUtc(o.resolvedAt)}`;
      return ` ${mark}${o.incident.kind}: ${o.incident.check} on ${o.incident.service}: ${paged}${resolved}`;
    })
    .join('\n')}\n`;

export type { IncidentOutcome, TimelineEntry };
export { buildTimeline, formatOutcomes, formatTimeline, incidentOutcomes };
