import type {
  BackupJob,
  CopyJob,
  RestoreJobsListMember,
} from '@aws-sdk/client-backup';
import type { DBClusterSnapshot, DBSnapshot } from '@aws-sdk/client-rds';
import type { NormaliseResult } from '../events/index.js';
import {
  awsBackupSnapshots,
  BACKUP_JOB_STATES,
  COPY_JOB_STATES,
  RESTORE_JOB_STATES,
} from '../events/index.js';
import { identityFromArn } from '../history/index.js';
import type { BackupEvent, EventState, InputIssue } from '../model/index.js';
import { ARN_ACCOUNT, ARN_REGION, arnField } from '../model/index.js';
import type {
  AuditIssue,
  RegionInventory,
  ResourceRecoveryPoints,
} from './types.js';

/**
 * RDS snapshot `Status` -> normalised state (`null` = untracked). RDS does
 * not enumerate the values; an unknown one is reported, not guessed.
 */
const SNAPSHOT_STATES: ReadonlyMap<string, EventState | null> = new Map([
  ['available', 'completed'],
  ['creating', 'started'],
  ['copying', null],
  ['deleting', null],
]);

const reject = (path: string, message: string): NormaliseResult => ({
  ok: false,
  issues: [{ path, message }],
});

const none: NormaliseResult = { ok: true, value: [] };

/** Returns AWS's status text, blank as undefined. */
const text = (value: string | undefined): string | undefined =>
  value?.trim() || undefined;

/**
 * Maps a raw state through a table shared with the EventBridge normalisers,
 * so the API and the events agree on what each state means.
 */
const mapState = (
  table: ReadonlyMap<string, EventState | null>,
  raw: string | undefined,
  path: string
): { ok: true; state: EventState | null } | NormaliseResult => {
  if (raw === undefined) return reject(path, 'missing');
  // A Map lookup: an API status of `constructor` is unknown, not a function.
  const state = table.get(raw);
  if (state === undefined) return reject(path, `unknown value '${raw}'`);
  return { ok: true, state };
};

/** Returns the first required field that is missing, as a rejection. */
const requireFields = (
  item: object,
  fields: readonly string[],
  path: string
): NormaliseResult | undefined => {
  const record = item as Record<string, unknown>;
  const absent = fields.find(
    (f) => record[f] === undefined || record[f] === ''
  );
  return absent === undefined
    ? undefined
    : reject(`${path}.${absent}`, 'missing');
};

/** The fields the three AWS Backup job lists name alike. */
type CommonJobFields = Pick<
  BackupJob,
  | 'ResourceType'
  | 'CreationDate'
  | 'CompletionDate'
  | 'BackupSizeInBytes'
  | 'StatusMessage'
  | 'AccountId'
>;

/** What a ListBackupJobs, ListCopyJobs or ListRestoreJobs item says. */
interface JobFacts {
  kind: 'backup' | 'copy' | 'restore';
  jobId: string;
  /** The job's raw `State` or `Status`, the table that maps it, its field. */
  status: string | undefined;
  states: ReadonlyMap<string, EventState | null>;
  statusField: 'State' | 'Status';
  /** The resource, or the field that should have named it and why. */
  resourceArn: string | undefined;
  missingResource: { field: string; message: string };
  recoveryPointArn: string | undefined;
  detailType: string;
}

/**
 * Converts a job into the event the EventBridge normaliser gives for the
 * same job state; untracked states give []. The id is the job id and its
 * state, so a job read twice in one state is recorded once.
 */
const convertJob = (
  raw: CommonJobFields,
  job: JobFacts,
  region: string,
  path: string,
  extra: Partial<BackupEvent> = {}
): NormaliseResult => {
  const mapped = mapState(job.states, job.status, `${path}.${job.statusField}`);
  if (!('state' in mapped)) return mapped;
  if (mapped.state === null) return none;
  const { resourceArn } = job;
  if (resourceArn === undefined) {
    const { field, message } = job.missingResource;
    return reject(`${path}.${field}`, message);
  }
  const createdAt = raw.CreationDate as Date;
  const event: BackupEvent = {
    id: `${job.kind}-job:${job.jobId}:${job.status}`,
    source: 'aws.backup',
    kind: job.kind,
    state: mapped.state,
    resourceArn,
    resourceType: raw.ResourceType as string,
    jobId: job.jobId,
    recoveryPointArn: job.recoveryPointArn,
    occurredAt:
      mapped.state === 'started'
        ? createdAt
        : (raw.CompletionDate ?? createdAt),
    startedAt: createdAt,
    completedAt: raw.CompletionDate,
    sizeBytes: raw.BackupSizeInBytes,
    message: text(raw.StatusMessage),
    account: raw.AccountId ?? arnField(resourceArn, ARN_ACCOUNT),
    region,
    detailType: job.detailType,
    ...extra,
  };
  return { ok: true, value: [event] };
};

/**
 * Converts one ListBackupJobs item into a `backup` event shaped like the
 * one the EventBridge normaliser gives for the same job state. Untracked
 * states (CREATED, PENDING, ABORTING) give [].
 *
 * @param job - a `BackupJobs[]` item
 * @param region - the region it was listed in
 * @param path - where the item sits, for issues (`BackupJobs.3`)
 */
const convertBackupJob = (
  job: BackupJob,
  region: string,
  path: string
): NormaliseResult =>
  requireFields(
    job,
    ['BackupJobId', 'ResourceArn', 'ResourceType', 'CreationDate'],
    path
  ) ??
  convertJob(
    job,
    {
      kind: 'backup',
      jobId: job.BackupJobId as string,
      status: job.State,
      states: BACKUP_JOB_STATES,
      statusField: 'State',
      resourceArn: job.ResourceArn,
      missingResource: { field: 'ResourceArn', message: 'missing' },
      recoveryPointArn: job.RecoveryPointArn,
      detailType: 'ListBackupJobs',
    },
    region,
    path,
    {
      ownedRecoveryPoints: awsBackupSnapshots(
        job.ResourceArn as string,
        job.BackupJobId as string
      ),
    }
  );

/**
 * Converts one ListCopyJobs item into a `copy` event about the source
 * resource (the source recovery point when the job does not name it).
 *
 * @param job - a `CopyJobs[]` item
 * @param region - the region it was listed in (the source's)
 * @param path - where the item sits, for issues
 */
const convertCopyJob = (
  job: CopyJob,
  region: string,
  path: string
): NormaliseResult =>
  requireFields(job, ['CopyJobId', 'ResourceType', 'CreationDate'], path) ??
  convertJob(
    job,
    {
      kind: 'copy',
      jobId: job.CopyJobId as string,
      status: job.State,
      states: COPY_JOB_STATES,
      statusField: 'State',
      resourceArn: job.ResourceArn ?? job.SourceRecoveryPointArn,
      missingResource: {
        field: 'ResourceArn',
        message: 'no ResourceArn and no SourceRecoveryPointArn',
      },
      recoveryPointArn: job.SourceRecoveryPointArn,
      detailType: 'ListCopyJobs',
    },
    region,
    path,
    {
      destinationVaultArn: job.DestinationBackupVaultArn,
      ownedRecoveryPoints:
        job.State === 'COMPLETED' && job.DestinationRecoveryPointArn
          ? [job.DestinationRecoveryPointArn]
          : undefined,
    }
  );

/**
 * Converts one ListRestoreJobs item into a `restore` event. Without a
 * `SourceResourceArn` the resource is the recovery point, resolved through
 * the store as ingest does. Jobs a restore testing plan started are marked
 * `restoreTest`.
 *
 * @param job - a `RestoreJobs[]` item
 * @param region - the region it was listed in
 * @param path - where the item sits, for issues
 */
const convertRestoreJob = (
  job: RestoreJobsListMember,
  region: string,
  path: string
): NormaliseResult =>
  requireFields(job, ['RestoreJobId', 'ResourceType', 'CreationDate'], path) ??
  convertJob(
    job,
    {
      kind: 'restore',
      jobId: job.RestoreJobId as string,
      status: job.Status,
      states: RESTORE_JOB_STATES,
      statusField: 'Status',
      resourceArn: job.SourceResourceArn ?? job.RecoveryPointArn,
      missingResource: {
        field: 'SourceResourceArn',
        message:
          'no SourceResourceArn and no RecoveryPointArn to attribute the restore by',
      },
      recoveryPointArn: job.RecoveryPointArn,
      detailType: 'ListRestoreJobs',
    },
    region,
    path,
    { restoreTest: job.CreatedBy?.RestoreTestingPlanArn !== undefined }
  );

/** What an RDS snapshot says, whichever API listed it. */
interface SnapshotFacts {
  snapshotArn: string;
  /** The DB instance or cluster identifier the snapshot was taken of. */
  owner: string;
  ownerType: 'db' | 'cluster';
  resourceType: string;
  status: string | undefined;
  snapshotType: string | undefined;
  identifier: string;
  createdAt: Date;
  /** The region the data came from, when the snapshot is a copy. */
  sourceRegion: string | undefined;
  detailType: string;
}

const convertSnapshot = (
  s: SnapshotFacts,
  region: string,
  path: string
): NormaliseResult => {
  // AWS Backup's RDS snapshots are reported by their backup job already.
  if (s.snapshotType === 'awsbackup' || s.identifier.startsWith('awsbackup:')) {
    return none;
  }
  const mapped = mapState(SNAPSHOT_STATES, s.status, `${path}.Status`);
  if (!('state' in mapped)) return mapped;
  if (mapped.state === null) return none;
  const [arn, partition, service, , account] = s.snapshotArn.split(':');
  const copied = s.sourceRegion !== undefined && s.sourceRegion !== region;
  // A copy protects the resource in the region it came from.
  const ownerRegion = copied ? s.sourceRegion : region;
  const event: BackupEvent = {
    id: `${s.detailType}:${s.snapshotArn}:${s.status}`,
    source: 'aws.rds',
    kind: copied ? 'copy' : 'snapshot',
    state: mapped.state,
    resourceArn: `${arn}:${partition}:${service}:${ownerRegion}:${account}:${s.ownerType}:${s.owner}`,
    resourceType: s.resourceType,
    jobId: s.identifier,
    recoveryPointArn: s.snapshotArn,
    occurredAt: s.createdAt,
    startedAt: s.createdAt,
    account: account ?? '',
    region,
    detailType: s.detailType,
    // The copy's own ARN says where it went, as a vault ARN would.
    destinationVaultArn: copied ? s.snapshotArn : undefined,
  };
  return { ok: true, value: [event] };
};

/**
 * Converts one DescribeDBSnapshots item into an event about its DB
 * instance: a `snapshot` (automated or manual), or a `copy` when it was
 * copied here from another region. AWS Backup's own snapshots give [].
 *
 * @param snapshot - a `DBSnapshots[]` item
 * @param region - the region it was listed in
 * @param path - where the item sits, for issues
 */
const convertDbSnapshot = (
  snapshot: DBSnapshot,
  region: string,
  path: string
): NormaliseResult => {
  const missing = requireFields(
    snapshot,
    [
      'DBSnapshotArn',
      'DBSnapshotIdentifier',
      'DBInstanceIdentifier',
      'SnapshotCreateTime',
    ],
    path
  );
  if (missing !== undefined) return missing;
  return convertSnapshot(
    {
      snapshotArn: snapshot.DBSnapshotArn as string,
      owner: snapshot.DBInstanceIdentifier as string,
      ownerType: 'db',
      resourceType: 'RDS',
      status: snapshot.Status,
      snapshotType: snapshot.SnapshotType,
      identifier: snapshot.DBSnapshotIdentifier as string,
      createdAt: snapshot.SnapshotCreateTime as Date,
      sourceRegion: snapshot.SourceRegion,
      detailType: 'DescribeDBSnapshots',
    },
    region,
    path
  );
};

/**
 * Converts one DescribeDBClusterSnapshots item into an event about its
 * cluster, as {@link convertDbSnapshot} does for instances. The source
 * region of a copy is read from `SourceDBClusterSnapshotArn`.
 *
 * @param snapshot - a `DBClusterSnapshots[]` item
 * @param region - the region it was listed in
 * @param path - where the item sits, for issues
 */
const convertClusterSnapshot = (
  snapshot: DBClusterSnapshot,
  region: string,
  path: string
): NormaliseResult => {
  const missing = requireFields(
    snapshot,
    [
      'DBClusterSnapshotArn',
      'DBClusterSnapshotIdentifier',
      'DBClusterIdentifier',
      'SnapshotCreateTime',
    ],
    path
  );
  if (missing !== undefined) return missing;
  const source = snapshot.SourceDBClusterSnapshotArn;
  return convertSnapshot(
    {
      snapshotArn: snapshot.DBClusterSnapshotArn as string,
      owner: snapshot.DBClusterIdentifier as string,
      ownerType: 'cluster',
      resourceType: 'Aurora',
      status: snapshot.Status,
      snapshotType: snapshot.SnapshotType,
      identifier: snapshot.DBClusterSnapshotIdentifier as string,
      createdAt: snapshot.SnapshotCreateTime as Date,
      sourceRegion:
        source === undefined ? undefined : arnField(source, ARN_REGION),
      detailType: 'DescribeDBClusterSnapshots',
    },
    region,
    path
  );
};

/** Recovery point statuses that hold a usable backup (AVAILABLE is the newer name). */
const USABLE_POINT = new Set(['COMPLETED', 'AVAILABLE']);

/**
 * Converts a resource's newest usable recovery point into a completed
 * `backup` event at its creation time (the API gives no completion time),
 * so the RPO counts from the real last backup even when it is older than
 * the period; []  when it has none.
 *
 * @param entry - the resource and its ListRecoveryPointsByResource items
 * @param region - the region it was listed in
 */
const convertRecoveryPoints = (
  entry: ResourceRecoveryPoints,
  region: string
): BackupEvent[] => {
  let newest: { arn: string; at: Date; size: number | undefined } | undefined;
  for (const p of entry.points) {
    const at = p.CreationDate;
    if (p.RecoveryPointArn === undefined || at === undefined) continue;
    if (!USABLE_POINT.has(p.Status ?? '')) continue;
    if (newest !== undefined && newest.at >= at) continue;
    newest = { arn: p.RecoveryPointArn, at, size: p.BackupSizeBytes };
  }
  if (newest === undefined) return [];
  const { resourceArn } = entry;
  const { resourceType, account } = identityFromArn(resourceArn);
  return [
    {
      id: `recovery-point:${newest.arn}`,
      source: 'aws.backup',
      kind: 'backup',
      state: 'completed',
      resourceArn,
      resourceType,
      recoveryPointArn: newest.arn,
      occurredAt: newest.at,
      startedAt: newest.at,
      recoveryPointCreatedAt: newest.at,
      sizeBytes: newest.size,
      account,
      region,
      detailType: 'ListRecoveryPointsByResource',
    },
  ];
};

/**
 * Converts everything one region's inventory holds into events. Items that
 * cannot be converted become issues located by path; the rest still count.
 *
 * @param inventory - what the collector read in one region
 */
const convertInventory = (
  inventory: RegionInventory
): { events: BackupEvent[]; issues: AuditIssue[] } => {
  const { region } = inventory;
  const events: BackupEvent[] = [];
  const issues: AuditIssue[] = [];
  const add = (result: NormaliseResult): void => {
    if (result.ok) events.push(...result.value);
    else
      issues.push(...result.issues.map((i: InputIssue) => ({ ...i, region })));
  };
  inventory.backupJobs.forEach((j, i) => {
    add(convertBackupJob(j, region, `BackupJobs.${i}`));
  });
  inventory.copyJobs.forEach((j, i) => {
    add(convertCopyJob(j, region, `CopyJobs.${i}`));
  });
  inventory.restoreJobs.forEach((j, i) => {
    add(convertRestoreJob(j, region, `RestoreJobs.${i}`));
  });
  inventory.dbSnapshots.forEach((s, i) => {
    add(convertDbSnapshot(s, region, `DBSnapshots.${i}`));
  });
  inventory.clusterSnapshots.forEach((s, i) => {
    add(convertClusterSnapshot(s, region, `DBClusterSnapshots.${i}`));
  });
  for (const entry of inventory.recoveryPoints) {
    events.push(...convertRecoveryPoints(entry, region));
  }
  return { events, issues };
};

export {
  convertBackupJob,
  convertClusterSnapshot,
  convertCopyJob,
  convertDbSnapshot,
  convertInventory,
  convertRecoveryPoints,
  convertRestoreJob,
};
