import { StoreError } from '../history/index.js';
import { matchResource } from '../runbook/index.js';
import { normalise } from './normalise.js';
import type {
  BackupEvent,
  IngestDeps,
  IngestRejection,
  IngestSummary,
  InputIssue,
} from './types.js';

/** A normalised event and the input it came from. */
interface Pending {
  event: BackupEvent;
  index: number;
}

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

/**
 * Normalises raw inputs, attributes each event to a runbook service and
 * records it once. Inputs that cannot be understood are kept with their
 * reasons (`recordRejected`) and never thrown, as is an event the store
 * refuses for good (a non-retryable `StoreError`); other store errors
 * propagate so the platform retries. Events whose resource is unknown (a restore or copy
 * without its source, a manually named RDS snapshot) are attributed through
 * the recovery point after every other event of the run is recorded, so a
 * backup job and its restore may arrive in the same batch in any order.
 *
 * @param deps - the store, the runbook and an optional `onRecorded` hook
 * @param inputs - raw inputs as AWS delivers them (objects or JSON strings)
 * @param now - the invocation's clock reading
 * @throws {Error} whatever the store or `onRecorded` throws
 */
const runIngest = async (
  deps: IngestDeps,
  inputs: unknown[],
  now: Date
): Promise<IngestSummary> => {
  const { store, runbook } = deps;
  const rejections: IngestRejection[] = [];
  const rejectInput = async (
    index: number,
    issues: InputIssue[]
  ): Promise<void> => {
    await store.recordRejected(asText(inputs[index]), issues, now);
    rejections.push({ index, issues });
  };
  const known: Pending[] = [];
  const unresolved: Pending[] = [];
  let ignored = 0;
  for (const [index, raw] of inputs.entries()) {
    const result = normalise(raw);
    if (!result.ok) {
      await rejectInput(index, result.issues);
      continue;
    }
    if (result.value.length === 0) ignored += 1;
    for (const event of result.value) {
      (needsResolving(event) ? unresolved : known).push({ event, index });
    }
  }
  const fresh: BackupEvent[] = [];
  let duplicates = 0;
  const record = async ({ event, index }: Pending): Promise<void> => {
    const service = matchResource(runbook, event.resourceArn)?.id;
    try {
      const outcome = await store.recordEvent(event, service, now);
      if (outcome === 'recorded') fresh.push(event);
      else duplicates += 1;
    } catch (error) {
      // A retry cannot fix what the store refuses outright (an item too
      // large): keep the input instead of redelivering it forever.
      if (!(error instanceof StoreError) || error.retryable) throw error;
      await rejectInput(index, [
        { path: '', message: `the store refused the event: ${error.message}` },
      ]);
    }
  };
  for (const pending of known) await record(pending);
  for (const pending of unresolved) {
    // The recovery point stays the resource when no backup job named it.
    const owner = await store.findResourceByRecoveryPoint(
      pending.event.recoveryPointArn as string
    );
    await record(
      owner === undefined
        ? pending
        : { ...pending, event: { ...pending.event, resourceArn: owner } }
    );
  }
  if (fresh.length > 0 && deps.onRecorded !== undefined) {
    await deps.onRecorded(fresh, now);
  }
  return {
    recorded: fresh.length,
    duplicates,
    rejected: rejections.length,
    ignored,
    rejections,
  };
};

export { runIngest };
