import { describe, expect, it } from 'vitest';
import { evidenceFor } from '../../../../src/alerts/channels/evidence.js';
import { CHECK_IDS, type CheckId } from '../../../../src/model/index.js';
import {
  aBackupFact,
  aResourceState,
  MINUTE,
} from '../../../helpers/builders.js';
import { FINDING } from '../../../helpers/channelFixtures.js';

// Each check failed from 02:40; what happened at 06:00 clears it.
const SINCE = new Date('2026-11-05T02:40:00Z');
const AFTER = new Date('2026-11-05T06:00:00Z');
const BEFORE = new Date('2026-11-05T01:00:00Z');

const failing = (check: CheckId) => ({ ...FINDING, check, since: SINCE });

/** A state whose every clearing fact happened at `at`. */
const stateAt = (at: Date) =>
  aResourceState({
    lastBackup: aBackupFact({
      createdAt: new Date(at.getTime() - 20 * MINUTE),
      at,
      jobId: 'job-6',
    }),
    copies: [
      {
        at,
        eventId: 'copy',
        state: 'completed',
        destinationVaultArn:
          'arn:aws:backup:us-west-2:111122223333:backup-vault:dr',
      },
    ],
    lastRestore: {
      at,
      eventId: 'restore',
      state: 'completed',
      durationMs: 25 * MINUTE,
      restoreTest: true,
    },
    lastDrill: { at, eventId: 'drill', state: 'completed', restoreTest: true },
    lastReplicationCaughtUp: { at, eventId: 'caught-up', state: 'completed' },
    replicationObjects: [
      { at, eventId: 'object', state: 'completed', objectKey: 'a.pdf' },
    ],
    lastConfigChange: { at, eventId: 'config', state: 'completed' },
    lastRecoveryPoint: {
      at,
      eventId: 'point',
      state: 'completed',
      recoveryPointArn:
        'arn:aws:backup:us-east-1:111122223333:recovery-point:1',
      // Older data than the backup's: the backup is the newest.
      createdAt: new Date(at.getTime() - 60 * MINUTE),
      deleteAt: new Date('2026-12-05T06:00:00Z'),
    },
  });

describe('evidenceFor', () => {
  it.each([
    [
      'backup-failed',
      'backup of 2026-11-05 05:40 UTC completed 2026-11-05 06:00 UTC (job job-6)',
    ],
    [
      'backup-missed',
      'backup of 2026-11-05 05:40 UTC completed 2026-11-05 06:00 UTC (job job-6)',
    ],
    [
      'rpo-breached',
      'backup of 2026-11-05 05:40 UTC completed 2026-11-05 06:00 UTC (job job-6)',
    ],
    [
      'backup-size-anomaly',
      'backup of 2026-11-05 05:40 UTC completed 2026-11-05 06:00 UTC (job job-6)',
    ],
    ['copy-failed', 'copy to dr completed 2026-11-05 06:00 UTC'],
    [
      'restore-failed',
      'restore test completed 2026-11-05 06:00 UTC, took 25 min',
    ],
    ['rto-at-risk', 'restore test completed 2026-11-05 06:00 UTC, took 25 min'],
    [
      'restore-test-overdue',
      'restore test completed 2026-11-05 06:00 UTC, took 25 min',
    ],
    ['drill-overdue', 'drill completed 2026-11-05 06:00 UTC'],
    [
      'replication-failed',
      'S3 reported the object replicated by 2026-11-05 06:00 UTC',
    ],
    [
      'replication-late',
      'S3 reported a late object replicated 2026-11-05 06:00 UTC',
    ],
    [
      'config-drift',
      'RDS reported automated backups enabled 2026-11-05 06:00 UTC',
    ],
    [
      'retention-violated',
      'recovery point of 2026-11-05 05:00 UTC kept until 2026-12-05 06:00 UTC',
    ],
    ['unmapped-resource', 'the runbook now lists it under orders-db'],
  ] as const)('gives %s the fact that cleared it', (check, text) => {
    // Act
    const evidence = evidenceFor(failing(check), stateAt(AFTER));

    // Assess
    expect(evidence).toEqual({ text, proven: true });
  });

  it.each(
    // Not replication-late (quiet closes it), unmapped-resource (the
    // runbook does), replication-lag (CloudWatch does, not a fact).
    CHECK_IDS.filter(
      (c) =>
        c !== 'replication-late' &&
        c !== 'unmapped-resource' &&
        c !== 'replication-lag'
    )
  )('gives %s nothing from facts older than its failure', (check) => {
    // Act & Assess
    expect(evidenceFor(failing(check), stateAt(BEFORE))).toBeUndefined();
  });

  it('gives a continuous backup its recovery point, the newer data', () => {
    // Prepare: AWS Backup reported a point of 05:55, newer than the job's data.
    const state = {
      ...stateAt(AFTER),
      lastRecoveryPoint: {
        at: AFTER,
        eventId: 'point',
        state: 'completed' as const,
        recoveryPointArn:
          'arn:aws:backup:us-east-1:111122223333:recovery-point:2',
        createdAt: new Date('2026-11-05T05:55:00Z'),
      },
    };

    // Act & Assess
    expect(evidenceFor(failing('rpo-breached'), state)?.text).toBe(
      'recovery point of 2026-11-05 05:55 UTC completed 2026-11-05 06:00 UTC'
    );
  });

  it('gives retention-violated the newer point removed on time', () => {
    // Prepare
    const state = {
      ...stateAt(AFTER),
      lastRecoveryPointRemoved: {
        at: AFTER,
        eventId: 'removed',
        state: 'expired' as const,
        recoveryPointArn:
          'arn:aws:backup:us-east-1:111122223333:recovery-point:0',
        createdAt: new Date('2026-10-01T06:00:00Z'),
      },
    };

    // Act & Assess
    expect(evidenceFor(failing('retention-violated'), state)?.text).toBe(
      'recovery point of 2026-10-01 06:00 UTC expired 2026-11-05 06:00 UTC, after its retention'
    );
  });

  it('says a late replication closed on quiet, not proof, when S3 reported nothing', () => {
    // Act
    const evidence = evidenceFor(failing('replication-late'), stateAt(BEFORE));

    // Assess
    expect(evidence).toEqual({
      text: 'no late replication reported since 2026-11-05 02:40 UTC, and no object reported replicated; S3 may send nothing more, so this closed after a quiet period, not on proof',
      proven: false,
    });
  });

  it('gives nothing without the state', () => {
    // Act & Assess
    expect(evidenceFor(failing('backup-failed'), undefined)).toBeUndefined();
  });
});
