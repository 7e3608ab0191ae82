import { oneLine } from '../checks/index.js';
import { formatAgainst, formatDuration } from '../schedule/index.js';
import type {
  BackupOutcome,
  DrillFigures,
  RestoreTestFigures,
  ServiceFigures,
  TimelineCell,
  WeeklyFigures,
} from './types.js';

/** How each outcome reads, and the one ASCII mark the text timeline uses. */
const OUTCOME_TEXT: Record<
  BackupOutcome,
  { label: string; mark: string; colour: string }
> = {
  ok: { label: 'ok', mark: '.', colour: '#2e7d32' },
  late: { label: 'late', mark: 'L', colour: '#f9a825' },
  failed: { label: 'failed', mark: 'F', colour: '#c62828' },
  missed: { label: 'missed', mark: 'M', colour: '#6a1b9a' },
};

const formatterCache = new Map<string, Intl.DateTimeFormat>();

const formatter = (
  timezone: string,
  options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat => {
  const key = `${timezone}\n${JSON.stringify(options)}`;
  let format = formatterCache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      ...options,
    });
    formatterCache.set(key, format);
  }
  return format;
};

/** `Mon 19 Oct 02:00`, in the report's zone. */
const formatLocal = (date: Date, timezone: string): string =>
  formatter(timezone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(date)
    .replace(',', '');

/** `Mon 19 Oct 2026`, in the report's zone. */
const formatDay = (date: Date, timezone: string): string =>
  formatter(timezone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
    .format(date)
    .replace(',', '');

/** `Mon 19 Oct 2026 to Sun 25 Oct 2026 (Europe/Berlin)`. */
const formatWeek = (figures: WeeklyFigures): string => {
  const last = new Date(figures.week.end.getTime() - 1);
  return `${formatDay(figures.week.start, figures.timezone)} to ${formatDay(last, figures.timezone)} (${figures.timezone})`;
};

/** `93.5%`; `n/a` when there is nothing to measure. */
const formatShare = (share: number | undefined): string =>
  share === undefined ? 'n/a' : `${Math.round(share * 1000) / 10}%`;

/** `+2.5`, `-1`, `0`. */
const formatChange = (change: number): string =>
  change > 0 ? `+${change}` : `${change}`;

/** `87.5/100 (+2.5 on the week before)`, or `n/a`. */
const formatScore = (
  score: number | undefined,
  change: number | undefined
): string => {
  if (score === undefined) return 'n/a (nothing to measure)';
  // "0 on the week before" reads as a score of 0 last week.
  const delta =
    change === undefined
      ? ''
      : change === 0
        ? ' (unchanged from the week before)'
        : ` (${formatChange(change)} on the week before)`;
  return `${score}/100${delta}`;
};

/** `7 expected: 5 ok, 1 late, 1 failed, 0 missed (85.7%)`. */
const formatCounts = (counts: {
  expected: number;
  succeeded: number;
  failed: number;
  missed: number;
  late: number;
  successRate?: number;
}): string =>
  counts.expected === 0
    ? 'none expected'
    : `${counts.expected} expected: ${counts.succeeded - counts.late} ok, ${counts.late} late, ${counts.failed} failed, ${counts.missed} missed (${formatShare(counts.successRate)} succeeded)`;

/**
 * `longest gap 49 h, 22 h over the 27 h RPO; within RPO 93.2% of the time`, or
 * for S3 replication `1 failed replication (AccessDenied), 0 late; within
 * RPO 85.7% of the time`.
 */
const formatGap = (service: ServiceFigures): string => {
  const { replication } = service;
  if (replication !== undefined) {
    const why =
      replication.reasons.length === 0
        ? ''
        : ` (${replication.reasons.join(', ')})`;
    return `${replication.failed} failed replication${replication.failed === 1 ? '' : 's'}${why}, ${replication.late} late; within RPO ${formatShare(replication.withinRpoShare)} of the time`;
  }
  if (service.longestGapMs === undefined) {
    return service.resources.length === 0
      ? 'no resource seen yet'
      : 'no recovery points watched';
  }
  const gap =
    service.longestGapMs > service.rpoMs
      ? formatAgainst(service.longestGapMs, service.rpoMs, 'RPO')
      : `${formatDuration(service.longestGapMs)}, within the ${formatDuration(service.rpoMs)} RPO`;
  return `longest gap ${gap}; within RPO ${formatShare(service.withinRpoShare)} of the time`;
};

/** `6 of 6 made, 0 failed`, or `none expected`. */
const formatCopies = (service: ServiceFigures): string =>
  service.copies.expected === 0 && service.copies.failed === 0
    ? 'none expected'
    : `${service.copies.actual} of ${service.copies.expected} made, ${service.copies.failed} failed`;

/** What a restore-test standing means, in words. */
const formatRestoreTest = (
  test: RestoreTestFigures,
  rtoMs: number,
  timezone: string
): string => {
  const period =
    test.restoreTestMs === undefined
      ? undefined
      : `required every ${formatDuration(test.restoreTestMs)}`;
  const failed =
    test.failed > 0
      ? `${test.failed} failed this week${test.failedMessage === undefined ? '' : ` (${oneLine(test.failedMessage)})`}`
      : undefined;
  const validated =
    test.validated === undefined
      ? undefined
      : `last validated ${formatDay(test.validated.at, timezone)}${test.validated.durationMs === undefined ? '' : `, took ${formatDuration(test.validated.durationMs)} (RTO ${formatDuration(rtoMs)})`}: ${oneLine(test.validated.message)}`;
  const say = (...parts: (string | undefined)[]): string =>
    parts.filter((p) => p !== undefined).join('; ');
  switch (test.status) {
    case 'not-required':
      return say('not required', failed);
    case 'not-yet-due':
      return say(period, 'none yet, the first is not due yet', failed);
    case 'never':
      return say(period, 'NONE SEEN', failed);
    default: {
      const last = test.lastAt ? formatDay(test.lastAt, timezone) : '?';
      // An overdue test says by how much, so its age never reads like the period.
      const overdueBy =
        test.status === 'overdue' &&
        test.ageMs !== undefined &&
        test.restoreTestMs !== undefined
          ? formatAgainst(test.ageMs, test.restoreTestMs, 'restore-test period')
          : undefined;
      const age =
        overdueBy !== undefined
          ? ` (${overdueBy})`
          : test.ageMs === undefined
            ? ''
            : ` (${formatDuration(test.ageMs)} old)`;
      const took =
        test.durationMs === undefined
          ? ''
          : test.durationMs > rtoMs
            ? `, took ${formatAgainst(test.durationMs, rtoMs, 'RTO')}`
            : `, took ${formatDuration(test.durationMs)} (RTO ${formatDuration(rtoMs)})`;
      const verdict = {
        ok: 'ok',
        slow: 'SLOWER THAN RTO',
        overdue: 'OVERDUE',
      }[test.status];
      return say(
        `last ${last}${age}${took}: ${verdict}`,
        validated,
        overdueBy === undefined ? period : undefined,
        failed
      );
    }
  }
};

/** `9 of 11 services reporting (silent: network, sessions)`. */
const formatReporting = (figures: WeeklyFigures): string => {
  const { services, reporting } = figures.reporting;
  const silent = figures.services
    .filter((s) => s.silent !== undefined)
    .map((s) => s.service);
  return `${reporting} of ${services} services reporting${silent.length === 0 ? '' : ` (silent: ${silent.join(', ')})`}`;
};

/**
 * `Region failure: last 2026-11-07 (40 d old), took 1.2 h (RTO 2.5 h): ok;
 * required every 180 d`.
 */
const formatDrill = (drill: DrillFigures, timezone: string): string => {
  const period = `required every ${formatDuration(drill.everyMs)}`;
  const failed = drill.failed > 0 ? `; ${drill.failed} failed this week` : '';
  if (drill.lastAt === undefined) {
    const none =
      drill.status === 'never' ? 'NO DRILL RECORDED' : 'none yet, not due yet';
    return `${drill.title}: ${none}; ${period}${failed}`;
  }
  const took =
    drill.durationMs === undefined
      ? ''
      : `, took ${formatDuration(drill.durationMs)} (RTO ${formatDuration(drill.rtoMs)})`;
  const verdict = { ok: 'ok', slow: 'SLOWER THAN RTO', overdue: 'OVERDUE' }[
    drill.status as 'ok' | 'slow' | 'overdue'
  ];
  return `${drill.title}: last ${formatDay(drill.lastAt, timezone)}${took}: ${verdict}; ${period}${failed}`;
};

/** `2 opened, 1 resolved (mean time to resolve 3.2 h)`. */
const formatAlerts = (
  alerts: ServiceFigures['alerts'],
  recorded: boolean
): string => {
  if (!recorded) return 'not known: an events file holds no incidents';
  const mean =
    alerts.meanTimeToResolveMs === undefined
      ? ''
      : ` (mean time to resolve ${formatDuration(alerts.meanTimeToResolveMs)})`;
  return `${alerts.opened} opened, ${alerts.resolved} resolved${mean}`;
};

/** Consecutive expected backups that went wrong the same way. */
interface ProblemRun {
  status: Exclude<BackupOutcome, 'ok'>;
  first: TimelineCell;
  last: TimelineCell;
  count: number;
}

/**
 * Returns the timeline's problems, consecutive cells with the same status
 * and message merged: an hourly schedule that stopped for two days is one
 * line, not 48.
 */
const problemRuns = (cells: TimelineCell[]): ProblemRun[] => {
  const runs: ProblemRun[] = [];
  let previous: TimelineCell | undefined;
  for (const cell of cells) {
    const run = runs.at(-1);
    if (
      cell.status !== 'ok' &&
      run !== undefined &&
      previous === run.last &&
      run.status === cell.status &&
      run.first.message === cell.message
    ) {
      run.last = cell;
      run.count += 1;
    } else if (cell.status !== 'ok') {
      runs.push({ status: cell.status, first: cell, last: cell, count: 1 });
    }
    previous = cell;
  }
  return runs;
};

/**
 * `due Wed 4 Nov 02:00: failed: Access denied`; ok and late cells say when
 * the backup completed.
 */
const formatCell = (cell: TimelineCell, timezone: string): string => {
  const due = `due ${formatLocal(cell.dueAt, timezone)}: ${OUTCOME_TEXT[cell.status].label}`;
  if (cell.completedAt !== undefined) {
    return `${due}, completed ${formatLocal(cell.completedAt, timezone)}`;
  }
  return cell.message === undefined ? due : `${due}: ${cell.message}`;
};

/** One problem as {@link formatCell} says it, or a range for a run. */
const formatProblemRun = (run: ProblemRun, timezone: string): string => {
  const { first, status } = run;
  const label = OUTCOME_TEXT[status].label;
  if (run.count > 1) {
    const span = `due ${formatLocal(first.dueAt, timezone)} to ${formatLocal(run.last.dueAt, timezone)}`;
    const message = first.message === undefined ? '' : `: ${first.message}`;
    return `${span}: ${label} (${run.count} times)${message}`;
  }
  return formatCell(first, timezone);
};

export {
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
};
