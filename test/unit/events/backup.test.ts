import { describe, expect, it } from 'vitest';
import { normaliseBackupEvent } from '../../../src/events/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import { fixture } from '../../helpers/eventFixtures.js';

const at = (iso: string): Date => new Date(iso);

const DOC_ACCOUNT = '1112233445566';
const ACCOUNT = '111122223333';
const PLACEHOLDER = `arn:aws:service:us-west-2:${DOC_ACCOUNT}:resource-type/resource-id`;
const docs = {
  source: 'aws.backup',
  account: DOC_ACCOUNT,
  region: 'us-west-2',
} as const;
const built = {
  source: 'aws.backup',
  account: ACCOUNT,
  region: 'us-east-1',
} as const;

const ORDERS_DB = `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-db`;
const ORDERS_DB_RP = `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:awsbackup:job-429223d4-273f-4b6c-b983-4eedbc0e58b8`;
const VOLUME = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0a1b2c3d4e5f67890`;
const VOLUME_RP = 'arn:aws:ec2:us-east-1::snapshot/snap-0f1e2d3c4b5a69788';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/sessions`;
const TABLE_RP = `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:cf284f8d-beb4-4df8-bff3-b0d43e8faab4`;
const EFS = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`;
const EFS_RP = `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:fc413b9d-4672-4e5d-b3e1-4a23738716c9`;

const backupJob = (
  overrides: Partial<BackupEvent> &
    Pick<
      BackupEvent,
      'id' | 'state' | 'resourceArn' | 'resourceType' | 'occurredAt'
    >
): BackupEvent => ({
  ...built,
  kind: 'backup',
  detailType: 'Backup Job State Change',
  ...overrides,
});

// Every AWS Backup fixture with the exact events it must give ([] = ignored).
const CASES: [string, BackupEvent[]][] = [
  [
    'backup-job-state-change.ABORTED.json',
    [
      backupJob({
        ...docs,
        id: '4c91ceb0-b798-da82-6818-c29b3dce7543:ABORTED',
        state: 'aborted',
        resourceArn: PLACEHOLDER,
        resourceType: 'type',
        jobId: '58cdef95-7680-4c74-80d5-1b64093999c8',
        occurredAt: at('2020-07-15T21:33:01.621Z'),
        startedAt: at('2020-07-15T21:33:00.803Z'),
        completedAt: at('2020-07-15T21:33:01.621Z'),
        message: 'Backup job was stopped by user.',
      }),
    ],
  ],
  [
    'backup-job-state-change.COMPLETED.json',
    [
      backupJob({
        ...docs,
        id: 'dafac799-9b88-0134-26b7-fef4d54a134f:COMPLETED',
        state: 'completed',
        resourceArn: PLACEHOLDER,
        resourceType: 'type',
        jobId: 'a827233a-d405-4a86-a440-759fa94f34dd',
        recoveryPointArn: `arn:aws:backup:us-west-2:${DOC_ACCOUNT}:recovery-point:f1d966fe-a3bd-410b-b292-99f442d13b56`,
        occurredAt: at('2020-07-15T21:41:05.921Z'),
        startedAt: at('2020-07-15T21:40:31.207Z'),
        completedAt: at('2020-07-15T21:41:05.921Z'),
        sizeBytes: 36048,
      }),
    ],
  ],
  ['backup-job-state-change.CREATED.json', []],
  [
    'backup-job-state-change.EXPIRED.json',
    [
      backupJob({
        ...docs,
        id: '1d7bbc04-6120-1145-13b9-49b0af465328:EXPIRED',
        state: 'expired',
        resourceArn: PLACEHOLDER,
        resourceType: 'type',
        jobId: '01EE26DC-7107-4D8E-0C54-EAC27C662BA4',
        occurredAt: at('2020-07-29T13:02:15.234Z'),
        startedAt: at('2020-07-29T05:10:20.077Z'),
        completedAt: at('2020-07-29T13:02:15.234Z'),
        message:
          'Backup job failed because there was a running job for the same resource.',
      }),
    ],
  ],
  [
    'backup-job-state-change.FAILED.json',
    [
      backupJob({
        ...docs,
        id: '710b0398-d48e-f3c3-afca-cfeb2fdaa656:FAILED',
        state: 'failed',
        resourceArn: PLACEHOLDER,
        resourceType: 'type',
        jobId: '34176239-e96d-4e1d-9fad-529dbb3c3556',
        // No completionDate: the envelope time stands in.
        occurredAt: at('2020-07-29T20:15:26Z'),
        startedAt: at('2020-07-29T20:13:07.392Z'),
        message: `Backup job failed because backup vault arn:aws:backup:us-west-2:${DOC_ACCOUNT}:backup-vault:9ab3e749-82c6-4342-9320-5edbf4918b86 does not exist.`,
      }),
    ],
  ],
  ['backup-job-state-change.PENDING.json', []],
  [
    'backup-job-state-change.RUNNING.json',
    [
      backupJob({
        ...docs,
        id: '44946c39-b519-3505-44e6-ba74afeb2e30:RUNNING',
        state: 'started',
        resourceArn: `arn:aws:ec2:us-west-2:${DOC_ACCOUNT}:volume/vol-0b5ae24f2ee72d926`,
        resourceType: 'EBS',
        jobId: 'B6EC38D2-CB3C-EF0A-F5A4-3CF324EF4945',
        occurredAt: at('2020-07-15T21:39:13Z'),
        startedAt: at('2020-07-15T21:38:31.152Z'),
        sizeBytes: 3221225472,
      }),
    ],
  ],
  [
    'backup-job-state-change.COMPLETED.rds-instance.BUILT.json',
    [
      backupJob({
        id: '8ea91047-f4de-45e5-8331-cb6f482ba57f:COMPLETED',
        state: 'completed',
        resourceArn: ORDERS_DB,
        resourceType: 'RDS',
        jobId: '429223d4-273f-4b6c-b983-4eedbc0e58b8',
        recoveryPointArn: ORDERS_DB_RP,
        occurredAt: at('2024-05-01T03:03:42.517Z'),
        startedAt: at('2024-05-01T03:00:00.000Z'),
        completedAt: at('2024-05-01T03:03:42.517Z'),
        sizeBytes: 21474836480,
        // The snapshot AWS Backup names after the job.
        ownedRecoveryPoints: [
          `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:awsbackup:job-429223d4-273f-4b6c-b983-4eedbc0e58b8`,
        ],
      }),
    ],
  ],
  [
    'backup-job-state-change.COMPLETED.aurora-cluster.BUILT.json',
    [
      backupJob({
        id: '7cb756af-bda2-4029-8244-49e7ef0b14e3:COMPLETED',
        state: 'completed',
        resourceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:payments-aurora`,
        resourceType: 'Aurora',
        jobId: '7b79dc86-a2cf-46a6-a70c-2956851ebbad',
        recoveryPointArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-snapshot:awsbackup:job-7b79dc86-a2cf-46a6-a70c-2956851ebbad`,
        occurredAt: at('2024-05-01T03:08:42.517Z'),
        startedAt: at('2024-05-01T03:05:00.000Z'),
        completedAt: at('2024-05-01T03:08:42.517Z'),
        sizeBytes: 53687091200,
        ownedRecoveryPoints: [
          `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-snapshot:awsbackup:job-7b79dc86-a2cf-46a6-a70c-2956851ebbad`,
        ],
      }),
    ],
  ],
  [
    'backup-job-state-change.COMPLETED.dynamodb-table.BUILT.json',
    [
      backupJob({
        id: '07ae4fc3-5841-4ef1-949a-a8d3e14f97fc:COMPLETED',
        state: 'completed',
        resourceArn: TABLE,
        resourceType: 'DynamoDB',
        jobId: '4f20cb0e-d8cf-49cc-9f7d-382c55626c00',
        recoveryPointArn: TABLE_RP,
        occurredAt: at('2024-05-01T03:13:42.517Z'),
        startedAt: at('2024-05-01T03:10:00.000Z'),
        completedAt: at('2024-05-01T03:13:42.517Z'),
        sizeBytes: 734003200,
      }),
    ],
  ],
  [
    'backup-job-state-change.COMPLETED.ebs-volume.BUILT.json',
    [
      backupJob({
        id: 'd43dacb3-e5a3-477b-ab01-6dbb46cbcdad:COMPLETED',
        state: 'completed',
        resourceArn: VOLUME,
        resourceType: 'EBS',
        jobId: '4ccde1f4-cf6f-4883-9ff9-88c845c65ceb',
        recoveryPointArn: VOLUME_RP,
        occurredAt: at('2024-05-01T03:18:42.517Z'),
        startedAt: at('2024-05-01T03:15:00.000Z'),
        completedAt: at('2024-05-01T03:18:42.517Z'),
        sizeBytes: 107374182400,
      }),
    ],
  ],
  [
    'backup-job-state-change.COMPLETED.efs-file-system.BUILT.json',
    [
      backupJob({
        id: 'e4684f53-b4ff-48a6-8127-17cf0a478780:COMPLETED',
        state: 'completed',
        resourceArn: EFS,
        resourceType: 'EFS',
        jobId: 'ba44fc11-c331-4090-a1ce-ea555eb41bac',
        recoveryPointArn: EFS_RP,
        occurredAt: at('2024-05-01T03:23:42.517Z'),
        startedAt: at('2024-05-01T03:20:00.000Z'),
        completedAt: at('2024-05-01T03:23:42.517Z'),
        sizeBytes: 5368709120,
      }),
    ],
  ],
  [
    'backup-job-state-change.COMPLETED.s3-bucket.with-issues.BUILT.json',
    [
      backupJob({
        id: '57126bd2-cff7-4cef-be17-42d5b6be1b80:COMPLETED',
        state: 'completed',
        resourceArn: 'arn:aws:s3:::acme-invoices',
        resourceType: 'S3',
        jobId: 'c895b7d1-cee6-49bd-94f5-b7bfd076ec96',
        recoveryPointArn: `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:9dbbdc48-81d9-4e02-9f6b-16014e4c6488`,
        occurredAt: at('2024-05-01T03:28:42.517Z'),
        startedAt: at('2024-05-01T03:25:00.000Z'),
        completedAt: at('2024-05-01T03:28:42.517Z'),
        sizeBytes: 2147483648,
        message:
          'Backup job completed with issues. Some objects could not be backed up; see the backup job details.',
      }),
    ],
  ],
  [
    'backup-job-state-change.FAILED.dynamodb-table.BUILT.json',
    [
      backupJob({
        id: '89c363ad-c259-4903-a668-0da283f250ce:FAILED',
        state: 'failed',
        resourceArn: TABLE,
        resourceType: 'DynamoDB',
        jobId: 'a7d3c2e1-5b4f-4e8a-9c1d-0f2e3d4c5b6a',
        occurredAt: at('2024-05-02T03:12:05.318Z'),
        startedAt: at('2024-05-02T03:10:00.000Z'),
        completedAt: at('2024-05-02T03:12:05.318Z'),
        message:
          'Backup job failed because the IAM role does not have permission to perform dynamodb:CreateBackup.',
      }),
    ],
  ],
  [
    'backup-job-state-change.RUNNING.ebs-volume.BUILT.json',
    [
      backupJob({
        id: 'd078355b-b835-4e10-b12b-c6b407f6dd4a:RUNNING',
        state: 'started',
        resourceArn: VOLUME,
        resourceType: 'EBS',
        jobId: '4ccde1f4-cf6f-4883-9ff9-88c845c65ceb',
        occurredAt: at('2024-05-01T03:16:02Z'),
        startedAt: at('2024-05-01T03:15:00.000Z'),
        sizeBytes: 107374182400,
      }),
    ],
  ],
  ['backup-plan-state-change.CREATED.json', []],
  ['backup-plan-state-change.DELETED.json', []],
  ['backup-plan-state-change.MODIFIED.json', []],
  ['backup-vault-state-change.CREATED.json', []],
  ['backup-vault-state-change.DELETED.json', []],
  ['backup-vault-state-change.MODIFIED.json', []],
  [
    'copy-job-state-change.COMPLETED.json',
    [
      {
        ...docs,
        id: '47deb974-6473-aef1-56c2-52c3eaedfceb:COMPLETED',
        kind: 'copy',
        state: 'completed',
        resourceArn: `arn:aws:ec2:us-west-2:${DOC_ACCOUNT}:volume/vol-050eba21ee4d3c001`,
        resourceType: 'EBS',
        jobId: '0175DE71-5784-589F-D8AC-541ACCB4CAC8',
        recoveryPointArn:
          'arn:aws:ec2:us-west-2::snapshot/snap-03886bc8d6ef3a1f9',
        occurredAt: at('2020-07-15T22:07:58.111Z'),
        startedAt: at('2020-07-15T22:06:27.234Z'),
        completedAt: at('2020-07-15T22:07:58.111Z'),
        sizeBytes: 3221225472,
        detailType: 'Copy Job State Change',
        destinationVaultArn: `arn:aws:backup:us-west-2:${DOC_ACCOUNT}:backup-vault:846869de-4589-45c3-ab60-4fbbabcdd3ec`,
        // The copy's new recovery point, so a restore from it is the volume's.
        ownedRecoveryPoints: [
          'arn:aws:ec2:us-west-2::snapshot/snap-0726fe70935586180',
        ],
      },
    ],
  ],
  ['copy-job-state-change.CREATED.json', []],
  [
    'copy-job-state-change.FAILED.json',
    [
      {
        ...docs,
        id: '4660bc92-a44d-c939-4542-cda503f14855:FAILED',
        kind: 'copy',
        state: 'failed',
        resourceArn: `arn:aws:ec2:us-west-2:${DOC_ACCOUNT}:instance/i-0515aee7de03f58e1`,
        resourceType: 'EC2',
        jobId: '47C8EF56-74D8-059D-1301-C5BE1D5C926E',
        recoveryPointArn: 'arn:aws:ec2:us-west-2::image/ami-00179b33a7a88cac5',
        occurredAt: at('2020-07-15T20:37:28.704Z'),
        startedAt: at('2020-07-15T20:36:13.239Z'),
        completedAt: at('2020-07-15T20:37:28.704Z'),
        sizeBytes: 22548578304,
        message: 'Access denied exception while trying to list tags',
        detailType: 'Copy Job State Change',
        destinationVaultArn: `arn:aws:backup:us-west-2:${DOC_ACCOUNT}:backup-vault:55aa945e-c46a-421b-aa27-f94b074e31b7`,
      },
    ],
  ],
  ['copy-job-state-change.RUNNING.json', []],
  [
    'copy-job-state-change.COMPLETED.us-west-2.efs-file-system.BUILT.json',
    [
      {
        ...built,
        id: '37956296-08ba-42e2-99cb-808006759ac5:COMPLETED',
        kind: 'copy',
        state: 'completed',
        resourceArn: EFS,
        resourceType: 'EFS',
        jobId: '2B3C4D5E-6F70-8192-A3B4-C5D6E7F80912',
        recoveryPointArn: EFS_RP,
        occurredAt: at('2024-05-01T04:02:11.830Z'),
        startedAt: at('2024-05-01T03:40:06.552Z'),
        completedAt: at('2024-05-01T04:02:11.830Z'),
        sizeBytes: 5368709120,
        detailType: 'Copy Job State Change',
        destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:dr-vault`,
        ownedRecoveryPoints: [
          `arn:aws:backup:us-west-2:${ACCOUNT}:recovery-point:0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b`,
        ],
      },
    ],
  ],
  [
    'copy-job-state-change.FAILED.us-west-2.rds-instance.BUILT.json',
    [
      {
        ...built,
        id: '3e658d41-de12-40d4-ab37-d5fbb78693c6:FAILED',
        kind: 'copy',
        state: 'failed',
        resourceArn: ORDERS_DB,
        resourceType: 'RDS',
        jobId: '3C4D5E6F-7081-92A3-B4C5-D6E7F8091A2B',
        recoveryPointArn: ORDERS_DB_RP,
        occurredAt: at('2024-05-01T03:31:40.441Z'),
        startedAt: at('2024-05-01T03:30:12.009Z'),
        completedAt: at('2024-05-01T03:31:40.441Z'),
        sizeBytes: 21474836480,
        message: `Copy job failed because the destination backup vault arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:dr-vault does not exist.`,
        detailType: 'Copy Job State Change',
        destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:dr-vault`,
      },
    ],
  ],
  ['recovery-point-index-state-change.ACTIVE.json', []],
  ['recovery-point-index-state-change.DELETED.json', []],
  ['recovery-point-index-state-change.FAILED.json', []],
  [
    'recovery-point-state-change.COMPLETED.json',
    [
      {
        ...docs,
        id: 'ab32977c-378d-2122-e985-fgh4596f0709:COMPLETED',
        kind: 'recovery-point',
        state: 'completed',
        resourceArn: `arn:aws:rds:us-west-2:${DOC_ACCOUNT}:cluster:id`,
        resourceType: 'Aurora',
        recoveryPointArn: `arn:aws:rds:us-west-2:${DOC_ACCOUNT}:cluster-snapshot:awsbackup:job-4ece7121-d60e-00c2-5c3b-49960142d03b`,
        occurredAt: at('2020-07-15T21:39:05.689Z'),
        completedAt: at('2020-07-15T21:39:05.689Z'),
        recoveryPointCreatedAt: at('2020-07-15T21:38:31.152Z'),
        deleteAt: at('2020-10-23T21:38:31.152Z'),
        detailType: 'Recovery Point State Change',
      },
    ],
  ],
  [
    'recovery-point-state-change.DELETING.dynamodb-table.BUILT.json',
    [
      {
        ...built,
        id: '940b17bc-75ca-4d90-9e77-08b5e1c1a3c8:DELETING',
        kind: 'recovery-point',
        state: 'deleted',
        resourceArn: TABLE,
        resourceType: 'DynamoDB',
        recoveryPointArn: TABLE_RP,
        occurredAt: at('2024-06-05T03:20:14Z'),
        recoveryPointCreatedAt: at('2024-05-01T03:10:00.000Z'),
        deleteAt: at('2024-06-05T03:10:00.000Z'),
        detailType: 'Recovery Point State Change',
      },
    ],
  ],
  [
    'recovery-point-state-change.EXPIRED.ebs-volume.BUILT.json',
    [
      {
        ...built,
        id: 'a7983d51-e758-4193-aee5-4619f777a845:EXPIRED',
        kind: 'recovery-point',
        state: 'expired',
        resourceArn: VOLUME,
        resourceType: 'EBS',
        recoveryPointArn: VOLUME_RP,
        occurredAt: at('2024-06-05T04:02:37Z'),
        recoveryPointCreatedAt: at('2024-05-01T03:15:00.000Z'),
        deleteAt: at('2024-06-05T03:15:00.000Z'),
        detailType: 'Recovery Point State Change',
      },
    ],
  ],
  ['region-setting-state-change.MODIFIED.json', []],
  [
    'restore-job-state-change.COMPLETED.json',
    [
      {
        ...docs,
        id: 'ab32977c-378d-2122-e985-fgh4596f0709:COMPLETED',
        kind: 'restore',
        state: 'completed',
        resourceArn: `arn:aws:rds:us-west-2:${DOC_ACCOUNT}:db:example-database`,
        resourceType: 'RDS',
        jobId: 'AB123456-78C9-0123-456D-789012E34567',
        recoveryPointArn: `arn:aws:rds:us-west-2:${DOC_ACCOUNT}:snapshot:awsbackup:job-1a2bcd34-567e-8901-23f4-5g6hijkl7890`,
        occurredAt: at('2020-07-15T03:14:53.128Z'),
        startedAt: at('2020-07-15T03:10:01.742Z'),
        completedAt: at('2020-07-15T03:14:53.128Z'),
        sizeBytes: 0,
        detailType: 'Restore Job State Change',
        restoreTest: false,
      },
    ],
  ],
  ['restore-job-state-change.CREATED.json', []],
  [
    'restore-job-state-change.FAILED.json',
    [
      {
        ...docs,
        id: 'ab32977c-378d-2122-e985-fgh4596f0709:FAILED',
        kind: 'restore',
        state: 'failed',
        // No sourceResourceArn: the recovery point stands in until resolved.
        resourceArn: 'arn:aws:ec2:us-west-2::image/ami-12b3456dfb7f8cf90',
        resourceType: 'EC2',
        jobId: '1B234A56-789B-01CD-2A34-4567A08901FD',
        recoveryPointArn: 'arn:aws:ec2:us-west-2::image/ami-12b3456dfb7f8cf90',
        occurredAt: at('2020-07-15T20:19:29Z'),
        startedAt: at('2020-07-15T20:19:07.303Z'),
        sizeBytes: 22548578304,
        message:
          'AWS Backup does not permit attaching a new instance profile to an EC2 instance. Please restore using the backed up instance profile.',
        detailType: 'Restore Job State Change',
        restoreTest: false,
      },
    ],
  ],
  ['restore-job-state-change.PENDING.json', []],
  ['restore-job-state-change.RUNNING.json', []],
  [
    'restore-job-state-change.COMPLETED.restore-test.rds-instance.BUILT.json',
    [
      {
        ...built,
        id: '9c30d831-3de3-4c91-9f40-3c9893483de9:COMPLETED',
        kind: 'restore',
        state: 'completed',
        resourceArn: ORDERS_DB,
        resourceType: 'RDS',
        jobId: 'E9B1C2D3-4F56-7A89-0B1C-2D3E4F5A6B7C',
        recoveryPointArn: ORDERS_DB_RP,
        occurredAt: at('2024-05-04T06:41:30.266Z'),
        startedAt: at('2024-05-04T06:02:11.904Z'),
        completedAt: at('2024-05-04T06:41:30.266Z'),
        sizeBytes: 21474836480,
        detailType: 'Restore Job State Change',
        restoreTest: true,
      },
    ],
  ],
  [
    'restore-job-state-change.FAILED.ebs-volume.BUILT.json',
    [
      {
        ...built,
        id: '63fe3291-2a8a-4021-ac39-9227074adbaf:FAILED',
        kind: 'restore',
        state: 'failed',
        resourceArn: VOLUME_RP,
        resourceType: 'EBS',
        jobId: '5D6E7F80-91A2-4B3C-8D4E-5F6A7B8C9D0E',
        recoveryPointArn: VOLUME_RP,
        occurredAt: at('2024-05-05T09:20:51Z'),
        startedAt: at('2024-05-05T09:20:03.117Z'),
        sizeBytes: 107374182400,
        message: 'The specified Availability Zone us-east-1x is not valid.',
        detailType: 'Restore Job State Change',
        restoreTest: false,
      },
    ],
  ],
  ['scan-job-state-change.CANCELED.json', []],
  ['scan-job-state-change.COMPLETED.json', []],
  ['scan-job-state-change.COMPLETED_WITH_ISSUES.json', []],
  ['scan-job-state-change.CREATED.json', []],
  ['scan-job-state-change.FAILED.json', []],
  ['scan-job-state-change.RUNNING.json', []],
];

type Detail = Record<string, unknown>;
const withDetail = (path: string, change: (detail: Detail) => Detail) => {
  const event = fixture(`aws-backup/${path}`) as { detail: Detail };
  return { ...event, detail: change({ ...event.detail }) };
};

describe('normaliseBackupEvent', () => {
  it.each(CASES)('normalises %s', (path, expected) => {
    // Prepare
    const raw = fixture(`aws-backup/${path}`);

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess: an untracked one says why it gives nothing.
    expect(result).toStrictEqual(
      expected.length > 0
        ? { ok: true, value: expected }
        : { ok: true, value: [], ignored: expect.any(String) }
    );
  });

  it('reads sizes given as strings (backup, restore) and numbers (copy) alike', () => {
    // Prepare
    const asString = withDetail(
      'backup-job-state-change.COMPLETED.json',
      (d) => ({
        ...d,
        backupSizeInBytes: '36048',
      })
    );
    const asNumber = withDetail(
      'backup-job-state-change.COMPLETED.json',
      (d) => ({
        ...d,
        backupSizeInBytes: 36048,
      })
    );

    // Act
    const results = [asString, asNumber].map(normaliseBackupEvent);

    // Assess
    for (const result of results) {
      expect(result).toMatchObject({ ok: true, value: [{ sizeBytes: 36048 }] });
    }
  });

  it('strips the escaped quotes around a statusMessage and drops a blank one', () => {
    // Prepare
    const quoted = withDetail('backup-job-state-change.FAILED.json', (d) => ({
      ...d,
      statusMessage: '"Access denied."',
    }));
    const blank = withDetail('backup-job-state-change.FAILED.json', (d) => ({
      ...d,
      statusMessage: '',
    }));

    // Act
    const withQuotes = normaliseBackupEvent(quoted);
    const withBlank = normaliseBackupEvent(blank);

    // Assess
    expect(withQuotes).toMatchObject({
      value: [{ message: 'Access denied.' }],
    });
    expect(withBlank).toMatchObject({ ok: true, value: [{ state: 'failed' }] });
    expect(withBlank.ok && withBlank.value[0]).not.toHaveProperty('message');
  });

  it('accepts the empty-object destinationRecoveryPointArn of an unfinished copy', () => {
    // Prepare
    const raw = fixture('aws-backup/copy-job-state-change.FAILED.json');

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(
      (raw as { detail: Detail }).detail.destinationRecoveryPointArn
    ).toEqual({});
    expect(result.ok).toBe(true);
  });

  it('ignores the non-ISO expectedCompletionDate', () => {
    // Prepare
    const raw = fixture('aws-backup/backup-job-state-change.RUNNING.json');

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect((raw as { detail: Detail }).detail.expectedCompletionDate).toBe(
      'Jul 15, 2020 9:39:07 PM'
    );
    expect(result).toMatchObject({ ok: true, value: [{ state: 'started' }] });
  });

  it('reads a restore job status, and a state when AWS sends one instead', () => {
    // Prepare
    const withState = withDetail(
      'restore-job-state-change.FAILED.json',
      (d) => {
        const { status, ...rest } = d;
        return { ...rest, state: status };
      }
    );

    // Act
    const result = normaliseBackupEvent(withState);

    // Assess
    expect(result).toMatchObject({ ok: true, value: [{ state: 'failed' }] });
  });

  it('rejects an unknown state at its path', () => {
    // Prepare
    const raw = withDetail('backup-job-state-change.FAILED.json', (d) => ({
      ...d,
      state: 'EXPLODED',
    }));

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'detail.state', message: "unknown state 'EXPLODED'" }],
    });
  });

  it('rejects a restore job with neither status nor state', () => {
    // Prepare
    const raw = withDetail('restore-job-state-change.FAILED.json', (d) => {
      const { status: _, ...rest } = d;
      return rest;
    });

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: 'detail.status' }],
    });
  });

  it('rejects a tracked job without its resource, and a bad date, by path', () => {
    // Prepare
    const raw = withDetail('backup-job-state-change.COMPLETED.json', (d) => {
      const { resourceArn: _, ...rest } = d;
      return { ...rest, creationDate: 'Jul 15, 2020 9:40:31 PM' };
    });

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual([
      'detail.creationDate',
      'detail.resourceArn',
    ]);
  });

  it('rejects a broken envelope, another source and an unknown detail-type', () => {
    // Prepare
    const good = fixture(
      'aws-backup/backup-job-state-change.COMPLETED.json'
    ) as Detail;
    const inputs = [
      { ...good, time: 'yesterday' },
      { ...good, source: 'aws.rds' },
      { ...good, 'detail-type': 'Backup Teleport State Change' },
      'not an event',
    ];

    // Act
    const results = inputs.map(normaliseBackupEvent);

    // Assess
    expect(results.map((r) => !r.ok && r.issues[0]?.path)).toEqual([
      'time',
      'source',
      'detail-type',
      '',
    ]);
  });
});

describe('normaliseBackupEvent with null and hostile values', () => {
  const HOSTILE_KEYS = [
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ];
  const TOO_LARGE =
    'too large: expected at most 9007199254740991 (Number.MAX_SAFE_INTEGER)';

  it('counts a COMPLETED job whose optional fields are null as the backup it is', () => {
    // Prepare
    const raw = withDetail('backup-job-state-change.COMPLETED.json', (d) => ({
      ...d,
      backupVaultArn: null,
      backupSizeInBytes: null,
      creationDate: null,
      completionDate: null,
      statusMessage: null,
    }));

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess: the envelope's time stands in for the missing completion
    expect(result).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          kind: 'backup',
          state: 'completed',
          occurredAt: at('2020-07-15T21:41:17Z'),
        }),
      ],
    });
    const [event] = result.ok ? result.value : [];
    expect(event).not.toHaveProperty('sizeBytes');
    expect(event).not.toHaveProperty('message');
    expect(event).not.toHaveProperty('completedAt');
  });

  it.each([
    [
      'copy-job-state-change.COMPLETED.json',
      {
        resourceArn: null,
        destinationBackupVaultArn: null,
        destinationRecoveryPointArn: null,
        backupSizeInBytes: null,
        statusMessage: null,
      },
    ],
    [
      'restore-job-state-change.COMPLETED.json',
      {
        sourceResourceArn: null,
        recoveryPointArn: null,
        restoreTestingPlanArn: null,
        backupSizeInBytes: null,
        completionDate: null,
      },
    ],
    [
      'recovery-point-state-change.COMPLETED.json',
      { creationDate: null, calculatedLifeCycle: null },
    ],
  ])('accepts null optional fields on %s', (path, nulls) => {
    // Prepare
    const raw = withDetail(path, (d) => ({ ...d, ...nulls }));

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result).toMatchObject({ ok: true, value: [{ state: 'completed' }] });
  });

  it('rejects a null required field, naming what it expected', () => {
    // Prepare
    const raw = withDetail('backup-job-state-change.COMPLETED.json', (d) => ({
      ...d,
      resourceArn: null,
    }));

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'detail.resourceArn', message: 'expected an ARN, got null' },
      ],
    });
  });

  it.each([
    [true, 'true'],
    [-5, '-5'],
    [1.5, '1.5'],
    ['12 KB', "'12 KB'"],
    [{}, 'an object'],
  ])(
    'rejects a backupSizeInBytes of %j, saying what it expected and got',
    (size, got) => {
      // Prepare
      const raw = withDetail('backup-job-state-change.COMPLETED.json', (d) => ({
        ...d,
        backupSizeInBytes: size,
      }));

      // Act
      const result = normaliseBackupEvent(raw);

      // Assess
      expect(result).toEqual({
        ok: false,
        issues: [
          {
            path: 'detail.backupSizeInBytes',
            message: `expected a byte count (a non-negative integer or a string of digits), got ${got}`,
          },
        ],
      });
    }
  );

  it.each([
    [
      '400 digits as a string',
      '9'.repeat(400),
      `'${'9'.repeat(40)}…' (400 characters)`,
    ],
    ['400 digits as a JSON number', JSON.parse('9'.repeat(400)), 'Infinity'],
    ['one past the safe integers', '9007199254740992', "'9007199254740992'"],
  ])('rejects a size of %s as too large, naming the limit', (_, size, got) => {
    // Prepare
    const raw = withDetail('copy-job-state-change.COMPLETED.json', (d) => ({
      ...d,
      backupSizeInBytes: size,
    }));

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'detail.backupSizeInBytes',
          message: `${TOO_LARGE}, got ${got}`,
        },
      ],
    });
  });

  it('accepts the largest safe size', () => {
    // Prepare
    const raw = withDetail('backup-job-state-change.COMPLETED.json', (d) => ({
      ...d,
      backupSizeInBytes: String(Number.MAX_SAFE_INTEGER),
    }));

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      value: [{ sizeBytes: Number.MAX_SAFE_INTEGER }],
    });
  });

  it.each(
    HOSTILE_KEYS.flatMap((value) => [
      ['backup-job-state-change.COMPLETED.json', 'state', value],
      ['copy-job-state-change.COMPLETED.json', 'state', value],
      ['restore-job-state-change.COMPLETED.json', 'status', value],
      ['recovery-point-state-change.COMPLETED.json', 'status', value],
    ])
  )(
    'rejects %s with %s %s as unknown, without throwing',
    (path, key, value) => {
      // Prepare
      const raw = withDetail(path, (d) => ({ ...d, [key]: value }));

      // Act
      const result = normaliseBackupEvent(raw);

      // Assess
      expect(result).toEqual({
        ok: false,
        issues: [
          { path: `detail.${key}`, message: `unknown ${key} '${value}'` },
        ],
      });
    }
  );

  it.each(HOSTILE_KEYS)(
    'rejects the detail-type %s as unknown, without throwing',
    (type) => {
      // Prepare
      const raw = {
        ...(fixture(
          'aws-backup/backup-job-state-change.COMPLETED.json'
        ) as Detail),
        'detail-type': type,
      };

      // Act
      const result = normaliseBackupEvent(raw);

      // Assess
      expect(result).toEqual({
        ok: false,
        issues: [
          {
            path: 'detail-type',
            message: `unknown aws.backup detail-type '${type}'`,
          },
        ],
      });
    }
  );

  it('quotes an unknown state on one line, however it is written', () => {
    // Prepare
    const raw = withDetail('backup-job-state-change.FAILED.json', (d) => ({
      ...d,
      state: 'DONE\nFILE:1: forged',
    }));

    // Act
    const result = normaliseBackupEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'detail.state',
          message: "unknown state 'DONE\\nFILE:1: forged'",
        },
      ],
    });
  });
});
