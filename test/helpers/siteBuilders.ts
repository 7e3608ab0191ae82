import type { Runbook, Service } from '../../src/runbook/index.js';
import {
  aRunbook as baseRunbook,
  aService as baseService,
  DAY,
  HOUR,
  MINUTE,
} from './builders.js';

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

/**
 * Returns a valid service as the site shows it: the shared builder's
 * `orders-db` with the format's example objectives, route and body, its
 * resource named after its id. Overrides replace whole fields.
 */
const aService = (overrides: Partial<Service> = {}): Service => {
  const id = overrides.id ?? 'orders-db';
  return {
    ...baseService({
      id,
      owner: 'payments',
      resources: [`arn:aws:rds:us-east-1:111122223333:db:${id}`],
      backup: {
        retentionMs: 7 * DAY,
        storage: 'AWS Backup vault "Default", us-east-1',
        copies: [{ region: 'us-west-2' }],
      },
      recovery: { rtoMs: 30 * MINUTE, restoreTestMs: 30 * DAY },
      alerts: 'payments-oncall',
      renotifyMs: DAY,
      sections: [],
      body: SERVICE_BODY,
    }),
    ...overrides,
  };
};

/** Returns a runbook with one route and the given services. */
const aRunbook = (overrides: Partial<Runbook> = {}): Runbook =>
  baseRunbook({
    title: 'Web shop runbook',
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
