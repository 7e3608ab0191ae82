import type { Runbook, Service } from '../../../../src/runbook/types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A body with every required section, as the format prescribes. */
const SERVICE_BODY = `
## Backup

Backups run through AWS Backup.

### Manual backup

1. Open the AWS Backup console.
2. Run \`aws backup start-backup-job\`.

## Recovery

### Steps

1. Restore the latest recovery point.

### Validation

Run a query.

## Failover

Promote the read replica.
`;

/** Returns a valid service; overrides replace whole fields. */
const aService = (overrides: Partial<Service> = {}): Service => {
  const id = overrides.id ?? 'orders-db';
  return {
    id,
    name: 'Orders database',
    category: 'database',
    tier: 'critical',
    owner: 'payments',
    resources: [`arn:aws:rds:us-east-1:111122223333:db:${id}`],
    backup: {
      schedule: 'cron(0 2 * * ? *)',
      startWindowMs: HOUR,
      completionWindowMs: 2 * HOUR,
      retentionMs: 7 * DAY,
      storage: 'AWS Backup vault "Default", us-east-1',
      automation: 'aws-backup',
      copies: [{ region: 'us-west-2' }],
    },
    recovery: { rtoMs: 30 * MINUTE, rpoMs: 26 * HOUR, restoreTestMs: 30 * DAY },
    dependsOn: [],
    alerts: 'payments-oncall',
    failureThreshold: 1,
    silences: [],
    graceMs: 30 * MINUTE,
    renotifyMs: DAY,
    timezone: 'UTC',
    sections: [],
    body: SERVICE_BODY,
    file: `services/${id}.md`,
    ...overrides,
  };
};

/** Returns a runbook with one route and the given services. */
const aRunbook = (overrides: Partial<Runbook> = {}): Runbook => ({
  title: 'Web shop runbook',
  links:
    'https://github.com/acme/shop/blob/main/runbook/services/{service}.md#{section}',
  defaults: { graceMs: 30 * MINUTE, renotifyMs: DAY, timezone: 'UTC' },
  alerts: {
    'payments-oncall': {
      pagerduty: '/backup-sentinel/pagerduty/payments',
      sns: true,
    },
  },
  services: [aService()],
  ...overrides,
});

export { aRunbook, aService, DAY, HOUR, MINUTE, SERVICE_BODY };
