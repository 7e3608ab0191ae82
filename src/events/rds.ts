import * as z from 'zod/mini';
import type { BackupEvent } from '../model/index.js';
import {
  arn,
  compact,
  expecting,
  ignore,
  isoTime,
  nonEmpty,
  omittable,
  parseEnvelope,
  parseWith,
  quoted,
  reject,
} from './parse.js';
import type {
  NormaliseResult,
  RdsEventMeaning,
  RdsIgnoredEvent,
} from './types.js';

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
 * starts are tracked too. rules/rds*.json list exactly these EventIDs, and
 * for events without an EventID exactly these messages (a test keeps them
 * in step).
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
      // The wording of AWS's own example event (RDS user guide,
      // rds-cloudwatch-events.sample), which differs from the catalogue's.
      observed: ['Deleted manual snapshot'],
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

// Snapshot exports write Parquet to S3 for analytics; they are not backups.
const EXPORT = 'a snapshot export to S3, not a backup, copy or restore';

/**
 * Every other snapshot and cluster-snapshot event in AWS's catalogue (RDS
 * and Aurora user guides, "Amazon RDS event categories and event
 * messages"), ignored on purpose. With {@link RDS_EVENTS} they cover both
 * source types completely, so an event of either that is in neither is new
 * to the monitor and is rejected rather than silently dropped. The two
 * export-progress messages have no EventID in the catalogue.
 */
const RDS_IGNORED_EVENTS: readonly RdsIgnoredEvent[] = [
  {
    eventId: 'RDS-EVENT-0043',
    sourceType: 'SNAPSHOT',
    message: 'Restored from snapshot <name>.',
    // RDS-EVENT-0043 on the new DB instance names the snapshot too.
    why: 'the restore is tracked from the restored DB instance',
  },
  {
    eventId: 'RDS-EVENT-0159',
    sourceType: 'SNAPSHOT',
    message: 'The snapshot export task failed.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0160',
    sourceType: 'SNAPSHOT',
    message: 'The snapshot export task was canceled.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0161',
    sourceType: 'SNAPSHOT',
    message: 'The snapshot export task completed.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0484',
    sourceType: 'SNAPSHOT',
    message:
      'Export task <name>: Table extraction failed for table <name> due to <name>.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0486',
    sourceType: 'SNAPSHOT',
    message:
      'Export task <name>: Table <name> will be exported in a slower single-threaded mode. Please expect a delay in export completion.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0487',
    sourceType: 'SNAPSHOT',
    message:
      'Export task <name>: Table <name> is in progress, and the exported size is <number> GB.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0488',
    sourceType: 'SNAPSHOT',
    message: 'Export task <name> is at <name> stage.',
    why: EXPORT,
  },
  {
    sourceType: 'SNAPSHOT',
    message:
      'Export task <name>: Export progress is at <number>% with <number> table(s) in-progress and <number> table(s) finished. The total size of finished tables is <number> GB.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0162',
    sourceType: 'CLUSTER_SNAPSHOT',
    message: 'The cluster snapshot export task failed.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0163',
    sourceType: 'CLUSTER_SNAPSHOT',
    message: 'The cluster snapshot export task was canceled.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0164',
    sourceType: 'CLUSTER_SNAPSHOT',
    message: 'The cluster snapshot export task completed.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0489',
    sourceType: 'CLUSTER_SNAPSHOT',
    message:
      'Export task <name>: Table extraction failed for table <name> due to <message>.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0491',
    sourceType: 'CLUSTER_SNAPSHOT',
    message:
      'Export task <name>: Table <name> will be exported in a slower single-threaded mode. Please expect a delay in export completion.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0492',
    sourceType: 'CLUSTER_SNAPSHOT',
    message:
      'Export task <name>: Table <name> is in progress, and the exported size is <number> GB.',
    why: EXPORT,
  },
  {
    eventId: 'RDS-EVENT-0493',
    sourceType: 'CLUSTER_SNAPSHOT',
    message: 'Export task <name> is at <name> stage.',
    why: EXPORT,
  },
  {
    sourceType: 'CLUSTER_SNAPSHOT',
    message:
      'Export task <name>: Export progress is at <number>% with <number> table(s) in-progress and <number> table(s) finished. The total size of finished tables is <number> GB.',
    why: EXPORT,
  },
];

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

const PLACEHOLDER = /<[^>]+>/g;

/**
 * Returns whether `text` matches an EventBridge wildcard given as the
 * literal parts between its `*`s. Leftmost matching of each middle part is
 * exact for `*`-only patterns, and linear, unlike a regular expression with
 * several `.*` on a message of any length.
 */
const wildcardMatches = (parts: readonly string[], text: string): boolean => {
  const [first = '', ...rest] = parts;
  const last = rest.pop();
  if (last === undefined) return text === first;
  const end = text.length - last.length;
  if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) {
    return false;
  }
  let at = first.length;
  for (const part of rest) {
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
};

/**
 * Returns whether `message` is the catalogue's `form`, compared as the rules
 * in rules/ compare it, so what a rule delivers is what is recognised here:
 * with or without the final period (real events drop it); fixed text
 * ignoring case (`equals-ignore-case`: "Finished DB Instance backup"); text
 * with placeholders as a `wildcard`, each placeholder a `*`.
 */
const matchesForm = (form: string, message: string): boolean =>
  [form, form.replace(/\.$/, '')].some((variant) => {
    const parts = variant.split(PLACEHOLDER);
    return parts.length > 1
      ? wildcardMatches(parts, message)
      : variant.toLowerCase() === message.toLowerCase();
  });

// Source types whose every catalogued event is in RDS_EVENTS or
// RDS_IGNORED_EVENTS. DB instances have dozens of events of no interest
// here; those stay ignored whether or not they carry an EventID.
const CATALOGUED = new Set(['SNAPSHOT', 'CLUSTER_SNAPSHOT']);

type Recognised =
  | { ok: true; eventId: string; meaning: RdsEventMeaning }
  | { ok: true; eventId: undefined }
  | { ok: false; issues: { path: string; message: string }[] };

const IGNORED: Recognised = { ok: true, eventId: undefined };

/**
 * Returns what an event is by its EventID, or without one by its message
 * among the catalogue's events of its source type: tracked, ignored, or a
 * rejection when a snapshot or cluster-snapshot event is in no catalogue.
 */
const recognise = (
  sourceType: string,
  eventId: string | undefined,
  message: string
): Recognised => {
  const known = (form: string) => matchesForm(form, message);
  const ignored = RDS_IGNORED_EVENTS.some(
    (e) =>
      e.sourceType === sourceType &&
      (eventId === undefined ? known(e.message) : e.eventId === eventId)
  );
  if (ignored) return IGNORED;
  const id =
    eventId ??
    [...RDS_EVENTS].find(
      ([, m]) =>
        m.sourceType === sourceType &&
        [m.meaning, ...(m.observed ?? [])].some(known)
    )?.[0];
  const meaning = id === undefined ? undefined : RDS_EVENTS.get(id);
  if (id !== undefined && meaning !== undefined) {
    return { ok: true, eventId: id, meaning };
  }
  if (!CATALOGUED.has(sourceType)) return IGNORED;
  return eventId === undefined
    ? reject(
        'detail.Message',
        `no ${sourceType} event in the RDS catalogue says ${quoted(message)}`
      )
    : reject(
        'detail.EventID',
        `${quoted(eventId)} is not a ${sourceType} event in the RDS catalogue`
      );
};

// Automated snapshots are named rds:<db>-YYYY-MM-DD-HH-MM, the only documented
// link from a snapshot event back to its DB instance or cluster.
const AUTOMATED_SNAPSHOT_ID = /^rds:(.+)-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/;
const RDS_ARN = /^(arn:[^:]+:rds:[^:]*:[^:]*):([a-z-]+):(.+)$/;

// Keyed only by a catalogue entry's sourceType, never by the event's own
// SourceType, which is compared with it first: an object is safe here.
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
 * (see {@link RDS_EVENTS}); an event without an EventID, as AWS's schema
 * registry has snapshot events, by its catalogue message. Events the
 * monitor does not track give `[]`; a snapshot or cluster-snapshot event
 * the catalogue does not have, and anything malformed, give issues located
 * by path. Never throws.
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
  const recognised = recognise(d.SourceType, d.EventID, d.Message);
  if (!recognised.ok) return recognised;
  if (recognised.eventId === undefined) {
    return ignore(
      `${d.EventID ?? `'${d.Message.slice(0, 80)}'`}: an RDS event the monitor does not track`
    );
  }
  const { eventId, meaning } = recognised;
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

export { normaliseRdsEvent, RDS_EVENTS, RDS_IGNORED_EVENTS };
