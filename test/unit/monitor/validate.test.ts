import {
  BackupClient,
  GetRestoreJobMetadataCommand,
  InvalidRequestException,
  PutRestoreValidationResultCommand,
} from '@aws-sdk/client-backup';
import {
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import {
  EventBridgeClient,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createValidationDeps,
  loadConfig,
  runRestoreValidation,
} from '../../../src/monitor/index.js';
import type { Service } from '../../../src/runbook/index.js';
import { aRunbook, aService, DAY, HOUR } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T06:50:00Z');
const ACCOUNT = '111122223333';
const PREFIX = 'backup-sentinel-prod';

const backup = mockClient(BackupClient);
const rds = mockClient(RDSClient);
const dynamoDb = mockClient(DynamoDBClient);
const ec2 = mockClient(EC2Client);
const efs = mockClient(EFSClient);
const s3 = mockClient(S3Client);
const events = mockClient(EventBridgeClient);

afterEach(() => {
  for (const mock of [backup, rds, dynamoDb, ec2, efs, s3, events]) {
    mock.reset();
  }
});

const service = (
  id: string,
  resource: string,
  overrides: Partial<Service['recovery']> = {}
) =>
  aService({
    id,
    resources: [resource],
    recovery: {
      rtoMs: HOUR,
      rpoMs: 27 * HOUR,
      restoreTestMs: 30 * DAY,
      ...overrides,
    },
  });

const SOURCES = {
  RDS: `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-prod`,
  Aurora: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:catalog-prod`,
  DynamoDB: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/carts`,
  EBS: `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0source`,
  EC2: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0source`,
  EFS: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0source`,
  S3: 'arn:aws:s3:::acme-invoices',
} as const;

const CREATED = {
  RDS: `arn:aws:rds:us-east-1:${ACCOUNT}:db:awsbackup-restore-test-e9b1c2d3`,
  Aurora: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:awsbackup-restore-test-c1`,
  DynamoDB: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/awsbackup-restore-test-t1`,
  EBS: `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0restored`,
  EC2: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0restored`,
  EFS: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0restored`,
  S3: 'arn:aws:s3:::awsbackup-restore-test-b1',
} as const;

type Kind = keyof typeof SOURCES;

const RUNBOOK = aRunbook({
  services: (Object.keys(SOURCES) as Kind[]).map((kind) =>
    service(kind.toLowerCase(), SOURCES[kind])
  ),
});

/** A Restore Job State Change of a restore test, shaped as AWS's COMPLETED example. */
const completed = (kind: Kind, overrides: Record<string, unknown> = {}) => ({
  version: '0',
  id: '9c30d831-3de3-4c91-9f40-3c9893483de9',
  'detail-type': 'Restore Job State Change',
  source: 'aws.backup',
  account: ACCOUNT,
  time: '2026-11-05T06:41:37Z',
  region: 'us-east-1',
  resources: [`arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:rp-1`],
  detail: {
    restoreJobId: 'E9B1C2D3-4F56-7A89-0B1C-2D3E4F5A6B7C',
    backupVaultArn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:shop-prod`,
    recoveryPointArn: `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:rp-1`,
    sourceResourceArn: SOURCES[kind],
    backupSizeInBytes: '1073741824',
    creationDate: '2026-11-05T06:02:11.904Z',
    iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/RestoreTestingRole`,
    percentDone: 100,
    resourceType: kind,
    status: 'COMPLETED',
    createdResourceArn: CREATED[kind],
    completionDate: '2026-11-05T06:41:30.266Z',
    restoreTestingPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:restore-testing-plan:backup_sentinel_prod_${kind.toLowerCase()}-3d7e9a1b-5c2f-4e8d-b6a0-1f9c8e7d6b5a`,
    ...overrides,
  },
});

const deps = () =>
  createValidationDeps(
    loadConfig({
      TABLE_NAME: 'history',
      AWS_REGION: 'us-east-1',
      RESTORE_TESTING_PREFIX: PREFIX,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    }),
    RUNBOOK
  );

const reported = () =>
  backup
    .commandCalls(PutRestoreValidationResultCommand)
    .map((c) => c.args[0].input);

const published = () =>
  events
    .commandCalls(PutEventsCommand)
    .flatMap((c) => c.args[0].input.Entries ?? [])
    .map((e) => ({ ...e, Detail: JSON.parse(e.Detail ?? '{}') }));

const healthy: Record<Kind, () => void> = {
  RDS: () =>
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceStatus: 'available',
          Endpoint: {
            Address:
              'awsbackup-restore-test-e9b1c2d3.abc.us-east-1.rds.amazonaws.com',
          },
        },
      ],
    }),
  Aurora: () =>
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        {
          Status: 'available',
          Endpoint: 'c1.cluster-abc.us-east-1.rds.amazonaws.com',
        },
      ],
    }),
  DynamoDB: () => {
    dynamoDb
      .on(DescribeTableCommand, { TableName: 'awsbackup-restore-test-t1' })
      .resolves({ Table: { TableStatus: 'ACTIVE', ItemCount: 0 } })
      .on(DescribeTableCommand, { TableName: 'carts' })
      .resolves({ Table: { TableStatus: 'ACTIVE', ItemCount: 1000 } });
    dynamoDb
      .on(ScanCommand)
      .resolvesOnce({ Count: 600, LastEvaluatedKey: { pk: { S: 'k600' } } })
      .resolvesOnce({ Count: 380 });
  },
  EBS: () =>
    ec2
      .on(DescribeVolumesCommand, { VolumeIds: ['vol-0restored'] })
      .resolves({ Volumes: [{ State: 'available', Size: 100 }] })
      .on(DescribeVolumesCommand, { VolumeIds: ['vol-0source'] })
      .resolves({ Volumes: [{ State: 'in-use', Size: 100 }] }),
  EC2: () =>
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ State: { Name: 'running', Code: 16 } }] }],
    }),
  EFS: () =>
    efs.on(DescribeFileSystemsCommand).resolves({
      FileSystems: [
        {
          LifeCycleState: 'available',
          SizeInBytes: { Value: 1_100_000_000 },
        } as never,
      ],
    }),
  S3: () =>
    s3
      .on(ListObjectsV2Command)
      .resolvesOnce({
        IsTruncated: true,
        NextContinuationToken: 't1',
        Contents: [{ Key: 'a', Size: 600_000_000 }],
      })
      .resolvesOnce({
        IsTruncated: false,
        Contents: [{ Key: 'b', Size: 473_741_824 }],
      }),
};

describe('runRestoreValidation', () => {
  it.each(Object.keys(SOURCES) as Kind[])(
    'reports SUCCESSFUL for a healthy restored %s and records a passed Restore Report',
    async (kind) => {
      // Prepare
      backup.on(GetRestoreJobMetadataCommand).resolves({ Metadata: {} });
      events
        .on(PutEventsCommand)
        .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
      healthy[kind]();

      // Act
      const summary = await runRestoreValidation(deps(), completed(kind), NOW);

      // Assess
      expect(summary).toMatchObject({
        status: 'SUCCESSFUL',
        service: kind.toLowerCase(),
      });
      expect(reported()).toEqual([
        {
          RestoreJobId: 'E9B1C2D3-4F56-7A89-0B1C-2D3E4F5A6B7C',
          ValidationStatus: 'SUCCESSFUL',
          ValidationStatusMessage: expect.any(String),
        },
      ]);
      expect(published()).toEqual([
        expect.objectContaining({
          Source: 'backup-sentinel',
          DetailType: 'Restore Report',
          Detail: expect.objectContaining({
            service: kind.toLowerCase(),
            resource: SOURCES[kind],
            state: 'completed',
            completedAt: NOW.toISOString(),
            durationSeconds: 2358.362,
            target: CREATED[kind],
            test: true,
            validation: { status: 'passed', message: expect.any(String) },
          }),
        }),
      ]);
    }
  );

  it.each([
    [
      'RDS',
      () =>
        rds.on(DescribeDBInstancesCommand).resolves({
          DBInstances: [{ DBInstanceStatus: 'incompatible-restore' }],
        }),
      'is incompatible-restore and has no endpoint',
    ],
    [
      'DynamoDB',
      () => {
        dynamoDb
          .on(DescribeTableCommand, { TableName: 'awsbackup-restore-test-t1' })
          .resolves({ Table: { TableStatus: 'ACTIVE' } })
          .on(DescribeTableCommand, { TableName: 'carts' })
          .resolves({ Table: { ItemCount: 1000 } });
        dynamoDb.on(ScanCommand).resolves({ Count: 12 });
      },
      '12 items, the source 1,000',
    ],
    [
      'EBS',
      () =>
        ec2
          .on(DescribeVolumesCommand, { VolumeIds: ['vol-0restored'] })
          .resolves({ Volumes: [{ State: 'available', Size: 8 }] })
          .on(DescribeVolumesCommand, { VolumeIds: ['vol-0source'] })
          .resolves({ Volumes: [{ State: 'in-use', Size: 100 }] }),
      'is 8 GiB, expected 100 GiB',
    ],
    [
      'EFS',
      () =>
        efs.on(DescribeFileSystemsCommand).resolves({
          FileSystems: [
            {
              LifeCycleState: 'available',
              SizeInBytes: { Value: 6144 },
            } as never,
          ],
        }),
      'more than 10% missing',
    ],
    [
      'S3',
      () =>
        s3
          .on(ListObjectsV2Command)
          .resolves({ IsTruncated: false, Contents: [] }),
      '0 objects, 0 bytes',
    ],
    [
      'Aurora',
      () =>
        rds.on(DescribeDBClustersCommand).rejects(
          Object.assign(new Error('not found'), {
            name: 'DBClusterNotFoundFault',
          })
        ),
      'the restored DB cluster c1',
    ],
  ] as const)(
    'reports FAILED for a restored %s that is not what its source was',
    async (kind, arrange, words) => {
      // Prepare
      backup.on(GetRestoreJobMetadataCommand).resolves({ Metadata: {} });
      events
        .on(PutEventsCommand)
        .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
      arrange();

      // Act
      const summary = await runRestoreValidation(deps(), completed(kind), NOW);

      // Assess
      expect(summary.status).toBe('FAILED');
      expect(reported()[0]).toMatchObject({
        ValidationStatus: 'FAILED',
        ValidationStatusMessage: expect.stringContaining(
          words.replace('c1', 'awsbackup-restore-test-c1')
        ),
      });
      expect(published()[0]?.Detail.validation).toMatchObject({
        status: 'failed',
      });
    }
  );

  it('expects the size restore metadata asked for, not the source volume’s', async () => {
    // Prepare
    backup
      .on(GetRestoreJobMetadataCommand)
      .resolves({ Metadata: { VolumeSize: '200' } });
    events
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    ec2
      .on(DescribeVolumesCommand)
      .resolves({ Volumes: [{ State: 'available', Size: 200 }] });

    // Act
    const summary = await runRestoreValidation(deps(), completed('EBS'), NOW);

    // Assess
    expect(summary.status).toBe('SUCCESSFUL');
    expect(ec2.commandCalls(DescribeVolumesCommand)).toHaveLength(1);
  });

  it('names the restored table from the restore metadata when the event does not', async () => {
    // Prepare
    backup
      .on(GetRestoreJobMetadataCommand)
      .resolves({ Metadata: { targetTableName: 'awsbackup-restore-test-t1' } });
    events
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    healthy.DynamoDB();
    const event = completed('DynamoDB');
    delete (event.detail as Record<string, unknown>).createdResourceArn;

    // Act
    const summary = await runRestoreValidation(deps(), event, NOW);

    // Assess
    expect(summary).toMatchObject({
      status: 'SUCCESSFUL',
      message: expect.stringContaining('980 items'),
    });
  });

  it('counts a missing source table as unknown, not as a failure', async () => {
    // Prepare
    backup.on(GetRestoreJobMetadataCommand).resolves({ Metadata: {} });
    events
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    dynamoDb
      .on(DescribeTableCommand, { TableName: 'awsbackup-restore-test-t1' })
      .resolves({ Table: { TableStatus: 'ACTIVE' } })
      .on(DescribeTableCommand, { TableName: 'carts' })
      .rejects(
        new ResourceNotFoundException({ message: 'gone', $metadata: {} })
      );
    dynamoDb.on(ScanCommand).resolves({ Count: 3 });

    // Act
    const summary = await runRestoreValidation(
      deps(),
      completed('DynamoDB'),
      NOW
    );

    // Assess
    expect(summary).toMatchObject({
      status: 'SUCCESSFUL',
      message: expect.stringContaining("source's count is unknown"),
    });
  });

  it.each([
    [
      'a plan this deployment did not make',
      completed('RDS', {
        restoreTestingPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:restore-testing-plan:someone_elses-1`,
      }),
      "not rds's restore testing plan",
    ],
    [
      'a resource no service claims',
      completed('RDS', {
        sourceResourceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:other`,
      }),
      'no runbook service claims the source resource',
    ],
    [
      'a type no reader knows',
      completed('RDS', { resourceType: 'FSx' }),
      'no validation for FSx',
    ],
    [
      'an event that is no restore test',
      { ...completed('RDS'), 'detail-type': 'Backup Job State Change' },
      'detail-type',
    ],
  ])('skips %s and reports nothing', async (_, event, reason) => {
    // Prepare
    backup.on(GetRestoreJobMetadataCommand).resolves({ Metadata: {} });

    // Act
    const summary = await runRestoreValidation(deps(), event, NOW);

    // Assess
    expect(summary).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining(reason),
    });
    expect(reported()).toEqual([]);
    expect(events.commandCalls(PutEventsCommand)).toEqual([]);
  });

  it('skips a service whose runbook turns validation off', async () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        service('rds', SOURCES.RDS, { restoreTesting: { validate: false } }),
      ],
    });
    const off = createValidationDeps(
      loadConfig({
        TABLE_NAME: 't',
        AWS_REGION: 'us-east-1',
        RESTORE_TESTING_PREFIX: PREFIX,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      }),
      runbook
    );

    // Act
    const summary = await runRestoreValidation(off, completed('RDS'), NOW);

    // Assess
    expect(summary).toMatchObject({
      status: 'skipped',
      reason: 'validation is off',
    });
    expect(backup.calls()).toEqual([]);
  });

  it('still records the outcome when AWS Backup already has a result (a redelivered event)', async () => {
    // Prepare
    backup.on(GetRestoreJobMetadataCommand).resolves({ Metadata: {} });
    backup.on(PutRestoreValidationResultCommand).rejects(
      new InvalidRequestException({
        message: 'Validation status already set',
        $metadata: {},
      })
    );
    events
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    healthy.RDS();

    // Act
    const summary = await runRestoreValidation(deps(), completed('RDS'), NOW);

    // Assess
    expect(summary).toMatchObject({
      status: 'SUCCESSFUL',
      refused: 'InvalidRequestException: Validation status already set',
    });
    expect(published()).toHaveLength(1);
  });

  it('throws when AWS Backup is unavailable, so Lambda retries before recording', async () => {
    // Prepare
    backup.on(GetRestoreJobMetadataCommand).resolves({ Metadata: {} });
    backup.on(PutRestoreValidationResultCommand).rejects(
      Object.assign(new Error('try later'), {
        name: 'ServiceUnavailableException',
      })
    );
    healthy.RDS();

    // Act & Assess
    await expect(
      runRestoreValidation(deps(), completed('RDS'), NOW)
    ).rejects.toMatchObject({ name: 'ServiceUnavailableException' });
    expect(events.commandCalls(PutEventsCommand)).toEqual([]);
  });

  it('throws when EventBridge refuses the report, so Lambda retries', async () => {
    // Prepare
    backup.on(GetRestoreJobMetadataCommand).resolves({ Metadata: {} });
    events.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'no' }],
    });
    healthy.RDS();

    // Act & Assess
    await expect(
      runRestoreValidation(deps(), completed('RDS'), NOW)
    ).rejects.toMatchObject({
      name: 'ReportNotSentError',
      code: 'AccessDeniedException',
    });
  });
});
