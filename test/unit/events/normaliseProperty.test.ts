import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/events/index.js';
import {
  type BackupEvent,
  EVENT_KINDS,
  EVENT_SOURCES,
  EVENT_STATES,
} from '../../../src/model/index.js';
import { fixture, fixturePaths } from '../../helpers/eventFixtures.js';

type Path = (string | number)[];
type Json = unknown;

const isContainer = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Every path to a value inside `value`, the root excluded. */
const pathsOf = (value: Json, at: Path = []): Path[] =>
  isContainer(value)
    ? Object.keys(value).flatMap((key) => {
        const path = [...at, Array.isArray(value) ? Number(key) : key];
        return [path, ...pathsOf(value[key], path)];
      })
    : [];

/** The value at `path`, or undefined where the path no longer leads. */
const at = (value: Json, path: Path): Json =>
  path.reduce<Json>((v, key) => (isContainer(v) ? v[key] : undefined), value);

/** Every path to an object inside `value`, the root included. */
const objectPathsOf = (value: Json): Path[] =>
  [[], ...pathsOf(value)].filter((path) => {
    const found = at(value, path);
    return isContainer(found) && !Array.isArray(found);
  });

// Names that are Object.prototype's members, and values that have broken
// parsers before: nulls, 400 digits (Infinity as a JSON number), huge text.
const HOSTILE_STRINGS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'null',
  'NaN',
  '-1',
  '1.5',
  '9'.repeat(400),
  'arn:',
  'RDS-EVENT-0000',
  '2020-02-30T00:00:00Z',
  'x'.repeat(100_000),
];
const HOSTILE_NUMBERS = [
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1,
  -0,
  0.5,
];

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(null),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constant({}),
  fc.constant([])
);

const hostileKey = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.slice(0, 5)),
  fc.string({ maxLength: 8 })
);

type Mutation =
  | { kind: 'replace'; path: Path; value: Json }
  | { kind: 'delete'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: Json };

const mutationOf = (event: Json): fc.Arbitrary<Mutation> => {
  const paths = pathsOf(event);
  const objects = objectPathsOf(event);
  return fc.oneof(
    fc.record({
      kind: fc.constant('replace' as const),
      path: fc.constantFrom(...paths),
      value: hostileValue,
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      path: fc.constantFrom(...paths),
    }),
    fc.record({
      kind: fc.constant('add' as const),
      path: fc.constantFrom(...objects),
      key: hostileKey,
      value: hostileValue,
    })
  );
};

/** Returns a copy of `event` with the mutation applied, as JSON.parse would build it. */
const mutate = (event: Json, mutation: Mutation): Json => {
  const copy = structuredClone(event);
  const path =
    mutation.kind === 'add' ? [...mutation.path, mutation.key] : mutation.path;
  // An earlier mutation may have replaced what this path went through.
  const parent = at(copy, path.slice(0, -1));
  const key = path.at(-1) as string | number;
  if (!isContainer(parent)) return copy;
  if (mutation.kind === 'delete') {
    // JSON has no holes: an element leaves its array, a key its object.
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    // An own property even for '__proto__', as JSON.parse makes it.
    Object.defineProperty(parent, key, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
};

const FIXTURES = fixturePaths().map((path) => fixture(path));

const mutatedFixture: fc.Arbitrary<Json> = fc
  .constantFrom(...FIXTURES)
  .chain((event) =>
    fc
      .array(mutationOf(event), { minLength: 1, maxLength: 3 })
      .map((mutations) => mutations.reduce(mutate, event))
  );

const STRING_FIELDS = [
  'id',
  'resourceArn',
  'resourceType',
  'account',
  'region',
  'detailType',
] as const;
const OPTIONAL_STRING_FIELDS = [
  'jobId',
  'recoveryPointArn',
  'message',
  'rdsEventId',
  'destinationVaultArn',
  'failureReason',
  'claimedBy',
] as const;
const DATE_FIELDS = ['occurredAt'] as const;
const OPTIONAL_DATE_FIELDS = [
  'startedAt',
  'completedAt',
  'deleteAt',
  'recoveryPointCreatedAt',
] as const;

/** Asserts that an event has exactly the types BackupEvent declares. */
const expectWellFormed = (event: BackupEvent): void => {
  expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  expect(EVENT_SOURCES).toContain(event.source);
  expect(EVENT_KINDS).toContain(event.kind);
  expect(EVENT_STATES).toContain(event.state);
  for (const field of STRING_FIELDS) expect(typeof event[field]).toBe('string');
  for (const field of OPTIONAL_STRING_FIELDS) {
    if (field in event) expect(typeof event[field]).toBe('string');
  }
  for (const field of [...DATE_FIELDS, ...OPTIONAL_DATE_FIELDS]) {
    if (field in event) {
      expect(event[field]).toBeInstanceOf(Date);
      expect(Number.isFinite(event[field]?.getTime())).toBe(true);
    }
  }
  if ('sizeBytes' in event) {
    expect(Number.isSafeInteger(event.sizeBytes)).toBe(true);
    expect(event.sizeBytes).toBeGreaterThanOrEqual(0);
  }
  if ('restoreTest' in event) expect(typeof event.restoreTest).toBe('boolean');
  if ('ownedRecoveryPoints' in event) {
    for (const arn of event.ownedRecoveryPoints ?? []) {
      expect(typeof arn).toBe('string');
    }
  }
};

/** The property: never a throw; events well formed, or a reason. */
const holds = (input: Json): void => {
  const result = normalise(input);
  if (result.ok) {
    expect(Array.isArray(result.value)).toBe(true);
    for (const event of result.value) expectWellFormed(event);
  } else {
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message).toBe('string');
      expect(issue.message).not.toBe('');
    }
  }
  // What ingest stores and replay prints must serialise.
  expect(() => JSON.stringify(result)).not.toThrow();
};

describe('normalise (property)', () => {
  it('never throws for any JSON value, and gives well-formed events or a reason', () => {
    // Act & Assess
    fc.assert(fc.property(fc.jsonValue(), holds), { numRuns: 400 });
  });

  it('never throws for any JSON text, as SQS and SNS deliver it', () => {
    // Act & Assess
    fc.assert(
      fc.property(
        fc.jsonValue().map((value) => JSON.stringify(value)),
        holds
      ),
      { numRuns: 200 }
    );
  });

  it('never throws for a real event with fields replaced, removed or added', () => {
    // Act & Assess
    fc.assert(fc.property(mutatedFixture, holds), { numRuns: 1500 });
  });

  it('holds for every fixture as it is', () => {
    // Act & Assess
    for (const event of FIXTURES) holds(event);
  });
});
