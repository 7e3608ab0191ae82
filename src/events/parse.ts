import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { BackupEvent, InputIssue } from '../model/index.js';

// zod/mini (a tenth of classic zod's size in a bundle) loads no messages by
// itself; rejections name what was wrong, in English.
z.config(en());

type Parsed<T> = { ok: true; data: T } | { ok: false; issues: InputIssue[] };

// Long enough to recognise a value, short enough to keep a message one line.
const SHOWN_CHARACTERS = 40;

/**
 * Returns text as a message quotes it: in single quotes, cut to 40
 * characters with its length, control characters escaped, so a crafted
 * value cannot forge another line of output.
 */
const quoted = (text: string): string => {
  const cut =
    text.length > SHOWN_CHARACTERS
      ? `${text.slice(0, SHOWN_CHARACTERS)}…`
      : text;
  const escaped = JSON.stringify(cut).slice(1, -1).replaceAll('\\"', '"');
  return text.length > SHOWN_CHARACTERS
    ? `'${escaped}' (${text.length} characters)`
    : `'${escaped}'`;
};

/** Returns how a message names a received value: never the whole input. */
const shown = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
};

/** A zod error that says what was expected and what came instead. */
const expecting = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    `expected ${what}, got ${shown(issue.input)}`,
});

// What zod's own type names mean to someone reading an event.
const TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ['array', 'an array'],
  ['boolean', 'true or false'],
  ['int', 'an integer'],
  ['number', 'a number'],
  ['object', 'an object'],
  ['record', 'an object'],
  ['string', 'a string'],
]);

/**
 * Words every wrong type the same way, for schemas without their own
 * message: `expected a string, got null`. Other issues keep zod's words.
 */
const typeError = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'invalid_type'
    ? `expected ${TYPE_NAMES.get(issue.expected) ?? issue.expected}, got ${shown(issue.input)}`
    : undefined;

/**
 * An optional field: AWS leaves it out or sends `null`, and either way it
 * is absent (`undefined`), so a `null` size or message does not reject the
 * event it is on.
 */
const omittable = <S extends z.ZodMiniType>(schema: S) =>
  z.optional(
    z.pipe(
      z.nullable(schema),
      z.transform((value: z.output<S> | null) => value ?? undefined)
    )
  );

/** An ISO-8601 UTC timestamp (`Z`, any fraction), as AWS writes them. */
const isoTime = z.pipe(
  z.iso.datetime(expecting('an ISO-8601 UTC time')),
  z.transform((value: string) => new Date(value))
);

const nonEmpty = z
  .string(expecting('a non-empty string'))
  .check(z.minLength(1, expecting('a non-empty string')));

const arn = z
  .string(expecting('an ARN'))
  .check(z.startsWith('arn:', expecting('an ARN')));

/**
 * A count as a JSON number or, with `digits`, a string of digits (AWS
 * Backup sends sizes as strings in backup and restore jobs and as numbers in
 * copy jobs). Past Number.MAX_SAFE_INTEGER a count is no longer exact, and
 * 400 digits become Infinity, so those are rejected as too large.
 */
const count = (what: string, { digits }: { digits: boolean }) =>
  z.transform((value: unknown, ctx): number => {
    const fromText = digits && typeof value === 'string' && /^\d+$/.test(value);
    const fromNumber =
      typeof value === 'number' &&
      value >= 0 &&
      (Number.isInteger(value) || value === Number.POSITIVE_INFINITY);
    if (!fromText && !fromNumber) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `expected ${what}, got ${shown(value)}`,
      });
      return z.NEVER;
    }
    const n = Number(value);
    if (n > Number.MAX_SAFE_INTEGER) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `too large: expected at most ${Number.MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER), got ${shown(value)}`,
      });
      return z.NEVER;
    }
    return n;
  });

const byteCount = count(
  'a byte count (a non-negative integer or a string of digits)',
  { digits: true }
);

/** The EventBridge envelope every `aws.*` event shares. */
const envelopeSchema = z.object({
  version: z.string(),
  id: nonEmpty,
  'detail-type': nonEmpty,
  source: nonEmpty,
  // Doc examples use a 13-digit placeholder account: do not insist on 12.
  account: nonEmpty,
  time: isoTime,
  region: nonEmpty,
  resources: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
});

type Envelope = z.infer<typeof envelopeSchema>;

const joinPath = (prefix: string, path: PropertyKey[]): string =>
  [prefix, ...path.map(String)].filter((part) => part !== '').join('.');

/**
 * Parses `value` with a zod schema, turning failures into issues whose paths
 * start with `prefix` (`detail`, `Records.0`).
 */
const parseWith = <S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  prefix: string
): Parsed<z.output<S>> => {
  const result = schema.safeParse(value, { error: typeError });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: joinPath(prefix, issue.path),
      message: issue.message,
    })),
  };
};

/** Returns a valid input that says nothing tracked, and why. */
const ignore = (
  reason: string
): { ok: true; value: BackupEvent[]; ignored: string } => ({
  ok: true,
  value: [],
  ignored: reason,
});

/** Returns one issue as a rejection. */
const reject = (
  path: string,
  message: string
): { ok: false; issues: InputIssue[] } => ({
  ok: false,
  issues: [{ path, message }],
});

/**
 * Parses an EventBridge envelope and insists on its `source`, so each
 * normaliser rejects another source's event with the same words.
 */
const parseEnvelope = (raw: unknown, source: string): Parsed<Envelope> => {
  const parsed = parseWith(envelopeSchema, raw, '');
  if (!parsed.ok || parsed.data.source === source) return parsed;
  return reject(
    'source',
    `expected ${source}, got ${quoted(parsed.data.source)}`
  );
};

/**
 * Returns AWS's status text without the escaped quotes AWS Backup sometimes
 * wraps it in (`"\"Backup job was stopped by user.\""`); blank = undefined.
 */
const cleanMessage = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined;
  let trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    trimmed = trimmed.slice(1, -1).trim();
  }
  return trimmed === '' ? undefined : trimmed;
};

/** Returns a copy without the keys whose value is undefined. */
const compact = <T extends object>(value: T): T =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined)
  ) as T;

export type { Envelope, Parsed };
export {
  arn,
  byteCount,
  cleanMessage,
  compact,
  count,
  expecting,
  ignore,
  isoTime,
  joinPath,
  nonEmpty,
  omittable,
  parseEnvelope,
  parseWith,
  quoted,
  reject,
  shown,
};
