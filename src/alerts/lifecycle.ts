import type {
  AlertKey,
  AlertRecord,
  AlertStatus,
  ChannelName,
  DeliveryAction,
  Finding,
  OwedDelivery,
  Transition,
} from '../model/index.js';
import { dedupKey } from './key.js';
import type { AlertPlan, AlertPolicy } from './types.js';

const NOTHING: AlertPlan = { record: undefined, transitions: [] };

/**
 * How long an attempt saved by another invocation counts as still in flight.
 * Longer than the evaluate Lambda's timeout, so only a crashed attempt is
 * taken over, and shorter than the 15-minute evaluation period.
 */
const IN_FLIGHT_MS = 5 * 60_000;

/** True while another invocation may be sending this delivery right now. */
const inFlight = (o: OwedDelivery, now: Date): boolean =>
  o.attemptedAt !== undefined &&
  now.getTime() - o.attemptedAt.getTime() < IN_FLIGHT_MS;

/**
 * Returns `owed` with one `action` owed to each channel. The latest word
 * wins: a trigger replaces an unsent resolve (it broke again) and a resolve
 * replaces an unsent trigger (nobody should be woken for a problem already
 * gone; the resolution repeats what broke). An attempt in flight cannot be
 * recalled, so the new word queues behind it, in order. An identical one
 * already owed keeps its attempts, so a re-notification does not reset
 * PagerDuty's fallback count.
 */
const owe = (
  owed: OwedDelivery[],
  channels: ChannelName[],
  action: DeliveryAction,
  now: Date
): OwedDelivery[] => {
  const kept = owed.filter(
    (o) =>
      o.action === action || !channels.includes(o.channel) || inFlight(o, now)
  );
  const added = channels
    .filter((c) => !kept.some((o) => o.channel === c && o.action === action))
    .map((channel) => ({ channel, action, attempts: 0, firstOwedAt: now }));
  return [...kept, ...added];
};

const transition = (
  key: AlertKey,
  from: AlertStatus | 'new',
  to: AlertStatus,
  reason: string,
  findings: Finding[],
  now: Date
): Transition => ({ alertKey: key, from, to, reason, at: now, findings });

const evaluations = (n: number): string =>
  n === 1 ? '1 evaluation' : `${n} consecutive evaluations`;

/** `<resource>#<check>`: one failing check of an incident. */
const checkId = (f: Finding): string => `${f.resource}#${f.check}`;

/**
 * True when the failing checks differ in anything worth a write: which
 * checks, since when, how severe. Summaries are left out, since their ages
 * change at every evaluation.
 */
const differ = (a: Finding[], b: Finding[]): boolean =>
  a.length !== b.length ||
  a.some(
    (f, i) =>
      checkId(f) !== checkId(b[i] as Finding) ||
      f.since.getTime() !== b[i]?.since.getTime() ||
      f.severity !== b[i]?.severity
  );

const planPassing = (
  previous: AlertRecord | undefined,
  policy: AlertPolicy,
  mergedInto: AlertKey | undefined,
  now: Date
): AlertPlan => {
  if (previous === undefined || previous.status === 'resolved') return NOTHING;
  const base: AlertRecord = {
    ...previous,
    status: 'resolved',
    failures: 0,
    resolvedAt: now,
    version: previous.version + 1,
    ...(mergedInto !== undefined && { mergedInto }),
  };
  // Nothing was paged while pending: the count restarts without a
  // transition, like Healthchecks' new -> up.
  if (previous.status === 'pending') return { record: base, transitions: [] };
  const findings = previous.findings.map((f) => ({
    ...f,
    status: 'resolved' as const,
  }));
  // A resolution is owed only where a page was, silence or not: it closes
  // the incident rather than waking anyone.
  const channels = previous.lastNotifiedAt === undefined ? [] : policy.channels;
  const untriggered = previous.owed.filter(
    (o) => o.action !== 'trigger' || inFlight(o, now)
  );
  const record: AlertRecord = {
    ...base,
    findings,
    owed: owe(untriggered, channels, 'resolve', now),
  };
  const reason =
    mergedInto === undefined
      ? 'every check passes again'
      : `moved into ${dedupKey(mergedInto)} with the other failing resources of the service`;
  const t = transition(previous.key, 'open', 'resolved', reason, findings, now);
  return { record, transitions: [t] };
};

const planFailing = (
  previous: AlertRecord | undefined,
  findings: Finding[],
  policy: AlertPolicy,
  key: AlertKey,
  carriedFailures: number,
  now: Date
): AlertPlan => {
  const threshold = Math.max(1, policy.failureThreshold);
  const fresh = previous === undefined || previous.status === 'resolved';
  const from: AlertStatus | 'new' = previous?.status ?? 'new';
  const failures = fresh ? carriedFailures + 1 : previous.failures + 1;
  const opening = from !== 'open' && failures >= threshold;
  const version = (previous?.version ?? 0) + 1;
  // A new episode starts clean; owed resolutions of the last one still go out.
  const record: AlertRecord = fresh
    ? {
        key,
        status: 'pending',
        failures,
        silenced: policy.silenced,
        findings,
        owed: previous?.owed ?? [],
        version,
      }
    : { ...previous, failures, silenced: policy.silenced, findings, version };

  if (!opening && from !== 'open') {
    const reason = `failing: ${failures} of the ${threshold} consecutive evaluations that open it`;
    const transitions =
      from === 'pending'
        ? []
        : [transition(key, from, 'pending', reason, findings, now)];
    return { record, transitions };
  }

  const known = new Set(previous?.findings.map(checkId));
  // A check that starts failing while the incident is open updates the page.
  const grown = !opening && findings.some((f) => !known.has(checkId(f)));
  const renotifyDue =
    record.lastNotifiedAt === undefined ||
    now.getTime() - record.lastNotifiedAt.getTime() >= policy.renotifyMs;
  const notify =
    !policy.silenced &&
    policy.channels.length > 0 &&
    (opening || grown || renotifyDue);
  const next: AlertRecord = {
    ...record,
    status: 'open',
    ...(opening && { openedAt: now }),
    ...(notify && {
      lastNotifiedAt: now,
      owed: owe(record.owed, policy.channels, 'trigger', now),
    }),
  };

  if (opening) {
    const why = `failing for ${evaluations(failures)}`;
    const reason = policy.silenced ? `${why}; silenced, not paged` : why;
    return {
      record: next,
      transitions: [transition(key, from, 'open', reason, findings, now)],
    };
  }
  // An open incident is rewritten only when something worth a write
  // changed, so an evaluation of many long-failing resources stays cheap.
  const changed =
    notify ||
    previous?.silenced !== policy.silenced ||
    differ(previous.findings, findings);
  return { record: changed ? next : undefined, transitions: [] };
};

/** What else {@link planAlert} may be told about an incident. */
interface PlanOptions {
  /** The roll-up that takes over this incident's resources (it resolves). */
  mergedInto?: AlertKey;
  /** Failing evaluations a new incident inherits (a roll-up, from those it takes over). */
  carriedFailures?: number;
}

/**
 * Plans the next state of one incident from its stored record and this
 * evaluation's failing checks for it.
 *
 * - Failing evaluations count up; the incident opens after
 *   `policy.failureThreshold` of them in a row (pending before that) and
 *   owes a `trigger` to every channel of the route.
 * - While open it owes a trigger again when a check starts failing that was
 *   not failing before (an update: same dedup key, the new summary), and
 *   once `policy.renotifyMs` has passed since the last notification.
 * - When every check passes it resolves and owes a `resolve` to the
 *   channels that were paged; a pending incident that passes just restarts
 *   its count. Merged into a roll-up, it resolves the same way, with
 *   `mergedInto` set.
 * - A silenced incident is recorded (`silenced: true`) but owes nothing.
 * - A resolved incident that fails again starts over, with a new `openedAt`.
 *
 * `failures` is counted until the incident opens. An open incident is only
 * rewritten on a notification or a change of silence or of its failing
 * checks (which, since when, how severe), so `record` is undefined when
 * nothing worth a write changed.
 *
 * @param previous - the stored incident, if any
 * @param findings - its failing checks now, root cause first; [] = all pass
 * @param policy - threshold, re-notify period, silence and channels of the service's route
 * @param key - the incident's service and resource
 * @param now - the evaluation's instant
 * @param options - a roll-up that takes it over, failures it inherits
 */
const planAlert = (
  previous: AlertRecord | undefined,
  findings: Finding[],
  policy: AlertPolicy,
  key: AlertKey,
  now: Date,
  options: PlanOptions = {}
): AlertPlan => {
  const failing = findings.filter((f) => f.status === 'open');
  return failing.length === 0
    ? planPassing(previous, policy, options.mergedInto, now)
    : planFailing(
        previous,
        failing,
        policy,
        key,
        options.carriedFailures ?? 0,
        now
      );
};

export type { PlanOptions };
export { IN_FLIGHT_MS, inFlight, owe, planAlert };
