import { dueTimesBetween, formatDuration } from '../schedule/index.js';
import { diagnostic } from './diagnostics.js';
import type { MarkdownText } from './markdownText.js';
import type { Diagnostic, Section, Service } from './types.js';

// What this check reads, in the prose of `## Backup` (its `### Manual
// backup` subsection, code blocks and inline code left out), one clause at
// a time (clauses end at . ! ? ; before a space, at blank lines, list items
// and headings):
// - in a clause that says the monitor pages or alerts (page, pages, paged,
//   paging, alert, alerts, alerted): "by HH:MM UTC", the paging deadline,
//   and "within <duration> of its slot" (or "of the schedule", "of its
//   scheduled time"), the time from the due time to the page;
// - in any clause: "start(s) within <duration>" (backup.startWindow) and
//   "complete(s)/finish(es) within <duration>", not followed by "of"
//   (backup.completionWindow).
// The monitor pages at due + startWindow + completionWindow + grace.

const PAGING = /\b(?:pages?|paged|paging|alerts?|alerted)\b/i;
const DURATION = String.raw`(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d)\b`;
const BY_TIME = /\bby\s+(([01]?\d|2[0-3]):([0-5]\d)\s*UTC)\b/g;
const OF_SLOT = new RegExp(
  String.raw`\bwithin\s+(${DURATION})\s+of\s+(?:its|the|their)\s+(?:slot|schedule|scheduled\s+time|due\s+time)\b`,
  'gi'
);
const START_WITHIN = new RegExp(
  String.raw`\bstarts?\s+within\s+(${DURATION})`,
  'gi'
);
const COMPLETE_WITHIN = new RegExp(
  String.raw`\b(?:completes?|finish(?:es)?)\s+within\s+(${DURATION})(?!\s+of\b)`,
  'gi'
);
// A clause ends after . ! ? or ; before white space, at a blank line, or
// where a list item or a heading starts.
const CLAUSE_END =
  /[.!?;](?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])|\n(?=[ \t]*#)/g;
const INLINE_CODE = /(`+)[^`]*?\1/g;

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

// A month in winter and one in summer: in a zone with DST the same local
// schedule is due at two UTC times, and both are right.
const SAMPLE_DAYS = 35;
const HALF_YEAR_MS = 182 * 86_400_000;

/** `1.5 h`, `90 min`, `2 hours` in milliseconds. */
const textDurationMs = (amount: string, unit: string): number =>
  Number(amount) * UNIT_MS[unit[0]!.toLowerCase()]!;

const blank = (text: string): string => text.replace(/[^\n]/g, ' ');

/**
 * The prose of `## Backup` without `### Manual backup`, code or inline
 * code, masked with spaces so that offsets stay those of the file.
 */
const backupProse = (
  sections: Section[],
  text: MarkdownText
): { prose: string; offset: number } | undefined => {
  const after = (start: Section, level: number): number => {
    const next = sections.find((s) => s.line > start.line && s.level <= level);
    return next?.line ?? Number.POSITIVE_INFINITY;
  };
  const backup = sections.find((s) => s.slug === 'backup' && s.level === 2);
  if (backup === undefined) return undefined;
  const end = after(backup, 2);
  const manual = sections.find(
    (s) => s.slug === 'manual-backup' && s.line > backup.line && s.line < end
  );
  const manualEnd = manual === undefined ? 0 : after(manual, 3);
  const lines = text.lines
    .map((line, i) => ({ ...line, code: text.inCode[i]! }))
    .filter((line) => line.line >= backup.line && line.line < end);
  if (lines.length === 0) return undefined;
  const prose = lines
    .map(({ text: raw, line, code }) => {
      const skipped =
        code ||
        (manual !== undefined && line >= manual.line && line < manualEnd);
      return skipped ? blank(raw) : raw.replace(INLINE_CODE, blank);
    })
    .join('\n');
  return { prose, offset: lines[0]!.offset };
};

/** The clauses of the prose, each with its offset in it. */
const clauses = (prose: string): { text: string; at: number }[] => {
  const found: { text: string; at: number }[] = [];
  let start = 0;
  for (const end of prose.matchAll(CLAUSE_END)) {
    found.push({ text: prose.slice(start, end.index), at: start });
    start = end.index + end[0].length;
  }
  found.push({ text: prose.slice(start), at: start });
  return found;
};

const hhmm = (date: Date): string => date.toISOString().slice(11, 16);

/**
 * The UTC times of day at which a missed backup pages, each with the due
 * time it belongs to; undefined for a rate() schedule, which has none.
 */
const pagingTimes = (
  service: Service,
  totalMs: number,
  reference: Date
): Map<string, string> | undefined => {
  const { schedule } = service.backup;
  if (!schedule.startsWith('cron(')) return undefined;
  const times = new Map<string, string>();
  for (const from of [
    reference.getTime(),
    reference.getTime() + HALF_YEAR_MS,
  ]) {
    const dues = dueTimesBetween(
      schedule,
      service.timezone,
      new Date(from),
      new Date(from + SAMPLE_DAYS * 86_400_000)
    );
    for (const due of dues) {
      times.set(hhmm(new Date(due.getTime() + totalMs)), hhmm(due));
    }
  }
  return times;
};

const MAX_LISTED = 4;

const listed = (items: string[]): string =>
  items.length <= MAX_LISTED
    ? items.join(', ')
    : `${items.slice(0, MAX_LISTED).join(', ')}, …`;

/**
 * Returns a `body-contradicts-schedule` warning for each deadline or window
 * that the prose of a service's `## Backup` section states and that its
 * front matter contradicts (see the patterns at the top of this file).
 *
 * @param service - the service, with its sections and effective grace
 * @param text - its body, as lines placed in the file
 * @param reference - a fixed instant to sample due times from (lint has no clock)
 */
const checkScheduleClaims = (
  service: Service,
  text: MarkdownText,
  reference: Date
): Diagnostic[] => {
  const found = backupProse(service.sections, text);
  if (found === undefined) return [];
  const { startWindowMs, completionWindowMs } = service.backup;
  const totalMs = startWindowMs + completionWindowMs + service.graceMs;
  const parts = `start window ${formatDuration(startWindowMs)} + completion window ${formatDuration(completionWindowMs)} + grace ${formatDuration(service.graceMs)}`;
  const diagnostics: Diagnostic[] = [];
  const warn = (
    at: number,
    match: RegExpMatchArray,
    group: number,
    message: string
  ): void => {
    const start =
      found.offset + at + match.index! + match[0].indexOf(match[group]!);
    diagnostics.push(
      diagnostic(
        'body-contradicts-schedule',
        service.file,
        [start, start + match[group]!.length],
        message
      )
    );
  };
  let times: Map<string, string> | undefined;
  for (const { text: clause, at } of clauses(found.prose)) {
    if (PAGING.test(clause)) {
      for (const match of clause.matchAll(BY_TIME)) {
        times ??= pagingTimes(service, totalMs, reference);
        const stated = `${match[2]!.padStart(2, '0')}:${match[3]}`;
        if (times === undefined || times.has(stated)) continue;
        const real = [...times.entries()].sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0
        );
        warn(
          at,
          match,
          1,
          `says the monitor pages by ${stated} UTC, but a missed backup pages at ${listed(real.map(([t]) => t))} UTC: due ${listed(real.map(([, due]) => due))} + ${parts}`
        );
      }
      for (const match of clause.matchAll(OF_SLOT)) {
        const statedMs = textDurationMs(match[2]!, match[3]!);
        if (statedMs === totalMs) continue;
        warn(
          at,
          match,
          1,
          `says the monitor pages ${match[1]} after the due time, but it pages ${formatDuration(totalMs)} after it: ${parts}`
        );
      }
    }
    for (const [pattern, key, windowMs] of [
      [START_WITHIN, 'startWindow', startWindowMs],
      [COMPLETE_WITHIN, 'completionWindow', completionWindowMs],
    ] as const) {
      for (const match of clause.matchAll(pattern)) {
        const statedMs = textDurationMs(match[2]!, match[3]!);
        if (statedMs === windowMs) continue;
        warn(
          at,
          match,
          1,
          `says ${match[1]}, but backup.${key} is ${formatDuration(windowMs)}`
        );
      }
    }
  }
  return diagnostics;
};

export { checkScheduleClaims };
