import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { BackupEvent, EventState, InputIssue } from '../model/index.js';
import {
  arn,
  compact,
  expecting,
  ignore,
  isoTime,
  nonEmpty,
  omittable,
  parseWith,
  quoted,
  reject,
} from './parse.js';
import type { NormaliseResult } from './types.js';

/**
 * S3 replication event names (without the `s3:` configuration prefix) ->
 * state; `null` = valid but not tracked. OperationNotTracked only says S3
 * Replication metrics stopped tracking the object, not whether it replicated.
 * A Map: the event name is untrusted and must never reach Object.prototype.
 */
const REPLICATION_EVENTS: ReadonlyMap<string, EventState | null> = new Map([
  ['Replication:OperationFailedReplication', 'failed'],
  ['Replication:OperationMissedThreshold', 'late'],
  ['Replication:OperationReplicatedAfterThreshold', 'completed'],
  ['Replication:OperationNotTracked', null],
]);

const bodySchema = z.object({
  Records: z
    .array(z.unknown(), expecting('an array of S3 event records'))
    .check(
      z.minLength(1, {
        error: 'expected at least one S3 event record, got none',
      })
    ),
});

const recordHeadSchema = z.object({
  eventSource: z.literal('aws:s3', expecting("'aws:s3'")),
  eventName: nonEmpty,
});

const replicationRecordSchema = z.object({
  // Current docs describe 2.x schema minors (2.1-2.5): only the major matters.
  eventVersion: z.string().check(z.regex(/^2\./, expecting('version 2.x'))),
  awsRegion: nonEmpty,
  eventTime: isoTime,
  s3: z.object({
    bucket: z.object({ name: nonEmpty, arn }),
    object: z.object({
      key: z.string(),
      versionId: omittable(z.string()),
      sequencer: omittable(z.string()),
    }),
  }),
  // Optional fields may also be null: AWS omits values either way.
  replicationEventData: omittable(
    z.object({
      requestTime: omittable(isoTime),
      failureReason: omittable(z.string()),
    })
  ),
});

// Object keys arrive URL-encoded, spaces as '+'.
const decodeKey = (key: string): string => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
};

/** Returns an id that is the same for every delivery of one record. */
const recordId = (parts: (string | undefined)[]): string =>
  `s3:${createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\n'))
    .digest('hex')
    .slice(0, 32)}`;

/**
 * Normalises one S3 Event Notification body (`{"Records":[...]}`), as S3
 * sends it to SQS, SNS or Lambda, into replication events. Records that are
 * not replication events (ObjectCreated, ...) and OperationNotTracked give
 * nothing; a malformed record rejects the whole body, with issue paths like
 * `Records.0.eventTime`. Never throws.
 *
 * @param raw - the parsed notification body
 */
const normaliseS3Notification = (raw: unknown): NormaliseResult => {
  const body = parseWith(bodySchema, raw, '');
  if (!body.ok) return body;
  const events: BackupEvent[] = [];
  const issues: InputIssue[] = [];
  body.data.Records.forEach((record, index) => {
    const prefix = `Records.${index}`;
    const head = parseWith(recordHeadSchema, record, prefix);
    if (!head.ok) {
      issues.push(...head.issues);
      return;
    }
    const eventName = head.data.eventName.replace(/^s3:/, '');
    if (!eventName.startsWith('Replication:')) return;
    const state = REPLICATION_EVENTS.get(eventName);
    if (state === undefined) {
      issues.push(
        ...reject(
          `${prefix}.eventName`,
          `unknown replication event ${quoted(eventName)}`
        ).issues
      );
      return;
    }
    if (state === null) return;
    const parsed = parseWith(replicationRecordSchema, record, prefix);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      return;
    }
    const r = parsed.data;
    const { bucket, object } = r.s3;
    const failureReason = r.replicationEventData?.failureReason;
    events.push(
      compact({
        id: recordId([
          bucket.name,
          object.key,
          object.versionId,
          object.sequencer,
          eventName,
          r.eventTime.toISOString(),
        ]),
        source: 'aws.s3',
        kind: 'replication',
        state,
        resourceArn: bucket.arn,
        resourceType: 'S3',
        jobId: decodeKey(object.key),
        occurredAt: r.eventTime,
        startedAt: r.replicationEventData?.requestTime,
        completedAt: state === 'completed' ? r.eventTime : undefined,
        message: failureReason,
        failureReason,
        account: '',
        region: r.awsRegion,
        detailType: head.data.eventName,
      })
    );
  });
  if (issues.length > 0) return { ok: false, issues };
  return events.length > 0
    ? { ok: true, value: events }
    : ignore(
        `${[...new Set(body.data.Records.map((r) => (r as { eventName?: string }).eventName))].join(', ')}: no S3 replication event the monitor tracks`
      );
};

export { normaliseS3Notification };
