import { resourceTypeOf } from '../src/model/index.js';
import type { Automation, Runbook } from '../src/runbook/index.js';
import { matchResource } from '../src/runbook/index.js';
import type { Random } from './random.js';
import type { DemoResource } from './types.js';

const GIB = 1024 ** 3;

/** ARN shape -> AWS Backup resource type and usual backup size range (GiB). */
const RESOURCE_KINDS: readonly {
  pattern: RegExp;
  resourceType: string;
  gib: [number, number];
}[] = [
  {
    pattern: /^arn:[^:]+:rds:[^:]*:[^:]*:db:/,
    resourceType: 'RDS',
    gib: [20, 60],
  },
  {
    pattern: /^arn:[^:]+:rds:[^:]*:[^:]*:cluster:/,
    resourceType: 'Aurora',
    gib: [40, 120],
  },
  {
    pattern: /^arn:[^:]+:ec2:[^:]*:[^:]*:volume\//,
    resourceType: 'EBS',
    gib: [50, 200],
  },
  {
    pattern: /^arn:[^:]+:ec2:[^:]*:[^:]*:instance\//,
    resourceType: 'EC2',
    gib: [30, 80],
  },
  {
    pattern: /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\//,
    resourceType: 'DynamoDB',
    gib: [1, 4],
  },
  {
    pattern: /^arn:[^:]+:elasticfilesystem:/,
    resourceType: 'EFS',
    gib: [5, 50],
  },
  { pattern: /^arn:[^:]+:s3:::/, resourceType: 'S3', gib: [10, 100] },
];

/** The resource types each automation can report on. */
const OBSERVABLE: Partial<Record<Automation, readonly string[]>> = {
  'aws-backup': ['RDS', 'Aurora', 'EBS', 'EC2', 'DynamoDB', 'EFS', 'S3'],
  'rds-automated': ['RDS', 'Aurora'],
  's3-replication': ['S3'],
};

/** ARN fields: `arn:partition:service:region:account:resource`. */
interface ArnParts {
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Returns the fields of an ARN (empty strings where it has none). */
const arnParts = (arn: string): ArnParts => {
  const [, , service = '', region = '', account = '', ...rest] = arn.split(':');
  return { service, region, account, resource: rest.join(':') };
};

/**
 * Returns a concrete ARN for a runbook pattern: a `*` after `instance/` or
 * `volume/` becomes an id of EC2's shape, any other `*` nothing (so
 * `table/shop-carts-prod*` names the table itself).
 */
const concreteArn = (pattern: string, random: Random): string =>
  pattern
    .replace(/(instance\/)\*/g, () => `instance/i-${random.hex(17)}`)
    .replace(/(volume\/)\*/g, () => `volume/vol-${random.hex(17)}`)
    .replaceAll('*', '');

/**
 * Returns the fleet: for AWS Backup, RDS automated backups and S3
 * replication, one concrete resource per runbook pattern (a concrete ARN
 * that another service would claim is left out); for scripts, Velero and
 * manual backups, which report themselves, each resource the runbook lists.
 *
 * @param runbook - the loaded runbook
 * @param random - the demo's seeded source
 */
const demoFleet = (runbook: Runbook, random: Random): DemoResource[] => {
  const fleet: DemoResource[] = [];
  for (const service of runbook.services) {
    const observable = OBSERVABLE[service.backup.automation];
    if (observable === undefined) {
      // Scripts, Velero and people report each job for the whole service,
      // as `sentinel ping` does: every runbook resource, a pattern as itself.
      for (const resource of service.resources) {
        fleet.push({
          service: service.id,
          arn: resource,
          resourceType: resourceTypeOf(resource),
          automation: service.backup.automation,
          sizeBytes: random.int(1024 ** 2, GIB),
        });
      }
      continue;
    }
    for (const pattern of service.resources) {
      const arn = concreteArn(pattern, random);
      const kind = RESOURCE_KINDS.find((k) => k.pattern.test(arn));
      if (kind === undefined || !observable.includes(kind.resourceType)) {
        continue;
      }
      if (matchResource(runbook, arn)?.id !== service.id) continue;
      const [low, high] = kind.gib;
      fleet.push({
        service: service.id,
        arn,
        resourceType: kind.resourceType,
        automation: service.backup.automation,
        sizeBytes: random.int(low * GIB, high * GIB),
      });
    }
  }
  return fleet;
};

/**
 * Returns the ARN AWS Backup gives a new recovery point of the resource:
 * RDS and Aurora snapshots named after the job, EBS snapshots, AMIs, and
 * `recovery-point:<uuid>` for the others (NOTES.md §4).
 */
const recoveryPointArn = (
  resource: DemoResource,
  jobId: string,
  home: { account: string; region: string },
  random: Random
): string => {
  const region = arnParts(resource.arn).region || home.region;
  switch (resource.resourceType) {
    case 'RDS':
      return `arn:aws:rds:${region}:${home.account}:snapshot:awsbackup:job-${jobId}`;
    case 'Aurora':
      return `arn:aws:rds:${region}:${home.account}:cluster-snapshot:awsbackup:job-${jobId}`;
    case 'EBS':
      return `arn:aws:ec2:${region}::snapshot/snap-${random.hex(17)}`;
    case 'EC2':
      return `arn:aws:ec2:${region}::image/ami-${random.hex(17)}`;
    default:
      return `arn:aws:backup:${region}:${home.account}:recovery-point:${random.uuid()}`;
  }
};

/** Returns the ARN of a copy of a recovery point in another region or account. */
const copiedRecoveryPointArn = (
  resource: DemoResource,
  copyJobId: string,
  destination: { account: string; region: string },
  random: Random
): string => {
  const { account, region } = destination;
  switch (resource.resourceType) {
    case 'RDS':
      return `arn:aws:rds:${region}:${account}:snapshot:awsbackup:copyjob-${copyJobId.toLowerCase()}`;
    case 'Aurora':
      return `arn:aws:rds:${region}:${account}:cluster-snapshot:awsbackup:copyjob-${copyJobId.toLowerCase()}`;
    case 'EBS':
      return `arn:aws:ec2:${region}::snapshot/snap-${random.hex(17)}`;
    case 'EC2':
      return `arn:aws:ec2:${region}::image/ami-${random.hex(17)}`;
    default:
      return `arn:aws:backup:${region}:${account}:recovery-point:${random.uuid()}`;
  }
};

/** Returns the ARN of the resource a restore test creates beside the original. */
const restoredResourceArn = (
  resource: DemoResource,
  home: { account: string; region: string },
  random: Random
): string => {
  const region = arnParts(resource.arn).region || home.region;
  const name = `awsbackup-restore-test-${random.hex(8)}`;
  switch (resource.resourceType) {
    case 'RDS':
      return `arn:aws:rds:${region}:${home.account}:db:${name}`;
    case 'Aurora':
      return `arn:aws:rds:${region}:${home.account}:cluster:${name}`;
    case 'EBS':
      return `arn:aws:ec2:${region}:${home.account}:volume/vol-${random.hex(17)}`;
    case 'EC2':
      return `arn:aws:ec2:${region}:${home.account}:instance/i-${random.hex(17)}`;
    case 'DynamoDB':
      return `arn:aws:dynamodb:${region}:${home.account}:table/${name}`;
    case 'EFS':
      return `arn:aws:elasticfilesystem:${region}:${home.account}:file-system/fs-${random.hex(17)}`;
    default:
      return `arn:aws:s3:::${name}`;
  }
};

export {
  arnParts,
  copiedRecoveryPointArn,
  demoFleet,
  recoveryPointArn,
  restoredResourceArn,
};
