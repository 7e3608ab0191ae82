import {
  type BackupEvent,
  type InputIssue,
  SENTINEL_SOURCE,
} from '../model/index.js';
import { normaliseBackupEvent } from './backup.js';
import { normaliseSentinelEvent } from './custom.js';
import { ignore, joinPath, quoted, reject, shown } from './parse.js';
import { normaliseRdsEvent } from './rds.js';
import { normaliseS3Notification } from './s3.js';
import type { NormaliseResult } from './types.js';

// SQS body -> SNS message -> S3 body is the deepest real nesting.
const MAX_DEPTH = 4;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Prefixes the issue paths of a nested result with where it was found. */
const within = (prefix: string, result: NormaliseResult): NormaliseResult =>
  result.ok
    ? result
    : {
        ok: false,
        issues: result.issues.map((issue) => ({
          path: joinPath(prefix, issue.path === '' ? [] : [issue.path]),
          message: issue.message,
        })),
      };

const fromRecords = (
  raw: Record<string, unknown>,
  records: unknown[],
  depth: number
): NormaliseResult => {
  const inner = records.map((record, index) => {
    if (isObject(record) && record.EventSource === 'aws:sns') {
      const sns = record.Sns;
      const message = isObject(sns) ? sns.Message : undefined;
      return within(
        `Records.${index}.Sns.Message`,
        typeof message === 'string'
          ? detect(message, depth + 1)
          : reject('', 'expected the SNS message string')
      );
    }
    if (isObject(record) && record.eventSource === 'aws:sqs') {
      return within(
        `Records.${index}.body`,
        typeof record.body === 'string'
          ? detect(record.body, depth + 1)
          : reject('', 'expected the SQS message body string')
      );
    }
    return undefined;
  });
  // Anything but SNS/SQS wrappers, or no records at all, is an S3 body,
  // which reports its own faults.
  if (inner.length === 0 || inner.some((result) => result === undefined)) {
    return normaliseS3Notification(raw);
  }
  const value: BackupEvent[] = [];
  const issues: InputIssue[] = [];
  const ignored: string[] = [];
  for (const result of inner as NormaliseResult[]) {
    if (!result.ok) issues.push(...result.issues);
    else if (result.value.length > 0) value.push(...result.value);
    else if (result.ignored !== undefined) ignored.push(result.ignored);
  }
  if (issues.length > 0) return { ok: false, issues };
  return value.length > 0 || ignored.length === 0
    ? { ok: true, value }
    : ignore(ignored.join('; '));
};

const detect = (raw: unknown, depth: number): NormaliseResult => {
  if (depth > MAX_DEPTH) return reject('', 'nested too deeply');
  if (typeof raw === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return reject('', `not valid JSON: ${(error as Error).message}`);
    }
    return detect(parsed, depth + 1);
  }
  if (!isObject(raw)) return reject('', 'expected a JSON object');
  if ('detail-type' in raw && 'source' in raw) {
    if (raw.source === 'aws.backup') return normaliseBackupEvent(raw);
    if (raw.source === 'aws.rds') return normaliseRdsEvent(raw);
    if (raw.source === SENTINEL_SOURCE) return normaliseSentinelEvent(raw);
    return reject('source', `unsupported event source ${shown(raw.source)}`);
  }
  if (raw.Type === 'Notification') {
    return within(
      'Message',
      typeof raw.Message === 'string'
        ? detect(raw.Message, depth + 1)
        : reject('', 'expected the SNS message string')
    );
  }
  if (typeof raw.Type === 'string' && 'TopicArn' in raw) {
    // A cross-account SNS -> SQS subscription must be confirmed by hand:
    // rejecting keeps the message (and its SubscribeURL) where people look.
    return reject(
      'Type',
      `SNS ${quoted(raw.Type)} message, not a notification`
    );
  }
  // Sent once when a bucket's notification configuration is saved.
  if (raw.Event === 's3:TestEvent') {
    return ignore(
      's3:TestEvent: S3 sends it once when notifications are configured'
    );
  }
  if (Array.isArray(raw.Records)) return fromRecords(raw, raw.Records, depth);
  return reject('', 'not an EventBridge event, S3 notification or SNS message');
};

/**
 * Normalises one raw input as AWS delivers it: an EventBridge event
 * (`aws.backup`, `aws.rds`, or the product's own `backup-sentinel`), an S3 Event Notification body, an SNS message
 * wrapping one (`Type: Notification`), or Lambda's SNS/SQS records around
 * any of these; a JSON string is parsed first. Valid but untracked inputs
 * (a CREATED job, `s3:TestEvent`) give `[]`; anything else gives issues
 * located by path. Never throws.
 *
 * @param raw - one input, parsed or as a JSON string
 */
const normalise = (raw: unknown): NormaliseResult => detect(raw, 0);

export { normalise };
