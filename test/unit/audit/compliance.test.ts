import { describe, expect, it } from 'vitest';
import { serviceCompliance } from '../../../src/audit/index.js';
import type { Finding } from '../../../src/model/index.js';
import { NOW } from '../../helpers/auditResponses.js';
import {
  aBackupEvent,
  aBackupFact,
  aResourceState,
  aService,
  DAY,
  HOUR,
} from '../../helpers/builders.js';

const SINCE = new Date(NOW.getTime() - 30 * DAY);

describe('serviceCompliance', () => {
  it('counts backups of the period and reports the stalest resource against the RPO', () => {
    // Prepare
    const service = aService({
      resources: ['arn:aws:rds:eu-west-1:111122223333:db:orders-*'],
    });
    const states = [
      aResourceState({
        lastBackup: aBackupFact({
          createdAt: new Date('2026-03-02T02:05:00Z'),
        }),
      }),
      aResourceState({
        resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-replica',
        lastBackup: aBackupFact({
          createdAt: new Date('2026-03-01T02:05:00Z'),
        }),
      }),
    ];
    const events = [
      aBackupEvent({ occurredAt: new Date('2026-03-02T02:25:00Z') }),
      aBackupEvent({
        state: 'failed',
        occurredAt: new Date('2026-03-01T02:10:00Z'),
      }),
      aBackupEvent({
        state: 'partial',
        occurredAt: new Date('2026-02-20T02:10:00Z'),
      }),
      // Before the period: not counted.
      aBackupEvent({ occurredAt: new Date('2026-01-02T02:25:00Z') }),
      // A restore is not a backup.
      aBackupEvent({
        kind: 'restore',
        occurredAt: new Date('2026-03-01T05:00:00Z'),
      }),
    ];

    // Act
    const figures = serviceCompliance(service, states, events, [], SINCE, NOW);

    // Assess
    expect(figures).toEqual({
      service: 'orders-db',
      tier: 'critical',
      resources: 2,
      succeeded: 1,
      failed: 2,
      lastBackupAt: new Date('2026-03-01T02:05:00Z'),
      lastBackupAgeMs: 30 * HOUR + 55 * 60_000,
      rpoMs: 26 * HOUR,
      withinRpo: true,
    });
  });

  it('reports no last backup when one resource has none, and the RPO from the findings', () => {
    // Prepare
    const states = [
      aResourceState({ lastBackup: aBackupFact() }),
      aResourceState({
        resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:new',
      }),
    ];
    const breach = { service: 'orders-db', check: 'rpo-breached' } as Finding;

    // Act
    const figures = serviceCompliance(
      aService(),
      states,
      [],
      [breach],
      SINCE,
      NOW
    );

    // Assess
    expect(figures).toMatchObject({
      lastBackupAt: null,
      lastBackupAgeMs: null,
      withinRpo: false,
    });
  });
});
