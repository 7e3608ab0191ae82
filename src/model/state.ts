import type { EventState } from './events.js';

/** One fact about a resource, taken from the event that established it. */
interface Fact {
  /** When it happened (a job's completion or failure, a snapshot's creation). */
  at: Date;
  eventId: string;
  state: EventState;
  jobId?: string;
  message?: string;
}

/** The newest successful backup or snapshot (a recovery point exists). */
interface BackupFact extends Fact {
  /** When the recovery point was created (the job's creation): the data is as of this time. */
  createdAt: Date;
  recoveryPointArn?: string;
  sizeBytes?: number;
}

/** A recovery point's lifecycle as AWS Backup reported it. */
interface RecoveryPointFact extends Fact {
  recoveryPointArn: string;
  createdAt: Date;
  /** When AWS Backup's lifecycle will delete it (calculatedLifeCycle.deleteAt). */
  deleteAt?: Date;
}

/** A copy job's outcome; `destination` is the destination vault ARN. */
interface CopyFact extends Fact {
  destinationVaultArn?: string;
  /** The recovery point that was copied. */
  sourceRecoveryPointArn?: string;
}

/** A restore job's outcome. */
interface RestoreFact extends Fact {
  /** The recovery point restored, when the event named it. */
  recoveryPointArn?: string;
  startedAt?: Date;
  durationMs?: number;
  restoreTest: boolean;
}

/** An S3 replication event about one object (a failure, or its replication). */
interface ReplicationFact extends Fact {
  failureReason?: string;
  objectKey?: string;
}

/** One completed backup's size, for the size-anomaly check. */
interface SizeSample {
  at: Date;
  sizeBytes: number;
}

/**
 * The latest facts about one resource. Every field moves only forward in
 * time, so events delivered in any order give the same state.
 */
interface ResourceState {
  resourceArn: string;
  resourceType: string;
  /** The runbook service that claims it; undefined = unmapped. */
  service?: string;
  account: string;
  region: string;
  /** First time the monitor saw the resource (an event, or the runbook listing it). */
  firstSeenAt: Date;
  /** Newest event time seen for the resource. */
  lastEventAt?: Date;
  lastBackup?: BackupFact;
  lastBackupFailure?: Fact;
  /** Newest started backup/snapshot (RDS has no failure event: a start without a finish is one). */
  lastBackupStarted?: Fact;
  /** Newest completed backups' sizes, newest first, at most 8. */
  recentBackups: SizeSample[];
  lastRecoveryPoint?: RecoveryPointFact;
  /** Newest recovery point deleted or expired (RDS 0041, AWS Backup EXPIRED/DELETING). */
  lastRecoveryPointRemoved?: RecoveryPointFact;
  /** Newest completed copy per destination vault. */
  copies: CopyFact[];
  lastCopyFailure?: CopyFact;
  lastRestore?: RestoreFact;
  lastRestoreFailure?: RestoreFact;
  lastReplicationFailure?: ReplicationFact;
  lastReplicationLate?: ReplicationFact;
  /** Newest replication that completed after its threshold (it caught up). */
  lastReplicationCaughtUp?: ReplicationFact;
  /**
   * The newest replication event of each object that failed to replicate:
   * `failed` until a later event reports it replicated (`completed`). At
   * most `REPLICATION_OBJECTS_KEPT` objects are kept, replicated ones given
   * up first.
   */
  replicationObjects: ReplicationFact[];
  /**
   * Newest failure that found the kept objects all failed already: beyond
   * the count, only a reported re-replication can clear it.
   */
  lastReplicationOverflow?: ReplicationFact;
  /**
   * Newest reported re-replication of the whole bucket (an S3 Batch
   * Replication job completed): every failure before it is replicated.
   */
  lastReplicationRepair?: Fact;
  /** Newest change of backup configuration (RDS 0028 disabled = failed, 0032 enabled = completed). */
  lastConfigChange?: Fact;
  /** A DR scenario's `drill:` resource: its newest completed drill (the restore facts fit). */
  lastDrill?: RestoreFact;
  lastDrillFailure?: RestoreFact;
  /**
   * Ids of the active incidents this resource has a finding in, as their
   * saves marked them; absent = none. Ingest reads its service's
   * incidents only when this is set or a check now fails (issue 18). It
   * may list an incident the resource has left while the incident stays
   * open (a roll-up's passing resource): that costs a read, never a page.
   */
  openIncidents?: string[];
}

/** The monitor's own heartbeat item. */
interface Heartbeat {
  at: Date;
  services: number;
  resources: number;
  openAlerts: number;
}

export type {
  BackupFact,
  CopyFact,
  Fact,
  Heartbeat,
  RecoveryPointFact,
  ReplicationFact,
  ResourceState,
  RestoreFact,
  SizeSample,
};
