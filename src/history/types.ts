import type { AlertKey, AlertRecord, Transition } from '../alerts/types.js';
import type { BackupEvent, EventState, InputIssue } from '../events/types.js';

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
  startedAt?: Date;
  durationMs?: number;
  restoreTest: boolean;
}

/** An S3 replication problem. */
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
  /** Newest change of backup configuration (RDS 0028 disabled = failed, 0032 enabled = completed). */
  lastConfigChange?: Fact;
}

/** The monitor's own heartbeat item. */
interface Heartbeat {
  at: Date;
  services: number;
  resources: number;
  openAlerts: number;
}

/** What recordEvent did: a redelivered event is a `duplicate` and changes nothing. */
type RecordOutcome = 'recorded' | 'duplicate';

/** What recordEvent did, and the resource's state as its write left it. */
interface RecordResult {
  outcome: RecordOutcome;
  state: ResourceState;
}

/**
 * The backup history. Implemented by the DynamoDB store (production) and the
 * in-memory store (CLI replay and unit tests above the store); both pass the
 * same contract tests.
 */
interface HistoryStore {
  /** Records an event once and moves the resource's facts forward. */
  recordEvent(
    event: BackupEvent,
    serviceId: string | undefined,
    now: Date
  ): Promise<RecordResult>;
  /** Keeps an input we could not understand, with the reasons. */
  recordRejected(raw: string, issues: InputIssue[], now: Date): Promise<void>;
  /**
   * Creates a state item for a runbook resource never seen, so RPO counts
   * from now; returns the resource's state.
   */
  ensureResource(
    resourceArn: string,
    serviceId: string,
    now: Date
  ): Promise<ResourceState>;
  getResourceState(resourceArn: string): Promise<ResourceState | undefined>;
  /** States of one service's resources (GSI1 Query). */
  listServiceStates(serviceId: string): Promise<ResourceState[]>;
  /** States of resources no service claims. */
  listUnmappedStates(): Promise<ResourceState[]>;
  /** Events of one resource with from <= occurredAt < to, oldest first. */
  listEvents(resourceArn: string, from: Date, to: Date): Promise<BackupEvent[]>;
  /** The resource a recovery point was taken of, from a recorded backup job. */
  findResourceByRecoveryPoint(
    recoveryPointArn: string
  ): Promise<string | undefined>;
  getAlert(key: AlertKey): Promise<AlertRecord | undefined>;
  /**
   * Every alert that is not resolved, and every resolved one that still owes
   * deliveries (a resolution that failed to go out must be retried).
   */
  listActiveAlerts(): Promise<AlertRecord[]>;
  /** The active alerts (as listActiveAlerts) of one resource. */
  listResourceAlerts(resourceArn: string): Promise<AlertRecord[]>;
  /**
   * Saves an alert if its stored version still equals `expectedVersion`
   * (undefined = must not exist). Returns false when another invocation got
   * there first.
   */
  saveAlert(
    record: AlertRecord,
    expectedVersion: number | undefined
  ): Promise<boolean>;
  /** Appends alert transitions (the audit trail the weekly report reads). */
  recordTransitions(transitions: Transition[]): Promise<void>;
  /** Transitions with from <= at < to, oldest first. */
  listTransitions(from: Date, to: Date): Promise<Transition[]>;
  writeHeartbeat(heartbeat: Heartbeat): Promise<void>;
  getHeartbeat(): Promise<Heartbeat | undefined>;
}

export type {
  BackupFact,
  CopyFact,
  Fact,
  Heartbeat,
  HistoryStore,
  RecordOutcome,
  RecordResult,
  RecoveryPointFact,
  ReplicationFact,
  ResourceState,
  RestoreFact,
  SizeSample,
};
