/**
 * The EventBridge `source` of the product's own events: jobs outside AWS
 * Backup, RDS and S3 (scripts, Velero, people) report through it. Custom
 * sources may not start with `aws.`.
 */
const SENTINEL_SOURCE = 'backup-sentinel' as const;

/** Where an event came from. S3 replication arrives as S3 Event Notifications, not EventBridge. */
const EVENT_SOURCES = [
  'aws.backup',
  'aws.rds',
  'aws.s3',
  SENTINEL_SOURCE,
] as const;
type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * What an event is about. `config` is an addition to DESIGN.md: RDS-EVENT-0028
 * ("automated backups disabled") is neither a backup nor a snapshot, yet must
 * raise `config-drift`.
 */
const EVENT_KINDS = [
  'backup',
  'copy',
  'restore',
  'replication',
  'recovery-point',
  'snapshot',
  'config',
  'drill',
] as const;
type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Normalised state. `late`: S3 replication beyond its RTC threshold.
 * For `config` events, `failed` means protection was turned off and
 * `completed` that it was turned back on.
 */
const EVENT_STATES = [
  'started',
  'completed',
  'failed',
  'aborted',
  'expired',
  'partial',
  'deleted',
  'late',
] as const;
type EventState = (typeof EVENT_STATES)[number];

/** One AWS event, normalised. Times are UTC `Date`s. */
interface BackupEvent {
  /**
   * Stable across redeliveries. EventBridge: the envelope `id`, a colon and
   * the raw state/status or RDS EventID (AWS's own documented examples reuse
   * one `id` for different events); S3 records: `s3:` and a hash of bucket,
   * key, version, sequencer, event name and time.
   */
  id: string;
  source: EventSource;
  kind: EventKind;
  state: EventState;
  /**
   * The protected resource (for restores and copies: the source resource).
   * When the event does not name it, this equals `recoveryPointArn` and
   * `runIngest` resolves it through the store.
   */
  resourceArn: string;
  /** AWS Backup resource type (`RDS`, `Aurora`, `EBS`, `DynamoDB`, `EFS`, `S3`, ...). */
  resourceType: string;
  /** Backup/copy/restore job id, RDS snapshot id, or S3 object key. */
  jobId?: string;
  /**
   * The recovery point the event is about: a backup job's new one, the
   * source of a copy or restore, an RDS snapshot.
   */
  recoveryPointArn?: string;
  /**
   * When the change happened: a finished AWS Backup job's or recovery
   * point's `completionDate`, else the envelope `time`; RDS `Date`; S3
   * `eventTime`.
   */
  occurredAt: Date;
  startedAt?: Date;
  completedAt?: Date;
  sizeBytes?: number;
  /** Human text from AWS (`statusMessage`, RDS `Message`, S3 `failureReason`). */
  message?: string;
  /** AWS account; empty for S3 records, which do not carry one. */
  account: string;
  region: string;
  /** The original detail-type, or S3 eventName, kept for tracing. */
  detailType: string;
  /** RDS EventID (`RDS-EVENT-0091`), when the source is RDS. */
  rdsEventId?: string;
  /** Restore jobs started by an AWS Backup restore testing plan. */
  restoreTest?: boolean;
  /** Copy jobs: destination vault ARN, whose region/account say where the copy went. */
  destinationVaultArn?: string;
  /**
   * Recovery points besides `recoveryPointArn` that this event proves are
   * `resourceArn`'s: the one a completed copy job made, the RDS snapshot
   * AWS Backup names after its job. Restores from them are attributed to it.
   */
  ownedRecoveryPoints?: string[];
  /** Recovery points: when AWS Backup's lifecycle will delete it. */
  deleteAt?: Date;
  /** Recovery points: when it was created (for retention checks on deletion). */
  recoveryPointCreatedAt?: Date;
  /** S3 replication failure reason (`replicationEventData.failureReason`). */
  failureReason?: string;
  /**
   * The product's own events: the service the reporter named. Ingest
   * refuses the event when that service does not claim the resource.
   */
  claimedBy?: string;
}

/** One problem with an input, located by a dotted path (`detail.state`). */
interface InputIssue {
  path: string;
  message: string;
}

export type { BackupEvent, EventKind, EventSource, EventState, InputIssue };
export { EVENT_KINDS, EVENT_SOURCES, EVENT_STATES, SENTINEL_SOURCE };
