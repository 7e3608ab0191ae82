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
  finding: Finding,
  now: Date
): Transition => ({ alertKey: key, from, to, reason, at: now, finding });

const evaluations = (n: number): string =>
  n === 1 ? '1 evaluation' : `${n} consecutive evaluations`;

const planPassing = (
  previous: AlertRecord | undefined,
  policy: AlertPolicy,
  now: Date
): AlertPlan => {
  if (previous === undefined || previous.status === 'resolved') return NOTHING;
  const base = {
    ...previous,
    status: 'resolved' as const,
    failures: 0,
    resolvedAt: now,
    version: previous.version + 1,
  };
  // Nothing was paged while pending: the count restarts without a
  // transition, like Healthchecks' new -> up.
  if (previous.status === 'pending') return { record: base, transitions: [] };
  const finding: Finding = { ...previous.finding, status: 'resolved' };
  // A resolution is owed only where a page was, silence or not: it closes
  // the incident rather than waking anyone.
  const channels = previous.lastNotifiedAt === undefined ? [] : policy.channels;
  const untriggered = previous.owed.filter(
    (o) => o.action !== 'trigger' || inFlight(o, now)
  );
  const record: AlertRecord = {
    ...base,
    finding,
    owed: owe(untriggered, channels, 'resolve', now),
  };
  const t = transition(
    previous.key,
    'open',
    'resolved',
    'the check passes again',
    finding,
    now
  );
  return { record, transitions: [t] };
};

const planFailing = (
  previous: AlertRecord | undefined,
  finding: Finding,
  policy: AlertPolicy,
  key: AlertKey,
  now: Date
): AlertPlan => {
  const threshold = Math.max(1, policy.failureThreshold);
  const fresh = previous === undefined || previous.status === 'resolved';
  const from: AlertStatus | 'new' = previous?.status ?? 'new';
  const failures = fresh ? 1 : previous.failures + 1;
  const opening = from !== 'open' && failures >= threshold;
  const version = (previous?.version ?? 0) + 1;
  // A new episode starts clean; owed resolutions of the last one still go out.
  const record: AlertRecord = fresh
    ? {
        key,
        status: 'pending',
        failures,
        silenced: policy.silenced,
        finding,
        owed: previous?.owed ?? [],
        version,
      }
    : { ...previous, failures, silenced: policy.silenced, finding, version };

  if (!opening && from !== 'open') {
    const reason = `failing: ${failures} of the ${threshold} consecutive evaluations that open it`;
    const transitions =
      from === 'pending'
        ? []
        : [transition(key, from, 'pending', reason, finding, now)];
    return { record, transitions };
  }

  const renotifyDue =
    record.lastNotifiedAt === undefined ||
    now.getTime() - record.lastNotifiedAt.getTime() >= policy.renotifyMs;
  const notify =
    !policy.silenced && policy.channels.length > 0 && (opening || renotifyDue);
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
      transitions: [transition(key, from, 'open', reason, finding, now)],
    };
  }
  // An open alert is rewritten only when something worth a write changed,
  // so an evaluation of many long-failing resources stays cheap.
  const changed =
    notify ||
    previous?.silenced !== policy.silenced ||
    previous.finding.severity !== finding.severity ||
    previous.finding.since.getTime() !== finding.since.getTime();
  return { record: changed ? next : undefined, transitions: [] };
};

/**
 * Plans the next state of one alert from its stored record and this
 * evaluation's finding for the same (service, check, resource).
 *
 * - Failing evaluations count up; the alert opens after
 *   `policy.failureThreshold` of them in a row (pending before that) and
 *   owes a `trigger` to every channel of the route.
 * - While open it owes a trigger again once `policy.renotifyMs` has passed
 *   since the last notification.
 * - When the check passes it resolves and owes a `resolve` to the channels
 *   that were paged; a pending alert that passes just restarts its count.
 * - A silenced finding is recorded (`silenced: true`) but owes nothing.
 * - A resolved alert that fails again starts over, with a new `openedAt`.
 *
 * `failures` is counted until the alert opens. An open alert is only
 * rewritten on a re-notification or a change of silence, severity or
 * `since`, so `record` is undefined when nothing worth a write changed.
 *
 * @param previous - the stored alert, if any
 * @param finding - this evaluation's finding; undefined (or `resolved`) = the check passes
 * @param policy - threshold, re-notify period, silence and channels of the service's route
 * @param key - the alert's (service, check, resource)
 * @param now - the evaluation's instant
 */
const planAlert = (
  previous: AlertRecord | undefined,
  finding: Finding | undefined,
  policy: AlertPolicy,
  key: AlertKey,
  now: Date
): AlertPlan =>
  finding === undefined || finding.status === 'resolved'
    ? planPassing(previous, policy, now)
    : planFailing(previous, finding, policy, key, now);

export { IN_FLIGHT_MS, inFlight, owe, planAlert };
