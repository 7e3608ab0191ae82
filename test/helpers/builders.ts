import type { CheckInput } from '../../src/checks/index.js';
import type {
  BackupEvent,
  BackupFact,
  ResourceState,
} from '../../src/model/index.js';
import type {
  BackupPolicy,
  RecoveryObjectives,
  Runbook,
  Service,
} from '../../src/runbook/index.js';

// Test data builders: realistic defaults (an RDS orders database backed up
// daily by AWS Backup), overridden field by field. Every default time is a
// fixed instant before 2026-11-05, never the clock.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ORDERS_DB_ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-prod`;
const LINKS =
  'https://github.com/acme/shop/blob/main/runbook/services/{service}.md#{section}';

type ServiceOverrides = Partial<Omit<Service, 'backup' | 'recovery'>> & {
  backup?: Partial<BackupPolicy>;
  recovery?: Partial<RecoveryObjectives>;
};

/**
 * Returns a runbook service: `orders-db`, critical, backed up by AWS Backup
 * daily at 02:00 UTC (start window 1 h, completion window 2 h, grace 30 min),
 * RPO 26 h, RTO 4 h, no restore test required. `backup` and `recovery`
 * overrides are merged into the defaults.
 */
const aService = (overrides: ServiceOverrides = {}): Service => {
  const { backup, recovery, ...rest } = overrides;
  const id = rest.id ?? 'orders-db';
  return {
    id,
    name: 'Orders database',
    category: 'database',
    tier: 'critical',
    owner: 'team-orders',
    resources: [ORDERS_DB_ARN],
    dependsOn: [],
    alerts: 'oncall',
    failureThreshold: 1,
    silences: [],
    graceMs: 30 * MINUTE,
    renotifyMs: 4 * HOUR,
    timezone: 'UTC',
    sections: [
      { level: 2, text: 'Backup', slug: 'backup', line: 30 },
      { level: 3, text: 'Manual backup', slug: 'manual-backup', line: 34 },
      { level: 2, text: 'Recovery', slug: 'recovery', line: 45 },
      { level: 3, text: 'Steps', slug: 'steps', line: 49 },
      { level: 3, text: 'Validation', slug: 'validation', line: 60 },
      { level: 2, text: 'Failover', slug: 'failover', line: 70 },
    ],
    body: '## Backup\n\n### Manual backup\n\n## Recovery\n\n### Steps\n\n### Validation\n\n## Failover\n',
    file: `services/${id}.md`,
    ...rest,
    backup: {
      schedule: 'cron(0 2 * * ? *)',
      startWindowMs: HOUR,
      completionWindowMs: 2 * HOUR,
      retentionMs: 35 * DAY,
      storage: 'AWS Backup vault orders-vault',
      automation: 'aws-backup',
      copies: [],
      ...backup,
    },
    recovery: {
      rtoMs: 4 * HOUR,
      rpoMs: 26 * HOUR,
      ...recovery,
    },
  };
};

/** Returns a runbook with one service (`aService()`) and a GitHub link template. */
const aRunbook = (overrides: Partial<Runbook> = {}): Runbook => ({
  title: 'Acme shop: backup and recovery',
  links: LINKS,
  defaults: { graceMs: 30 * MINUTE, renotifyMs: 4 * HOUR, timezone: 'UTC' },
  alerts: {
    oncall: { pagerduty: '/backup-sentinel/pagerduty/oncall', sns: true },
  },
  services: [aService()],
  drills: { scenarios: [] },
  ...overrides,
});

/**
 * Returns the state of the `orders-db` RDS instance, first seen 2026-10-01
 * 00:00 UTC, with no facts yet: add `lastBackup` and the rest as needed.
 */
const aResourceState = (
  overrides: Partial<ResourceState> = {}
): ResourceState => ({
  resourceArn: ORDERS_DB_ARN,
  resourceType: 'RDS',
  service: 'orders-db',
  account: ACCOUNT,
  region: REGION,
  firstSeenAt: new Date('2026-10-01T00:00:00Z'),
  recentBackups: [],
  copies: [],
  replicationObjects: [],
  ...overrides,
});

/**
 * Returns what a check receives: `aService(service)`, `aResourceState(state)`
 * and the GitHub link template.
 */
const aCheckInput = (
  overrides: {
    service?: ServiceOverrides;
    state?: Partial<ResourceState>;
    links?: string;
  } = {}
): CheckInput => ({
  service: aService(overrides.service),
  state: aResourceState(overrides.state),
  links: overrides.links ?? LINKS,
});

/**
 * Returns a completed backup fact created at `createdAt` (default
 * 2026-11-04 02:05 UTC) and completed 20 minutes later unless `at` is given.
 */
const aBackupFact = (overrides: Partial<BackupFact> = {}): BackupFact => {
  const createdAt = overrides.createdAt ?? new Date('2026-11-04T02:05:00Z');
  return {
    eventId: `evt-${createdAt.getTime()}`,
    state: 'completed',
    jobId: `job-${createdAt.getTime()}`,
    recoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${createdAt.getTime()}`,
    sizeBytes: 50 * 1024 ** 3,
    createdAt,
    at: new Date(createdAt.getTime() + 20 * MINUTE),
    ...overrides,
  };
};

/**
 * Returns a normalised AWS Backup "Backup Job State Change" COMPLETED event
 * for `orders-db`, created 2026-11-04 02:05 UTC and completed at 02:25.
 */
const aBackupEvent = (overrides: Partial<BackupEvent> = {}): BackupEvent => ({
  id: '0c8f3b4e-5d1a-4c3e-9f7a-2b6d8e1f4a90',
  source: 'aws.backup',
  kind: 'backup',
  state: 'completed',
  resourceArn: ORDERS_DB_ARN,
  resourceType: 'RDS',
  jobId: '4ece7121-d60e-00c2-5c3b-49960142d03b',
  recoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-4ece7121-d60e-00c2-5c3b-49960142d03b`,
  occurredAt: new Date('2026-11-04T02:25:00Z'),
  startedAt: new Date('2026-11-04T02:05:00Z'),
  completedAt: new Date('2026-11-04T02:25:00Z'),
  sizeBytes: 50 * 1024 ** 3,
  account: ACCOUNT,
  region: REGION,
  detailType: 'Backup Job State Change',
  ...overrides,
});

export type { ServiceOverrides };
export {
  ACCOUNT,
  aBackupEvent,
  aBackupFact,
  aCheckInput,
  aResourceState,
  aRunbook,
  aService,
  DAY,
  HOUR,
  LINKS,
  MINUTE,
  ORDERS_DB_ARN,
  REGION,
};
