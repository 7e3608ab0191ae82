import { describe, expect, it } from 'vitest';
import {
  factTargets,
  MAX_MESSAGE_LENGTH,
  observeEvent,
  observeResource,
} from '../../../src/history/facts.js';
import { FACT_TABLE, identityFromArn } from '../../../src/history/index.js';
import {
  ACCOUNT,
  aBackupEvent,
  ORDERS_DB_ARN,
  REGION,
} from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T00:00:00Z');

describe('factTargets', () => {
  it.each([
    [
      'backup',
      'completed',
      ['lastBackup', 'recentBackups', 'recoveryPointOwner'],
    ],
    ['backup', 'started', ['lastBackupStarted']],
    ['backup', 'expired', ['lastBackupFailure']],
    ['snapshot', 'partial', ['lastBackupFailure']],
    ['snapshot', 'deleted', ['lastRecoveryPointRemoved']],
    [
      'recovery-point',
      'completed',
      ['lastRecoveryPoint', 'recoveryPointOwner'],
    ],
    ['recovery-point', 'expired', ['lastRecoveryPointRemoved']],
    ['copy', 'completed', ['copies']],
    ['copy', 'partial', ['lastCopyFailure']],
    ['restore', 'aborted', ['lastRestoreFailure']],
    ['replication', 'late', ['lastReplicationLate']],
    ['config', 'completed', ['lastConfigChange']],
    ['copy', 'started', []],
    ['backup', 'deleted', []],
  ] as const)('maps a %s %s event to %j', (kind, state, targets) => {
    // Prepare
    const event = aBackupEvent({ kind, state });

    // Act
    const result = factTargets(event);

    // Assess
    expect(result).toEqual(targets);
  });

  it('covers every event kind', () => {
    // Assess
    expect(Object.keys(FACT_TABLE).sort()).toEqual(
      [
        'backup',
        'config',
        'copy',
        'drill',
        'recovery-point',
        'replication',
        'restore',
        'snapshot',
      ].sort()
    );
  });
});

describe('observeEvent', () => {
  it('observes a completed backup as a backup fact, a size and a recovery point', () => {
    // Prepare
    const event = aBackupEvent({ message: 'Completed with issues' });

    // Act
    const observation = observeEvent(event, 'orders-db');

    // Assess
    expect(observation).toMatchObject({
      resourceArn: ORDERS_DB_ARN,
      serviceId: 'orders-db',
      seenAt: '2026-11-04T02:25:00.000Z',
      identity: { resourceType: 'RDS', account: ACCOUNT, region: REGION },
      event: { at: '2026-11-04T02:25:00.000Z', eventId: event.id },
      recoveryPoints: [event.recoveryPointArn],
    });
    expect(observation.facts).toEqual([
      {
        name: 'lastBackup',
        value: {
          at: '2026-11-04T02:25:00.000Z',
          eventId: event.id,
          state: 'completed',
          jobId: event.jobId,
          message: 'Completed with issues',
          createdAt: '2026-11-04T02:05:00.000Z',
          recoveryPointArn: event.recoveryPointArn,
          sizeBytes: event.sizeBytes,
        },
      },
    ]);
    expect(observation.size).toEqual({
      key: expect.stringMatching(/^2026-11-04T02:25:00\.000Z#[0-9a-f]{8}$/),
      sizeBytes: event.sizeBytes,
    });
  });

  it('times a started fact by the start', () => {
    // Prepare
    const event = aBackupEvent({ state: 'started', completedAt: undefined });

    // Act
    const observation = observeEvent(event, 'orders-db');

    // Assess
    expect(observation.facts[0]?.value.at).toBe('2026-11-04T02:05:00.000Z');
  });

  it('records no size for a backup without one', () => {
    // Prepare
    const event = aBackupEvent({ sizeBytes: undefined });

    // Act
    const observation = observeEvent(event, undefined);

    // Assess
    expect(observation.size).toBeUndefined();
    expect(observation.serviceId).toBeUndefined();
  });

  it('skips a recovery point fact without a recovery point ARN', () => {
    // Prepare
    const event = aBackupEvent({
      kind: 'recovery-point',
      recoveryPointArn: undefined,
    });

    // Act
    const observation = observeEvent(event, 'orders-db');

    // Assess
    expect(observation.facts).toEqual([]);
    expect(observation.recoveryPoints).toEqual([]);
  });

  it('lists every recovery point an event proves its resource owns, once', () => {
    // Prepare
    const snapshot =
      'arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-abc';
    const event = aBackupEvent({
      state: 'completed',
      recoveryPointArn: snapshot,
      ownedRecoveryPoints: [snapshot],
    });
    const copy = aBackupEvent({
      kind: 'copy',
      state: 'completed',
      ownedRecoveryPoints: ['arn:aws:ec2:us-west-2::snapshot/snap-1'],
    });

    // Act
    const backupObservation = observeEvent(event, 'orders-db');
    const copyObservation = observeEvent(copy, 'orders-db');

    // Assess
    expect(backupObservation.recoveryPoints).toEqual([snapshot]);
    expect(copyObservation.recoveryPoints).toEqual([
      'arn:aws:ec2:us-west-2::snapshot/snap-1',
    ]);
  });

  it('gives a restore its recovery point, duration and restore-test flag', () => {
    // Prepare
    const event = aBackupEvent({ kind: 'restore', restoreTest: true });

    // Act
    const observation = observeEvent(event, 'orders-db');

    // Assess
    expect(observation.facts[0]?.value).toMatchObject({
      recoveryPointArn: event.recoveryPointArn,
      startedAt: '2026-11-04T02:05:00.000Z',
      durationMs: 20 * 60_000,
      restoreTest: true,
    });
  });

  it('files a copy under its destination vault', () => {
    // Prepare
    const vault = 'arn:aws:backup:us-east-1:444455556666:backup-vault:dr';
    const event = aBackupEvent({ kind: 'copy', destinationVaultArn: vault });

    // Act
    const observation = observeEvent(event, 'orders-db');

    // Assess
    expect(observation.copy?.vault).toBe(vault);
    expect(observation.copy?.value.sourceRecoveryPointArn).toBe(
      event.recoveryPointArn
    );
  });

  it('cuts a long message', () => {
    // Prepare
    const event = aBackupEvent({ state: 'failed', message: 'x'.repeat(5000) });

    // Act
    const observation = observeEvent(event, 'orders-db');

    // Assess
    expect(observation.facts[0]?.value.message).toHaveLength(
      MAX_MESSAGE_LENGTH
    );
  });
});

describe('identityFromArn', () => {
  it.each([
    [ORDERS_DB_ARN, 'RDS', ACCOUNT, REGION],
    [
      `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:orders`,
      'Aurora',
      ACCOUNT,
      REGION,
    ],
    [`arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-1`, 'EBS', ACCOUNT, REGION],
    [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-1`, 'EC2', ACCOUNT, REGION],
    [
      `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/carts`,
      'DynamoDB',
      ACCOUNT,
      REGION,
    ],
    [
      `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-1`,
      'EFS',
      ACCOUNT,
      REGION,
    ],
    ['arn:aws:s3:::orders-exports', 'S3', '', ''],
  ])('reads %s as %s', (arn, resourceType, account, region) => {
    // Act
    const identity = identityFromArn(arn);

    // Assess
    expect(identity).toEqual({ resourceType, account, region });
  });
});

describe('observeResource', () => {
  it('observes a listed resource as seen now, with no facts', () => {
    // Act
    const observation = observeResource(ORDERS_DB_ARN, 'orders-db', NOW);

    // Assess
    expect(observation).toEqual({
      resourceArn: ORDERS_DB_ARN,
      serviceId: 'orders-db',
      seenAt: NOW.toISOString(),
      identity: { resourceType: 'RDS', account: ACCOUNT, region: REGION },
      facts: [],
      recoveryPoints: [],
    });
  });
});
