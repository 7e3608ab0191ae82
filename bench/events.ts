import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SQSEvent } from 'aws-lambda';

/**
 * Raw AWS events for the benches, made from the fixtures in
 * test/fixtures/events (AWS's documented examples and the BUILT fixtures
 * made from them). Only values change: the resource's name, every UUID and
 * snapshot id (derived from the resource and the day, so a job's events
 * agree with each other), and every timestamp, shifted by whole days. No
 * field is added or removed.
 */

const FIXTURES = new URL('../test/fixtures/events/', import.meta.url);

const DAY_MS = 86_400_000;

/** How a resource's events reach ingest: EventBridge, or S3 -> SQS. */
type Delivery = 'eventbridge' | 'sqs';

/** One raw event at the time AWS would deliver it. */
interface RawEvent {
  at: Date;
  delivery: Delivery;
  /** The EventBridge envelope, or the S3 notification body SQS carries. */
  raw: unknown;
}

/** A fixture, and the resource name in it that each copy replaces. */
interface Template {
  file: string;
  /** Text naming the fixture's resource, e.g. `db:orders-db`. */
  token: string;
}

const UUID =
  '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const SNAPSHOT_ID = 'snap-[0-9a-f]{17}';
const ISO_TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z';
// RDS names automated snapshots `rds:<id>-YYYY-MM-DD-HH-MM`.
const SNAPSHOT_TIME = '(?<=-)\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d\\b';

/** What one variable part of a fixture's text is. */
type Slot = 'token' | 'uuid' | 'snapshot' | 'time' | 'snapshot-time';

/** A fixture's text cut into fixed text and the parts each copy changes. */
interface Compiled {
  parts: (string | { slot: Slot; text: string })[];
  /** The fixture's first timestamp: its own day. */
  dayMs: number;
}

const compiled = new Map<string, Compiled>();

const escapeRegExp = (text: string): string =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Cut once per fixture: scanning every copy with five regular expressions
// made generating the benches' events slower than ingesting them.
const compile = (template: Template): Compiled => {
  const key = `${template.file}\u0000${template.token}`;
  let done = compiled.get(key);
  if (done !== undefined) return done;
  const text = readFileSync(new URL(template.file, FIXTURES), 'utf8');
  const slots: Slot[] = ['token', 'uuid', 'snapshot', 'time', 'snapshot-time'];
  const pattern = new RegExp(
    [escapeRegExp(template.token), UUID, SNAPSHOT_ID, ISO_TIME, SNAPSHOT_TIME]
      .map((p) => `(${p})`)
      .join('|'),
    'g'
  );
  const parts: Compiled['parts'] = [];
  let at = 0;
  let first: string | undefined;
  for (const match of text.matchAll(pattern)) {
    const slot = slots[match.slice(1).findIndex((g) => g !== undefined)];
    if (slot === undefined) continue;
    parts.push(text.slice(at, match.index), { slot, text: match[0] });
    if (slot === 'time') first ??= match[0];
    at = match.index + match[0].length;
  }
  parts.push(text.slice(at));
  if (first === undefined) {
    throw new Error(`${template.file} has no ISO timestamp to shift`);
  }
  done = { parts, dayMs: dayStart(new Date(first).getTime()) };
  compiled.set(key, done);
  return done;
};

const hex = (seed: string): string => hash('sha1', seed);

const derivedUuid = (seed: string, original: string): string => {
  const h = hex(`${seed}/${original.toLowerCase()}`);
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  // Copy job ids are upper case in AWS's examples: keep each one's case.
  return original === original.toUpperCase() ? uuid.toUpperCase() : uuid;
};

/** The UTC midnight before an instant. */
const dayStart = (ms: number): number => ms - (ms % DAY_MS);

const shiftSnapshotTime = (text: string, deltaMs: number): string => {
  const [y, mo, d, h, mi] = text.split('-').map(Number) as number[];
  const at = new Date(Date.UTC(y!, mo! - 1, d, h, mi) + deltaMs);
  return at.toISOString().slice(0, 16).replace(/[T:]/g, '-');
};

/**
 * Returns a copy of a fixture for another resource and day: `token` becomes
 * `replacement`, UUIDs and snapshot ids are re-derived from `seed`, and every
 * timestamp moves so that the fixture's own day becomes `day`.
 *
 * @param template - the fixture and its resource token
 * @param replacement - what the token becomes
 * @param seed - the same seed gives the same ids (one job's events agree)
 * @param day - any instant on the target UTC day
 */
const instantiate = (
  template: Template,
  replacement: string,
  seed: string,
  day: Date
): { at: Date; raw: unknown } => {
  const { parts, dayMs } = compile(template);
  const deltaMs = dayStart(day.getTime()) - dayMs;
  const copy = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      switch (part.slot) {
        case 'token':
          return replacement;
        case 'uuid':
          return derivedUuid(seed, part.text);
        case 'snapshot':
          return `snap-${hex(`${seed}/${part.text}`).slice(0, 17)}`;
        case 'time': {
          const iso = new Date(
            new Date(part.text).getTime() + deltaMs
          ).toISOString();
          // Keep the fixture's precision: envelopes have whole seconds.
          return part.text.includes('.') ? iso : `${iso.slice(0, 19)}Z`;
        }
        case 'snapshot-time':
          return shiftSnapshotTime(part.text, deltaMs);
      }
      return part.text;
    })
    .join('');
  const raw = JSON.parse(copy) as {
    time?: string;
    Records?: { eventTime: string }[];
  };
  const at = raw.time ?? raw.Records?.[0]?.eventTime;
  if (at === undefined) throw new Error(`${template.file}: no event time`);
  return { at: new Date(at), raw };
};

/**
 * Returns Lambda's SQS event for S3 notification bodies, one message each,
 * with the record fields Lambda's SQS integration documents.
 *
 * @param bodies - S3 notification bodies, as S3 sends them to the queue
 * @param firstId - numbers the messages
 */
const sqsEventOf = (bodies: unknown[], firstId: number): SQSEvent => ({
  Records: bodies.map((raw, i) => {
    const body = JSON.stringify(raw);
    return {
      messageId: `message-${firstId + i}`,
      receiptHandle: `receipt-${firstId + i}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1714737728301',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1714737728310',
      },
      messageAttributes: {},
      md5OfBody: hash('md5', body),
      eventSource: 'aws:sqs',
      eventSourceARN:
        'arn:aws:sqs:us-east-1:111122223333:backup-sentinel-bench-s3-replication',
      awsRegion: 'us-east-1',
    };
  }),
});

export type { Delivery, RawEvent, Template };
export { DAY_MS, instantiate, sqsEventOf };
