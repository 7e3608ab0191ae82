import { mapLimit } from '../concurrency.js';
import type { HistoryStore, ResourceState } from '../model/index.js';
import type { Runbook } from '../runbook/index.js';
import { computeWeeklyFigures } from './figures.js';
import type { ReportWeek, ResourceHistory, WeeklyFigures } from './types.js';
import { isoWeekContaining } from './week.js';

const WEEK_MS = 7 * 86_400_000;

/** Parallel reads per report: enough to hide latency, few enough for DynamoDB. */
const READ_CONCURRENCY = 8;

/** What {@link loadWeeklyFigures} reads from. */
interface FiguresSource {
  store: HistoryStore;
  runbook: Runbook;
  /** The zone the weeks run in; default the runbook's `defaults.timezone`. */
  timezone?: string;
}

/**
 * Reads one week of history from the store and returns its figures, with
 * the week before's for the change in score. Per resource it reads the
 * events from a week before the week before (so that week's gaps have an
 * anchor too) up to `now` (a late backup completes after its deadline);
 * resource states come from each service's index query and the unmapped
 * list, never a scan.
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
  const from = new Date(before.start.getTime() - WEEK_MS);
  // Events after `now` would be ignored anyway: don't read them.
  const to = new Date(Math.max(now.getTime() + 1, from.getTime()));
  const states: ResourceState[] = [
    ...(
      await mapLimit(runbook.services, READ_CONCURRENCY, (s) =>
        store.listServiceStates(s.id)
      )
    ).flat(),
    ...(await store.listUnmappedStates()),
  ];
  const resources: ResourceHistory[] = await mapLimit(
    states,
    READ_CONCURRENCY,
    async (state) => ({
      state,
      events: await store.listEvents(state.resourceArn, from, to),
    })
  );
  const transitions = await store.listTransitions(from, to);
  const input = { runbook, resources, transitions, timezone };
  const previous = computeWeeklyFigures(input, before, now);
  return computeWeeklyFigures({ ...input, previous }, week, now);
};

export type { FiguresSource };
export { loadWeeklyFigures };
