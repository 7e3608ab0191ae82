import type {
  BackupJob,
  BackupRule,
  CopyJob,
  GetBackupPlanOutput,
  GetBackupSelectionOutput,
  RecoveryPointByResource,
  RestoreJobsListMember,
} from '@aws-sdk/client-backup';
import type {
  DBCluster,
  DBClusterSnapshot,
  DBInstance,
  DBSnapshot,
} from '@aws-sdk/client-rds';
import type { RegionInventory } from '../../src/audit/index.js';
import { ACCOUNT, ORDERS_DB_ARN, REGION } from './builders.js';

// API response items shaped as the AWS API reference and the AWS CLI's
// documented outputs show them (ListBackupJobs, ListCopyJobs,
// ListRestoreJobs, ListRecoveryPointsByResource, GetBackupPlan,
// GetBackupSelection, DescribeDBSnapshots,
// DescribeDBClusterSnapshots, DescribeDBInstances): the same field names,
// with the SDK's parsed Dates for the timestamps. Values are placeholders
// for the builders' orders-db in eu-west-1.

/** The audit clock of these tests: a Monday morning. */
const NOW = new Date('2026-03-02T09:00:00Z');

const PLAN_ID = 'fcbf5d8f-bd77-4f3a-9c97-f24fb3d373a5';
const PLAN_ARN = `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:${PLAN_ID}`;
const VAULT_ARN = `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:Default`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;

/**
 * Returns a ListBackupJobs `BackupJobs[]` item: orders-db backed up by the
 * plan's daily rule, created on `day` at 02:05 and completed at 02:25.
 */
const aBackupJob = (
  day: string,
  overrides: Partial<BackupJob> = {}
): BackupJob => ({
  AccountId: ACCOUNT,
  BackupJobId: `job-${day}`,
  BackupVaultName: 'Default',
  BackupVaultArn: VAULT_ARN,
  RecoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${day}`,
  ResourceArn: ORDERS_DB_ARN,
  CreationDate: new Date(`${day}T02:05:00Z`),
  CompletionDate: new Date(`${day}T02:25:00Z`),
  State: 'COMPLETED',
  PercentDone: '100.0',
  BackupSizeInBytes: 0,
  IamRoleArn: ROLE_ARN,
  CreatedBy: {
    BackupPlanId: PLAN_ID,
    BackupPlanArn: PLAN_ARN,
    BackupPlanVersion: 'NjQ2ZTZkODktMGVhNy00MmQ0LWE4YjktZTkwNTQ3OTkyYTcw',
    BackupRuleId: '70e0ccdc-e9df-4e83-82ad-c1e5a9471cc3',
  },
  StartBy: new Date(`${day}T03:00:00Z`),
  ResourceType: 'RDS',
  ...overrides,
});

/** Returns a ListCopyJobs `CopyJobs[]` item copying `day`'s recovery point to eu-central-1. */
const aCopyJob = (day: string, overrides: Partial<CopyJob> = {}): CopyJob => ({
  AccountId: ACCOUNT,
  CopyJobId: `copy-${day}`,
  SourceBackupVaultArn: VAULT_ARN,
  SourceRecoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${day}`,
  DestinationBackupVaultArn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:Default`,
  DestinationRecoveryPointArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:snapshot:awsbackup:copyjob-${day}`,
  ResourceArn: ORDERS_DB_ARN,
  CreationDate: new Date(`${day}T02:30:00Z`),
  CompletionDate: new Date(`${day}T02:50:00Z`),
  State: 'COMPLETED',
  BackupSizeInBytes: 0,
  IamRoleArn: ROLE_ARN,
  ResourceType: 'RDS',
  ...overrides,
});

/** Returns a ListRestoreJobs `RestoreJobs[]` item: a restore test of `day`'s recovery point. */
const aRestoreJob = (
  day: string,
  overrides: Partial<RestoreJobsListMember> = {}
): RestoreJobsListMember => ({
  AccountId: ACCOUNT,
  RestoreJobId: `restore-${day}`,
  RecoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${day}`,
  SourceResourceArn: ORDERS_DB_ARN,
  BackupVaultArn: VAULT_ARN,
  CreationDate: new Date(`${day}T04:00:00Z`),
  CompletionDate: new Date(`${day}T04:40:00Z`),
  Status: 'COMPLETED',
  PercentDone: '100.00%',
  BackupSizeInBytes: 0,
  IamRoleArn: ROLE_ARN,
  ExpectedCompletionTimeMinutes: 40,
  CreatedResourceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-restore-test`,
  ResourceType: 'RDS',
  RecoveryPointCreationDate: new Date(`${day}T02:05:00Z`),
  CreatedBy: {
    RestoreTestingPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT}:restore-testing-plan:weekly-orders`,
  },
  ...overrides,
});

/** Returns a DescribeDBSnapshots `DBSnapshots[]` item: an automated snapshot of `instance`. */
const aDbSnapshot = (
  instance: string,
  day: string,
  overrides: Partial<DBSnapshot> = {}
): DBSnapshot => ({
  DBSnapshotIdentifier: `rds:${instance}-${day}-03-10`,
  DBInstanceIdentifier: instance,
  SnapshotCreateTime: new Date(`${day}T03:10:00Z`),
  Engine: 'postgres',
  AllocatedStorage: 100,
  Status: 'available',
  Port: 5432,
  AvailabilityZone: `${REGION}a`,
  VpcId: 'vpc-6594f31c',
  InstanceCreateTime: new Date('2025-06-01T10:00:00Z'),
  MasterUsername: 'postgres',
  EngineVersion: '16.4',
  LicenseModel: 'postgresql-license',
  SnapshotType: 'automated',
  OptionGroupName: 'default:postgres-16',
  PercentProgress: 100,
  StorageType: 'gp3',
  Encrypted: true,
  DBSnapshotArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:rds:${instance}-${day}-03-10`,
  IAMDatabaseAuthenticationEnabled: false,
  DbiResourceId: 'db-AKIAIOSFODNN7EXAMPLE',
  TagList: [],
  OriginalSnapshotCreateTime: new Date(`${day}T03:10:00Z`),
  SnapshotTarget: 'region',
  ...overrides,
});

/** Returns a DescribeDBClusterSnapshots `DBClusterSnapshots[]` item of `cluster`. */
const aClusterSnapshot = (
  cluster: string,
  day: string,
  overrides: Partial<DBClusterSnapshot> = {}
): DBClusterSnapshot => ({
  AvailabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
  DBClusterSnapshotIdentifier: `rds:${cluster}-${day}-04-00`,
  DBClusterIdentifier: cluster,
  SnapshotCreateTime: new Date(`${day}T04:00:00Z`),
  Engine: 'aurora-postgresql',
  AllocatedStorage: 1,
  Status: 'available',
  Port: 0,
  VpcId: 'vpc-6594f31c',
  ClusterCreateTime: new Date('2025-06-01T10:00:00Z'),
  MasterUsername: 'postgres',
  EngineVersion: '16.4',
  LicenseModel: 'postgresql-license',
  SnapshotType: 'automated',
  PercentProgress: 100,
  StorageEncrypted: true,
  DBClusterSnapshotArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster-snapshot:rds:${cluster}-${day}-04-00`,
  IAMDatabaseAuthenticationEnabled: false,
  TagList: [],
  ...overrides,
});

/** Returns a DescribeDBInstances `DBInstances[]` item (the fields the audit reads, and their neighbours). */
const aDbInstance = (
  instance: string,
  overrides: Partial<DBInstance> = {}
): DBInstance => ({
  DBInstanceIdentifier: instance,
  DBInstanceClass: 'db.r6g.large',
  Engine: 'postgres',
  DBInstanceStatus: 'available',
  MasterUsername: 'postgres',
  PreferredBackupWindow: '03:00-03:30',
  BackupRetentionPeriod: 7,
  AvailabilityZone: `${REGION}a`,
  MultiAZ: true,
  EngineVersion: '16.4',
  DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${instance}`,
  ...overrides,
});

/** Returns a DescribeDBClusters `DBClusters[]` item. */
const aDbCluster = (
  cluster: string,
  overrides: Partial<DBCluster> = {}
): DBCluster => ({
  DBClusterIdentifier: cluster,
  Engine: 'aurora-postgresql',
  Status: 'available',
  BackupRetentionPeriod: 7,
  PreferredBackupWindow: '04:00-04:30',
  DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${cluster}`,
  ...overrides,
});

/** Returns a backup rule like the AWS CLI's get-backup-plan example, on the runbook's schedule. */
const aRule = (overrides: Partial<BackupRule> = {}): BackupRule => ({
  RuleName: 'DailyBackups',
  TargetBackupVaultName: 'Default',
  ScheduleExpression: 'cron(0 2 ? * * *)',
  StartWindowMinutes: 60,
  CompletionWindowMinutes: 120,
  Lifecycle: { DeleteAfterDays: 35 },
  RuleId: '70e0ccdc-e9df-4e83-82ad-c1e5a9471cc3',
  ScheduleExpressionTimezone: 'Etc/UTC',
  ...overrides,
});

/** Returns a GetBackupPlan output whose rules are `rules`. */
const aPlanOutput = (rules: BackupRule[] = [aRule()]): GetBackupPlanOutput => ({
  BackupPlan: { BackupPlanName: 'orders-daily', Rules: rules },
  BackupPlanId: PLAN_ID,
  BackupPlanArn: PLAN_ARN,
  VersionId: 'NjQ2ZTZkODktMGVhNy00MmQ0LWE4YjktZTkwNTQ3OTkyYTcw',
  CreationDate: new Date('2025-09-19T20:48:11.570Z'),
});

/** Returns a GetBackupSelection output naming `resources`. */
const aSelectionOutput = (
  resources: string[] = [ORDERS_DB_ARN]
): GetBackupSelectionOutput => ({
  BackupSelection: {
    SelectionName: 'orders-resources',
    IamRoleArn: ROLE_ARN,
    Resources: resources,
    ListOfTags: [],
  },
  SelectionId: 'selection-orders',
  BackupPlanId: PLAN_ID,
  CreationDate: new Date('2025-09-19T20:50:00Z'),
  CreatorRequestId: 'orders-selection-request',
});

/**
 * Returns a ListRecoveryPointsByResource `RecoveryPoints[]` item: the
 * orders-db snapshot AWS Backup made on `day` at 02:05.
 */
const aRecoveryPoint = (
  day: string,
  overrides: Partial<RecoveryPointByResource> = {}
): RecoveryPointByResource => ({
  RecoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${day}`,
  CreationDate: new Date(`${day}T02:05:00Z`),
  Status: 'COMPLETED',
  EncryptionKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  BackupSizeBytes: 0,
  BackupVaultName: 'Default',
  IsParent: false,
  ResourceName: 'orders-prod',
  ...overrides,
});

/** Returns an inventory of one region with nothing in it, overridden field by field. */
const anInventory = (
  overrides: Partial<RegionInventory> = {}
): RegionInventory => ({
  region: REGION,
  backupJobs: [],
  copyJobs: [],
  restoreJobs: [],
  dbSnapshots: [],
  clusterSnapshots: [],
  dbInstances: [],
  dbClusters: [],
  plans: [],
  recoveryPoints: [],
  ...overrides,
});

/** Returns the plan of `aPlanOutput(rules)` with one selection of `resources`. */
const aPlanInventory = (
  rules: BackupRule[] = [aRule()],
  resources: string[] = [ORDERS_DB_ARN]
): RegionInventory['plans'][number] => {
  const plan = aPlanOutput(rules);
  const selection = aSelectionOutput(resources);
  return {
    planId: PLAN_ID,
    planArn: PLAN_ARN,
    plan: plan.BackupPlan!,
    selections: [
      {
        selectionId: selection.SelectionId!,
        selection: selection.BackupSelection!,
      },
    ],
  };
};

export {
  aBackupJob,
  aClusterSnapshot,
  aCopyJob,
  aDbCluster,
  aDbInstance,
  aDbSnapshot,
  anInventory,
  aPlanInventory,
  aPlanOutput,
  aRecoveryPoint,
  aRestoreJob,
  aRule,
  aSelectionOutput,
  NOW,
  PLAN_ARN,
  PLAN_ID,
  VAULT_ARN,
};
