import {
  ARN_ACCOUNT,
  ARN_REGION,
  arnField,
  type BackupEvent,
  type EventKind,
  type EventState,
  resourceTypeOf,
} from '../model/index.js';
import type { PlainItem } from './attributes.js';

/** Scalar facts of a state item: each holds the newest event of its kind. */
const SCALAR_FACTS = [
  'lastBackup',
  'lastBackupFailure',
  'lastBackupStarted',
  'lastRecoveryPoint',
  'lastRecoveryPointRemoved',
  'lastCopyFailure',
  'lastRestore',
  'lastRestoreFailure',
  'lastReplicationFailure',
  'lastReplicationLate',
  'lastReplicationCaughtUp',
  'lastReplicationOverflow',
  'lastReplicationRepair',
  'lastConfigChange',
  'lastDrill',
  'lastDrillFailure',
] as const;
type ScalarFact = (typeof SCALAR_FACTS)[number];

/**
 * What an event can update besides the scalar facts: `copies` (newest
 * completed copy per destination vault), `recentBackups` (sizes of the 8
 * newest completed backups) and `recoveryPointOwner` (a recovery point ->
 * resource item, so restore and copy jobs can be attributed).
 */
type FactTarget =
  | ScalarFact
  | 'copies'
  | 'recentBackups'
  | 'recoveryPointOwner'
  | 'replicationObjects';

const BACKUP_TARGETS: Partial<Record<EventState, readonly FactTarget[]>> = {
  started: ['lastBackupStarted'],
  completed: ['lastBackup', 'recentBackups', 'recoveryPointOwner'],
  failed: ['lastBackupFailure'],
  aborted: ['lastBackupFailure'],
  expired: ['lastBackupFailure'],
  partial: ['lastBackupFailure'],
};

/**
 * Which event updates which fact, by kind and state. Anything not listed
 * (e.g. a copy `started`) is recorded as an event and moves only
 * `lastEventAt`.
 */
const FACT_TABLE: Record<
  EventKind,
  Partial<Record<EventState, readonly FactTarget[]>>
> = {
  backup: BACKUP_TARGETS,
  // RDS-EVENT-0041 (user snapshot deleted) arrives as a snapshot `deleted`.
  snapshot: { ...BACKUP_TARGETS, deleted: ['lastRecoveryPointRemoved'] },
  'recovery-point': {
    completed: ['lastRecoveryPoint', 'recoveryPointOwner'],
    expired: ['lastRecoveryPointRemoved'],
    deleted: ['lastRecoveryPointRemoved'],
  },
  copy: {
    completed: ['copies'],
    failed: ['lastCopyFailure'],
    aborted: ['lastCopyFailure'],
    partial: ['lastCopyFailure'],
  },
  restore: {
    completed: ['lastRestore'],
    failed: ['lastRestoreFailure'],
    aborted: ['lastRestoreFailure'],
  },
  // A completed replication of an object is its replication (S3's
  // OperationReplicatedAfterThreshold); one that names no object is a
  // reported re-replication of the bucket (observeEvent tells them apart).
  replication: {
    failed: ['lastReplicationFailure', 'replicationObjects'],
    late: ['lastReplicationLate'],
    completed: ['lastReplicationCaughtUp', 'replicationObjects'],
  },
  // RDS-EVENT-0028 disabled = failed, 0032 enabled = completed.
  config: {
    failed: ['lastConfigChange'],
    completed: ['lastConfigChange'],
  },
  // A DR drill of one scenario, on the scenario's own `drill:` resource.
  drill: {
    completed: ['lastDrill'],
    failed: ['lastDrillFailure'],
    aborted: ['lastDrillFailure'],
  },
};

/** Facts keep AWS's message for people; a cap keeps state items small. */
const MAX_MESSAGE_LENGTH = 1000;

/** Sizes kept for the size-anomaly check. */
const RECENT_BACKUPS_KEPT = 8;

/**
 * Objects whose replication is tracked per resource. Failed objects beyond
 * it are counted as an overflow that only a reported re-replication
 * clears; it keeps a state item far below DynamoDB's 400 KB with keys of
 * up to 1 KB.
 */
const REPLICATION_OBJECTS_KEPT = 100;

/** Where a copy with no destination vault is filed. */
const UNKNOWN_VAULT = '~unknown';

/** A fact as stored: times as ISO strings, optional fields omitted. */
interface FactItem extends PlainItem {
  at: string;
  eventId: string;
  state: string;
}

/** Who the resource is, taken from the newest event (or its ARN). */
interface Identity {
  resourceType: string;
  account: string;
  region: string;
}

/**
 * Everything one event (or one runbook listing) says about a resource's
 * state, before it is compared with what is stored.
 */
interface Observation {
  resourceArn: string;
  serviceId: string | undefined;
  /** Candidate for firstSeenAt (the earliest wins). */
  seenAt: string;
  identity: Identity;
  /** The event's ordering key; undefined for a runbook listing. */
  event?: { at: string; eventId: string };
  facts: { name: ScalarFact; value: FactItem }[];
  copy?: { vault: string; value: FactItem };
  size?: { key: string; sizeBytes: number };
  /** One object's newest replication event, keyed by the object key. */
  replicationObject?: { key: string; value: FactItem };
  /** Recovery points this resource owns, by this event. */
  recoveryPoints: string[];
}

const iso = (date: Date): string => date.toISOString();

/** Started facts are timed by the start; everything else by its end. */
const factTime = (event: BackupEvent): Date =>
  event.state === 'started'
    ? (event.startedAt ?? event.occurredAt)
    : (event.completedAt ?? event.occurredAt);

const baseFact = (event: BackupEvent): FactItem => ({
  at: iso(factTime(event)),
  eventId: event.id,
  state: event.state,
  jobId: event.jobId,
  message: event.message?.slice(0, MAX_MESSAGE_LENGTH),
});

const backupFact = (event: BackupEvent): FactItem => ({
  ...baseFact(event),
  createdAt: iso(
    event.startedAt ?? event.recoveryPointCreatedAt ?? factTime(event)
  ),
  recoveryPointArn: event.recoveryPointArn,
  sizeBytes: event.sizeBytes,
});

const recoveryPointFact = (event: BackupEvent): FactItem | undefined =>
  event.recoveryPointArn === undefined
    ? undefined
    : {
        ...baseFact(event),
        recoveryPointArn: event.recoveryPointArn,
        createdAt: iso(
          event.recoveryPointCreatedAt ?? event.startedAt ?? factTime(event)
        ),
        deleteAt: event.deleteAt && iso(event.deleteAt),
      };

const copyFact = (event: BackupEvent): FactItem => ({
  ...baseFact(event),
  destinationVaultArn: event.destinationVaultArn,
  sourceRecoveryPointArn: event.recoveryPointArn,
});

// In `copies` the vault is the map key already.
const copyEntry = (event: BackupEvent): FactItem => ({
  ...baseFact(event),
  sourceRecoveryPointArn: event.recoveryPointArn,
});

// FNV-1a: a short, stable stand-in for the event id in size keys, where
// the full id would double the map's size.
const shortHash = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
};

const restoreFact = (event: BackupEvent): FactItem => ({
  ...baseFact(event),
  recoveryPointArn: event.recoveryPointArn,
  startedAt: event.startedAt && iso(event.startedAt),
  durationMs:
    event.startedAt && event.completedAt
      ? event.completedAt.getTime() - event.startedAt.getTime()
      : undefined,
  restoreTest: event.restoreTest ?? false,
});

const replicationFact = (event: BackupEvent): FactItem => ({
  ...baseFact(event),
  failureReason: event.failureReason,
  objectKey: event.jobId,
});

const FACT_BUILDERS: Record<
  ScalarFact,
  (event: BackupEvent) => FactItem | undefined
> = {
  lastBackup: backupFact,
  lastBackupFailure: baseFact,
  lastBackupStarted: baseFact,
  lastRecoveryPoint: recoveryPointFact,
  lastRecoveryPointRemoved: recoveryPointFact,
  lastCopyFailure: copyFact,
  lastRestore: restoreFact,
  lastRestoreFailure: restoreFact,
  lastReplicationFailure: replicationFact,
  lastReplicationLate: replicationFact,
  lastReplicationCaughtUp: replicationFact,
  lastReplicationOverflow: replicationFact,
  lastReplicationRepair: baseFact,
  lastConfigChange: baseFact,
  lastDrill: restoreFact,
  lastDrillFailure: restoreFact,
};

/**
 * True for a replication the bucket's owner reports as a whole (an S3
 * Batch Replication job completed) rather than S3 for one object: S3's
 * own events always name the object.
 */
const isReportedReplication = (event: BackupEvent): boolean =>
  event.kind === 'replication' &&
  event.state === 'completed' &&
  (event.source !== 'aws.s3' || event.jobId === undefined);

/**
 * Returns the targets an event updates ({@link FACT_TABLE}).
 *
 * @param event - a normalised event
 */
const factTargets = (event: BackupEvent): readonly FactTarget[] =>
  isReportedReplication(event)
    ? ['lastReplicationRepair']
    : (FACT_TABLE[event.kind][event.state] ?? []);

/**
 * Returns what an event says about its resource's state.
 *
 * @param event - a normalised event
 * @param serviceId - the service that claims the resource; undefined = unmapped
 */
const observeEvent = (
  event: BackupEvent,
  serviceId: string | undefined
): Observation => {
  const observation: Observation = {
    resourceArn: event.resourceArn,
    serviceId,
    seenAt: iso(event.occurredAt),
    identity: {
      resourceType: event.resourceType,
      account: event.account,
      region: event.region,
    },
    event: { at: iso(event.occurredAt), eventId: event.id },
    facts: [],
    recoveryPoints: [...(event.ownedRecoveryPoints ?? [])],
  };
  for (const target of factTargets(event)) {
    if (target === 'copies') {
      observation.copy = {
        vault: event.destinationVaultArn ?? UNKNOWN_VAULT,
        value: copyEntry(event),
      };
    } else if (target === 'recentBackups') {
      if (event.sizeBytes !== undefined) {
        const at = iso(factTime(event));
        observation.size = {
          key: `${at}#${shortHash(event.id)}`,
          sizeBytes: event.sizeBytes,
        };
      }
    } else if (target === 'recoveryPointOwner') {
      if (
        event.recoveryPointArn !== undefined &&
        !observation.recoveryPoints.includes(event.recoveryPointArn)
      ) {
        observation.recoveryPoints.push(event.recoveryPointArn);
      }
    } else if (target === 'replicationObjects') {
      // The object key is the map key: the entry need not repeat it.
      if (event.jobId !== undefined) {
        observation.replicationObject = {
          key: event.jobId,
          value: {
            ...baseFact(event),
            jobId: undefined,
            failureReason: event.failureReason,
          },
        };
      }
    } else {
      const value = FACT_BUILDERS[target](event);
      if (value !== undefined) observation.facts.push({ name: target, value });
    }
  }
  return observation;
};

/**
 * Returns the resource type, account and region an ARN names, for
 * resources the runbook lists before any event arrived.
 *
 * @param resourceArn - e.g. `arn:aws:rds:eu-west-1:123456789012:db:orders`
 */
const identityFromArn = (resourceArn: string): Identity => ({
  resourceType: resourceTypeOf(resourceArn),
  account: arnField(resourceArn, ARN_ACCOUNT),
  region: arnField(resourceArn, ARN_REGION),
});

/**
 * Returns the observation behind `ensureResource`: the runbook lists the
 * resource, so the monitor has seen it from `now` on.
 *
 * @param resourceArn - the resource
 * @param serviceId - the service whose runbook lists it
 * @param now - the evaluation's clock reading
 */
const observeResource = (
  resourceArn: string,
  serviceId: string,
  now: Date
): Observation => ({
  resourceArn,
  serviceId,
  seenAt: iso(now),
  identity: identityFromArn(resourceArn),
  facts: [],
  recoveryPoints: [],
});

export type { FactItem, FactTarget, Observation, ScalarFact };
export {
  FACT_TABLE,
  factTargets,
  identityFromArn,
  MAX_MESSAGE_LENGTH,
  observeEvent,
  observeResource,
  RECENT_BACKUPS_KEPT,
  REPLICATION_OBJECTS_KEPT,
  UNKNOWN_VAULT,
};
