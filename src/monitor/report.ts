import { mapLimit, REQUESTS_IN_FLIGHT } from '../concurrency.js';
import {
  DRILLS_SERVICE,
  type HistoryStore,
  type ResourceState,
} from '../model/index.js';
import {
  foldWeeklyFigures,
  foldWeeklyFiguresSince,
  isoWeekContaining,
  previousIsoWeek,
  ReportDeliveryError,
  type ReportWeek,
  type ResourceHistory,
  renderReport,
  type WeeklyFigures,
  weekScoresOf,
} from '../report/index.js';
import type { Runbook } from '../runbook/index.js';
import type { ReportDeps, ReportRunSummary } from './types.js';

const WEEK_MS = 7 * 86_400_000;

/** What {@link loadWeeklyFigures} reads from. */
interface FiguresSource {
  store: HistoryStore;
  runbook: Runbook;
  /** The zone the weeks run in; default the runbook's `defaults.timezone`. */
  timezone?: string;
}

/**
 * Reads one week of history from the store and returns its figures, with
 * the change in score from the week before: from the scores the week
 * before's report sent when the store kept them, so that week is not
 * folded again and the change is from what readers were told; else (the
 * first report, or a change of zone) from that week's figures folded in
 * the same pass. Per resource it reads the events from a week before the
 * week before (so the gaps have an anchor, and restore tests of the two
 * weeks before count) up to `now` (a late backup completes after its
 * deadline). Resource states come from each service's index
 * query and the unmapped list, never a scan. Services are read and folded
 * into the figures one at a time, at most {@link REQUESTS_IN_FLIGHT} reads
 * in flight, so memory holds the figures and the events of the services
 * being read, not a week of the whole fleet's events (issue 18).
 *
 * @param source - the store, the runbook and the zone
 * @param week - the week to report on
 * @param now - the run's instant
 * @throws {StoreError} when the store fails
 */
const loadWeeklyFigures = async (
  source: FiguresSource,
  week: ReportWeek,
  now: Date
): Promise<WeeklyFigures> => {
  const { store, runbook } = source;
  const timezone = source.timezone ?? runbook.defaults.timezone;
  const before = isoWeekContaining(
    new Date(week.start.getTime() - 1),
    timezone
  );
  const kept = await store.getWeekScores(before.start);
  const from = new Date(before.start.getTime() - WEEK_MS);
  // Events after `now` would be ignored anyway: don't read them.
  const to = new Date(Math.max(now.getTime() + 1, from.getTime()));
  const historyOf = async (state: ResourceState): Promise<ResourceHistory> => ({
    state,
    events: await store.listEvents(state.resourceArn, from, to),
  });
  // A service's resources are read one after another, so services in
  // flight bound the requests in flight.
  const historiesOf = async (states: ResourceState[]) =>
    mapLimit(states, 1, historyOf);
  const input = {
    runbook,
    transitions: await store.listTransitions(from, to),
    timezone,
  };
  const fold =
    kept === undefined
      ? foldWeeklyFigures(input, week, before, now)
      : foldWeeklyFiguresSince(input, week, kept, now);
  const [, drills, unowned] = await Promise.all([
    mapLimit(runbook.services, REQUESTS_IN_FLIGHT - 2, async (service) => {
      const states = await store.listServiceStates(service.id);
      fold.addService(service, await historiesOf(states));
    }),
    // The DR scenarios' drills: resources of a service of their own.
    runbook.drills.scenarios.length > 0
      ? store.listServiceStates(DRILLS_SERVICE).then(historiesOf)
      : [],
    store.listUnmappedStates().then(historiesOf),
  ]);
  fold.addDrills(drills);
  for (const history of unowned) fold.addUnowned(history);
  return fold.finish();
};

/**
 * Sends the weekly report: load the last complete ISO week's history (in `deps.timezone`, else the
 * runbook's zone), computes its compliance figures with the change from
 * the week before, keeps the week's scores for the next report's change,
 * renders the report and hands it to every sender. A
 * sender that fails does not stop the others; the run then throws, so the
 * platform retries.
 *
 * @example
 * ```ts
 * const summary = await runWeeklyReport(
 *   { store, runbook, send: [new SnsReportSender({ client, topicArn })] },
 *   new Date()
 * );
 * ```
 *
 * @param deps - the store, the runbook, the senders and the zone
 * @param now - the run's instant (Monday morning, usually)
 * @throws {ReportDeliveryError} naming every sender that failed
 * @throws {StoreError} when the store fails
 */
const runWeeklyReport = async (
  deps: ReportDeps,
  now: Date
): Promise<ReportRunSummary> => {
  const timezone = deps.timezone ?? deps.runbook.defaults.timezone;
  const week = previousIsoWeek(now, timezone);
  const figures = await loadWeeklyFigures(
    { store: deps.store, runbook: deps.runbook, timezone },
    week,
    now
  );
  // Kept before sending: a store that fails fails the run before anything
  // went out, and the retry sends once.
  await deps.store.saveWeekScores(week.start, weekScoresOf(figures), now);
  const message = renderReport(figures);
  const outcomes = await Promise.allSettled(
    deps.send.map((sender) => sender.send(message))
  );
  const failed = outcomes.flatMap((o, i) =>
    o.status === 'rejected' ? [{ sender: deps.send[i]!, error: o.reason }] : []
  );
  if (failed.length > 0) {
    const names = failed.map((f) => f.sender.name);
    throw new ReportDeliveryError(
      names,
      `the report for ${figures.weekLabel} was not delivered by ${names.join(', ')}: ${failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error))).join('; ')}`,
      {
        cause:
          failed.length === 1 ? failed[0]!.error : failed.map((f) => f.error),
      }
    );
  }
  return {
    week,
    weekLabel: figures.weekLabel,
    ...(figures.score !== undefined && { score: figures.score }),
    subject: message.subject,
    sent: deps.send.map((s) => s.name),
  };
};

export type { FiguresSource };
export { loadWeeklyFigures, runWeeklyReport };
