import {
  CLOCK_SKEW_MS,
  newestBackup,
  newestRecoverable,
  REPLICATION_QUIET_MS,
  recoverabilityText,
  shortName,
  watchedStates,
  watchesBackups,
} from '../checks/index.js';
import {
  type AlertKey,
  ARN_ACCOUNT,
  ARN_REGION,
  arnField,
  type BackupEvent,
  DRILLS_SERVICE,
  type EventState,
  type ResourceState,
  resourceTypeOf,
  type Transition,
  type WeekScores,
} from '../model/index.js';
import type { Runbook, Service } from '../runbook/index.js';
import {
  disasterRecoveryUrl,
  runbookIndexUrl,
  runbookUrl,
  TIERS,
} from '../runbook/index.js';
import {
  describeSchedule,
  dueTimesBetween,
  previousDueAt,
} from '../schedule/index.js';
import {
  backupsPart,
  overallScore,
  restorePart,
  round1,
  SCORE_FORMULA,
  serviceScore,
} from './score.js';
import type {
  AlertEntry,
  AlertFigures,
  BackupCounts,
  CopyFigures,
  DrillFigures,
  FiguresInput,
  FoldInput,
  GapFigures,
  ReplicationFigures,
  ReportWeek,
  ResourceFigures,
  ResourceHistory,
  RestoreTestFigures,
  RestoreTestStatus,
  ScoreBreakdown,
  ServiceFigures,
  TimelineCell,
  UnmappedFigures,
  WeeklyFigures,
  WeeklyFiguresFold,
} from './types.js';
import { isoWeekLabel } from './week.js';

const FAILED_STATES: ReadonlySet<EventState> = new Set([
  'failed',
  'aborted',
  'expired',
  'partial',
]);

/** Worst first: a service shows its worst resource's restore-test standing. */
const RESTORE_ORDER: readonly RestoreTestStatus[] = [
  'overdue',
  'never',
  'slow',
  'ok',
  'not-yet-due',
  'not-required',
];

const ms = (date: Date): number => date.getTime();
const isBackup = (e: BackupEvent): boolean =>
  e.kind === 'backup' || e.kind === 'snapshot';
// A completed recovery point is a backup too, as the checks count it
// (newestBackup); its other states say nothing about a run.
const isSavedCopy = (e: BackupEvent): boolean =>
  e.state === 'completed' && (isBackup(e) || e.kind === 'recovery-point');
// As the history store does: the recovery point is as of the job's creation.
const createdOf = (e: BackupEvent): Date =>
  e.startedAt ?? e.recoveryPointCreatedAt ?? e.completedAt ?? e.occurredAt;
const completedOf = (e: BackupEvent): Date => e.completedAt ?? e.occurredAt;
const inWeek = (date: Date, week: ReportWeek): boolean =>
  ms(date) >= ms(week.start) && ms(date) < ms(week.end);

/** Backups, failures and restores of one resource, up to `now`. */
interface Observed {
  successes: BackupEvent[];
  failures: BackupEvent[];
  /** True when backups of this resource are held to the policy at all. */
  watched: boolean;
  /** When counting may begin: first seen, or an earlier backup's creation. */
  knownSince: number;
}

const observe = (
  service: Service,
  { state, events }: ResourceHistory,
  now: Date
): Observed => {
  const past = events.filter((e) => ms(e.occurredAt) <= ms(now));
  const backups = past.filter(isBackup);
  const successes = past.filter(isSavedCopy);
  const failures = backups.filter((e) => FAILED_STATES.has(e.state));
  // Every automation but S3 replication is held to the policy, as the
  // checks hold it: silence from a script is a missed backup too.
  const watched = watchesBackups({ service, state, links: '' });
  // reduce, not Math.min(...): a minutely schedule has thousands of events.
  const knownSince = backups.reduce(
    (min, e) => Math.min(min, ms(createdOf(e))),
    ms(state.firstSeenAt)
  );
  return { successes, failures, watched, knownSince };
};

/**
 * Returns one cell per due time whose deadline fell in the week and has
 * passed by `now`. A backup counts for the latest due time at or before its
 * creation plus the clock-skew allowance, so each due time is counted once
 * and a retry after a failure still fills its slot.
 */
const timelineOf = (
  service: Service,
  resourceArn: string,
  observed: Observed,
  week: ReportWeek,
  now: Date
): TimelineCell[] => {
  const { schedule, startWindowMs, completionWindowMs } = service.backup;
  const { timezone } = service;
  const deadlineMs = startWindowMs + completionWindowMs + service.graceMs;
  const dues = dueTimesBetween(
    schedule,
    timezone,
    new Date(ms(week.start) - deadlineMs),
    new Date(ms(week.end) - deadlineMs)
  ).filter((due) => ms(due) + deadlineMs <= ms(now));
  const slotOf = (at: Date): number | undefined =>
    previousDueAt(
      schedule,
      timezone,
      new Date(ms(at) + CLOCK_SKEW_MS)
    )?.getTime();
  const success = new Map<number, BackupEvent>();
  for (const e of observed.successes) {
    const slot = slotOf(createdOf(e));
    const held = slot === undefined ? undefined : success.get(slot);
    if (
      slot !== undefined &&
      (held === undefined || ms(completedOf(e)) < ms(completedOf(held)))
    ) {
      success.set(slot, e);
    }
  }
  const failure = new Map<number, BackupEvent>();
  for (const e of observed.failures) {
    const slot = slotOf(e.startedAt ?? e.occurredAt);
    if (slot !== undefined) failure.set(slot, e);
  }
  const cells: TimelineCell[] = [];
  for (const due of dues) {
    const key = ms(due);
    const ok = success.get(key);
    const failed = failure.get(key);
    // A resource is not held to due times before the monitor knew it.
    if (key < observed.knownSince && ok === undefined && failed === undefined) {
      continue;
    }
    const deadline = new Date(key + deadlineMs);
    if (ok !== undefined) {
      const completedAt = completedOf(ok);
      cells.push({
        resourceArn,
        dueAt: due,
        deadline,
        status: ms(completedAt) > ms(deadline) ? 'late' : 'ok',
        createdAt: createdOf(ok),
        completedAt,
      });
    } else if (failed !== undefined) {
      cells.push({
        resourceArn,
        dueAt: due,
        deadline,
        status: 'failed',
        ...(failed.message !== undefined && { message: failed.message }),
      });
    } else {
      cells.push({ resourceArn, dueAt: due, deadline, status: 'missed' });
    }
  }
  return cells;
};

const countCells = (cells: TimelineCell[]): BackupCounts => {
  const count = (status: TimelineCell['status']): number =>
    cells.filter((c) => c.status === status).length;
  const late = count('late');
  const succeeded = count('ok') + late;
  return {
    expected: cells.length,
    succeeded,
    failed: count('failed'),
    missed: count('missed'),
    late,
    ...(cells.length > 0 && { successRate: succeeded / cells.length }),
  };
};

/**
 * Returns the longest gap between recovery points over the monitored part
 * of the week (counting from the last one before it and to its end or
 * `now`), and the share of that time the RPO held.
 */
const gapOf = (
  service: Service,
  state: ResourceState,
  observed: Observed,
  week: ReportWeek,
  now: Date
): GapFigures | undefined => {
  const from = Math.max(ms(week.start), observed.knownSince);
  const to = Math.min(ms(week.end), ms(now));
  if (to <= from) return undefined;
  const points = [
    ...new Set(observed.successes.map((e) => ms(createdOf(e)))),
  ].sort((a, b) => a - b);
  // The anchor is the newest point before the window; the state's newest
  // backup is one too when older than the window (nothing newer exists).
  const newest = newestBackup(state);
  const stateBackup = newest && ms(newest.createdAt);
  const before = [
    ...points.filter((p) => p < from),
    ...(stateBackup !== undefined && stateBackup < from ? [stateBackup] : []),
  ];
  const anchored = before.length > 0 || observed.knownSince >= ms(week.start);
  // With no recovery point before the window, the gap began when the
  // monitor first knew the resource, as the RPO check counts it.
  const first =
    before.length === 0
      ? Math.min(from, observed.knownSince)
      : before.reduce((max, p) => Math.max(max, p), Number.NEGATIVE_INFINITY);
  const marks = [first, ...points.filter((p) => p >= from && p < to), to];
  const { rpoMs } = service.recovery;
  let longest = { gap: -1, from: first, to: first };
  let breachedMs = 0;
  for (let i = 0; i + 1 < marks.length; i += 1) {
    const a = marks[i] as number;
    const b = marks[i + 1] as number;
    if (b - a > longest.gap) longest = { gap: b - a, from: a, to: b };
    breachedMs += Math.max(0, b - Math.max(a + rpoMs, from));
  }
  return {
    longestGapMs: longest.gap,
    from: new Date(longest.from),
    to: new Date(longest.to),
    withinRpoShare: 1 - breachedMs / (to - from),
    anchored,
  };
};

/** `arn:aws:backup:us-west-2:111122223333:backup-vault:dr` -> region, account. */
const vaultLocation = (arn: string): { region?: string; account?: string } => {
  const [, , , region, account] = arn.split(':');
  return { region, account };
};

const copiesOf = (
  service: Service,
  events: BackupEvent[],
  observed: Observed,
  week: ReportWeek,
  now: Date
): CopyFigures => {
  const destinations = service.backup.copies;
  const points = new Set(
    observed.successes
      .filter((e) => inWeek(createdOf(e), week))
      .flatMap((e) => (e.recoveryPointArn ? [e.recoveryPointArn] : []))
  );
  const copies = events.filter(
    (e) => e.kind === 'copy' && ms(e.occurredAt) <= ms(now)
  );
  const done = copies.filter((e) => e.state === 'completed');
  let actual = 0;
  for (const point of points) {
    for (const want of destinations) {
      const made = done.some((e) => {
        if (e.recoveryPointArn !== point || !e.destinationVaultArn)
          return false;
        const at = vaultLocation(e.destinationVaultArn);
        return (
          (want.region === undefined || want.region === at.region) &&
          (want.account === undefined || want.account === at.account)
        );
      });
      if (made) actual += 1;
    }
  }
  return {
    expected: points.size * destinations.length,
    actual,
    failed: copies.filter(
      (e) => FAILED_STATES.has(e.state) && inWeek(e.occurredAt, week)
    ).length,
  };
};

/**
 * What a validated restore test's message starts with: the product's own
 * Restore Report writes `validation <status>: <message>` (src/events,
 * custom.ts), and the validation function reports through it.
 */
const VALIDATION = /^validation (passed|failed)\b/;

/** Returns the newest test that was validated, by the end of the period. */
const lastValidated = (
  tests: BackupEvent[],
  end: number
): RestoreTestFigures['validated'] => {
  const test = tests
    .filter(
      (e) =>
        e.message !== undefined &&
        VALIDATION.test(e.message) &&
        ms(e.occurredAt) <= end
    )
    .at(-1);
  if (test?.message === undefined) return undefined;
  return {
    at: test.occurredAt,
    passed: test.state === 'completed',
    ...(test.startedAt &&
      test.completedAt && {
        durationMs: ms(test.completedAt) - ms(test.startedAt),
      }),
    message: test.message,
  };
};

const restoreTestOf = (
  service: Service,
  { state, events }: ResourceHistory,
  week: ReportWeek,
  now: Date
): RestoreTestFigures => {
  const end = Math.min(ms(week.end), ms(now));
  const tests = events.filter(
    (e) => e.kind === 'restore' && e.restoreTest === true
  );
  const failures = tests.filter(
    (e) =>
      FAILED_STATES.has(e.state) &&
      inWeek(e.occurredAt, week) &&
      ms(e.occurredAt) <= ms(now)
  );
  const failed = failures.length;
  const failedMessage = failures.at(-1)?.message;
  const { restoreTestMs, rtoMs } = service.recovery;
  if (restoreTestMs === undefined) {
    return {
      status: 'not-required',
      failed,
      ...(failedMessage !== undefined && { failedMessage }),
    };
  }

  const candidates: { at: number; durationMs?: number }[] = tests
    .filter((e) => e.state === 'completed' && ms(completedOf(e)) <= end)
    .map((e) => ({
      at: ms(completedOf(e)),
      ...(e.startedAt &&
        e.completedAt && {
          durationMs: ms(e.completedAt) - ms(e.startedAt),
        }),
    }));
  const fromState = state.lastRestore;
  if (fromState?.restoreTest && ms(fromState.at) <= end) {
    candidates.push({
      at: ms(fromState.at),
      ...(fromState.durationMs !== undefined && {
        durationMs: fromState.durationMs,
      }),
    });
  }
  const last = candidates.sort((a, b) => b.at - a.at)[0];
  const validated = lastValidated(tests, end);
  if (last === undefined) {
    // Like the overdue check: the period runs from when the monitor knew it.
    const sinceFirstSeen = end - ms(state.firstSeenAt);
    const status: RestoreTestStatus =
      sinceFirstSeen > restoreTestMs ? 'never' : 'not-yet-due';
    return {
      status,
      restoreTestMs,
      failed,
      ...(failedMessage !== undefined && { failedMessage }),
    };
  }
  const ageMs = end - last.at;
  const status: RestoreTestStatus =
    ageMs > restoreTestMs
      ? 'overdue'
      : last.durationMs !== undefined && last.durationMs > rtoMs
        ? 'slow'
        : 'ok';
  return {
    status,
    restoreTestMs,
    lastAt: new Date(last.at),
    ...(last.durationMs !== undefined && { durationMs: last.durationMs }),
    ageMs,
    failed,
    ...(validated !== undefined && { validated }),
    ...(failedMessage !== undefined && { failedMessage }),
  };
};

/** Failure reasons listed per service, so one noisy bucket stays one line. */
const MAX_REASONS = 3;

/**
 * Returns a bucket's S3 replication problems over the week: each failed or
 * late notification opens a problem that lasts, as the checks hold it open,
 * until an object replicates after it or max(RPO, 24 h) passes; the share
 * is the monitored part of the week with none open. Undefined for other
 * automations, or when no part of the week was monitored.
 */
const replicationOf = (
  service: Service,
  { state, events }: ResourceHistory,
  week: ReportWeek,
  now: Date
): ReplicationFigures | undefined => {
  if (service.backup.automation !== 's3-replication') return undefined;
  const from = Math.max(ms(week.start), ms(state.firstSeenAt));
  const to = Math.min(ms(week.end), ms(now));
  if (to <= from) return undefined;
  const quietMs = Math.max(service.recovery.rpoMs, REPLICATION_QUIET_MS);
  const replication = events.filter(
    (e) => e.kind === 'replication' && ms(e.occurredAt) < to
  );
  const caughtUp = replication
    .filter((e) => e.state === 'completed')
    .map((e) => ms(e.occurredAt));
  const problems = replication.filter(
    (e) => e.state === 'failed' || e.state === 'late'
  );
  // Problem windows, clipped to the week and merged where they overlap.
  const windows = problems
    .map((e) => {
      const start = ms(e.occurredAt);
      const over = caughtUp.filter((at) => at >= start);
      const end = Math.min(start + quietMs, ...over);
      return [Math.max(start, from), Math.min(end, to)] as const;
    })
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let openMs = 0;
  let reach = from;
  for (const [start, end] of windows) {
    openMs += Math.max(0, end - Math.max(start, reach));
    reach = Math.max(reach, end);
  }
  const thisWeek = problems.filter((e) => inWeek(e.occurredAt, week));
  const failed = thisWeek.filter((e) => e.state === 'failed');
  const reasons = [
    ...new Set(
      failed.flatMap((e) => (e.failureReason ? [e.failureReason] : []))
    ),
  ];
  return {
    failed: failed.length,
    late: thisWeek.length - failed.length,
    reasons: reasons.slice(0, MAX_REASONS),
    withinRpoShare: 1 - openMs / (to - from),
  };
};

/** Sums the buckets' replication figures; the share is their mean. */
const sumReplication = (
  parts: ReplicationFigures[]
): ReplicationFigures | undefined =>
  parts.length === 0
    ? undefined
    : {
        failed: parts.reduce((n, p) => n + p.failed, 0),
        late: parts.reduce((n, p) => n + p.late, 0),
        reasons: [...new Set(parts.flatMap((p) => p.reasons))].slice(
          0,
          MAX_REASONS
        ),
        withinRpoShare:
          parts.reduce((sum, p) => sum + p.withinRpoShare, 0) / parts.length,
      };

const resourceFiguresOf = (
  service: Service,
  history: ResourceHistory,
  week: ReportWeek,
  now: Date
): ResourceFigures => {
  const { state } = history;
  const observed = observe(service, history, now);
  const scheduled = observed.watched && service.backup.automation !== 'manual';
  const timeline = scheduled
    ? timelineOf(service, state.resourceArn, observed, week, now)
    : [];
  const gap = observed.watched
    ? gapOf(service, state, observed, week, now)
    : undefined;
  const replication = replicationOf(service, history, week, now);
  return {
    resourceArn: state.resourceArn,
    resourceType: state.resourceType,
    scheduled,
    ...countCells(timeline),
    ...(gap !== undefined && { gap }),
    copies: copiesOf(service, history.events, observed, week, now),
    restoreTest: restoreTestOf(service, history, week, now),
    timeline,
    ...(replication !== undefined && { replication }),
  };
};

const keyOf = (key: AlertKey): string =>
  `${key.service}\n${key.resource ?? ''}`;

/** What an incident's transition says it was about: its root cause. */
const about = (
  t: Transition
): Pick<AlertEntry, 'service' | 'check' | 'resource' | 'summary'> => {
  const root = t.findings[0];
  return {
    service: t.alertKey.service,
    check: root?.check ?? 'backup-failed',
    ...(t.alertKey.resource !== undefined && { resource: t.alertKey.resource }),
    summary: root?.summary ?? '',
  };
};

/**
 * Returns the incidents that opened or resolved in the week, each named by
 * its root cause. A resolution is matched with the latest opening of the
 * same incident before it (which may precede the week); without one, the
 * root finding's `since` stands in.
 */
const alertsOf = (
  transitions: Transition[],
  week: ReportWeek,
  now: Date
): AlertFigures => {
  const sorted = [...transitions]
    .filter((t) => ms(t.at) <= ms(now) && ms(t.at) < ms(week.end))
    .sort((a, b) => ms(a.at) - ms(b.at));
  const openedAt = new Map<string, Date>();
  const entries: AlertEntry[] = [];
  const openEntry = new Map<string, AlertEntry>();
  for (const t of sorted) {
    const key = keyOf(t.alertKey);
    const counted = inWeek(t.at, week);
    if (t.to === 'open' && t.from !== 'open') {
      openedAt.set(key, t.at);
      if (!counted) continue;
      const entry: AlertEntry = { ...about(t), openedAt: t.at };
      entries.push(entry);
      openEntry.set(key, entry);
    } else if (t.to === 'resolved' && t.from === 'open') {
      const opened = openedAt.get(key) ?? t.findings[0]?.since ?? t.at;
      openedAt.delete(key);
      if (!counted) continue;
      const timeToResolveMs = ms(t.at) - ms(opened);
      const entry = openEntry.get(key);
      openEntry.delete(key);
      if (entry !== undefined) {
        Object.assign(entry, { resolvedAt: t.at, timeToResolveMs });
      } else {
        entries.push({ ...about(t), resolvedAt: t.at, timeToResolveMs });
      }
    }
  }
  return summariseAlerts(entries);
};

const summariseAlerts = (entries: AlertEntry[]): AlertFigures => {
  const times = entries.flatMap((e) =>
    e.resolvedAt !== undefined && e.timeToResolveMs !== undefined
      ? [e.timeToResolveMs]
      : []
  );
  return {
    opened: entries.filter((e) => e.openedAt !== undefined).length,
    resolved: times.length,
    ...(times.length > 0 && {
      meanTimeToResolveMs: Math.round(
        times.reduce((sum, t) => sum + t, 0) / times.length
      ),
      longestTimeToResolveMs: Math.max(...times),
    }),
    entries,
  };
};

const sumCounts = (parts: BackupCounts[]): BackupCounts => {
  const sum = (pick: (c: BackupCounts) => number): number =>
    parts.reduce((total, c) => total + pick(c), 0);
  const expected = sum((c) => c.expected);
  const succeeded = sum((c) => c.succeeded);
  return {
    expected,
    succeeded,
    failed: sum((c) => c.failed),
    missed: sum((c) => c.missed),
    late: sum((c) => c.late),
    ...(expected > 0 && { successRate: succeeded / expected }),
  };
};

const mean = (values: number[]): number | undefined =>
  values.length === 0
    ? undefined
    : values.reduce((sum, v) => sum + v, 0) / values.length;

const serviceFiguresOf = (
  runbook: Runbook,
  service: Service,
  histories: ResourceHistory[],
  serviceAlerts: AlertFigures,
  week: ReportWeek,
  now: Date
): ServiceFigures => {
  const resources = histories
    .map((h) => resourceFiguresOf(service, h, week, now))
    .sort((a, b) => a.resourceArn.localeCompare(b.resourceArn));
  const counts = sumCounts(resources);
  const gaps = resources.flatMap((r) => (r.gap ? [r.gap] : []));
  const copies: CopyFigures = {
    expected: resources.reduce((s, r) => s + r.copies.expected, 0),
    actual: resources.reduce((s, r) => s + r.copies.actual, 0),
    failed: resources.reduce((s, r) => s + r.copies.failed, 0),
  };
  const worst = [...resources].sort(
    (a, b) =>
      RESTORE_ORDER.indexOf(a.restoreTest.status) -
      RESTORE_ORDER.indexOf(b.restoreTest.status)
  )[0];
  const restoreTest: RestoreTestFigures = worst?.restoreTest ?? {
    status: 'not-required',
    failed: 0,
  };
  const replication = sumReplication(
    resources.flatMap((r) => (r.replication ? [r.replication] : []))
  );
  // A replicated bucket's RPO holds while no replication problem is open.
  const withinRpoShare =
    replication?.withinRpoShare ?? mean(gaps.map((g) => g.withinRpoShare));
  const score = serviceScore({
    backups: backupsPart(counts),
    rpo: withinRpoShare,
    copies: copies.expected === 0 ? undefined : copies.actual / copies.expected,
    restoreTests: mean(
      resources.flatMap((r) => {
        const part = restorePart(r.restoreTest.status);
        return part === undefined ? [] : [part];
      })
    ),
  });
  const recoverability = histories.flatMap(({ state }) => {
    if (!watchesBackups({ service, state, links: runbook.links })) return [];
    const found = newestRecoverable(service, state);
    return found.reason === undefined
      ? []
      : [`${shortName(state.resourceArn)}: ${recoverabilityText(found, now)}`];
  });
  return {
    service: service.id,
    name: service.name,
    tier: service.tier,
    owner: service.owner,
    automation: service.backup.automation,
    schedule: service.backup.schedule,
    scheduleText: describeSchedule(service.backup.schedule, service.timezone),
    rpoMs: service.recovery.rpoMs,
    rtoMs: service.recovery.rtoMs,
    ...counts,
    ...(gaps.length > 0 && {
      longestGapMs: Math.max(...gaps.map((g) => g.longestGapMs)),
    }),
    ...(withinRpoShare !== undefined && { withinRpoShare }),
    ...(replication !== undefined && { replication }),
    ...(recoverability.length > 0 && { recoverability }),
    copies,
    restoreTest,
    alerts: serviceAlerts,
    resources,
    timeline: resources
      .flatMap((r) => r.timeline)
      .sort((a, b) => ms(a.dueAt) - ms(b.dueAt)),
    ...(score !== undefined && { score }),
    links: {
      page: runbookUrl(runbook.links, service.id, ''),
      manualBackup: runbookUrl(runbook.links, service.id, 'manual-backup'),
      recovery: runbookUrl(runbook.links, service.id, 'recovery'),
    },
  };
};

const unmappedOf = (
  histories: ResourceHistory[],
  week: ReportWeek,
  now: Date
): UnmappedFigures[] =>
  histories.flatMap(({ state, events }) => {
    const seen = events.filter(
      (e) => inWeek(e.occurredAt, week) && ms(e.occurredAt) <= ms(now)
    );
    if (seen.length === 0) return [];
    const last = seen.reduce((a, b) =>
      ms(b.occurredAt) > ms(a.occurredAt) ? b : a
    );
    return [
      {
        resourceArn: state.resourceArn,
        resourceType: state.resourceType,
        account: state.account,
        region: state.region,
        events: seen.length,
        lastEventAt: last.occurredAt,
      },
    ];
  });

/**
 * Returns the histories a service is reported on: its resources' as the
 * checks watch them, or, for a service the monitor never heard from, a
 * placeholder per runbook resource whose RPO ran out as the week began:
 * every service counts, and one that never reported scores 0 for what it
 * owes.
 */
const watchedHistories = (
  service: Service,
  histories: ResourceHistory[],
  week: ReportWeek
): ResourceHistory[] => {
  const watched = new Set(
    watchedStates(
      service,
      histories.map((h) => h.state)
    )
  );
  const kept = histories.filter((h) => watched.has(h.state));
  if (kept.length > 0) return kept;
  // Known one RPO before the week: nothing recoverable all week.
  const firstSeenAt = new Date(ms(week.start) - service.recovery.rpoMs);
  return service.resources.map((resourceArn) => ({
    state: {
      resourceArn,
      resourceType: resourceTypeOf(resourceArn),
      service: service.id,
      account: arnField(resourceArn, ARN_ACCOUNT),
      region: arnField(resourceArn, ARN_REGION),
      firstSeenAt,
      recentBackups: [],
      copies: [],
      replicationObjects: [],
    },
    events: [],
  }));
};

/**
 * Returns why a service is silent this week, or undefined when something it
 * owes reached the monitor. S3 replication reports only problems, so its
 * quiet is not silence.
 */
const silence = (
  service: Service,
  histories: ResourceHistory[],
  week: ReportWeek,
  now: Date
): string | undefined => {
  if (service.backup.automation === 's3-replication') return undefined;
  const heard = histories.some(
    (h) =>
      h.state.lastEventAt !== undefined ||
      h.events.some((e) => ms(e.occurredAt) <= ms(now))
  );
  if (!heard) {
    return `never reported: no ${service.backup.automation} backup has reached the monitor`;
  }
  const thisWeek = histories.some((h) =>
    h.events.some(
      (e) => inWeek(e.occurredAt, week) && ms(e.occurredAt) <= ms(now)
    )
  );
  return thisWeek ? undefined : 'nothing reported this week';
};

/** Returns where each drilled DR scenario stands at the end of the week. */
const drillsOf = (
  runbook: Runbook,
  histories: ResourceHistory[],
  week: ReportWeek,
  now: Date
): DrillFigures[] => {
  const end = Math.min(ms(week.end), ms(now));
  return runbook.drills.scenarios.map((scenario) => {
    const history = histories.find(
      (h) => h.state.resourceArn === `drill:${scenario.id}`
    );
    const drills = (history?.events ?? []).filter(
      (e) => e.kind === 'drill' && ms(completedOf(e)) <= end
    );
    const failed = drills.filter(
      (e) => FAILED_STATES.has(e.state) && inWeek(e.occurredAt, week)
    ).length;
    const completed = drills
      .filter((e) => e.state === 'completed')
      .sort((a, b) => ms(completedOf(b)) - ms(completedOf(a)));
    const fromState = history?.state.lastDrill;
    const lastAt =
      completed[0] === undefined
        ? fromState !== undefined && ms(fromState.at) <= end
          ? fromState.at
          : undefined
        : completedOf(completed[0]);
    const durationMs =
      completed[0]?.startedAt !== undefined
        ? ms(completedOf(completed[0])) - ms(completed[0].startedAt)
        : fromState?.durationMs;
    const base = {
      scenario: scenario.id,
      title: scenario.title,
      everyMs: scenario.everyMs,
      rtoMs: scenario.rtoMs,
      failed,
      link: disasterRecoveryUrl(runbook.links, scenario.id),
    };
    if (lastAt === undefined) {
      const known = history?.state.firstSeenAt;
      return {
        ...base,
        status:
          known !== undefined && end - ms(known) <= scenario.everyMs
            ? 'not-yet-due'
            : 'never',
      };
    }
    const status: DrillFigures['status'] =
      end - ms(lastAt) > scenario.everyMs
        ? 'overdue'
        : durationMs !== undefined && durationMs > scenario.rtoMs
          ? 'slow'
          : 'ok';
    return {
      ...base,
      status,
      lastAt,
      ...(durationMs !== undefined && { durationMs }),
    };
  });
};

/**
 * Orders services worst first: by score (those with nothing to measure
 * last), then by tier, critical first, then by id, so the reader starts
 * with what needs them most.
 */
const worstFirst = (a: ServiceFigures, b: ServiceFigures): number =>
  (a.score?.score ?? Number.POSITIVE_INFINITY) -
    (b.score?.score ?? Number.POSITIVE_INFINITY) ||
  TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
  a.service.localeCompare(b.service);

/** The week before's scores, for the change in score. */
interface PreviousScores {
  byService: Map<string, number | undefined>;
  score?: number;
}

const groupBy = <T, K>(
  items: Iterable<T>,
  keyOf: (item: T) => K
): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
};

/** One week's alerts, and its entries by service (looked up once per service). */
interface WeekAlerts {
  alerts: AlertFigures;
  byService: Map<string, AlertEntry[]>;
}

const weekAlerts = (
  transitions: Transition[],
  week: ReportWeek,
  now: Date
): WeekAlerts => {
  const alerts = alertsOf(transitions, week, now);
  return { alerts, byService: groupBy(alerts.entries, (e) => e.service) };
};

/** One service's figures for one week, with why it is silent if it is. */
const serviceWeek = (
  runbook: Runbook,
  service: Service,
  resources: ResourceHistory[],
  alerts: WeekAlerts,
  week: ReportWeek,
  now: Date
): ServiceFigures => {
  const histories = watchedHistories(service, resources, week);
  const figures = serviceFiguresOf(
    runbook,
    service,
    histories,
    summariseAlerts(alerts.byService.get(service.id) ?? []),
    week,
    now
  );
  const silent = silence(service, histories, week, now);
  return silent === undefined ? figures : { ...figures, silent };
};

/**
 * Builds a week's figures one service at a time: each service's histories
 * are folded into its figures as they arrive and can then be let go, so a
 * run holds the figures, not every event of the fleet (issue 18).
 */
interface WeeklyFold extends Omit<WeeklyFiguresFold, 'finish'> {
  /** Returns the figures; `previous` gives the week before's scores. */
  finish: (previous?: PreviousScores) => WeeklyFigures;
}

const startFold = (
  { runbook, transitions, timezone }: FoldInput,
  week: ReportWeek,
  now: Date
): WeeklyFold => {
  const alerts = weekAlerts(transitions, week, now);
  const services: ServiceFigures[] = [];
  const unmapped: UnmappedFigures[] = [];
  let drills: ResourceHistory[] = [];
  return {
    addService: (service, resources) => {
      services.push(
        serviceWeek(runbook, service, resources, alerts, week, now)
      );
    },
    addDrills: (resources) => {
      drills = resources;
    },
    addUnowned: (resource) => {
      unmapped.push(...unmappedOf([resource], week, now));
    },
    finish: (previous) => {
      if (previous !== undefined) {
        for (const figures of services) {
          const score = previous.byService.get(figures.service);
          if (score !== undefined && figures.score !== undefined) {
            figures.scoreChange = round1(figures.score.score - score);
          }
        }
      }
      services.sort(worstFirst);
      const score = overallScore(services);
      const previousScore = previous?.score;
      const zone = timezone ?? runbook.defaults.timezone;
      return {
        title: runbook.title,
        timezone: zone,
        week,
        weekLabel: isoWeekLabel(week, zone),
        generatedAt: now,
        totals: sumCounts(services),
        ...(score !== undefined && { score }),
        ...(previousScore !== undefined && { previousScore }),
        ...(score !== undefined &&
          previousScore !== undefined && {
            scoreChange: round1(score - previousScore),
          }),
        scoreFormula: SCORE_FORMULA,
        services,
        reporting: {
          services: services.length,
          reporting: services.filter((s) => s.silent === undefined).length,
        },
        drills: drillsOf(runbook, drills, week, now),
        alerts: alerts.alerts,
        alertsRecorded: true,
        unmapped,
        runbookUrl: runbookIndexUrl(runbook.links),
      };
    },
  };
};

/**
 * Returns a fold that computes a week's figures and, in the same pass, the
 * week before's scores for the change in score, as
 * `computeWeeklyFigures({ ...input, previous: computeWeeklyFigures(input,
 * before, now) }, week, now)` would from the same histories. Feed it every
 * runbook service once (`addService`), the DR scenarios' histories
 * (`addDrills`) and every resource no service claims (`addUnowned`), in
 * any order of services, then call `finish()`.
 *
 * @param input - the runbook, the alert transitions and the zone
 * @param week - the week to report on
 * @param before - the week before it
 * @param now - the instant the figures are computed at
 */
const foldWeeklyFigures = (
  input: FoldInput,
  week: ReportWeek,
  before: ReportWeek,
  now: Date
): WeeklyFiguresFold => {
  const { runbook, transitions } = input;
  const current = startFold(input, week, now);
  const beforeAlerts = weekAlerts(transitions, before, now);
  // Of the week before, only the scores are kept.
  const previous: { tier: Service['tier']; score?: ScoreBreakdown }[] = [];
  const byService = new Map<string, number | undefined>();
  return {
    addService: (service, resources) => {
      current.addService(service, resources);
      const { score } = serviceWeek(
        runbook,
        service,
        resources,
        beforeAlerts,
        before,
        now
      );
      previous.push({
        tier: service.tier,
        ...(score !== undefined && { score }),
      });
      byService.set(service.id, score?.score);
    },
    addDrills: current.addDrills,
    addUnowned: current.addUnowned,
    finish: () => {
      const score = overallScore(previous);
      return current.finish({
        byService,
        ...(score !== undefined && { score }),
      });
    },
  };
};

/**
 * Returns a fold that computes a week's figures with the change in score
 * from `previous`, the scores the week before's report sent (as the store
 * kept them): the week before is neither read nor folded again. A service
 * `previous` does not name shows no change.
 *
 * @param input - the runbook, the alert transitions and the zone
 * @param week - the week to report on
 * @param previous - the scores the week before's report sent
 * @param now - the instant the figures are computed at
 */
const foldWeeklyFiguresSince = (
  input: FoldInput,
  week: ReportWeek,
  previous: WeekScores,
  now: Date
): WeeklyFiguresFold => {
  const fold = startFold(input, week, now);
  const byService = new Map(
    previous.services.map((entry) => [entry.service, entry.score])
  );
  return {
    ...fold,
    finish: () =>
      fold.finish({
        byService,
        ...(previous.score !== undefined && { score: previous.score }),
      }),
  };
};

/**
 * Returns the scores a report of `figures` sends, for the store to keep
 * until the next week's report shows its change from them.
 *
 * @param figures - a week's figures
 */
const weekScoresOf = (figures: WeeklyFigures): WeekScores => ({
  ...(figures.score !== undefined && { score: figures.score }),
  services: figures.services.map((s) => ({
    service: s.service,
    ...(s.score !== undefined && { score: s.score.score }),
  })),
});

/**
 * Returns the weekly compliance figures: per service and per resource, the
 * backups expected in the week (due times whose deadline, due + start
 * window + completion window + grace, fell in the week and has passed by
 * `now`) and what became of each (ok, late, failed, missed), the longest
 * gap between recovery points against the RPO, copies, the last restore
 * test against RTO and its period, alerts opened and resolved, resources no
 * service claims, and the compliance score ({@link SCORE_FORMULA}) with its
 * change from `previous`. Services come worst first, then by tier.
 *
 * Pure: events later than `now` are ignored, so the same input gives the
 * same figures at any simulated time.
 *
 * @param input - the runbook, each resource's state and events around the
 *   week, alert transitions, and the week before's figures
 * @param week - from `isoWeekContaining` / `previousIsoWeek`
 * @param now - the instant the figures are computed at
 * @throws {InvalidScheduleError} when a service's schedule is invalid (a
 *   linted runbook has none)
 */
const computeWeeklyFigures = (
  input: FiguresInput,
  week: ReportWeek,
  now: Date
): WeeklyFigures => {
  const { runbook, previous } = input;
  const fold = startFold(input, week, now);
  const ids = new Set(runbook.services.map((s) => s.id));
  // Grouped once, so the figures are linear in resources, not services x resources.
  const byService = groupBy(input.resources, (h) => h.state.service);
  for (const service of runbook.services) {
    fold.addService(service, byService.get(service.id) ?? []);
  }
  fold.addDrills(byService.get(DRILLS_SERVICE) ?? []);
  for (const history of input.resources) {
    const owner = history.state.service;
    if (owner === undefined || (!ids.has(owner) && owner !== DRILLS_SERVICE)) {
      fold.addUnowned(history);
    }
  }
  return fold.finish(
    previous === undefined
      ? undefined
      : {
          byService: new Map(
            previous.services.map((s) => [s.service, s.score?.score])
          ),
          ...(previous.score !== undefined && { score: previous.score }),
        }
  );
};

export {
  computeWeeklyFigures,
  foldWeeklyFigures,
  foldWeeklyFiguresSince,
  weekScoresOf,
};
