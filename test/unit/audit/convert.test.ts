import { describe, expect, it } from 'vitest';
import {
  convertBackupJob,
  convertClusterSnapshot,
  convertCopyJob,
  convertDbSnapshot,
  convertInventory,
  convertRecoveryPoints,
  convertRestoreJob,
} from '../../../src/audit/index.js';
import { normaliseBackupEvent } from '../../../src/events/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import {
  aBackupJob,
  aClusterSnapshot,
  aCopyJob,
  aDbSnapshot,
  anInventory,
  aRecoveryPoint,
  aRestoreJob,
} from '../../helpers/auditResponses.js';
import { ACCOUNT, ORDERS_DB_ARN, REGION } from '../../helpers/builders.js';

const eventsOf = (
  result: ReturnType<typeof convertBackupJob>
): BackupEvent[] => {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

describe('convertBackupJob', () => {
  it('returns a completed backup event with the job, recovery point, times and size', () => {
    // Prepare
    const job = aBackupJob('2026-03-01', { BackupSizeInBytes: 71 });

    // Act
    const events = eventsOf(convertBackupJob(job, REGION, 'BackupJobs.0'));

    // Assess
    expect(events).toEqual([
      {
        id: 'backup-job:job-2026-03-01:COMPLETED',
        source: 'aws.backup',
        kind: 'backup',
        state: 'completed',
        resourceArn: ORDERS_DB_ARN,
        resourceType: 'RDS',
        jobId: 'job-2026-03-01',
        recoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-2026-03-01`,
        occurredAt: new Date('2026-03-01T02:25:00Z'),
        startedAt: new Date('2026-03-01T02:05:00Z'),
        completedAt: new Date('2026-03-01T02:25:00Z'),
        sizeBytes: 71,
        account: ACCOUNT,
        region: REGION,
        detailType: 'ListBackupJobs',
        // The snapshot AWS Backup names after the job, as RDS reports it.
        ownedRecoveryPoints: [
          `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-job-2026-03-01`,
        ],
      },
    ]);
  });

  it('gives the same facts as the EventBridge event of the same job state', () => {
    // Prepare: the documented "Backup Job State Change" COMPLETED detail
    // carries the same job in camelCase.
    const job = aBackupJob('2026-03-01', { BackupSizeInBytes: 71 });
    const envelope = {
      version: '0',
      id: 'e4e5a3b1-0000-4c1a-9c1e-000000000001',
      'detail-type': 'Backup Job State Change',
      source: 'aws.backup',
      account: ACCOUNT,
      time: '2026-03-01T02:25:00Z',
      region: REGION,
      resources: [job.RecoveryPointArn],
      detail: {
        backupJobId: job.BackupJobId,
        backupSizeInBytes: '71',
        backupVaultArn: job.BackupVaultArn,
        backupVaultName: 'Default',
        completionDate: '2026-03-01T02:25:00Z',
        creationDate: '2026-03-01T02:05:00Z',
        iamRoleArn: job.IamRoleArn,
        resourceArn: job.ResourceArn,
        resourceType: 'RDS',
        state: 'COMPLETED',
      },
    };
    const fromEvent = normaliseBackupEvent(envelope);
    if (!fromEvent.ok) throw new Error('fixture does not normalise');

    // Act
    const [fromApi] = eventsOf(convertBackupJob(job, REGION, 'BackupJobs.0'));

    // Assess: all but the id and the detail-type kept for tracing
    const { id: _a, detailType: _b, ...api } = fromApi!;
    const { id: _c, detailType: _d, ...event } = fromEvent.value[0]!;
    expect(api).toEqual(event);
  });

  it('returns a started event timed by the creation while the job runs', () => {
    // Prepare
    const job = aBackupJob('2026-03-02', {
      State: 'RUNNING',
      CompletionDate: undefined,
      PercentDone: '40.0',
    });

    // Act
    const [event] = eventsOf(convertBackupJob(job, REGION, 'BackupJobs.0'));

    // Assess
    expect(event).toMatchObject({
      id: 'backup-job:job-2026-03-02:RUNNING',
      state: 'started',
      occurredAt: new Date('2026-03-02T02:05:00Z'),
    });
  });

  it('returns a failed event carrying the status message', () => {
    // Prepare
    const job = aBackupJob('2026-03-02', {
      State: 'FAILED',
      StatusMessage: ' Insufficient privileges to perform this action. ',
      CompletionDate: new Date('2026-03-02T02:06:00Z'),
    });

    // Act
    const [event] = eventsOf(convertBackupJob(job, REGION, 'BackupJobs.0'));

    // Assess
    expect(event).toMatchObject({
      state: 'failed',
      message: 'Insufficient privileges to perform this action.',
      occurredAt: new Date('2026-03-02T02:06:00Z'),
    });
  });

  it('returns no event for a job that was only created', () => {
    // Prepare
    const job = aBackupJob('2026-03-02', {
      State: 'CREATED',
      CompletionDate: undefined,
    });

    // Act
    const result = convertBackupJob(job, REGION, 'BackupJobs.0');

    // Assess
    expect(result).toEqual({ ok: true, value: [] });
  });

  it('rejects an unknown state at its path', () => {
    // Prepare
    const job = aBackupJob('2026-03-02', { State: 'MELTED' as 'FAILED' });

    // Act
    const result = convertBackupJob(job, REGION, 'BackupJobs.4');

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'BackupJobs.4.State', message: "unknown value 'MELTED'" },
      ],
    });
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'rejects the state %s as unknown instead of reading Object.prototype',
    (state) => {
      // Prepare
      const job = aBackupJob('2026-03-02', { State: state as 'FAILED' });

      // Act
      const result = convertBackupJob(job, REGION, 'BackupJobs.4');

      // Assess
      expect(result).toEqual({
        ok: false,
        issues: [
          { path: 'BackupJobs.4.State', message: `unknown value '${state}'` },
        ],
      });
    }
  );

  it('rejects a job without a resource ARN', () => {
    // Prepare
    const job = aBackupJob('2026-03-02', { ResourceArn: undefined });

    // Act
    const result = convertBackupJob(job, REGION, 'BackupJobs.1');

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'BackupJobs.1.ResourceArn', message: 'missing' }],
    });
  });
});

describe('convertCopyJob', () => {
  it('returns a completed copy of the source resource with its destination vault', () => {
    // Prepare
    const job = aCopyJob('2026-03-01');

    // Act
    const [event] = eventsOf(convertCopyJob(job, REGION, 'CopyJobs.0'));

    // Assess
    expect(event).toMatchObject({
      id: 'copy-job:copy-2026-03-01:COMPLETED',
      kind: 'copy',
      state: 'completed',
      resourceArn: ORDERS_DB_ARN,
      recoveryPointArn: job.SourceRecoveryPointArn,
      destinationVaultArn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:Default`,
      occurredAt: new Date('2026-03-01T02:50:00Z'),
      detailType: 'ListCopyJobs',
    });
  });

  it('falls back to the source recovery point when the job names no resource', () => {
    // Prepare
    const job = aCopyJob('2026-03-01', { ResourceArn: undefined });

    // Act
    const [event] = eventsOf(convertCopyJob(job, REGION, 'CopyJobs.0'));

    // Assess
    expect(event?.resourceArn).toBe(job.SourceRecoveryPointArn);
  });
});

describe('convertRestoreJob', () => {
  it('returns a restore test with its start and end', () => {
    // Prepare
    const job = aRestoreJob('2026-02-28');

    // Act
    const [event] = eventsOf(convertRestoreJob(job, REGION, 'RestoreJobs.0'));

    // Assess
    expect(event).toMatchObject({
      id: 'restore-job:restore-2026-02-28:COMPLETED',
      kind: 'restore',
      state: 'completed',
      resourceArn: ORDERS_DB_ARN,
      startedAt: new Date('2026-02-28T04:00:00Z'),
      completedAt: new Date('2026-02-28T04:40:00Z'),
      restoreTest: true,
      detailType: 'ListRestoreJobs',
    });
  });

  it('marks a restore no testing plan started as not a test', () => {
    // Prepare
    const job = aRestoreJob('2026-02-28', { CreatedBy: undefined });

    // Act
    const [event] = eventsOf(convertRestoreJob(job, REGION, 'RestoreJobs.0'));

    // Assess
    expect(event?.restoreTest).toBe(false);
  });

  it('attributes a restore without its source to the recovery point', () => {
    // Prepare
    const job = aRestoreJob('2026-02-28', { SourceResourceArn: undefined });

    // Act
    const [event] = eventsOf(convertRestoreJob(job, REGION, 'RestoreJobs.0'));

    // Assess
    expect(event?.resourceArn).toBe(job.RecoveryPointArn);
  });
});

describe('convertDbSnapshot', () => {
  it('returns a completed snapshot of the DB instance it was taken of', () => {
    // Prepare
    const snapshot = aDbSnapshot('orders-prod', '2026-03-01');

    // Act
    const [event] = eventsOf(
      convertDbSnapshot(snapshot, REGION, 'DBSnapshots.0')
    );

    // Assess
    expect(event).toMatchObject({
      id: `DescribeDBSnapshots:${snapshot.DBSnapshotArn}:available`,
      source: 'aws.rds',
      kind: 'snapshot',
      state: 'completed',
      resourceArn: ORDERS_DB_ARN,
      resourceType: 'RDS',
      jobId: 'rds:orders-prod-2026-03-01-03-10',
      recoveryPointArn: snapshot.DBSnapshotArn,
      occurredAt: new Date('2026-03-01T03:10:00Z'),
      account: ACCOUNT,
    });
  });

  it('returns a started snapshot while it is being created', () => {
    // Prepare
    const snapshot = aDbSnapshot('orders-prod', '2026-03-02', {
      Status: 'creating',
    });

    // Act
    const [event] = eventsOf(
      convertDbSnapshot(snapshot, REGION, 'DBSnapshots.0')
    );

    // Assess
    expect(event?.state).toBe('started');
  });

  it('returns a copy of the source-region instance for a copied snapshot', () => {
    // Prepare
    const snapshot = aDbSnapshot('orders-prod', '2026-03-01', {
      SnapshotType: 'manual',
      SourceRegion: 'eu-central-1',
    });

    // Act
    const [event] = eventsOf(
      convertDbSnapshot(snapshot, REGION, 'DBSnapshots.0')
    );

    // Assess
    expect(event).toMatchObject({
      kind: 'copy',
      state: 'completed',
      resourceArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:db:orders-prod`,
      destinationVaultArn: snapshot.DBSnapshotArn,
    });
  });

  it('returns no event for AWS Backup snapshots, which their backup job reports', () => {
    // Prepare
    const snapshot = aDbSnapshot('orders-prod', '2026-03-01', {
      SnapshotType: 'awsbackup',
      DBSnapshotIdentifier: 'awsbackup:job-0123',
    });

    // Act
    const result = convertDbSnapshot(snapshot, REGION, 'DBSnapshots.0');

    // Assess
    expect(result).toEqual({ ok: true, value: [] });
  });

  it('rejects a status RDS has not been seen to use', () => {
    // Prepare
    const snapshot = aDbSnapshot('orders-prod', '2026-03-01', {
      Status: 'incompatible-restore',
    });

    // Act
    const result = convertDbSnapshot(snapshot, REGION, 'DBSnapshots.2');

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'DBSnapshots.2.Status',
          message: "unknown value 'incompatible-restore'",
        },
      ],
    });
  });
});

describe('convertClusterSnapshot', () => {
  it('returns a completed snapshot of the Aurora cluster', () => {
    // Prepare
    const snapshot = aClusterSnapshot('catalog', '2026-03-01');

    // Act
    const [event] = eventsOf(
      convertClusterSnapshot(snapshot, REGION, 'DBClusterSnapshots.0')
    );

    // Assess
    expect(event).toMatchObject({
      kind: 'snapshot',
      state: 'completed',
      resourceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:catalog`,
      resourceType: 'Aurora',
      detailType: 'DescribeDBClusterSnapshots',
    });
  });

  it('returns a copy when the source snapshot lives in another region', () => {
    // Prepare
    const snapshot = aClusterSnapshot('catalog', '2026-03-01', {
      SnapshotType: 'manual',
      SourceDBClusterSnapshotArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-snapshot:rds:catalog-2026-03-01-04-00`,
    });

    // Act
    const [event] = eventsOf(
      convertClusterSnapshot(snapshot, REGION, 'DBClusterSnapshots.0')
    );

    // Assess
    expect(event).toMatchObject({
      kind: 'copy',
      resourceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:catalog`,
    });
  });
});

describe('convertRecoveryPoints', () => {
  it('gives the newest usable recovery point as a completed backup at its creation', () => {
    // Prepare
    const points = [
      aRecoveryPoint('2026-01-14'),
      aRecoveryPoint('2026-01-15', {
        Status: 'AVAILABLE',
        BackupSizeBytes: 42,
      }),
      aRecoveryPoint('2026-01-16', { Status: 'EXPIRED' }),
      aRecoveryPoint('2026-01-17', { Status: 'PARTIAL' }),
      aRecoveryPoint('2026-01-18', { Status: 'DELETING' }),
    ];

    // Act
    const events = convertRecoveryPoints(
      { resourceArn: ORDERS_DB_ARN, points },
      REGION
    );

    // Assess
    const created = new Date('2026-01-15T02:05:00Z');
    expect(events).toEqual([
      {
        id: `recovery-point:${points[1]?.RecoveryPointArn}`,
        source: 'aws.backup',
        kind: 'backup',
        state: 'completed',
        resourceArn: ORDERS_DB_ARN,
        resourceType: 'RDS',
        recoveryPointArn: points[1]?.RecoveryPointArn,
        occurredAt: created,
        startedAt: created,
        recoveryPointCreatedAt: created,
        sizeBytes: 42,
        account: ACCOUNT,
        region: REGION,
        detailType: 'ListRecoveryPointsByResource',
      },
    ]);
  });

  it('gives nothing when no recovery point is usable', () => {
    // Act
    const events = convertRecoveryPoints(
      {
        resourceArn: ORDERS_DB_ARN,
        points: [aRecoveryPoint('2026-01-16', { Status: 'EXPIRED' })],
      },
      REGION
    );

    // Assess
    expect(events).toEqual([]);
  });
});

describe('convertInventory', () => {
  it('converts every list and keeps the items it cannot convert as issues', () => {
    // Prepare
    const inventory = anInventory({
      backupJobs: [
        aBackupJob('2026-03-01'),
        aBackupJob('2026-03-02', { ResourceType: undefined }),
      ],
      copyJobs: [aCopyJob('2026-03-01')],
      restoreJobs: [aRestoreJob('2026-02-28')],
      dbSnapshots: [aDbSnapshot('billing', '2026-03-01')],
      clusterSnapshots: [aClusterSnapshot('catalog', '2026-03-01')],
    });

    // Act
    const { events, issues } = convertInventory(inventory);

    // Assess
    expect(events.map((e) => e.kind)).toEqual([
      'backup',
      'copy',
      'restore',
      'snapshot',
      'snapshot',
    ]);
    expect(issues).toEqual([
      { region: REGION, path: 'BackupJobs.1.ResourceType', message: 'missing' },
    ]);
  });

  it('gives every event a distinct id', () => {
    // Prepare
    const inventory = anInventory({
      backupJobs: [
        aBackupJob('2026-02-28'),
        aBackupJob('2026-03-01'),
        aBackupJob('2026-03-02', { State: 'RUNNING' }),
      ],
      copyJobs: [aCopyJob('2026-03-01')],
      restoreJobs: [aRestoreJob('2026-03-01')],
      dbSnapshots: [
        aDbSnapshot('orders-prod', '2026-03-01'),
        aDbSnapshot('orders-prod', '2026-03-02'),
      ],
    });

    // Act
    const { events } = convertInventory(inventory);

    // Assess
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
