import { announceChanges } from '../alerts/index.js';
import { normalise } from '../events/index.js';
import type { BackupEvent, InputIssue } from '../model/index.js';
import { matchResource, type Runbook } from '../runbook/index.js';
import { evaluateRecorded } from './evaluate.js';
import { recordEvents, serviceOf } from './record.js';
import type {
  IngestRejection,
  IngestSummary,
  MonitorDeps,
  RecordedEvent,
} from './types.js';

const asText = (raw: unknown): string => {
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
};

/**
 * Returns why an event cannot be attributed as its reporter said: the
 * product's own events name their service, which must claim the resource,
 * and a drill's scenario, which runbook.yml must drill.
 */
const attributionIssues = (
  runbook: Runbook,
  event: BackupEvent
): InputIssue[] => {
  if (event.kind === 'drill' && serviceOf(runbook, event) === undefined) {
    const known = runbook.drills.scenarios.map((s) => s.id);
    return [
      {
        path: 'detail.scenario',
        message: `'${event.resourceArn.slice('drill:'.length)}' is not a scenario runbook.yml drills (${known.length === 0 ? 'it names none' : known.join(', ')})`,
      },
    ];
  }
  if (event.claimedBy === undefined) return [];
  const owner = matchResource(runbook, event.resourceArn)?.id;
  if (owner === event.claimedBy) return [];
  const service = runbook.services.some((s) => s.id === event.claimedBy)
    ? `service '${event.claimedBy}' does not claim`
    : `there is no service '${event.claimedBy}' to claim`;
  return [
    {
      path: 'detail.resource',
      message: `${service} '${event.resourceArn}'${owner === undefined ? '' : ` ('${owner}' does)`}`,
    },
  ];
};

/** What recording a list of inputs did, before any evaluation. */
interface Recording {
  recorded: RecordedEvent[];
  summary: IngestSummary;
}

/**
 * Normalises and records inputs (see runIngest), without evaluating.
 *
 * @param deps - the store and the runbook
 * @param inputs - raw inputs as AWS delivers them
 * @param now - the invocation's clock reading
 * @throws {StoreError} what the store throws, but for refusals kept as rejections
 */
const recordInputs = async (
  deps: MonitorDeps,
  inputs: unknown[],
  now: Date
): Promise<Recording> => {
  const { store } = deps;
  const rejections: IngestRejection[] = [];
  const rejectInput = async (
    index: number,
    issues: InputIssue[]
  ): Promise<void> => {
    await store.recordRejected(asText(inputs[index]), issues, now);
    rejections.push({ index, issues });
  };
  const events: BackupEvent[] = [];
  const inputOf = new Map<BackupEvent, number>();
  const ignores: IngestSummary['ignores'] = [];
  for (const [index, raw] of inputs.entries()) {
    const result = normalise(raw);
    if (!result.ok) {
      await rejectInput(index, result.issues);
      continue;
    }
    const misattributed = result.value.flatMap((e) =>
      attributionIssues(deps.runbook, e)
    );
    if (misattributed.length > 0) {
      await rejectInput(index, misattributed);
      continue;
    }
    if (result.value.length === 0) {
      ignores.push({ index, reason: result.ignored ?? 'no events' });
    }
    for (const event of result.value) {
      events.push(event);
      inputOf.set(event, index);
    }
  }
  const { recorded, held } = await recordEvents(
    deps,
    events,
    now,
    async (event, error) => {
      const issues = [
        { path: '', message: `the store refused the event: ${error.message}` },
      ];
      const index = inputOf.get(event);
      // An event held since an earlier invocation is no input of this one.
      if (index === undefined) {
        await store.recordRejected(JSON.stringify(event), issues, now);
      } else {
        await rejectInput(index, issues);
      }
    }
  );
  const fresh = recorded.filter((r) => r.outcome === 'recorded').length;
  return {
    recorded,
    summary: {
      recorded: fresh,
      duplicates: recorded.length - fresh,
      held,
      rejected: rejections.length,
      ignored: ignores.length,
      rejections,
      ignores,
    },
  };
};

/**
 * Evaluates the resources recorded events touched, once each however many
 * events touched them, and puts passed restore tests on the services'
 * PagerDuty timelines (see runIngest).
 *
 * @param deps - the store, the runbook, the channels
 * @param recorded - what recordInputs recorded, in order
 * @param now - the invocation's clock reading
 * @throws {EvaluationError} when the store failed for some alerts
 */
const evaluateIngested = async (
  deps: MonitorDeps,
  recorded: RecordedEvent[],
  now: Date
): Promise<void> => {
  await evaluateRecorded(deps, recorded, now);
  // Passed restore tests go on the services' PagerDuty timelines, once.
  if (deps.channels !== undefined) {
    await announceChanges(
      { ...deps, channels: deps.channels },
      recorded
        .filter((r) => r.outcome === 'recorded')
        .map(({ event, state }) => ({ event, service: state.service }))
    );
  }
};

/**
 * Ingests raw inputs: normalise → record (each event attributed to the
 * runbook service that claims its resource, once) → evaluate the resources
 * the events touched → deliver, so a failure pages within seconds → put
 * passed restore tests on the services' PagerDuty timelines (Change
 * Events, paging nobody). Inputs that cannot be understood are kept with
 * their reasons (`recordRejected`) and never thrown, as is an event the
 * store refuses for good (a non-retryable `StoreError`); other store errors
 * propagate so the platform retries. Events whose resource is unknown (a
 * restore or copy without its source, an RDS snapshot without its DB) are
 * attributed through their recovery point's owner, or held until it is
 * recorded (see `recordEvents`).
 *
 * @param deps - the store, the runbook, the channels (none for a replay), a logger
 * @param inputs - raw inputs as AWS delivers them (objects or JSON strings)
 * @param now - the invocation's clock reading
 * @throws {StoreError} what the store throws, but for refusals kept as rejections
 * @throws {EvaluationError} when the store failed for some alerts
 */
const runIngest = async (
  deps: MonitorDeps,
  inputs: unknown[],
  now: Date
): Promise<IngestSummary> => {
  const { recorded, summary } = await recordInputs(deps, inputs, now);
  await evaluateIngested(deps, recorded, now);
  return summary;
};

/** A summary of nothing ingested yet. */
const emptySummary = (): IngestSummary => ({
  recorded: 0,
  duplicates: 0,
  held: 0,
  rejected: 0,
  ignored: 0,
  rejections: [],
  ignores: [],
});

/**
 * Adds one invocation's summary to a running total; its inputs' indexes
 * move by `offset`, where its first input stands among all of them.
 */
const addSummary = (
  total: IngestSummary,
  summary: IngestSummary,
  offset: number
): void => {
  total.recorded += summary.recorded;
  total.duplicates += summary.duplicates;
  total.held += summary.held;
  total.rejected += summary.rejected;
  total.ignored += summary.ignored;
  for (const rejection of summary.rejections) {
    total.rejections.push({ ...rejection, index: rejection.index + offset });
  }
  for (const ignore of summary.ignores) {
    total.ignores.push({ ...ignore, index: ignore.index + offset });
  }
};

export type { Recording };
export { addSummary, emptySummary, evaluateIngested, recordInputs, runIngest };
