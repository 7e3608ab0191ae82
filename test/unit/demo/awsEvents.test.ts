import { describe, expect, it } from 'vitest';
import {
  type BackupJob,
  type BackupSetting,
  backupJobCompleted,
  backupJobFailed,
  backupJobRunning,
  copyJobCompleted,
  type ReplicatedObject,
  rdsAutomatedSnapshot,
  recoveryPointCompleted,
  recoveryPointRemoved,
  replicationCaughtUpNotification,
  replicationFailedNotification,
  restoreTestCompleted,
} from '../../../demo/index.js';
import { fixture } from '../../helpers/eventFixtures.js';

/**
 * The shape of a JSON value: every key, with the JSON type of its value;
 * arrays by their first element. Neither values nor key order count.
 */
const shape = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.length === 0 ? [] : [shape(value[0])];
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, v]) => [key, shape(v)])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
  }
  return value === null ? 'null' : typeof value;
};

const AT = new Date('2024-05-01T03:00:00Z');
const later = (minutes: number): Date =>
  new Date(AT.getTime() + minutes * 60_000);

const SETTING: BackupSetting = {
  account: '111122223333',
  region: 'us-east-1',
  vaultName: 'prod-vault',
  vaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:prod-vault',
  iamRoleArn:
    'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole',
};

const job = (resourceType: string, resourceArn: string): BackupJob => ({
  jobId: 'b1f0b0ad-7c3c-4a70-8b6c-6e5a8c1f2d3e',
  resourceArn,
  resourceType,
  plan: {
    backupPlanId: '8c4e2f0a-7d3b-4a6e-9f1c-2b5d8e7a6c41',
    backupPlanArn:
      'arn:aws:backup:us-east-1:111122223333:backup-plan:8c4e2f0a-7d3b-4a6e-9f1c-2b5d8e7a6c41',
    backupPlanVersion: 'ZjI3YjQ0NTEtOGE5Ni00YzFkLWJjNzMtOTIxZTVhNmQ0ZTFm',
    backupPlanRuleId: '4b1d6e2a-93c7-4f58-a0e2-7c6d5b4a3f21',
  },
  createdAt: AT,
  startBy: later(60),
  sizeBytes: 1024,
});

const EBS = job(
  'EBS',
  'arn:aws:ec2:us-east-1:111122223333:volume/vol-0a1b2c3d4e5f67890'
);
const DYNAMODB = job(
  'DynamoDB',
  'arn:aws:dynamodb:us-east-1:111122223333:table/sessions'
);
const POINT =
  'arn:aws:backup:us-east-1:111122223333:recovery-point:cf284f8d-beb4-4df8-bff3-b0d43e8faab4';

const OBJECT: ReplicatedObject = {
  bucketName: 'acme-invoices',
  bucketArn: 'arn:aws:s3:::acme-invoices',
  ownerPrincipalId: '111122223333',
  key: '2024/05/invoice 1.pdf',
  size: 1024,
  eTag: 'e12345ca7e88a38428305d3ff7fcb99f',
  versionId: 'abcdeH0Xp66ep__QDjR76LK7Gc9X4wKO',
  sequencer: '0066DA1CBF104C0D51',
  requestId: '123bf045-2b4b-4ca8-a211-c34a63c59426',
  hostId:
    '12VAWNDIHnwJsRhTccqQTeAPoXQmRt22KkewMV8G3XZihAuf9CLDdmkApgZzudaIe2KlLfDqGS0=',
  replicationRuleId: 'invoices-to-us-west-2',
  destinationBucketArn: 'arn:aws:s3:::acme-invoices-replica',
  requestedAt: AT,
  reportedAt: later(1),
};

/** Without the record fields no AWS document shows the format of. */
const withoutUnverified = (raw: unknown): unknown =>
  JSON.parse(JSON.stringify(raw), (key, value) =>
    typeof value === 'string' && value.startsWith('<UNVERIFIED')
      ? undefined
      : key === 'configurationId'
        ? 'replication-events'
        : value
  );

describe('the AWS event generator', () => {
  it.each([
    [
      'aws-backup/backup-job-state-change.RUNNING.ebs-volume.BUILT.json',
      () => backupJobRunning(SETTING, 'id', EBS, later(5), 40, later(20)),
    ],
    [
      'aws-backup/backup-job-state-change.COMPLETED.ebs-volume.BUILT.json',
      () => backupJobCompleted(SETTING, 'id', EBS, POINT, later(20), later(21)),
    ],
    [
      'aws-backup/backup-job-state-change.FAILED.dynamodb-table.BUILT.json',
      () =>
        backupJobFailed(SETTING, 'id', DYNAMODB, 'denied', later(9), later(10)),
    ],
    [
      'aws-backup/recovery-point-state-change.COMPLETED.json',
      () =>
        recoveryPointCompleted(
          SETTING,
          'id',
          EBS,
          POINT,
          later(20),
          35,
          later(21)
        ),
    ],
    [
      'aws-backup/recovery-point-state-change.DELETING.dynamodb-table.BUILT.json',
      () =>
        recoveryPointRemoved(
          SETTING,
          'id',
          DYNAMODB,
          POINT,
          'DELETING',
          35,
          later(21)
        ),
    ],
    [
      'aws-backup/recovery-point-state-change.EXPIRED.ebs-volume.BUILT.json',
      () =>
        recoveryPointRemoved(
          SETTING,
          'id',
          EBS,
          POINT,
          'EXPIRED',
          35,
          later(9)
        ),
    ],
    [
      'aws-backup/copy-job-state-change.COMPLETED.us-west-2.efs-file-system.BUILT.json',
      () =>
        copyJobCompleted(
          SETTING,
          'id',
          EBS,
          {
            copyJobId: 'copy',
            sourceRecoveryPointArn: POINT,
            destinationVaultArn:
              'arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault',
            destinationRecoveryPointArn: POINT,
            createdAt: later(30),
            completedAt: later(40),
          },
          later(41)
        ),
    ],
    [
      'aws-backup/restore-job-state-change.COMPLETED.restore-test.rds-instance.BUILT.json',
      () =>
        restoreTestCompleted(
          SETTING,
          'id',
          {
            restoreJobId: 'restore',
            recoveryPointArn: POINT,
            sourceResourceArn: EBS.resourceArn,
            resourceType: 'RDS',
            createdResourceArn: EBS.resourceArn,
            sizeBytes: 1024,
            createdAt: later(60),
            completedAt: later(90),
            restoreTestingPlanArn:
              'arn:aws:backup:us-east-1:111122223333:restore-testing-plan:weekly',
          },
          later(91)
        ),
    ],
    [
      'rds/rds-db-snapshot-event.RDS-EVENT-0091.automated-created.orders-db.BUILT.json',
      () =>
        rdsAutomatedSnapshot(
          '111122223333',
          'us-east-1',
          'id',
          {
            sourceType: 'SNAPSHOT',
            snapshotArn:
              'arn:aws:rds:us-east-1:111122223333:snapshot:rds:orders-db-2024-05-01-03-00',
            identifier: 'rds:orders-db-2024-05-01-03-00',
          },
          'completed',
          later(10)
        ),
    ],
    [
      'rds/rds-db-cluster-snapshot-event.RDS-EVENT-0169.automated-created.payments-aurora.BUILT.json',
      () =>
        rdsAutomatedSnapshot(
          '111122223333',
          'us-east-1',
          'id',
          {
            sourceType: 'CLUSTER_SNAPSHOT',
            snapshotArn:
              'arn:aws:rds:us-east-1:111122223333:cluster-snapshot:rds:payments-2024-05-01-03-00',
            identifier: 'rds:payments-2024-05-01-03-00',
          },
          'completed',
          later(10)
        ),
    ],
    [
      's3/s3-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json',
      () =>
        replicationFailedNotification('us-east-1', {
          ...OBJECT,
          failureReason: 'DstBucketNotFound',
        }),
    ],
  ])('builds events shaped exactly like %s', (path, build) => {
    // Act
    const built = build();

    // Assess
    expect(shape(built)).toEqual(shape(fixture(path)));
  });

  it("builds a late replication's notification as AWS documents it", () => {
    // Prepare
    const documented = withoutUnverified(
      fixture(
        's3/s3-notification.Replication-OperationReplicatedAfterThreshold.RECONSTRUCTED.json'
      )
    );

    // Act
    const built = replicationCaughtUpNotification('us-east-1', OBJECT);

    // Assess
    expect(shape(built)).toEqual(shape(documented));
  });
});
