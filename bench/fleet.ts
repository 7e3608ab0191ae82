import type { Runbook, Service } from '../src/runbook/index.js';
import { aRunbook, aService, HOUR } from '../test/helpers/builders.js';
import {
  DAY_MS,
  type Delivery,
  instantiate,
  type RawEvent,
  type Template,
} from './events.js';

/**
 * A synthetic fleet for the benches: services of ten resources each, one
 * resource kind per service, each kind sending the events its fixtures show
 * every day. A few resources (every 50th DynamoDB table, EBS volume and S3
 * bucket) fail on the last day, so alerts open and page as they would in a
 * real month.
 */

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/** One kind of resource: how it is named, backed up, and what it sends. */
interface Kind {
  name: string;
  automation: Service['backup']['automation'];
  category: Service['category'];
  arn: (tag: string) => string;
  /** What the fixtures' resource token becomes for a resource. */
  replacement: (tag: string) => string;
  token: string;
  /** Fixtures sent each day, in order. */
  daily: string[];
  /** Fixtures sent on every 7th day after the daily ones. */
  weekly: string[];
  /**
   * Fixtures that replace the last day's daily ones when the resource
   * fails; undefined = this kind never fails in the bench.
   */
  failing?: string[];
  /** The resource token of the failing fixtures, when not `token`. */
  failingToken?: string;
  delivery: Delivery;
  copies: Service['backup']['copies'];
}

const BACKUP = 'aws-backup/backup-job-state-change';
const hex17 = (tag: string): string =>
  Buffer.from(tag).toString('hex').padStart(17, '0').slice(-17);

const KINDS: Kind[] = [
  {
    name: 'rds-instance',
    automation: 'aws-backup',
    category: 'database',
    token: 'orders-db',
    replacement: (tag) => `orders-${tag}`,
    arn: (tag) => `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-${tag}`,
    daily: [`${BACKUP}.COMPLETED.rds-instance.BUILT.json`],
    weekly: [],
    delivery: 'eventbridge',
    copies: [],
  },
  {
    name: 'aurora-cluster',
    automation: 'rds-automated',
    category: 'database',
    token: 'payments-aurora',
    replacement: (tag) => `payments-${tag}`,
    arn: (tag) => `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:payments-${tag}`,
    daily: [
      'rds/rds-db-cluster-snapshot-event.RDS-EVENT-0169.automated-created.payments-aurora.BUILT.json',
    ],
    weekly: [],
    delivery: 'eventbridge',
    copies: [],
  },
  {
    name: 'dynamodb-table',
    automation: 'aws-backup',
    category: 'application-state',
    token: 'table/sessions',
    replacement: (tag) => `table/sessions-${tag}`,
    arn: (tag) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/sessions-${tag}`,
    daily: [`${BACKUP}.COMPLETED.dynamodb-table.BUILT.json`],
    weekly: [
      'aws-backup/recovery-point-state-change.DELETING.dynamodb-table.BUILT.json',
    ],
    failing: [`${BACKUP}.FAILED.dynamodb-table.BUILT.json`],
    delivery: 'eventbridge',
    copies: [],
  },
  {
    name: 'ebs-volume',
    automation: 'aws-backup',
    category: 'infrastructure',
    token: 'vol-0a1b2c3d4e5f67890',
    replacement: (tag) => `vol-${hex17(tag)}`,
    arn: (tag) => `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-${hex17(tag)}`,
    daily: [
      `${BACKUP}.RUNNING.ebs-volume.BUILT.json`,
      `${BACKUP}.COMPLETED.ebs-volume.BUILT.json`,
    ],
    weekly: [
      'aws-backup/recovery-point-state-change.EXPIRED.ebs-volume.BUILT.json',
    ],
    failing: [`${BACKUP}.RUNNING.ebs-volume.BUILT.json`],
    delivery: 'eventbridge',
    copies: [],
  },
  {
    name: 'efs-file-system',
    automation: 'aws-backup',
    category: 'file-storage',
    token: 'fs-0123456789abcdef0',
    replacement: (tag) => `fs-${hex17(tag)}`,
    arn: (tag) =>
      `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-${hex17(tag)}`,
    daily: [
      `${BACKUP}.COMPLETED.efs-file-system.BUILT.json`,
      'aws-backup/copy-job-state-change.COMPLETED.us-west-2.efs-file-system.BUILT.json',
    ],
    weekly: [],
    delivery: 'eventbridge',
    copies: [{ region: 'us-west-2' }],
  },
  {
    name: 's3-bucket',
    automation: 's3-replication',
    category: 'file-storage',
    token: 'amzn-s3-demo-bucket1',
    replacement: (tag) => `invoices-${tag}`,
    arn: (tag) => `arn:aws:s3:::invoices-${tag}`,
    daily: [
      's3/s3-notification.Replication-OperationReplicatedAfterThreshold.RECONSTRUCTED.json',
    ],
    weekly: [],
    failing: [
      's3/s3-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json',
    ],
    failingToken: 'acme-invoices',
    delivery: 'sqs',
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
    const day = new Date(end.getTime() - d * DAY_MS);
    const dayNumber = Math.floor(day.getTime() / DAY_MS);
    const fails = d === 0 && resource.failing && kind.failing !== undefined;
    const files = fails
      ? (kind.failing ?? [])
      : [...kind.daily, ...(dayNumber % 7 === 0 ? kind.weekly : [])];
    const token = (fails ? kind.failingToken : undefined) ?? kind.token;
    const seed = `${resource.tag}/${dayNumber}`;
    for (const file of files) {
      const template: Template = { file, token };
      const { at, raw } = instantiate(
        template,
        kind.replacement(resource.tag),
        seed,
        day
      );
      events.push({ at, raw, delivery: kind.delivery });
    }
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

export type { Fleet, FleetResource };
export { buildFleet, eventsOf, fleetEvents };
