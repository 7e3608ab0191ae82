import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import {
  type BackupEvent,
  type EventState,
  type InputIssue,
  resourceTypeOf,
  SENTINEL_SOURCE,
} from '../model/index.js';
import {
  cleanMessage,
  compact,
  count,
  type Envelope,
  expecting,
  nonEmpty,
  parseEnvelope,
  parseWith,
  quoted,
  reject,
} from './parse.js';
import type { NormaliseResult } from './types.js';

/**
 * The product's own events, one `detail-type` each for what a job outside
 * AWS Backup, RDS and S3 can report: a backup job, a restore (test) and a
 * DR drill. A script, a Kubernetes CronJob or a person puts them on the
 * event bus (`sentinel ping`, `sentinel run`, or `aws events put-events`).
 */
const SENTINEL_DETAIL_TYPES = {
  backup: 'Backup Job Report',
  restore: 'Restore Report',
  drill: 'DR Drill Report',
} as const;

/** What a report says about one job, backup or restore. */
const JOB_STATES = ['started', 'completed', 'failed', 'partial'] as const;

/** What a restore's validation found: `failed` makes the restore a failed one. */
const VALIDATION_STATUSES = ['passed', 'failed', 'skipped'] as const;

// Bounds: the whole entry must stay under EventBridge's 256 KB, and a
// crafted event must not grow state items (400 KB each) without limit.
const MAX_ID = 256;
const MAX_RESOURCE = 2048;
const MAX_MESSAGE = 4096;
const MAX_DRILL_SERVICES = 200;

const text = (max: number) =>
  nonEmpty.check(z.maxLength(max, expecting(`at most ${max} characters`)));

/** A time with an offset (`2026-11-02T03:10:00Z`, `…+01:00`), as a `Date`. */
const time = z.pipe(
  z.iso.datetime({
    offset: true,
    ...expecting(
      'an ISO-8601 time with an offset, such as 2026-11-02T03:10:00Z'
    ),
  }),
  z.transform((value: string) => new Date(value))
);

// A JSON number too large for a double arrives as Infinity: z.number()
// rejects it with the rest of the non-numbers.
const seconds = z
  .number(expecting('a number of seconds'))
  .check(
    z.nonnegative(expecting('a number of seconds, 0 or more')),
    z.lte(366 * 86_400, expecting('at most a year of seconds'))
  );

const bytes = count('a whole number of bytes, 0 or more', { digits: false });

const jobState = z.enum(
  JOB_STATES,
  expecting(`one of ${JOB_STATES.join(', ')}`)
);

/** What a backup and a restore report both say about their job. */
const jobFields = {
  service: text(128),
  resource: text(MAX_RESOURCE),
  state: jobState,
  jobId: z.optional(text(MAX_ID)),
  startedAt: z.optional(time),
  completedAt: z.optional(time),
};

/** `detail` of a Backup Job Report. */
const backupReportSchema = z.strictObject({
  ...jobFields,
  sizeBytes: z.optional(bytes),
  /** Where the backup went: a recovery point, a bucket key, a snapshot id. */
  location: z.optional(text(MAX_RESOURCE)),
  message: z.optional(text(MAX_MESSAGE)),
});

/** `detail` of a Restore Report. */
const restoreReportSchema = z.strictObject({
  ...jobFields,
  /** How long the restore took, when no start time is given. */
  durationSeconds: z.optional(seconds),
  /** What was restored into (a scratch database, a bucket). */
  target: z.optional(text(MAX_RESOURCE)),
  /** False for a real restore, not a test; default true. */
  test: z.optional(z.boolean()),
  validation: z.optional(
    z.strictObject({
      status: z.enum(
        VALIDATION_STATUSES,
        expecting(`one of ${VALIDATION_STATUSES.join(', ')}`)
      ),
      message: z.optional(text(MAX_MESSAGE)),
    })
  ),
  message: z.optional(text(MAX_MESSAGE)),
});

/** One service restored in a drill. */
const drillServiceSchema = z.strictObject({
  service: text(128),
  resource: text(MAX_RESOURCE),
  /**
   * How long its own restore took, without the wait for what it depends on
   * (the critical path adds those up).
   */
  restoredInSeconds: z.optional(seconds),
  /** False when its restore did not work; default true. */
  ok: z.optional(z.boolean()),
});

/** `detail` of a DR Drill Report. */
const drillReportSchema = z.strictObject({
  /** The scenario: a heading slug of disaster-recovery.md. */
  scenario: text(128).check(
    z.regex(
      /^[a-z0-9][a-z0-9-]*$/,
      expecting('a heading slug such as region-failure')
    )
  ),
  state: z.enum(
    ['started', 'completed', 'failed'],
    expecting('one of started, completed, failed')
  ),
  startedAt: time,
  completedAt: z.optional(time),
  services: z.optional(
    z.array(drillServiceSchema).check(
      z.maxLength(MAX_DRILL_SERVICES, {
        message: `at most ${MAX_DRILL_SERVICES} services`,
      })
    )
  ),
  message: z.optional(text(MAX_MESSAGE)),
});

type BackupReport = z.output<typeof backupReportSchema>;
type RestoreReport = z.output<typeof restoreReportSchema>;
type DrillReport = z.output<typeof drillReportSchema>;

/** The `resource` of a scenario's drills. */
const drillResource = (scenario: string): string => `drill:${scenario}`;

/**
 * Returns a stable event id: a redelivery keeps its envelope id, and a job
 * reported twice (a CronJob that runs again) keeps its job id and state.
 */
const eventId = (
  envelope: Envelope,
  parts: readonly (string | undefined)[]
): string =>
  parts[2] === undefined
    ? `${envelope.id}:${parts.join(':')}`
    : `sentinel:${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;

const common = (
  envelope: Envelope
): Pick<BackupEvent, 'source' | 'account' | 'region' | 'detailType'> => ({
  source: SENTINEL_SOURCE,
  account: envelope.account,
  region: envelope.region,
  detailType: envelope['detail-type'],
});

const issue = (path: string, message: string) => reject(path, message);

/** A report's time must say when: the end, else the start, else the envelope's. */
const occurredAt = (
  envelope: Envelope,
  report: { startedAt?: Date; completedAt?: Date; state: string }
): Date =>
  (report.state === 'started' ? report.startedAt : report.completedAt) ??
  report.completedAt ??
  report.startedAt ??
  envelope.time;

const fromBackup = (
  envelope: Envelope,
  report: BackupReport
): NormaliseResult => {
  if (
    report.startedAt !== undefined &&
    report.completedAt !== undefined &&
    report.completedAt < report.startedAt
  ) {
    return issue('detail.completedAt', 'is before detail.startedAt');
  }
  const event: BackupEvent = compact({
    ...common(envelope),
    id: eventId(envelope, [
      'backup',
      report.resource,
      report.jobId,
      report.state,
    ]),
    kind: 'backup',
    state: report.state,
    resourceArn: report.resource,
    resourceType: resourceTypeOf(report.resource),
    jobId: report.jobId,
    recoveryPointArn: report.location,
    occurredAt: occurredAt(envelope, report),
    startedAt: report.startedAt,
    completedAt: report.state === 'started' ? undefined : report.completedAt,
    sizeBytes: report.sizeBytes,
    message: cleanMessage(report.message),
    claimedBy: report.service,
  });
  return { ok: true, value: [event] };
};

const fromRestore = (
  envelope: Envelope,
  report: RestoreReport
): NormaliseResult => {
  const completedAt =
    report.state === 'started'
      ? undefined
      : (report.completedAt ?? envelope.time);
  const startedAt =
    report.startedAt ??
    (completedAt !== undefined && report.durationSeconds !== undefined
      ? new Date(completedAt.getTime() - report.durationSeconds * 1000)
      : undefined);
  if (
    startedAt !== undefined &&
    completedAt !== undefined &&
    completedAt < startedAt
  ) {
    return issue('detail.completedAt', 'is before detail.startedAt');
  }
  // A restore whose validation failed did not prove the backup restores.
  const invalid = report.validation?.status === 'failed';
  const state: EventState =
    invalid && report.state === 'completed' ? 'failed' : report.state;
  const validation =
    report.validation === undefined
      ? undefined
      : `validation ${report.validation.status}${report.validation.message === undefined ? '' : `: ${report.validation.message}`}`;
  const message = [
    report.message,
    validation,
    report.target && `restored into ${report.target}`,
  ]
    .filter((part) => part !== undefined)
    .join('; ');
  const event: BackupEvent = compact({
    ...common(envelope),
    id: eventId(envelope, ['restore', report.resource, report.jobId, state]),
    kind: 'restore',
    state,
    resourceArn: report.resource,
    resourceType: resourceTypeOf(report.resource),
    jobId: report.jobId,
    occurredAt: completedAt ?? startedAt ?? envelope.time,
    startedAt,
    completedAt,
    message: cleanMessage(message),
    restoreTest: report.test ?? true,
    claimedBy: report.service,
  });
  return { ok: true, value: [event] };
};

const fromDrill = (
  envelope: Envelope,
  report: DrillReport
): NormaliseResult => {
  const { startedAt } = report;
  const completedAt =
    report.state === 'started'
      ? undefined
      : (report.completedAt ?? envelope.time);
  if (completedAt !== undefined && completedAt < startedAt) {
    return issue('detail.completedAt', 'is before detail.startedAt');
  }
  const drillKey = `${report.scenario}@${startedAt.toISOString()}`;
  const drill: BackupEvent = compact({
    ...common(envelope),
    id: eventId(envelope, ['drill', report.scenario, drillKey, report.state]),
    kind: 'drill',
    state: report.state,
    resourceArn: drillResource(report.scenario),
    resourceType: 'Drill',
    jobId: drillKey,
    occurredAt: completedAt ?? startedAt,
    startedAt,
    completedAt,
    message: cleanMessage(report.message),
  });
  if (completedAt === undefined) return { ok: true, value: [drill] };
  // Each service restored in the drill counts as one of its restore tests.
  const restores = (report.services ?? []).map((s): BackupEvent => {
    const state: EventState = s.ok === false ? 'failed' : 'completed';
    // Its own restore ended by the drill's end; when it began is known
    // only from how long it took.
    const began =
      s.restoredInSeconds === undefined
        ? undefined
        : new Date(completedAt.getTime() - s.restoredInSeconds * 1000);
    return compact({
      ...common(envelope),
      id: eventId(envelope, ['restore', s.resource, drillKey, state]),
      kind: 'restore',
      state,
      resourceArn: s.resource,
      resourceType: resourceTypeOf(s.resource),
      jobId: drillKey,
      occurredAt: completedAt,
      startedAt: began,
      completedAt,
      message: `restored in the ${report.scenario} drill`,
      restoreTest: true,
      claimedBy: s.service,
    });
  });
  return { ok: true, value: [drill, ...restores] };
};

/**
 * Normalises one of the product's own events (`source: backup-sentinel`).
 * The detail is strict: an unknown key, a wrong type or an oversized value
 * rejects the event with the field and what was expected. A reported
 * restore whose validation failed counts as a failed restore; a DR drill
 * gives a `drill` event on `drill:<scenario>` and, once complete, a
 * restore test for each service it restored.
 *
 * @param raw - an EventBridge envelope
 */
const normaliseSentinelEvent = (raw: unknown): NormaliseResult => {
  const parsed = parseEnvelope(raw, SENTINEL_SOURCE);
  if (!parsed.ok) return parsed;
  const envelope = parsed.data;
  const detailType = envelope['detail-type'];
  if (detailType === SENTINEL_DETAIL_TYPES.backup) {
    const report = parseWith(backupReportSchema, envelope.detail, 'detail');
    return report.ok ? fromBackup(envelope, report.data) : report;
  }
  if (detailType === SENTINEL_DETAIL_TYPES.restore) {
    const report = parseWith(restoreReportSchema, envelope.detail, 'detail');
    return report.ok ? fromRestore(envelope, report.data) : report;
  }
  if (detailType === SENTINEL_DETAIL_TYPES.drill) {
    const report = parseWith(drillReportSchema, envelope.detail, 'detail');
    return report.ok ? fromDrill(envelope, report.data) : report;
  }
  return reject(
    'detail-type',
    `unknown ${SENTINEL_SOURCE} detail-type ${quoted(detailType)}; expected ${Object.values(SENTINEL_DETAIL_TYPES).join(', ')}`
  );
};

/** The three reports, by the `--kind` people name them with. */
type ReportKind = keyof typeof SENTINEL_DETAIL_TYPES;

/** One PutEvents entry, as the EventBridge API takes it. */
interface SentinelEntry {
  Source: typeof SENTINEL_SOURCE;
  DetailType: string;
  /** The detail, as a JSON string. */
  Detail: string;
  Resources: string[];
  Time: Date;
}

/** What EventBridge adds when it delivers an entry. */
interface Delivery {
  id: string;
  account: string;
  region: string;
}

/** The resources of a report that are ARNs, for the envelope's `resources`. */
const resourcesOf = (detail: { resource?: string }): string[] =>
  detail.resource?.startsWith('arn:') === true ? [detail.resource] : [];

/**
 * Returns the PutEvents entry of a report. The detail is checked against
 * the same schema ingest applies, so what would be rejected is not sent.
 *
 * @param kind - backup, restore or drill
 * @param detail - the report
 * @param time - when it happened (the envelope's `time`)
 * @returns the entry, or the issues that would reject it
 */
const sentinelEntry = (
  kind: ReportKind,
  detail: Record<string, unknown>,
  time: Date
): { ok: true; entry: SentinelEntry } | { ok: false; issues: InputIssue[] } => {
  const schema = {
    backup: backupReportSchema,
    restore: restoreReportSchema,
    drill: drillReportSchema,
  }[kind];
  const checked = parseWith(schema, detail, 'detail');
  if (!checked.ok) return checked;
  return {
    ok: true,
    entry: {
      Source: SENTINEL_SOURCE,
      DetailType: SENTINEL_DETAIL_TYPES[kind],
      Detail: JSON.stringify(detail),
      Resources: resourcesOf(detail),
      Time: time,
    },
  };
};

/**
 * Returns the event EventBridge delivers for an entry: the envelope a rule
 * hands to the ingest function, with `detail` parsed.
 *
 * @param entry - from {@link sentinelEntry}
 * @param delivery - the id, account and region EventBridge fills in
 */
const deliveredEvent = (entry: SentinelEntry, delivery: Delivery) => ({
  version: '0',
  id: delivery.id,
  'detail-type': entry.DetailType,
  source: entry.Source,
  account: delivery.account,
  time: `${entry.Time.toISOString().slice(0, 19)}Z`,
  region: delivery.region,
  resources: entry.Resources,
  detail: JSON.parse(entry.Detail) as unknown,
});

export type {
  BackupReport,
  DrillReport,
  ReportKind,
  RestoreReport,
  SentinelEntry,
};
export {
  deliveredEvent,
  drillResource,
  JOB_STATES,
  normaliseSentinelEvent,
  SENTINEL_DETAIL_TYPES,
  sentinelEntry,
  VALIDATION_STATUSES,
};
