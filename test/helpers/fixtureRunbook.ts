import type { Runbook } from '../../src/runbook/index.js';
import { aRunbook, aService } from './builders.js';

const ACCOUNT = '111122223333';

/**
 * A runbook claiming the BUILT fixtures' resources (one service each) and,
 * with a wildcard, the DB instances of AWS's RDS doc examples.
 */
const fixtureRunbook = (): Runbook =>
  aRunbook({
    services: [
      aService({
        id: 'orders-db',
        resources: [`arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-db`],
      }),
      aService({
        id: 'payments',
        resources: [`arn:aws:rds:us-east-1:${ACCOUNT}:cluster:payments-aurora`],
      }),
      aService({
        id: 'sessions',
        resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/sessions`],
      }),
      aService({
        id: 'media',
        resources: [
          `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0a1b2c3d4e5f67890`,
          `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/*`,
        ],
      }),
      aService({ id: 'invoices', resources: ['arn:aws:s3:::acme-invoices'] }),
      aService({
        id: 'legacy-db',
        resources: ['arn:aws:rds:us-east-1:123456789012:db:*'],
      }),
    ],
  });

export { fixtureRunbook };
