import { createHash } from 'node:crypto';
import {
  type BackupJob,
  type BackupSetting,
  backupJobCompleted,
  backupJobFailed,
  backupJobRunning,
  copyJobCompleted,
  type ReplicatedObject,
  rdsAutomatedSnapshot,
  recoveryPointRemoved,
  replicationCaughtUpNotification,
  replicationFailedNotification,
} from '../demo/index.js';
import type { Runbook, Service } from '../src/runbook/index.js';
import { aRunbook, aService, HOUR } from '../test/helpers/builders.js';

/**
 * A synthetic fleet for the benches: services of ten resources each, one
 * resource kind per service, each kind sending every day the events the
 * demo's generator builds (in the shapes of test/fixtures/events). A few resources (every 50th DynamoDB table, EBS volume and S3
 * bucket) fail on the last day, so alerts open and page as they would in a
 * real month.
 */

const DAY_MS = 86_400_000;
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/** How a resource's events reach ingest: EventBridge, or S3 -> SQS. */
type Delivery = 'eventbridge' | 'sqs';

/** One raw event at the time AWS would deliver it. */
interface RawEvent {
  at: Date;
  delivery: Delivery;
  /** The EventBridge envelope, or the S3 notification body SQS carries. */
  raw: unknown;
}

/** One day of one resource: what its events need to be built. */
interface Day {
  arn: string;
  tag: string;
  /** Midnight UTC of the day. */
  start: Date;
  /** Stable per resource and day, so re-running gives the same ids. */
  seed: string;
}

/** One kind of resource: how it is named, backed up, and what it sends. */
interface Kind {
  name: string;
  automation: Service['backup']['automation'];
  category: Service['category'];
  arn: (tag: string) => string;
  /** The events of an ordinary day; `weekly` on every 7th. */
  daily: (day: Day, weekly: boolean) => RawEvent[];
  /** The events of the day it fails; undefined = this kind never fails. */
  failing?: (day: Day) => RawEvent[];
  copies: Service['backup']['copies'];
}

const SETTING: BackupSetting = {
  account: ACCOUNT,
  region: REGION,
  vaultName: 'prod-vault',
  vaultArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:prod-vault`,
  iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
};

const PLAN_ID = '8c4e2f0a-7d3b-4a6e-9f1c-2b5d8e7a6c41';

/** 17 hex digits derived from a tag, as EBS volume and EFS ids have. */
const hex17 = (tag: string): string =>
  Buffer.from(tag).toString('hex').padStart(17, '0').slice(-17);

/** A UUID derived from a seed: a job's events agree on their ids. */
const uuidOf = (seed: string): string => {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const minutes = (day: Day, m: number): Date =>
  new Date(day.start.getTime() + m * 60_000);

/** Tonight's AWS Backup job of the resource, created at 03:05. */
const jobOf = (day: Day, resourceType: string): BackupJob => ({
  jobId: uuidOf(`${day.seed}/job`),
  resourceArn: day.arn,
  resourceType,
  plan: {
    backupPlanId: PLAN_ID,
    backupPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:${PLAN_ID}`,
    backupPlanVersion: 'ZjI3YjQ0NTEtOGE5Ni00YzFkLWJjNzMtOTIxZTVhNmQ0ZTFm',
    backupPlanRuleId: '4b1d6e2a-93c7-4f58-a0e2-7c6d5b4a3f21',
  },
  createdAt: minutes(day, 185),
  startBy: minutes(day, 245),
  sizeBytes: 50 * 1024 ** 3,
});

const pointOf = (day: Day): string =>
  `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:${uuidOf(`${day.seed}/point`)}`;

const eventbridge = (at: Date, raw: unknown): RawEvent => ({
  at,
  raw,
  delivery: 'eventbridge',
});

/** A completed AWS Backup job (03:05 to 03:25) of the resource. */
const completedJob = (day: Day, resourceType: string): RawEvent =>
  eventbridge(
    minutes(day, 206),
    backupJobCompleted(
      SETTING,
      uuidOf(`${day.seed}/completed`),
      jobOf(day, resourceType),
      pointOf(day),
      minutes(day, 205),
      minutes(day, 206)
    )
  );

/** A recovery point of 35 days ago that the lifecycle removes today. */
const removedPoint = (
  day: Day,
  resourceType: string,
  status: 'DELETING' | 'EXPIRED'
): RawEvent => {
  const created = {
    ...day,
    start: new Date(day.start.getTime() - 35 * DAY_MS),
  };
  return eventbridge(
    minutes(day, 200),
    recoveryPointRemoved(
      SETTING,
      uuidOf(`${day.seed}/removed`),
      jobOf(created, resourceType),
      pointOf(created),
      status,
      35,
      minutes(day, 200)
    )
  );
};

const replicated = (day: Day, failed: boolean): RawEvent => {
  const bucket = day.arn.slice('arn:aws:s3:::'.length);
  const object: ReplicatedObject = {
    bucketName: bucket,
    bucketArn: day.arn,
    ownerPrincipalId: ACCOUNT,
    key: `${day.start.toISOString().slice(0, 10)}/invoice.pdf`,
    size: 520_080,
    eTag: createHash('md5').update(day.seed).digest('hex'),
    versionId: uuidOf(`${day.seed}/version`).replaceAll('-', ''),
    sequencer: createHash('sha1')
      .update(day.seed)
      .digest('hex')
      .slice(0, 18)
      .toUpperCase(),
    requestId: uuidOf(`${day.seed}/request`),
    hostId: createHash('sha256').update(day.seed).digest('base64'),
    replicationRuleId: 'invoices-to-us-west-2',
    destinationBucketArn: `${day.arn}-replica`,
    requestedAt: minutes(day, 600),
    reportedAt: minutes(day, 620),
  };
  return {
    at: object.reportedAt,
    delivery: 'sqs',
    raw: failed
      ? replicationFailedNotification(REGION, {
          ...object,
          failureReason: 'DstBucketNotFound',
        })
      : replicationCaughtUpNotification(REGION, object),
  };
};

/** Tonight's job of the resource, 40% done at 03:10. */
const running = (day: Day): RawEvent =>
  eventbridge(
    minutes(day, 190),
    backupJobRunning(
      SETTING,
      uuidOf(`${day.seed}/running`),
      jobOf(day, 'EBS'),
      minutes(day, 190),
      40,
      minutes(day, 205)
    )
  );

const KINDS: Kind[] = [
  {
    name: 'rds-instance',
    automation: 'aws-backup',
    category: 'database',
    arn: (tag) => `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-${tag}`,
    daily: (day) => [completedJob(day, 'RDS')],
    copies: [],
  },
  {
    name: 'aurora-cluster',
    automation: 'rds-automated',
    category: 'database',
    arn: (tag) => `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:payments-${tag}`,
    daily: (day) => {
      const identifier = `rds:payments-${day.tag}-${day.start.toISOString().slice(0, 10)}-03-10`;
      const at = minutes(day, 214);
      return [
        eventbridge(
          at,
          rdsAutomatedSnapshot(
            ACCOUNT,
            REGION,
            uuidOf(`${day.seed}/snapshot`),
            {
              sourceType: 'CLUSTER_SNAPSHOT',
              snapshotArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster-snapshot:${identifier}`,
              identifier,
            },
            'completed',
            at
          )
        ),
      ];
    },
    copies: [],
  },
  {
    name: 'dynamodb-table',
    automation: 'aws-backup',
    category: 'application-state',
    arn: (tag) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/sessions-${tag}`,
    daily: (day, weekly) => [
      completedJob(day, 'DynamoDB'),
      ...(weekly ? [removedPoint(day, 'DynamoDB', 'DELETING')] : []),
    ],
    failing: (day) => [
      eventbridge(
        minutes(day, 196),
        backupJobFailed(
          SETTING,
          uuidOf(`${day.seed}/failed`),
          jobOf(day, 'DynamoDB'),
          'Access denied to the table: missing dynamodb:CreateBackup',
          minutes(day, 195),
          minutes(day, 196)
        )
      ),
    ],
    copies: [],
  },
  {
    name: 'ebs-volume',
    automation: 'aws-backup',
    category: 'infrastructure',
    arn: (tag) => `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-${hex17(tag)}`,
    daily: (day, weekly) => [
      running(day),
      completedJob(day, 'EBS'),
      ...(weekly ? [removedPoint(day, 'EBS', 'EXPIRED')] : []),
    ],
    // A job that starts and never finishes.
    failing: (day) => [running(day)],
    copies: [],
  },
  {
    name: 'efs-file-system',
    automation: 'aws-backup',
    category: 'file-storage',
    arn: (tag) =>
      `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-${hex17(tag)}`,
    daily: (day) => [
      completedJob(day, 'EFS'),
      eventbridge(
        minutes(day, 241),
        copyJobCompleted(
          SETTING,
          uuidOf(`${day.seed}/copy-event`),
          jobOf(day, 'EFS'),
          {
            copyJobId: uuidOf(`${day.seed}/copy`).toUpperCase(),
            sourceRecoveryPointArn: pointOf(day),
            destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:dr-vault`,
            destinationRecoveryPointArn: `arn:aws:backup:us-west-2:${ACCOUNT}:recovery-point:${uuidOf(`${day.seed}/copy-point`)}`,
            createdAt: minutes(day, 210),
            completedAt: minutes(day, 240),
          },
          minutes(day, 241)
        )
      ),
    ],
    copies: [{ region: 'us-west-2' }],
  },
  {
    name: 's3-bucket',
    automation: 's3-replication',
    category: 'file-storage',
    arn: (tag) => `arn:aws:s3:::invoices-${tag}`,
    daily: (day) => [replicated(day, false)],
    failing: (day) => [replicated(day, true)],
    copies: [],
  },
];

/** One resource of the fleet. */
interface FleetResource {
  arn: string;
  tag: string;
  kind: Kind;
  serviceId: string;
  /** Its last day's backup fails (or, for S3, an object fails to replicate). */
  failing: boolean;
}

/** A runbook and the resources its services list by exact ARN. */
interface Fleet {
  runbook: Runbook;
  resources: FleetResource[];
}

const PER_SERVICE = 10;

/**
 * Returns a fleet of `count` resources in services of `perService`. Every
 * 50th resource of the kinds that can fail (DynamoDB, EBS, S3) fails on the
 * last day.
 *
 * @param count - resources, a multiple of `perService`
 * @param prefix - keeps names of different fleets apart (lower case)
 * @param perService - resources per service (default ten)
 */
const buildFleet = (
  count: number,
  prefix: string,
  perService = PER_SERVICE
): Fleet => {
  const services: Service[] = [];
  const resources: FleetResource[] = [];
  for (let s = 0; s * perService < count; s += 1) {
    const kind = KINDS[s % KINDS.length] as Kind;
    const id = `${prefix}-${kind.name}-${String(s).padStart(5, '0')}`;
    const members: FleetResource[] = [];
    for (let r = 0; r < perService; r += 1) {
      const index = s * perService + r;
      const tag = `${prefix}${String(index).padStart(6, '0')}`;
      members.push({
        arn: kind.arn(tag),
        tag,
        kind,
        serviceId: id,
        failing: kind.failing !== undefined && index % 50 === 7,
      });
    }
    resources.push(...members);
    services.push(
      aService({
        id,
        name: `${kind.name} ${s}`,
        category: kind.category,
        tier: (['critical', 'high', 'standard'] as const)[s % 3],
        owner: `team-${s % 17}`,
        resources: members.map((m) => m.arn),
        alerts: 'bench-email',
        backup: {
          // Every fixture's job runs between 03:00 and 04:10 UTC.
          schedule: 'cron(0 3 * * ? *)',
          startWindowMs: HOUR,
          completionWindowMs: 2 * HOUR,
          automation: kind.automation,
          storage: `${kind.automation} (bench)`,
          copies: kind.copies,
        },
      })
    );
  }
  return {
    runbook: aRunbook({
      title: `Bench fleet ${prefix}`,
      alerts: { 'bench-email': { sns: true } },
      services,
    }),
    resources,
  };
};

/**
 * Returns the events one resource sends on each of `days` days ending on
 * the day of `end`, oldest first.
 *
 * @param resource - from {@link buildFleet}
 * @param days - how many days of history
 * @param end - any instant on the last day
 */
const eventsOf = (
  resource: FleetResource,
  days: number,
  end: Date
): RawEvent[] => {
  const { kind } = resource;
  const events: RawEvent[] = [];
  for (let d = days - 1; d >= 0; d -= 1) {
    const dayNumber = Math.floor(end.getTime() / DAY_MS) - d;
    const day: Day = {
      arn: resource.arn,
      tag: resource.tag,
      start: new Date(dayNumber * DAY_MS),
      seed: `${resource.tag}/${dayNumber}`,
    };
    const fails = d === 0 && resource.failing && kind.failing !== undefined;
    events.push(
      ...(fails
        ? (kind.failing?.(day) ?? [])
        : kind.daily(day, dayNumber % 7 === 0))
    );
  }
  return events;
};

/**
 * Returns the fleet's events over `days` days ending on the day of `end`,
 * ordered by time as EventBridge would roughly deliver them.
 */
const fleetEvents = (fleet: Fleet, days: number, end: Date): RawEvent[] =>
  fleet.resources
    .flatMap((r) => eventsOf(r, days, end))
    .sort((a, b) => a.at.getTime() - b.at.getTime());

/** The fleet's resources by service id, so a service is seeded on its own. */
const resourcesByService = (fleet: Fleet): Map<string, FleetResource[]> => {
  const members = new Map<string, FleetResource[]>();
  for (const resource of fleet.resources) {
    const group = members.get(resource.serviceId) ?? [];
    group.push(resource);
    members.set(resource.serviceId, group);
  }
  return members;
};

/** The instant the seeded history ends at, and the evaluation runs at. */
const SEED_NOW = new Date('2026-11-04T23:00:00Z');
/** The seeded history's last day. */
const LAST_DAY = new Date('2026-11-04T12:00:00Z');

export type { Delivery, Fleet, FleetResource, RawEvent };
export {
  buildFleet,
  DAY_MS,
  eventsOf,
  fleetEvents,
  LAST_DAY,
  resourcesByService,
  SEED_NOW,
};
