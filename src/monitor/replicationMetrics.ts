import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { AlertLogger } from '../alerts/index.js';
import type { MetricPoint, ReplicationLagReading } from '../checks/index.js';
import type { ReplicationRule, Runbook } from '../runbook/index.js';

/** Reads the replication metrics of every `s3-replication` bucket, by bucket ARN. */
type ReplicationLagReader = (
  runbook: Runbook,
  now: Date
) => Promise<Map<string, ReplicationLagReading[]>>;

/** GetMetricData takes at most 500 queries a call. */
const MAX_QUERIES = 500;
/** The shortest window read, as the check looks at it. */
const MIN_WINDOW_MS = 15 * 60_000;
/** About this many points per metric, whatever the RPO. */
const POINTS = 60;

const MINUTE_MS = 60_000;

/** One rule of one bucket, and the metrics window its RPO asks for. */
interface Watched {
  bucketArn: string;
  bucket: string;
  rule: ReplicationRule;
  windowMs: number;
  periodMs: number;
}

const BUCKET_ARN = /^arn:aws[\w-]*:s3:::([^/*]+)$/;

/** Returns every rule the runbook's `s3-replication` services name, with its bucket. */
const watchedRules = (runbook: Runbook): Watched[] =>
  runbook.services.flatMap((service) => {
    if (service.backup.automation !== 's3-replication') return [];
    const buckets = service.resources.flatMap((arn) => {
      const name = BUCKET_ARN.exec(arn)?.[1];
      return name === undefined ? [] : [{ arn, name }];
    });
    const windowMs = Math.max(service.recovery.rpoMs, MIN_WINDOW_MS);
    const periodMs =
      Math.ceil(windowMs / POINTS / MINUTE_MS) * MINUTE_MS || MINUTE_MS;
    return (service.backup.replication ?? []).flatMap((rule) => {
      const bucket =
        rule.source === undefined
          ? buckets[0]
          : buckets.find((b) => b.name === rule.source);
      return bucket === undefined
        ? []
        : [
            {
              bucketArn: bucket.arn,
              bucket: bucket.name,
              rule,
              windowMs,
              periodMs,
            },
          ];
    });
  });

const query = (
  id: string,
  metric: 'ReplicationLatency' | 'OperationsPendingReplication',
  watched: Watched
): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    // S3 publishes them per rule, in the destination bucket's region.
    Metric: {
      Namespace: 'AWS/S3',
      MetricName: metric,
      Dimensions: [
        { Name: 'SourceBucket', Value: watched.bucket },
        { Name: 'DestinationBucket', Value: watched.rule.destination },
        { Name: 'RuleId', Value: watched.rule.rule },
      ],
    },
    Period: watched.periodMs / 1000,
    Stat: 'Maximum',
  },
  ReturnData: true,
});

/** Reads one region's rules, in calls of up to 500 queries, every page. */
const readRegion = async (
  client: CloudWatchClient,
  rules: Watched[],
  now: Date
): Promise<Map<Watched, ReplicationLagReading>> => {
  const points = new Map<string, MetricPoint[]>();
  const queries = rules.flatMap((w, i) => [
    query(`l${i}`, 'ReplicationLatency', w),
    query(`p${i}`, 'OperationsPendingReplication', w),
  ]);
  const longest = Math.max(...rules.map((w) => w.windowMs + w.periodMs));
  for (let at = 0; at < queries.length; at += MAX_QUERIES) {
    let token: string | undefined;
    do {
      const out = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries.slice(at, at + MAX_QUERIES),
          StartTime: new Date(now.getTime() - longest),
          EndTime: now,
          ScanBy: 'TimestampAscending',
          ...(token !== undefined && { NextToken: token }),
        })
      );
      for (const result of out.MetricDataResults ?? []) {
        if (result.Id === undefined) continue;
        const values = result.Values ?? [];
        const found = (result.Timestamps ?? []).flatMap((t, i) => {
          const value = values[i];
          return value === undefined ? [] : [{ at: t, value }];
        });
        points.set(result.Id, [...(points.get(result.Id) ?? []), ...found]);
      }
      token = out.NextToken;
    } while (token !== undefined);
  }
  const ascending = (list: MetricPoint[] | undefined): MetricPoint[] =>
    [...(list ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  return new Map(
    rules.map((w, i) => [
      w,
      {
        rule: w.rule,
        periodMs: w.periodMs,
        latency: ascending(points.get(`l${i}`)),
        pending: ascending(points.get(`p${i}`)),
      },
    ])
  );
};

/**
 * Returns the reader of S3 replication lag from CloudWatch: for every rule
 * the runbook's `s3-replication` services list (`backup.replication`),
 * ReplicationLatency and OperationsPendingReplication (Maximum) over the
 * RPO, with one GetMetricData call per region (more past 500 queries). A
 * region whose call fails is logged and left out: its buckets count as not
 * read, so their replication-lag alerts stay as they are.
 *
 * @param clientFor - the CloudWatch client of a region
 * @param logger - where a failed region is reported
 */
const cloudWatchReplicationLag =
  (
    clientFor: (region: string) => CloudWatchClient,
    logger?: AlertLogger
  ): ReplicationLagReader =>
  async (runbook, now) => {
    const byRegion = new Map<string, Watched[]>();
    for (const w of watchedRules(runbook)) {
      byRegion.set(w.rule.region, [...(byRegion.get(w.rule.region) ?? []), w]);
    }
    const readings = new Map<string, ReplicationLagReading[]>();
    await Promise.all(
      [...byRegion].map(async ([region, rules]) => {
        try {
          const read = await readRegion(clientFor(region), rules, now);
          for (const [w, reading] of read) {
            readings.set(w.bucketArn, [
              ...(readings.get(w.bucketArn) ?? []),
              reading,
            ]);
          }
        } catch (error) {
          logger?.warn('replication metrics could not be read', {
            region,
            error,
          });
        }
      })
    );
    return readings;
  };

export type { ReplicationLagReader };
export { cloudWatchReplicationLag };
