import type { AlertRecord, OwedDelivery, Transition } from '../model/index.js';
import { dedupKey } from './key.js';
import { inFlight, owe } from './lifecycle.js';
import type { DeliverDeps, DeliveryContext, DeliveryOutcome } from './types.js';

/**
 * Failed attempts (one per evaluation) after which a PagerDuty delivery is
 * also sent by SNS, with a note that paging failed.
 */
const MAX_PAGERDUTY_ATTEMPTS = 3;

interface Attempt {
  delivery: OwedDelivery;
  /** Undefined = delivered. */
  error: string | undefined;
}

const needsFallback = (o: OwedDelivery): boolean =>
  o.channel === 'pagerduty' &&
  o.attempts >= MAX_PAGERDUTY_ATTEMPTS &&
  o.fellBackAt === undefined;

/**
 * Returns true when there is something this invocation may send now: an
 * owed delivery nobody is attempting, or a PagerDuty one to hand to SNS.
 *
 * @param record - the stored alert
 * @param now - the evaluation's instant
 */
const hasDeliveriesDue = (record: AlertRecord, now: Date): boolean =>
  record.owed.some((o) => !inFlight(o, now) || needsFallback(o));

const sameDelivery = (a: OwedDelivery, b: OwedDelivery): boolean =>
  a.channel === b.channel &&
  a.action === b.action &&
  a.firstOwedAt.getTime() === b.firstOwedAt.getTime();

/**
 * Marks what this invocation will send (attempts + 1, attemptedAt = now) and
 * owes SNS what PagerDuty keeps refusing. Saved before sending, so a crash
 * loses nothing and a concurrent invocation leaves these deliveries alone.
 * One delivery per channel at a time, in order, so a resolve never overtakes
 * its trigger.
 */
const claim = (
  record: AlertRecord,
  version: number,
  now: Date
): { record: AlertRecord; sending: OwedDelivery[] } => {
  let owed = record.owed;
  for (const failing of owed.filter(needsFallback)) {
    owed = owed.map((o) => (o === failing ? { ...o, fellBackAt: now } : o));
    owed = owe(owed, ['sns'], failing.action, now);
  }
  const sending: OwedDelivery[] = [];
  const busy = new Set<string>();
  owed = owed.map((o) => {
    const blocked = busy.has(o.channel) || inFlight(o, now);
    busy.add(o.channel);
    if (blocked) return o;
    const marked = { ...o, attempts: o.attempts + 1, attemptedAt: now };
    sending.push(marked);
    return marked;
  });
  return { record: { ...record, owed, version }, sending };
};

/** The note an SNS delivery carries while it stands in for PagerDuty. */
const fallbackNote = (
  record: AlertRecord,
  o: OwedDelivery
): string | undefined => {
  if (o.channel !== 'sns') return undefined;
  const paging = record.owed.find(
    (p) =>
      p.channel === 'pagerduty' &&
      p.action === o.action &&
      p.fellBackAt !== undefined
  );
  if (paging === undefined) return undefined;
  const why = paging.lastError ?? 'no error recorded';
  return `PagerDuty did not accept this ${o.action} after ${paging.attempts} attempts (${why}); it is sent by SNS instead.`;
};

const attempt = async (
  deps: DeliverDeps,
  record: AlertRecord,
  delivery: OwedDelivery,
  context: DeliveryContext
): Promise<Attempt> => {
  const channel = deps.channels.find((c) => c.name === delivery.channel);
  if (channel === undefined) {
    return { delivery, error: `channel ${delivery.channel} is not configured` };
  }
  const note = fallbackNote(record, delivery);
  try {
    await channel.deliver(delivery.action, record, {
      ...context,
      ...(note !== undefined && { note }),
    });
    return { delivery, error: undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { delivery, error: message };
  }
};

/** Removes what was delivered; what failed stays owed with its error. */
const applyAttempts = (
  owed: OwedDelivery[],
  attempts: Attempt[]
): OwedDelivery[] =>
  owed.flatMap((o) => {
    const done = attempts.find((a) => sameDelivery(a.delivery, o));
    if (done === undefined) return [o];
    return done.error === undefined ? [] : [{ ...o, lastError: done.error }];
  });

const MERGE_TRIES = 3;

/**
 * Saves the results of the attempts. When another invocation saved the alert
 * meanwhile (it left our in-flight deliveries alone), the results are merged
 * into its version instead, so a delivered page is not sent twice.
 */
const saveResults = async (
  deps: DeliverDeps,
  claimed: AlertRecord,
  attempts: Attempt[]
): Promise<AlertRecord | undefined> => {
  let base: AlertRecord | undefined = claimed;
  for (let i = 0; i < MERGE_TRIES && base !== undefined; i++) {
    const settled = {
      ...base,
      owed: applyAttempts(base.owed, attempts),
      version: base.version + 1,
    };
    if (await deps.store.saveAlert(settled, base.version)) return settled;
    base = await deps.store.getAlert(claimed.key);
  }
  deps.logger.warn(
    'alert changed while delivering; results not saved: the attempts will be retried',
    { alert: dedupKey(claimed.key) }
  );
  return undefined;
};

const deliverRound = async (
  deps: DeliverDeps,
  record: AlertRecord,
  expectedVersion: number | undefined,
  transitions: Transition[],
  context: DeliveryContext,
  now: Date
): Promise<DeliveryOutcome> => {
  const claimed = claim(record, (expectedVersion ?? 0) + 1, now);
  if (!(await deps.store.saveAlert(claimed.record, expectedVersion))) {
    deps.logger.info('alert skipped: another invocation got there first', {
      alert: dedupKey(record.key),
    });
    return { saved: false, delivered: 0, failed: 0, record: undefined };
  }
  if (transitions.length > 0) await deps.store.recordTransitions(transitions);
  if (claimed.sending.length === 0) {
    return { saved: true, delivered: 0, failed: 0, record: claimed.record };
  }
  const attempts = await Promise.all(
    claimed.sending.map((o) => attempt(deps, claimed.record, o, context))
  );
  for (const { delivery, error } of attempts) {
    if (error === undefined) continue;
    deps.logger.warn('delivery failed; it stays owed', {
      alert: dedupKey(record.key),
      channel: delivery.channel,
      action: delivery.action,
      attempts: delivery.attempts,
      error,
    });
  }
  const failed = attempts.filter((a) => a.error !== undefined).length;
  return {
    saved: true,
    delivered: attempts.length - failed,
    failed,
    record: await saveResults(deps, claimed.record, attempts),
  };
};

/**
 * Saves an alert with the deliveries it owes (compare-and-set on
 * `expectedVersion`), records its transitions, then attempts each owed
 * delivery and saves what is still owed. A delivery that fails stays owed
 * with its error and is retried at the next evaluation; once PagerDuty has
 * failed {@link MAX_PAGERDUTY_ATTEMPTS} times the alert also goes to SNS,
 * with a note that paging failed. When the first save loses the race, the
 * alert is skipped: another invocation got there first.
 *
 * @param deps - the store, the channels and a logger
 * @param record - the alert to save, with its owed deliveries
 * @param expectedVersion - the stored version it was planned from; undefined = new
 * @param transitions - the status changes that led to it (recorded once saved)
 * @param context - what channels need besides the alert
 * @param now - the evaluation's instant
 * @throws {StoreError} when the store fails (channel failures never throw)
 */
const deliverAlert = async (
  deps: DeliverDeps,
  record: AlertRecord,
  expectedVersion: number | undefined,
  transitions: Transition[],
  context: DeliveryContext,
  now: Date
): Promise<DeliveryOutcome> => {
  const first = await deliverRound(
    deps,
    record,
    expectedVersion,
    transitions,
    context,
    now
  );
  const saved = first.record;
  // Hand to SNS at once what PagerDuty just refused for the last time.
  if (saved === undefined || !saved.owed.some(needsFallback)) return first;
  deps.logger.error('PagerDuty keeps failing: the alert goes to SNS', {
    alert: dedupKey(record.key),
  });
  const second = await deliverRound(
    deps,
    saved,
    saved.version,
    [],
    context,
    now
  );
  return {
    saved: true,
    delivered: first.delivered + second.delivered,
    failed: first.failed + second.failed,
    record: second.record ?? saved,
  };
};

export { deliverAlert, hasDeliveriesDue, MAX_PAGERDUTY_ATTEMPTS };
