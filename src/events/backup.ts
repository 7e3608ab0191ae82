import * as z from 'zod/mini';
import type { BackupEvent, EventState } from '../model/index.js';
import {
  arn,
  byteCount,
  cleanMessage,
  compact,
  type Envelope,
  expecting,
  ignore,
  isoTime,
  nonEmpty,
  omittable,
  parseEnvelope,
  parseWith,
  quoted,
  reject,
  shown,
} from './parse.js';
import type { NormaliseResult } from './types.js';

/**
 * Raw state -> normalised state per detail-type; `null` = valid but not
 * tracked. A value missing here is unknown and rejected, so a new AWS state
 * fails loudly instead of vanishing. Maps, not objects: the raw state is
 * untrusted, and `__proto__` or `toString` must be unknown states, not
 * Object.prototype's members.
 */
const BACKUP_JOB_STATES: ReadonlyMap<string, EventState | null> = new Map([
  ['CREATED', null], // carries only the job id: nothing to attribute
  ['PENDING', null],
  ['RUNNING', 'started'],
  ['ABORTING', null],
  ['ABORTED', 'aborted'],
  ['COMPLETED', 'completed'],
  ['FAILED', 'failed'],
  ['EXPIRED', 'expired'],
  ['PARTIAL', 'partial'],
]);

/** Copy job `state` -> normalised state (`null` = untracked). */
const COPY_JOB_STATES: ReadonlyMap<string, EventState | null> = new Map([
  ['CREATED', null],
  ['RUNNING', null],
  ['COMPLETED', 'completed'],
  ['FAILED', 'failed'],
  ['PARTIAL', 'partial'],
]);

/** Restore job `status` (or `state`) -> normalised state (`null` = untracked). */
const RESTORE_JOB_STATES: ReadonlyMap<string, EventState | null> = new Map([
  ['CREATED', null],
  ['PENDING', null],
  ['RUNNING', null],
  ['COMPLETED', 'completed'],
  ['FAILED', 'failed'],
  ['ABORTED', 'aborted'],
]);

/** Recovery point `status` -> normalised state (`null` = untracked). */
const RECOVERY_POINT_STATES: ReadonlyMap<string, EventState | null> = new Map([
  ['CREATING', null],
  ['COMPLETED', 'completed'],
  ['AVAILABLE', 'completed'],
  ['PARTIAL', 'partial'],
  // Retention passed but AWS Backup could not delete it.
  ['EXPIRED', 'expired'],
  ['DELETING', 'deleted'],
  // Continuous backup broke (permissions, disabled rules): protection is off.
  ['STOPPED', 'failed'],
]);

/** aws.backup detail-types we know and deliberately do not track. */
const IGNORED_DETAIL_TYPES = new Set([
  'Backup Plan State Change',
  'Backup Vault State Change',
  'Recovery Point Change',
  'Recovery Point Index State Change',
  'Region Setting State Change',
  'Scan Job State Change',
]);

// Every optional field may also be null: AWS omits values either way.
const backupJobSchema = z.object({
  backupJobId: nonEmpty,
  resourceArn: arn,
  resourceType: nonEmpty,
  backupVaultArn: omittable(arn),
  backupSizeInBytes: omittable(byteCount),
  creationDate: omittable(isoTime),
  completionDate: omittable(isoTime),
  statusMessage: omittable(z.string()),
});

const copyJobSchema = z.object({
  copyJobId: nonEmpty,
  resourceArn: omittable(arn),
  resourceType: nonEmpty,
  destinationBackupVaultArn: omittable(arn),
  // `{}` until the copy completes (AWS's own examples).
  destinationRecoveryPointArn: omittable(
    z.union(
      [arn, z.record(z.string(), z.unknown())],
      expecting('an ARN, or {} until the copy completes')
    )
  ),
  backupSizeInBytes: omittable(byteCount),
  creationDate: omittable(isoTime),
  completionDate: omittable(isoTime),
  statusMessage: omittable(z.string()),
});

const restoreJobSchema = z.object({
  restoreJobId: nonEmpty,
  resourceType: nonEmpty,
  sourceResourceArn: omittable(arn),
  recoveryPointArn: omittable(arn),
  restoreTestingPlanArn: omittable(arn),
  backupSizeInBytes: omittable(byteCount),
  creationDate: omittable(isoTime),
  completionDate: omittable(isoTime),
  statusMessage: omittable(z.string()),
});

const recoveryPointSchema = z.object({
  resourceArn: arn,
  resourceType: nonEmpty,
  creationDate: omittable(isoTime),
  completionDate: omittable(isoTime),
  calculatedLifeCycle: omittable(z.object({ deleteAt: omittable(isoTime) })),
});

const RDS_SOURCE = /^(arn:[^:]+:rds:[^:]*:[^:]*):(db|cluster):[^:]+$/;

/**
 * Returns the snapshot AWS Backup makes of an RDS instance or cluster for a
 * job: `snapshot:awsbackup:job-<id>` (`cluster-snapshot:` for clusters), in
 * lower case as RDS keeps identifiers. RDS's own snapshot events name only
 * it, and may arrive before the job's.
 */
const awsBackupSnapshots = (
  resourceArn: string,
  backupJobId: string
): string[] | undefined => {
  const match = RDS_SOURCE.exec(resourceArn);
  if (match === null) return undefined;
  const type = match[2] === 'db' ? 'snapshot' : 'cluster-snapshot';
  return [`${match[1]}:${type}:awsbackup:job-${backupJobId.toLowerCase()}`];
};

type Common = Pick<BackupEvent, 'source' | 'account' | 'region' | 'detailType'>;

const commonOf = (envelope: Envelope): Common => ({
  source: 'aws.backup',
  account: envelope.account,
  region: envelope.region,
  detailType: envelope['detail-type'],
});

/**
 * Reads the raw state, trying each key in turn, and maps it. Returns the
 * normalised state, `null` for an untracked one, or a rejection.
 */
const readState = (
  detail: Record<string, unknown>,
  keys: readonly string[],
  table: ReadonlyMap<string, EventState | null>
):
  | { ok: true; raw: string; state: EventState | null }
  | { ok: false; issues: { path: string; message: string }[] } => {
  const key = keys.find((k) => typeof detail[k] === 'string');
  if (key === undefined) {
    return reject(
      `detail.${keys[0]}`,
      `expected a string ${keys.join(' or ')}, got ${shown(detail[keys[0] as string])}`
    );
  }
  const raw = detail[key] as string;
  const state = table.get(raw);
  if (state === undefined) {
    return reject(`detail.${key}`, `unknown ${key} ${quoted(raw)}`);
  }
  return { ok: true, raw, state };
};

const backupJob = (
  envelope: Envelope,
  raw: string,
  state: EventState
): NormaliseResult => {
  const parsed = parseWith(backupJobSchema, envelope.detail, 'detail');
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  const event: BackupEvent = {
    ...commonOf(envelope),
    id: `${envelope.id}:${raw}`,
    kind: 'backup',
    state,
    resourceArn: d.resourceArn,
    resourceType: d.resourceType,
    jobId: d.backupJobId,
    // The new recovery point's ARN is only in the envelope, never in detail.
    recoveryPointArn: envelope.resources[0],
    occurredAt:
      state === 'started' ? envelope.time : (d.completionDate ?? envelope.time),
    startedAt: d.creationDate,
    completedAt: d.completionDate,
    sizeBytes: d.backupSizeInBytes,
    ownedRecoveryPoints: awsBackupSnapshots(d.resourceArn, d.backupJobId),
    // On COMPLETED a message is the console's "Completed with issues".
    message: cleanMessage(d.statusMessage),
  };
  return { ok: true, value: [compact(event)] };
};

const copyJob = (
  envelope: Envelope,
  raw: string,
  state: EventState
): NormaliseResult => {
  const parsed = parseWith(copyJobSchema, envelope.detail, 'detail');
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  // resources[] holds the recovery point being copied (the source).
  const sourcePoint = envelope.resources[0];
  const resourceArn = d.resourceArn ?? sourcePoint;
  if (resourceArn === undefined) {
    return reject('detail.resourceArn', 'no resourceArn and no resources[]');
  }
  const event: BackupEvent = {
    ...commonOf(envelope),
    id: `${envelope.id}:${raw}`,
    kind: 'copy',
    state,
    resourceArn,
    resourceType: d.resourceType,
    jobId: d.copyJobId,
    recoveryPointArn: sourcePoint,
    occurredAt: d.completionDate ?? envelope.time,
    startedAt: d.creationDate,
    completedAt: d.completionDate,
    sizeBytes: d.backupSizeInBytes,
    message: cleanMessage(d.statusMessage),
    destinationVaultArn: d.destinationBackupVaultArn,
    ownedRecoveryPoints:
      state === 'completed' && typeof d.destinationRecoveryPointArn === 'string'
        ? [d.destinationRecoveryPointArn]
        : undefined,
  };
  return { ok: true, value: [compact(event)] };
};

const restoreJob = (
  envelope: Envelope,
  raw: string,
  state: EventState
): NormaliseResult => {
  const parsed = parseWith(restoreJobSchema, envelope.detail, 'detail');
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  // resources[] names the recovery point in the form the backup job's
  // resources[] used, so it is the better key for attribution.
  const recoveryPointArn = envelope.resources[0] ?? d.recoveryPointArn;
  const resourceArn = d.sourceResourceArn ?? recoveryPointArn;
  if (resourceArn === undefined) {
    return reject(
      'detail.sourceResourceArn',
      'no sourceResourceArn and no recovery point to attribute the restore by'
    );
  }
  const event: BackupEvent = {
    ...commonOf(envelope),
    id: `${envelope.id}:${raw}`,
    kind: 'restore',
    state,
    resourceArn,
    resourceType: d.resourceType,
    jobId: d.restoreJobId,
    recoveryPointArn,
    occurredAt: d.completionDate ?? envelope.time,
    startedAt: d.creationDate,
    completedAt: d.completionDate,
    sizeBytes: d.backupSizeInBytes,
    message: cleanMessage(d.statusMessage),
    restoreTest: d.restoreTestingPlanArn !== undefined,
  };
  return { ok: true, value: [compact(event)] };
};

const recoveryPoint = (
  envelope: Envelope,
  raw: string,
  state: EventState
): NormaliseResult => {
  const parsed = parseWith(recoveryPointSchema, envelope.detail, 'detail');
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  const recoveryPointArn = envelope.resources[0];
  if (recoveryPointArn === undefined) {
    return reject('resources', 'expected the recovery point ARN');
  }
  const event: BackupEvent = {
    ...commonOf(envelope),
    id: `${envelope.id}:${raw}`,
    kind: 'recovery-point',
    state,
    resourceArn: d.resourceArn,
    resourceType: d.resourceType,
    recoveryPointArn,
    occurredAt:
      state === 'completed'
        ? (d.completionDate ?? envelope.time)
        : envelope.time,
    completedAt: d.completionDate,
    recoveryPointCreatedAt: d.creationDate,
    deleteAt: d.calculatedLifeCycle?.deleteAt,
  };
  return { ok: true, value: [compact(event)] };
};

interface Handler {
  keys: readonly string[];
  table: ReadonlyMap<string, EventState | null>;
  build: (
    envelope: Envelope,
    raw: string,
    state: EventState
  ) => NormaliseResult;
}

// A Map for the same reason as the state tables: detail-type is untrusted.
const HANDLERS: ReadonlyMap<string, Handler> = new Map([
  [
    'Backup Job State Change',
    { keys: ['state'], table: BACKUP_JOB_STATES, build: backupJob },
  ],
  [
    'Copy Job State Change',
    { keys: ['state'], table: COPY_JOB_STATES, build: copyJob },
  ],
  // Restore jobs report `status`, except CREATED, which AWS's own example
  // sends as `state`.
  [
    'Restore Job State Change',
    {
      keys: ['status', 'state'],
      table: RESTORE_JOB_STATES,
      build: restoreJob,
    },
  ],
  [
    'Recovery Point State Change',
    { keys: ['status'], table: RECOVERY_POINT_STATES, build: recoveryPoint },
  ],
]);

/**
 * Normalises one AWS Backup EventBridge event (`source: aws.backup`): backup,
 * copy and restore jobs and recovery point state changes. Untracked states
 * and detail-types give `[]`; anything malformed or unknown gives issues
 * located by path. Never throws.
 *
 * @param raw - the EventBridge event as delivered
 */
const normaliseBackupEvent = (raw: unknown): NormaliseResult => {
  const parsed = parseEnvelope(raw, 'aws.backup');
  if (!parsed.ok) return parsed;
  const envelope = parsed.data;
  const detailType = envelope['detail-type'];
  const handler = HANDLERS.get(detailType);
  if (handler === undefined) {
    return IGNORED_DETAIL_TYPES.has(detailType)
      ? ignore(`${detailType}: not a change the monitor tracks`)
      : reject(
          'detail-type',
          `unknown aws.backup detail-type ${quoted(detailType)}`
        );
  }
  const state = readState(envelope.detail, handler.keys, handler.table);
  if (!state.ok) return state;
  if (state.state === null) {
    return ignore(
      `${detailType} ${state.raw}: a state the monitor does not track; the job's later states say what became of it`
    );
  }
  return handler.build(envelope, state.raw, state.state);
};

export {
  awsBackupSnapshots,
  BACKUP_JOB_STATES,
  COPY_JOB_STATES,
  normaliseBackupEvent,
  RECOVERY_POINT_STATES,
  RESTORE_JOB_STATES,
};
