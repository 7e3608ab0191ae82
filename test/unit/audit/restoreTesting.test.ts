import type {
  RestoreTestingPlanForGet,
  RestoreTestingSelectionForGet,
} from '@aws-sdk/client-backup';
import { describe, expect, it } from 'vitest';
import {
  compareRestoreTesting,
  type RegionInventory,
} from '../../../src/audit/index.js';
import { restoreTestingPlans } from '../../../src/runbook/index.js';
import { aRunbook, aService, DAY, HOUR } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T00:00:00Z');
const DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-prod';
const RUNBOOK = aRunbook({
  services: [
    aService({
      resources: [DB],
      recovery: { rtoMs: HOUR, rpoMs: 27 * HOUR, restoreTestMs: 30 * DAY },
    }),
  ],
});
const [EXPECTED] = restoreTestingPlans(RUNBOOK, 'backup-sentinel-prod').plans;

const inventory = (
  plan: Partial<RestoreTestingPlanForGet>,
  selections: Partial<RestoreTestingSelectionForGet>[]
): RegionInventory =>
  ({
    region: 'eu-west-1',
    restoreTestingPlans: [
      {
        plan: {
          RestoreTestingPlanName: EXPECTED?.name,
          ScheduleExpression: EXPECTED?.schedule,
          RecoveryPointSelection: { SelectionWindowDays: 2 },
          CreationTime: NOW,
          ...plan,
        },
        selections: selections.map((s) => ({
          ProtectedResourceType: 'RDS',
          ProtectedResourceArns: [DB],
          ValidationWindowHours: 1,
          ...s,
        })),
      },
    ],
  }) as unknown as RegionInventory;

describe('compareRestoreTesting', () => {
  it('finds the deployed plan the same as the expected one', () => {
    // Act
    const [comparison] = compareRestoreTesting(
      RUNBOOK,
      'backup-sentinel-prod',
      [inventory({}, [{}])]
    );

    // Assess
    expect(comparison).toMatchObject({
      service: 'orders-db',
      status: 'match',
      expected: { name: 'backup_sentinel_prod_orders_db', selections: ['RDS'] },
      deployed: { selections: ['RDS'] },
    });
  });

  it('says what differs', () => {
    // Act
    const [comparison] = compareRestoreTesting(
      RUNBOOK,
      'backup-sentinel-prod',
      [
        inventory({ ScheduleExpression: 'cron(0 5 1 * ? *)' }, [
          { ProtectedResourceArns: ['*'], ValidationWindowHours: 4 },
        ]),
      ]
    );

    // Assess
    expect(comparison?.status).toBe('differs');
    expect(comparison?.differences).toEqual([
      `schedule cron(0 5 1 * ? *), expected ${EXPECTED?.schedule}`,
      `RDS selects *, expected ${DB}`,
      'RDS validation window 4 h, expected 1',
    ]);
  });

  it('reports a plan of another stage as missing', () => {
    // Act
    const [comparison] = compareRestoreTesting(RUNBOOK, 'backup-sentinel-dev', [
      inventory({}, [{}]),
    ]);

    // Assess
    expect(comparison).toMatchObject({ status: 'missing', differences: [] });
  });
});
