import { drillResource } from '../events/index.js';
import { StoreError } from '../history/index.js';
import {
  type BackupEvent,
  DRILLS_SERVICE,
  type HeldEvent,
  type InputIssue,
} from '../model/index.js';
import { matchResource, type Runbook } from '../runbook/index.js';
import type { MonitorDeps, RecordedEvent } from './types.js';

/**
 * How long an event that names only a recovery point waits for the event
 * that says whose it is, before it is recorded as it is (an unmapped
 * resource). RDS reports AWS Backup's snapshot when it is made, and the job's
 * own event follows within the hour; a day also covers a job event that
 * AWS delivers late.
 */
const HOLD_LIMIT_MS = 24 * 60 * 60 * 1000;

/** True when the normaliser could not name the resource (see BackupEvent). */
const needsResolving = (event: BackupEvent): boolean =>
  event.recoveryPointArn !== undefined &&
  event.resourceArn === event.recoveryPointArn;

/**
 * Returns the service an event belongs to: a drill's is the DR scenarios'
 * own, any other's the one that claims its resource; undefined = unmapped.
 */
const serviceOf = (runbook: Runbook, event: BackupEvent): string | undefined =>
  event.kind === 'drill'
    ? runbook.drills.scenarios.some(
        (s) => drillResource(s.id) === event.resourceArn
      )
      ? DRILLS_SERVICE
      : undefined
    : matchResource(runbook, event.resourceArn)?.id;

/** Called with an event the store refuses for good (see recordEvents). */
type Refused = (event: BackupEvent, error: StoreError) => Promise<void>;

/** What recording did. */
interface Recorded {
  /**
   * Events recorded, in the order recorded, duplicates too: a redelivery
   * may be the retry of a write that failed halfway, and its evaluation
   * was never run.
   */
  recorded: RecordedEvent[];
  /** Events held until their recovery point's owner is known. */
  held: number;
}

const heldKey = (held: HeldEvent): string =>
  `${held.recoveryPointArn}#${held.event.id}`;

/**
 * Records events one at a time, each attributed to the service that claims
 * its resource, and attributes the held events every recorded owner frees.
 */
const createRecorder = (
  deps: Pick<MonitorDeps, 'store' | 'runbook'>,
  now: Date,
  refused: Refused | undefined
) => {
  const { store, runbook } = deps;
  const result: Recorded = { recorded: [], held: 0 };
  // A crafted copy could name its own source as its copy: never loop.
  const releasing = new Set<string>();

  const record = async (event: BackupEvent): Promise<void> => {
    let waiting: string[];
    try {
      const written = await store.recordEvent(
        event,
        serviceOf(runbook, event),
        now
      );
      result.recorded.push({
        event,
        state: written.state,
        outcome: written.outcome,
      });
      waiting = written.waiting;
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
      await refused(event, error);
      return;
    }
    for (const recoveryPointArn of waiting) {
      for (const held of await store.listHeldEvents(recoveryPointArn)) {
        await release(held, event.resourceArn);
      }
    }
  };

  /** Records a held event as its owner's, then forgets it. */
  const release = async (held: HeldEvent, owner: string): Promise<void> => {
    const key = heldKey(held);
    if (releasing.has(key)) return;
    releasing.add(key);
    await record({ ...held.event, resourceArn: owner });
    await store.releaseHeldEvent(held);
  };

  /** Records an event that names only a recovery point, or holds it. */
  const resolve = async (event: BackupEvent): Promise<void> => {
    const recoveryPointArn = event.recoveryPointArn as string;
    const owner = await store.findResourceByRecoveryPoint(recoveryPointArn);
    if (owner !== undefined) {
      await record({ ...event, resourceArn: owner });
      return;
    }
    const ownerMeanwhile = await store.holdEvent(event, recoveryPointArn);
    if (ownerMeanwhile === undefined) result.held += 1;
    else await release({ event, recoveryPointArn }, ownerMeanwhile);
  };

  return { record, release, resolve, result };
};

/**
 * Records normalised events as ingest does: each attributed to the service
 * that claims its resource, once. An event that names only a recovery
 * point (a restore or copy without its source, an RDS snapshot without its
 * DB) is attributed through the event that owns the point; when none is
 * recorded yet it is held, and recorded when one is. So a backup job and
 * its restore, or AWS Backup's RDS snapshot and its job, may arrive in any
 * order, together or apart. `sentinel audit` records the events it converts
 * from the AWS APIs with it.
 *
 * @param deps - the store and the runbook
 * @param events - normalised events
 * @param now - the clock reading
 * @param refused - called with an event the store refuses for good (a
 *   non-retryable StoreError); without it, that error propagates
 * @throws {Error} whatever the store throws, but for refusals handed to `refused`
 */
const recordEvents = async (
  deps: Pick<MonitorDeps, 'store' | 'runbook'>,
  events: BackupEvent[],
  now: Date,
  refused?: Refused
): Promise<Recorded> => {
  const recorder = createRecorder(deps, now, refused);
  // Owners first, so a batch attributes its own events without holding them.
  for (const event of events.filter((e) => !needsResolving(e))) {
    await recorder.record(event);
  }
  for (const event of events.filter(needsResolving)) {
    await recorder.resolve(event);
  }
  return recorder.result;
};

/**
 * Records the held events whose owner is known by now (a write raced the
 * hold), and those held longer than {@link HOLD_LIMIT_MS} as they are, so a
 * snapshot no job owns becomes an unmapped resource. Runs before each
 * evaluation.
 *
 * @param deps - the store and the runbook
 * @param now - the evaluation's instant
 */
const settleHeldEvents = async (
  deps: Pick<MonitorDeps, 'store' | 'runbook'>,
  now: Date
): Promise<Recorded> => {
  const { store } = deps;
  const recorder = createRecorder(deps, now, async (event, error) => {
    const issues: InputIssue[] = [
      { path: '', message: `the store refused the event: ${error.message}` },
    ];
    await store.recordRejected(JSON.stringify(event), issues, now);
  });
  for (const held of await store.listHeldEvents()) {
    const owner = await store.findResourceByRecoveryPoint(
      held.recoveryPointArn
    );
    if (owner !== undefined) {
      await recorder.release(held, owner);
    } else if (
      now.getTime() - held.event.occurredAt.getTime() >=
      HOLD_LIMIT_MS
    ) {
      await recorder.release(held, held.event.resourceArn);
    } else {
      recorder.result.held += 1;
    }
  }
  return recorder.result;
};

export type { Recorded };
export { HOLD_LIMIT_MS, recordEvents, serviceOf, settleHeldEvents };
