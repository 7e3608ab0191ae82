import { createHash } from 'node:crypto';

/**
 * Builders of raw AWS events in exactly the shapes of
 * test/fixtures/events (AWS's documented examples and the BUILT fixtures
 * made from them): same fields, same types (byte counts are
 * strings in backup and restore jobs, numbers in copy jobs). Only values
 * vary. Nothing here decides what happens; generate.ts does.
 */

/** An EventBridge event as the ingest Lambda receives it. */
interface EventBridgeEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: 'aws.backup' | 'aws.rds';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** The AWS Backup plan a scheduled job comes from (`createdBy`). */
interface BackupPlanRef {
  backupPlanId: string;
  backupPlanArn: string;
  backupPlanVersion: string;
  backupPlanRuleId: string;
}

/** Where the fleet lives and which vault and role AWS Backup uses. */
interface BackupSetting {
  account: string;
  region: string;
  vaultName: string;
  vaultArn: string;
  iamRoleArn: string;
}

/** One AWS Backup job, in the terms its events report. */
interface BackupJob {
  jobId: string;
  resourceArn: string;
  resourceType: string;
  /** Undefined for an on-demand job, which no plan created. */
  plan: BackupPlanRef | undefined;
  createdAt: Date;
  startBy: Date;
  sizeBytes: number;
}

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** `2024-05-01T03:18:42Z`: the envelope's `time` has whole seconds. */
const envelopeTime = (at: Date): string => `${at.toISOString().slice(0, 19)}Z`;

/** `May 1, 2024 3:18:42 AM`: how AWS Backup writes expectedCompletionDate. */
const consoleDate = (at: Date): string => {
  const hours = at.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${at.getUTCFullYear()} ${hours % 12 || 12}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
};

const backupEnvelope = (
  setting: BackupSetting,
  id: string,
  detailType: string,
  time: Date,
  resources: string[],
  detail: Record<string, unknown>
): EventBridgeEnvelope => ({
  version: '0',
  id,
  'detail-type': detailType,
  source: 'aws.backup',
  account: setting.account,
  time: envelopeTime(time),
  region: setting.region,
  resources,
  detail,
});

const createdBy = (
  plan: BackupPlanRef | undefined
): { createdBy?: BackupPlanRef } =>
  plan === undefined ? {} : { createdBy: { ...plan } };

/** The detail fields every Backup Job State Change of one job carries. */
const jobDetail = (setting: BackupSetting, job: BackupJob) => ({
  backupJobId: job.jobId,
  backupVaultArn: setting.vaultArn,
  backupVaultName: setting.vaultName,
  creationDate: job.createdAt.toISOString(),
  iamRoleArn: setting.iamRoleArn,
  resourceArn: job.resourceArn,
  resourceType: job.resourceType,
  startBy: job.startBy.toISOString(),
  ...createdBy(job.plan),
});

/**
 * Returns a Backup Job State Change RUNNING event (the shape of
 * backup-job-state-change.RUNNING.ebs-volume.BUILT.json).
 */
const backupJobRunning = (
  setting: BackupSetting,
  id: string,
  job: BackupJob,
  time: Date,
  percentDone: number,
  expectedCompletion: Date
): EventBridgeEnvelope =>
  backupEnvelope(setting, id, 'Backup Job State Change', time, [], {
    ...jobDetail(setting, job),
    backupSizeInBytes: String(job.sizeBytes),
    bytesTransferred: '0',
    state: 'RUNNING',
    expectedCompletionDate: consoleDate(expectedCompletion),
    percentDone,
  });

/**
 * Returns a Backup Job State Change COMPLETED event; the new recovery point
 * is only in `resources[]` (backup-job-state-change.COMPLETED.*.BUILT.json).
 */
const backupJobCompleted = (
  setting: BackupSetting,
  id: string,
  job: BackupJob,
  recoveryPointArn: string,
  completedAt: Date,
  time: Date
): EventBridgeEnvelope =>
  backupEnvelope(
    setting,
    id,
    'Backup Job State Change',
    time,
    [recoveryPointArn],
    {
      ...jobDetail(setting, job),
      backupSizeInBytes: String(job.sizeBytes),
      bytesTransferred: String(job.sizeBytes),
      state: 'COMPLETED',
      completionDate: completedAt.toISOString(),
      percentDone: 100,
    }
  );

/**
 * Returns a Backup Job State Change FAILED event with AWS's quoted
 * statusMessage (backup-job-state-change.FAILED.dynamodb-table.BUILT.json).
 */
const backupJobFailed = (
  setting: BackupSetting,
  id: string,
  job: BackupJob,
  statusMessage: string,
  completedAt: Date,
  time: Date
): EventBridgeEnvelope =>
  backupEnvelope(setting, id, 'Backup Job State Change', time, [], {
    ...jobDetail(setting, job),
    bytesTransferred: '0',
    state: 'FAILED',
    statusMessage: JSON.stringify(statusMessage),
    completionDate: completedAt.toISOString(),
    percentDone: 0,
  });

/** The detail fields every Recovery Point State Change of one job's point carries. */
const recoveryPointDetail = (
  setting: BackupSetting,
  job: BackupJob,
  status: string
) => ({
  backupVaultName: setting.vaultName,
  backupVaultArn: setting.vaultArn,
  creationDate: job.createdAt.toISOString(),
  iamRoleArn: setting.iamRoleArn,
  resourceType: job.resourceType,
  resourceArn: job.resourceArn,
  status,
  isEncrypted: 'true',
  storageClass: 'WARM',
});

const lifecycleOf = (job: BackupJob, retentionDays: number) => ({
  lifecycle: { deleteAfterDays: retentionDays },
  calculatedLifeCycle: {
    deleteAt: new Date(
      job.createdAt.getTime() + retentionDays * 86_400_000
    ).toISOString(),
  },
});

/**
 * Returns a Recovery Point State Change COMPLETED event with the vault
 * lifecycle (recovery-point-state-change.COMPLETED.json).
 */
const recoveryPointCompleted = (
  setting: BackupSetting,
  id: string,
  job: BackupJob,
  recoveryPointArn: string,
  completedAt: Date,
  retentionDays: number,
  time: Date
): EventBridgeEnvelope =>
  backupEnvelope(
    setting,
    id,
    'Recovery Point State Change',
    time,
    [recoveryPointArn],
    {
      ...recoveryPointDetail(setting, job, 'COMPLETED'),
      completionDate: completedAt.toISOString(),
      ...createdBy(job.plan),
      ...lifecycleOf(job, retentionDays),
    }
  );

/**
 * Returns a Recovery Point State Change event for a point the lifecycle is
 * deleting, or could not delete (recovery-point-state-change.DELETING.*.BUILT.json,
 * recovery-point-state-change.EXPIRED.*.BUILT.json).
 */
const recoveryPointRemoved = (
  setting: BackupSetting,
  id: string,
  job: BackupJob,
  recoveryPointArn: string,
  status: 'DELETING' | 'EXPIRED',
  retentionDays: number,
  time: Date
): EventBridgeEnvelope =>
  backupEnvelope(
    setting,
    id,
    'Recovery Point State Change',
    time,
    [recoveryPointArn],
    {
      ...recoveryPointDetail(setting, job, status),
      ...createdBy(job.plan),
      ...lifecycleOf(job, retentionDays),
    }
  );

/** One completed copy of a recovery point to another vault. */
interface CopyJob {
  copyJobId: string;
  sourceRecoveryPointArn: string;
  destinationVaultArn: string;
  destinationRecoveryPointArn: string;
  createdAt: Date;
  completedAt: Date;
}

/**
 * Returns a Copy Job State Change COMPLETED event; its size is a number,
 * unlike the backup job's (copy-job-state-change.COMPLETED.*.json).
 */
const copyJobCompleted = (
  setting: BackupSetting,
  id: string,
  job: BackupJob,
  copy: CopyJob,
  time: Date
): EventBridgeEnvelope =>
  backupEnvelope(
    setting,
    id,
    'Copy Job State Change',
    time,
    [copy.sourceRecoveryPointArn],
    {
      copyJobId: copy.copyJobId,
      backupSizeInBytes: job.sizeBytes,
      creationDate: copy.createdAt.toISOString(),
      iamRoleArn: setting.iamRoleArn,
      resourceArn: job.resourceArn,
      resourceType: job.resourceType,
      sourceBackupVaultArn: setting.vaultArn,
      state: 'COMPLETED',
      completionDate: copy.completedAt.toISOString(),
      destinationBackupVaultArn: copy.destinationVaultArn,
      destinationRecoveryPointArn: copy.destinationRecoveryPointArn,
      ...createdBy(job.plan),
    }
  );

/** One restore job started by an AWS Backup restore testing plan. */
interface RestoreTest {
  restoreJobId: string;
  recoveryPointArn: string;
  sourceResourceArn: string;
  resourceType: string;
  createdResourceArn: string;
  sizeBytes: number;
  createdAt: Date;
  completedAt: Date;
  restoreTestingPlanArn: string;
}

/**
 * Returns a Restore Job State Change COMPLETED event of a restore test
 * (restore-job-state-change.COMPLETED.restore-test.rds-instance.BUILT.json).
 */
const restoreTestCompleted = (
  setting: BackupSetting,
  id: string,
  restore: RestoreTest,
  time: Date
): EventBridgeEnvelope =>
  backupEnvelope(
    setting,
    id,
    'Restore Job State Change',
    time,
    [restore.recoveryPointArn],
    {
      restoreJobId: restore.restoreJobId,
      backupVaultArn: setting.vaultArn,
      recoveryPointArn: restore.recoveryPointArn,
      sourceResourceArn: restore.sourceResourceArn,
      backupSizeInBytes: String(restore.sizeBytes),
      creationDate: restore.createdAt.toISOString(),
      iamRoleArn: setting.iamRoleArn,
      percentDone: 100,
      resourceType: restore.resourceType,
      status: 'COMPLETED',
      createdResourceArn: restore.createdResourceArn,
      completionDate: restore.completedAt.toISOString(),
      restoreTestingPlanArn: restore.restoreTestingPlanArn,
    }
  );

/** RDS automated snapshot EventIDs the demo sends, by source type. */
const RDS_AUTOMATED = {
  SNAPSHOT: {
    detailType: 'RDS DB Snapshot Event',
    category: 'creation',
    started: ['RDS-EVENT-0090', 'Creating automated snapshot'],
    completed: ['RDS-EVENT-0091', 'Automated snapshot created'],
  },
  CLUSTER_SNAPSHOT: {
    detailType: 'RDS DB Cluster Snapshot Event',
    category: 'backup',
    started: ['RDS-EVENT-0168', 'Creating automated cluster snapshot'],
    completed: ['RDS-EVENT-0169', 'Automated cluster snapshot created'],
  },
} as const;

/** An RDS automated snapshot, named as RDS names them: `rds:<id>-YYYY-MM-DD-HH-MM`. */
interface RdsSnapshot {
  sourceType: keyof typeof RDS_AUTOMATED;
  snapshotArn: string;
  identifier: string;
}

/**
 * Returns an RDS automated (cluster) snapshot event, started or completed
 * (rds-db-*snapshot-event.RDS-EVENT-{0090,0091,0168,0169}.*.json).
 */
const rdsAutomatedSnapshot = (
  account: string,
  region: string,
  id: string,
  snapshot: RdsSnapshot,
  phase: 'started' | 'completed',
  at: Date
): EventBridgeEnvelope => {
  const kind = RDS_AUTOMATED[snapshot.sourceType];
  const [eventId, message] = kind[phase];
  return {
    version: '0',
    id,
    'detail-type': kind.detailType,
    source: 'aws.rds',
    account,
    time: envelopeTime(at),
    region,
    resources: [snapshot.snapshotArn],
    detail: {
      EventCategories: [kind.category],
      SourceType: snapshot.sourceType,
      SourceArn: snapshot.snapshotArn,
      Date: at.toISOString(),
      Message: message,
      SourceIdentifier: snapshot.identifier,
      EventID: eventId,
    },
  };
};

/** One object S3 replicated late, or failed to replicate. */
interface ReplicatedObject {
  bucketName: string;
  bucketArn: string;
  ownerPrincipalId: string;
  /** The object key as stored; S3 URL-encodes it in the record. */
  key: string;
  size: number;
  eTag: string;
  versionId: string;
  sequencer: string;
  requestId: string;
  hostId: string;
  replicationRuleId: string;
  destinationBucketArn: string;
  requestedAt: Date;
  /** When S3 reported it: the failure, or the late replication. */
  reportedAt: Date;
}

/** One object S3 failed to replicate. */
interface ReplicationFailure extends ReplicatedObject {
  failureReason: string;
}

/** S3 encodes keys like an HTML form: spaces as '+', '/' kept. */
const encodeKey = (key: string): string =>
  encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');

const replicationNotification = (
  region: string,
  eventName: string,
  object: ReplicatedObject,
  outcome: Record<string, string>
): { Records: Record<string, unknown>[] } => ({
  Records: [
    {
      eventVersion: '2.2',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventTime: object.reportedAt.toISOString(),
      eventName,
      userIdentity: { principalId: 's3.amazonaws.com' },
      requestParameters: { sourceIPAddress: 's3.amazonaws.com' },
      responseElements: {
        'x-amz-request-id': object.requestId,
        'x-amz-id-2': object.hostId,
      },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'replication-events',
        bucket: {
          name: object.bucketName,
          ownerIdentity: { principalId: object.ownerPrincipalId },
          arn: object.bucketArn,
        },
        object: {
          key: encodeKey(object.key),
          size: object.size,
          eTag: object.eTag,
          versionId: object.versionId,
          sequencer: object.sequencer,
        },
      },
      replicationEventData: {
        replicationRuleId: object.replicationRuleId,
        destinationBucket: object.destinationBucketArn,
        s3Operation: 'OBJECT_PUT',
        requestTime: object.requestedAt.toISOString(),
        ...outcome,
      },
    },
  ],
});

/**
 * Returns an S3 Event Notification body with one
 * OperationFailedReplication record, as S3 sends it to SQS
 * (s3-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json).
 */
const replicationFailedNotification = (
  region: string,
  failure: ReplicationFailure
): { Records: Record<string, unknown>[] } =>
  replicationNotification(
    region,
    'Replication:OperationFailedReplication',
    failure,
    { failureReason: failure.failureReason }
  );

/**
 * Returns an S3 Event Notification body with one
 * OperationReplicatedAfterThreshold record
 * (s3-notification.Replication-OperationReplicatedAfterThreshold.RECONSTRUCTED.json).
 * The record's `threshold` and `replicationTime` are left out: no AWS
 * document shows their format.
 */
const replicationCaughtUpNotification = (
  region: string,
  object: ReplicatedObject
): { Records: Record<string, unknown>[] } =>
  replicationNotification(
    region,
    'Replication:OperationReplicatedAfterThreshold',
    object,
    {}
  );

/** One SQS message as Lambda's SQS event source hands it over. */
interface SqsMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  senderId: string;
  sentAt: Date;
  receivedAt: Date;
}

/**
 * Returns the Lambda SQS event for a batch of messages, in the shape
 * `aws-lambda`'s SQSEvent declares (and runIngestHandler's tests use).
 */
const sqsBatch = (
  queueArn: string,
  region: string,
  messages: SqsMessage[]
): { Records: Record<string, unknown>[] } => ({
  Records: messages.map((m) => ({
    messageId: m.messageId,
    receiptHandle: m.receiptHandle,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(m.sentAt.getTime()),
      SenderId: m.senderId,
      ApproximateFirstReceiveTimestamp: String(m.receivedAt.getTime()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(m.body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  })),
});

export type {
  BackupJob,
  BackupPlanRef,
  BackupSetting,
  CopyJob,
  EventBridgeEnvelope,
  RdsSnapshot,
  ReplicatedObject,
  ReplicationFailure,
  RestoreTest,
  SqsMessage,
};
export {
  backupJobCompleted,
  backupJobFailed,
  backupJobRunning,
  copyJobCompleted,
  envelopeTime,
  rdsAutomatedSnapshot,
  recoveryPointCompleted,
  recoveryPointRemoved,
  replicationCaughtUpNotification,
  replicationFailedNotification,
  restoreTestCompleted,
  sqsBatch,
};
