import type { Finding, FindingDetail } from '../model/index.js';
import { formatAgainst, formatDuration } from '../schedule/index.js';
import { openFinding } from './finding.js';
import type {
  CheckAbout,
  CheckDefinition,
  CheckInput,
  ReplicationLagReading,
} from './types.js';

const ABOUT: CheckAbout<'replication-lag'> = {
  id: 'replication-lag',
  title: 'Replication behind its RPO',
  // ## Backup says how copies, lifecycle and replication are set up:
  // what to check first, not a failover or a backup taken by hand.
  section: 'backup',
  impact: 'at-risk',
};

/** The shortest window looked at: S3 publishes replication metrics by the minute. */
const MIN_WINDOW_MS = 15 * 60_000;

/** How to turn the metrics on, in the words of S3's console and API. */
const TURN_ON =
  'turn on replication metrics for the rule (S3 console: the bucket > Management > Replication rules > Edit > Replication metrics; API: Destination.Metrics.Status Enabled in PutBucketReplication), or S3 Replication Time Control, which includes them';

/** One thing wrong with one rule, in words and figures. */
interface Problem {
  since: Date;
  text: string;
  detail: FindingDetail;
}

const ruleName = (reading: ReplicationLagReading): string =>
  `to ${reading.rule.destination} (rule ${reading.rule.rule})`;

/**
 * Returns what is wrong with one rule's replication, if anything: no
 * metrics at all; the newest latency above the RPO; or a backlog of
 * pending operations that never fell during the whole window, so
 * replication has stalled even though S3 reports no latency.
 */
const problemOf = (
  reading: ReplicationLagReading,
  rpoMs: number,
  now: Date
): Problem | undefined => {
  const windowMs = Math.max(rpoMs, MIN_WINDOW_MS);
  const from = now.getTime() - windowMs - reading.periodMs;
  const latency = reading.latency.filter((p) => p.at.getTime() >= from);
  const pending = reading.pending.filter((p) => p.at.getTime() >= from);
  const rule = {
    destination: reading.rule.destination,
    region: reading.rule.region,
    rule: reading.rule.rule,
  };
  if (latency.length === 0 && pending.length === 0) {
    return {
      since: new Date(from),
      text: `no replication metrics ${ruleName(reading)} in ${reading.rule.region} for ${formatDuration(windowMs)}, so its lag is unknown: S3 publishes them only when they are on; ${TURN_ON}`,
      detail: { ...rule, metrics: 'missing' },
    };
  }
  const newest = latency.at(-1);
  if (newest !== undefined && newest.value * 1000 > rpoMs) {
    // Since when the lag has been above the RPO without a break.
    let first = latency.length - 1;
    while (first > 0 && (latency[first - 1]?.value ?? 0) * 1000 > rpoMs) {
      first -= 1;
    }
    return {
      since: latency[first]?.at ?? newest.at,
      text: `S3 replication ${ruleName(reading)} is behind by ReplicationLatency ${formatAgainst(newest.value * 1000, rpoMs, 'RPO')} (at ${newest.at.toISOString().slice(11, 16)} UTC)`,
      detail: {
        ...rule,
        latencySeconds: newest.value,
        pendingOperations: pending.at(-1)?.value ?? null,
        rpoMs,
      },
    };
  }
  const [oldest] = pending;
  const last = pending.at(-1);
  const coversWindow =
    oldest !== undefined &&
    last !== undefined &&
    last.at.getTime() - oldest.at.getTime() >= windowMs - reading.periodMs;
  const neverFell = pending.every(
    (p, i) =>
      p.value > 0 && (i === 0 || p.value >= (pending[i - 1]?.value ?? 0))
  );
  if (
    coversWindow &&
    neverFell &&
    last !== undefined &&
    oldest !== undefined &&
    last.value > oldest.value
  ) {
    return {
      since: oldest.at,
      text: `S3 replication ${ruleName(reading)} has ${last.value} operations pending, a backlog that grew for ${formatDuration(windowMs)} without ever falling: replication has stalled for longer than the RPO`,
      detail: {
        ...rule,
        pendingOperations: last.value,
        pendingOperationsBefore: oldest.value,
        latencySeconds: newest?.value ?? null,
        rpoMs,
      },
    };
  }
  return undefined;
};

/**
 * Returns one replication-lag finding when CloudWatch shows a bucket's
 * replication further behind than its RPO allows, for any of its rules,
 * else []:
 * - the newest ReplicationLatency is above the RPO; `since` is when it
 *   rose above it;
 * - OperationsPendingReplication stayed above zero and never fell for the
 *   whole RPO (at least 15 minutes) and ended higher: a stalled backlog;
 * - neither metric has a datapoint in that time: replication metrics are
 *   off for the rule (or the rule is misnamed), and the finding says how to
 *   turn them on.
 *
 * @param input - the service, the bucket's state and the link template
 * @param readings - this evaluation's metrics of the bucket's rules
 * @param now - the evaluation instant
 */
const checkReplicationLag = (
  input: CheckInput,
  readings: readonly ReplicationLagReading[],
  now: Date
): Finding[] => {
  const { rpoMs } = input.service.recovery;
  const problems = readings.flatMap((r) => problemOf(r, rpoMs, now) ?? []);
  const [first] = problems;
  if (first === undefined) return [];
  return [
    openFinding(
      input,
      ABOUT,
      new Date(Math.min(...problems.map((p) => p.since.getTime()))),
      problems.map((p) => p.text).join('; '),
      problems.length === 1
        ? first.detail
        : { rules: problems.length, ...first.detail }
    ),
  ];
};

/**
 * The replication-lag check, as the registry runs it: on `s3-replication`
 * buckets whose metrics this evaluation read.
 */
const replicationLag: CheckDefinition<'replication-lag'> = {
  ...ABOUT,
  run: ({ service, state, links, replication }, now) =>
    service === undefined ||
    service.backup.automation !== 's3-replication' ||
    replication === undefined
      ? []
      : checkReplicationLag({ service, state, links }, replication, now),
};

export { checkReplicationLag, replicationLag };
