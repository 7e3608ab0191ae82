import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { InputIssue } from '../model/index.js';

// zod/mini (a tenth of classic zod's size in a bundle) loads no messages by
// itself; rejections name what was wrong, in English.
z.config(en());

type Parsed<T> = { ok: true; data: T } | { ok: false; issues: InputIssue[] };

/** An ISO-8601 UTC timestamp (`Z`, any fraction), as AWS writes them. */
const isoTime = z.pipe(
  z.iso.datetime({ message: 'expected an ISO-8601 UTC time' }),
  z.transform((value: string) => new Date(value))
);

const nonEmpty = z.string().check(z.minLength(1));

const arn = z
  .string()
  .check(z.startsWith('arn:', { message: 'expected an ARN' }));

// AWS Backup sends sizes as strings in backup and restore jobs and as numbers
// in copy jobs (verbatim docs examples); both mean bytes.
const byteCount = z.pipe(
  z.union([z.int().check(z.nonnegative()), z.string().check(z.regex(/^\d+$/))]),
  z.transform((value: number | string) => Number(value))
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
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: joinPath(prefix, issue.path),
      message: issue.message,
    })),
  };
};

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
  return reject('source', `expected ${source}, got '${parsed.data.source}'`);
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
  isoTime,
  joinPath,
  nonEmpty,
  parseEnvelope,
  parseWith,
  reject,
};
