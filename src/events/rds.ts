import * as z from 'zod/mini';
import type { BackupEvent } from '../model/index.js';
import {
  arn,
  compact,
  expecting,
  isoTime,
  nonEmpty,
  omittable,
  parseEnvelope,
  parseWith,
  quoted,
  reject,
} from './parse.js';
import type { NormaliseResult, RdsEventMeaning } from './types.js';

const INSTANCE_DOC =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.instance';
const SNAPSHOT_DOC =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.snapshot';
const CLUSTER_SNAPSHOT_DOC =
  'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Events.Messages.html#USER_Events.Messages.cluster-snapshot';

/**
 * The RDS EventIDs the monitor tracks and what each means, from AWS's event
 * catalogue. RDS has no "snapshot failed" or "backup failed" event: a start
 * without its finish within the completion window is the failure, so the
 * starts are tracked too. rules/rds.json lists exactly these EventIDs (a
 * test keeps the two in step).
 */
const RDS_EVENTS: ReadonlyMap<string, RdsEventMeaning> = new Map([
  [
    'RDS-EVENT-0001',
    {
      sourceType: 'DB_INSTANCE',
      kind: 'backup',
      state: 'started',
      meaning: 'Backing up DB instance.',
      docUrl: INSTANCE_DOC,
    },
  ],
  [
    'RDS-EVENT-0002',
    {
      sourceType: 'DB_INSTANCE',
      kind: 'backup',
      state: 'completed',
      meaning: 'Finished DB instance backup.',
      docUrl: INSTANCE_DOC,
    },
  ],
  // A point-in-time restore, on the new instance, naming the source instance.
  [
    'RDS-EVENT-0019',
    {
      sourceType: 'DB_INSTANCE',
      kind: 'restore',
      state: 'completed',
      meaning: 'Restored from DB instance <name> to <name>.',
      docUrl: INSTANCE_DOC,
    },
  ],
  [
    'RDS-EVENT-0028',
    {
      sourceType: 'DB_INSTANCE',
      kind: 'config',
      state: 'failed',
      meaning: 'Disabled automated backups.',
      docUrl: INSTANCE_DOC,
    },
  ],
  [
    'RDS-EVENT-0032',
    {
      sourceType: 'DB_INSTANCE',
      kind: 'config',
      state: 'completed',
      meaning: 'Enabled automated backups.',
      docUrl: INSTANCE_DOC,
    },
  ],
  [
    'RDS-EVENT-0040',
    {
      sourceType: 'SNAPSHOT',
      kind: 'snapshot',
      state: 'started',
      meaning: 'Creating manual snapshot.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0041',
    {
      sourceType: 'SNAPSHOT',
      kind: 'snapshot',
      state: 'deleted',
      meaning: 'Deleted user snapshot.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0042',
    {
      sourceType: 'SNAPSHOT',
      kind: 'snapshot',
      state: 'completed',
      meaning: 'Manual snapshot created.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  // A restore: emitted on the new instance (a real SNS payload says
  // "db-instance"), naming the snapshot it was restored from.
  [
    'RDS-EVENT-0043',
    {
      sourceType: 'DB_INSTANCE',
      kind: 'restore',
      state: 'completed',
      meaning: 'Restored from snapshot <name>.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0059',
    {
      sourceType: 'SNAPSHOT',
      kind: 'copy',
      state: 'started',
      meaning: 'Started copy of snapshot <name> from region <name>.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0060',
    {
      sourceType: 'SNAPSHOT',
      kind: 'copy',
      state: 'completed',
      meaning:
        'Finished copy of snapshot <name> from region <name> in <number> minutes.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0061',
    {
      sourceType: 'SNAPSHOT',
      kind: 'copy',
      state: 'aborted',
      meaning: 'Canceled snapshot copy request of <name> from region <name>.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0074',
    {
      sourceType: 'CLUSTER_SNAPSHOT',
      kind: 'snapshot',
      state: 'started',
      meaning: 'Creating manual cluster snapshot.',
      docUrl: CLUSTER_SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0075',
    {
      sourceType: 'CLUSTER_SNAPSHOT',
      kind: 'snapshot',
      state: 'completed',
      meaning: 'Manual cluster snapshot created.',
      docUrl: CLUSTER_SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0090',
    {
      sourceType: 'SNAPSHOT',
      kind: 'snapshot',
      state: 'started',
      meaning: 'Creating automated snapshot.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0091',
    {
      sourceType: 'SNAPSHOT',
      kind: 'snapshot',
      state: 'completed',
      meaning: 'Automated snapshot created.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0168',
    {
      sourceType: 'CLUSTER_SNAPSHOT',
      kind: 'snapshot',
      state: 'started',
      meaning: 'Creating automated cluster snapshot.',
      docUrl: CLUSTER_SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0169',
    {
      sourceType: 'CLUSTER_SNAPSHOT',
      kind: 'snapshot',
      state: 'completed',
      meaning: 'Automated cluster snapshot created.',
      docUrl: CLUSTER_SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0190',
    {
      sourceType: 'SNAPSHOT',
      kind: 'copy',
      state: 'aborted',
      meaning: 'Canceled snapshot copy request of <name> in region <name>.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0196',
    {
      sourceType: 'SNAPSHOT',
      kind: 'copy',
      state: 'started',
      meaning: 'Started copy of snapshot <name> in region <name>.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
  [
    'RDS-EVENT-0197',
    {
      sourceType: 'SNAPSHOT',
      kind: 'copy',
      state: 'completed',
      meaning: 'Finished copy of snapshot <name> in region <name>.',
      docUrl: SNAPSHOT_DOC,
    },
  ],
]);

// Optional fields may also be null: AWS omits values either way.
const rdsDetailSchema = z.object({
  EventCategories: omittable(z.array(z.string())),
  SourceType: nonEmpty,
  SourceArn: arn,
  Date: isoTime,
  Message: z.string(),
  SourceIdentifier: omittable(z.string()),
  EventID: omittable(
    z
      .string()
      .check(z.regex(/^RDS-EVENT-\d{4}$/, expecting('RDS-EVENT-<4 digits>')))
  ),
});

// Compare as AWS really words it: observed messages drop the catalogue's
// final period and vary in case ("Finished DB Instance backup").
const textKey = (text: string): string =>
  text.trim().replace(/\.$/, '').toLowerCase();

/**
 * Returns the EventID whose fixed catalogue text equals `message`. Only for
 * events without an EventID, like the Lambda guide's 2020 example.
 */
const eventIdFromMessage = (message: string): string | undefined =>
  [...RDS_EVENTS].find(
    ([, m]) =>
      !m.meaning.includes('<') && textKey(m.meaning) === textKey(message)
  )?.[0];

// Automated snapshots are named rds:<db>-YYYY-MM-DD-HH-MM, the only documented
// link from a snapshot event back to its DB instance or cluster.
const AUTOMATED_SNAPSHOT_ID = /^rds:(.+)-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/;
const RDS_ARN = /^(arn:[^:]+:rds:[^:]*:[^:]*):([a-z-]+):(.+)$/;

const ARN_TYPE: Record<RdsEventMeaning['sourceType'], string> = {
  DB_INSTANCE: 'db',
  SNAPSHOT: 'snapshot',
  CLUSTER_SNAPSHOT: 'cluster-snapshot',
};

const FROM_SNAPSHOT = /^Restored from snapshot (\S+?)\.?$/i;
const FROM_INSTANCE = /^Restored from DB instance (\S+) to /i;

/**
 * Returns what an RDS restore restored, from its message: the source
 * instance of a point-in-time restore, the owner of an automated snapshot,
 * or the snapshot itself, for runIngest to resolve through the store; the
 * event's own source is the new instance.
 */
const restoredFrom = (
  base: string,
  message: string
): { resourceArn: string; recoveryPointArn?: string } | undefined => {
  const instance = FROM_INSTANCE.exec(message.trim())?.[1];
  if (instance !== undefined) return { resourceArn: `${base}:db:${instance}` };
  const snapshot = FROM_SNAPSHOT.exec(message.trim())?.[1];
  if (snapshot === undefined) return undefined;
  const snapshotArn = `${base}:snapshot:${snapshot}`;
  const owner = AUTOMATED_SNAPSHOT_ID.exec(snapshot)?.[1];
  return owner === undefined
    ? { resourceArn: snapshotArn, recoveryPointArn: snapshotArn }
    : { resourceArn: `${base}:db:${owner}`, recoveryPointArn: snapshotArn };
};

/**
 * Returns the protected resource, resource type and snapshot for an event
 * source. For a snapshot the resource is its DB instance or cluster when the
 * automated-snapshot name says which; otherwise the snapshot itself, for
 * runIngest to resolve through the store.
 */
const locate = (
  meaning: RdsEventMeaning,
  sourceArn: string,
  message: string
):
  | {
      resourceArn: string;
      resourceType: string;
      recoveryPointArn?: string;
      jobId?: string;
    }
  | undefined => {
  const { sourceType } = meaning;
  const match = RDS_ARN.exec(sourceArn);
  if (match === null || match[2] !== ARN_TYPE[sourceType]) return undefined;
  const [, base, , id] = match as unknown as [string, string, string, string];
  if (meaning.kind === 'restore') {
    const from = restoredFrom(base, message);
    return from && { ...from, resourceType: 'RDS', jobId: id };
  }
  if (sourceType === 'DB_INSTANCE') {
    return { resourceArn: sourceArn, resourceType: 'RDS' };
  }
  const owner = AUTOMATED_SNAPSHOT_ID.exec(id)?.[1];
  const cluster = sourceType === 'CLUSTER_SNAPSHOT';
  return {
    resourceArn:
      owner === undefined
        ? sourceArn
        : `${base}:${cluster ? 'cluster' : 'db'}:${owner}`,
    resourceType: cluster ? 'Aurora' : 'RDS',
    recoveryPointArn: sourceArn,
    jobId: id,
  };
};

/**
 * Normalises one RDS EventBridge event (`source: aws.rds`) by its EventID
 * (see {@link RDS_EVENTS}); an event without an EventID falls back to the
 * catalogue message text. EventIDs the monitor does not track give `[]`;
 * anything malformed gives issues located by path. Never throws.
 *
 * @param raw - the EventBridge event as delivered
 */
const normaliseRdsEvent = (raw: unknown): NormaliseResult => {
  const parsed = parseEnvelope(raw, 'aws.rds');
  if (!parsed.ok) return parsed;
  const envelope = parsed.data;
  const detail = parseWith(rdsDetailSchema, envelope.detail, 'detail');
  if (!detail.ok) return detail;
  const d = detail.data;
  const eventId = d.EventID ?? eventIdFromMessage(d.Message);
  const meaning = eventId === undefined ? undefined : RDS_EVENTS.get(eventId);
  if (eventId === undefined || meaning === undefined) {
    return { ok: true, value: [] };
  }
  if (d.SourceType !== meaning.sourceType) {
    return reject(
      'detail.SourceType',
      `${eventId} is a ${meaning.sourceType} event, got ${quoted(d.SourceType)}`
    );
  }
  const where = locate(meaning, d.SourceArn, d.Message);
  if (where === undefined) {
    return meaning.kind === 'restore'
      ? reject(
          'detail.Message',
          `expected '${meaning.meaning}', naming what was restored`
        )
      : reject(
          'detail.SourceArn',
          `expected an RDS ${ARN_TYPE[meaning.sourceType]} ARN`
        );
  }
  const event: BackupEvent = {
    id: `${envelope.id}:${d.EventID ?? `message:${eventId}`}`,
    source: 'aws.rds',
    kind: meaning.kind,
    state: meaning.state,
    ...where,
    occurredAt: d.Date,
    startedAt: meaning.state === 'started' ? d.Date : undefined,
    completedAt: meaning.state === 'completed' ? d.Date : undefined,
    message:
      meaning.kind === 'restore'
        ? `${d.Message} (into ${d.SourceIdentifier ?? d.SourceArn})`
        : d.Message,
    account: envelope.account,
    region: envelope.region,
    detailType: envelope['detail-type'],
    rdsEventId: d.EventID,
    // A restore into a new instance proves the backup restores, test or not.
    restoreTest: meaning.kind === 'restore' ? true : undefined,
  };
  return { ok: true, value: [compact(event)] };
};

export { normaliseRdsEvent, RDS_EVENTS };
