import { announceChanges } from '../alerts/index.js';
import { normalise } from '../events/index.js';
import { StoreError } from '../history/index.js';
import type { BackupEvent, InputIssue } from '../model/index.js';
import { matchResource } from '../runbook/index.js';
import { evaluateRecorded } from './evaluate.js';
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

/** True when the normaliser could not name the resource (see BackupEvent). */
const needsResolving = (event: BackupEvent): boolean =>
  event.recoveryPointArn !== undefined &&
  event.resourceArn === event.recoveryPointArn;

/** What `recordEvents` did. */
interface Recorded {
  /** Events recorded for the first time, in the order recorded. */
  fresh: RecordedEvent[];
  duplicates: number;
}

/**
 * Records normalised events as ingest does: each attributed to the service
 * that claims its resource, once; events that name only a recovery point (a
 * restore or copy without its source) are resolved through the store after
 * all the others, so a backup job and its restore may come in any order.
 * `sentinel audit` records the events it converts from the AWS APIs with it.
 *
 * @param deps - the store and the runbook
 * @param events - normalised events
 * @param now - the clock reading
 * @param refused - called with the position of an event the store refuses
 *   for good (a non-retryable StoreError); without it, that error propagates
 * @throws {Error} whatever the store throws, but for refusals handed to `refused`
 */
const recordEvents = async (
  deps: Pick<MonitorDeps, 'store' | 'runbook'>,
  events: BackupEvent[],
  now: Date,
  refused?: (position: number, error: StoreError) => Promise<void>
): Promise<Recorded> => {
  const { store, runbook } = deps;
  const fresh: RecordedEvent[] = [];
  let duplicates = 0;
  const record = async (event: BackupEvent, position: number) => {
    const service = matchResource(runbook, event.resourceArn)?.id;
    try {
      const { outcome, state } = await store.recordEvent(event, service, now);
      if (outcome === 'recorded') fresh.push({ event, state });
      else duplicates += 1;
    } catch (error) {
      // A retry cannot fix what the store refuses outright (an item too
      // large): keep the input instead of redelivering it forever.
      if (
        refused === undefined ||
        !(error instanceof StoreError) ||
        error.retryable
      ) {
        throw error;
      }
      await refused(position, error);
    }
  };
  const positions = [...events.keys()];
  for (const i of positions.filter((i) => !needsResolving(events[i]!))) {
    await record(events[i]!, i);
  }
  for (const i of positions.filter((i) => needsResolving(events[i]!))) {
    const event = events[i]!;
    // The recovery point stays the resource when no backup job named it.
    const owner = await store.findResourceByRecoveryPoint(
      event.recoveryPointArn as string
    );
    await record(
      owner === undefined ? event : { ...event, resourceArn: owner },
      i
    );
  }
  return { fresh, duplicates };
};

/**
 * Ingests raw inputs: normalise → record (each event attributed to the
 * runbook service that claims its resource, once) → evaluate the resources
 * the new events touched → deliver, so a failure pages within seconds →
 * put passed restore tests on the services' PagerDuty timelines (Change
 * Events, paging nobody). Inputs that cannot be understood are kept with their
 * reasons (`recordRejected`) and never thrown, as is an event the store
 * refuses for good (a non-retryable `StoreError`); other store errors
 * propagate so the platform retries. Events whose resource is unknown (a
 * restore or copy without its source, a manually named RDS snapshot) are
 * attributed through the recovery point after every other event of the run
 * (see `recordEvents`).
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
  const inputOf: number[] = [];
  let ignored = 0;
  for (const [index, raw] of inputs.entries()) {
    const result = normalise(raw);
    if (!result.ok) {
      await rejectInput(index, result.issues);
      continue;
    }
    if (result.value.length === 0) ignored += 1;
    for (const event of result.value) {
      events.push(event);
      inputOf.push(index);
    }
  }
  const { fresh, duplicates } = await recordEvents(
    deps,
    events,
    now,
    (position, error) =>
      rejectInput(inputOf[position]!, [
        { path: '', message: `the store refused the event: ${error.message}` },
      ])
  );
  await evaluateRecorded(deps, fresh, now);
  // Passed restore tests go on the services' PagerDuty timelines.
  if (deps.channels !== undefined) {
    await announceChanges(
      { ...deps, channels: deps.channels },
      fresh.map(({ event, state }) => ({ event, service: state.service }))
    );
  }
  return {
    recorded: fresh.length,
    duplicates,
    rejected: rejections.length,
    ignored,
    rejections,
  };
};

export { recordEvents, runIngest };
