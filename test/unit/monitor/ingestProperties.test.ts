import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { normalise } from '../../../src/events/index.js';
import { InMemoryHistoryStore } from '../../../src/history/index.js';
import {
  collectFindings,
  runIngest,
  runIngestHandler,
} from '../../../src/monitor/index.js';
import { fixture, fixturePaths } from '../../helpers/eventFixtures.js';
import { fixtureRunbook } from '../../helpers/fixtureRunbook.js';
import { sqsEvent } from '../../helpers/sqsEvent.js';

const NOW = new Date('2024-05-06T12:00:00.000Z');
// Within a day of the BUILT fixtures' events, so some are still held.
const AT = new Date('2024-05-05T12:00:00.000Z');

// Paths, so a counterexample reads as a list of fixture names.
const PATHS = fixturePaths();
const CORPUS = new Map(PATHS.map((path) => [path, fixture(path)]));

const occurredAt = (raw: unknown): number => {
  const result = normalise(raw);
  return result.ok && result.value.length > 0
    ? Math.min(...result.value.map((e) => e.occurredAt.getTime()))
    : 0;
};

const SORTED = [...PATHS].sort(
  (a, b) => occurredAt(CORPUS.get(a)) - occurredAt(CORPUS.get(b))
);

/** The findings open at AT after ingesting, as one batch or one by one. */
const findingsAfter = async (paths: string[], oneByOne: boolean) => {
  const inputs = paths.map((path) => CORPUS.get(path));
  const store = new InMemoryHistoryStore();
  const deps = { store, runbook: fixtureRunbook() };
  if (oneByOne) {
    for (const input of inputs) await runIngest(deps, [input], NOW);
  } else {
    await runIngest(deps, inputs, NOW);
  }
  return collectFindings(deps, AT);
};

/** The corpus in a random order, some inputs delivered more than once. */
const deliveries = fc
  .tuple(
    fc.shuffledSubarray(PATHS, { minLength: PATHS.length }),
    fc.array(fc.nat({ max: PATHS.length - 1 }), { maxLength: 20 }),
    fc.array(fc.nat(), { maxLength: 40 })
  )
  .map(([shuffled, repeats, positions]) => {
    const result = [...shuffled];
    for (const [i, pick] of repeats.entries()) {
      const at = (positions[i] ?? 0) % (result.length + 1);
      result.splice(at, 0, PATHS[pick] as string);
    }
    return result;
  });

/** Keys an attacker would try, and values that break naive code. */
const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf'
);
const hostileValue = fc.oneof(
  hostileKey,
  fc.constant(null),
  fc.constant('9'.repeat(400)),
  fc.constant(1e308),
  fc.jsonValue()
);

/**
 * A real fixture with one field, at any depth, replaced: the inputs that
 * get furthest into a normaliser before something is wrong.
 */
const mutatedFixture = fc
  .tuple(
    fc.constantFrom(...PATHS),
    fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    hostileValue
  )
  .map(([path, choices, value]) => {
    const copy = structuredClone(CORPUS.get(path)) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (const [depth, choice] of choices.entries()) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[choice % keys.length] as string;
      const child = node[key];
      const last = depth === choices.length - 1;
      if (last || child === null || typeof child !== 'object') {
        node[key] = value;
        break;
      }
      node = child as Record<string, unknown>;
    }
    return copy;
  });

const anyInput = fc.oneof(
  fc.jsonValue(),
  mutatedFixture,
  mutatedFixture.map((input) => JSON.stringify(input))
);

describe('ingest properties', () => {
  it('never throws, and ends each input recorded, ignored or rejected with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyInput, { maxLength: 5 }), async (inputs) => {
        const store = new InMemoryHistoryStore();

        const summary = await runIngest(
          { store, runbook: fixtureRunbook() },
          inputs,
          NOW
        );

        const rejected = new Set(summary.rejections.map((r) => r.index));
        expect(rejected.size).toBe(summary.rejected);
        for (const rejection of summary.rejections) {
          expect(rejection.issues.length).toBeGreaterThan(0);
          for (const issue of rejection.issues) {
            expect(issue.message).not.toBe('');
          }
        }
        const withEvents = inputs.filter((input, index) => {
          const result = normalise(input);
          return !rejected.has(index) && result.ok && result.value.length > 0;
        }).length;
        expect(summary.ignored + summary.rejected + withEvents).toBe(
          inputs.length
        );
        expect(summary.ignores).toHaveLength(summary.ignored);
        for (const { reason } of summary.ignores) {
          expect(reason).not.toBe('');
          expect(reason).not.toBe('no events');
        }
        // Each rejected input is kept; the same text twice is one input
        // delivered twice, kept once.
        const texts = new Set(
          summary.rejections.map((r) => {
            const input = inputs[r.index];
            return typeof input === 'string' ? input : JSON.stringify(input);
          })
        );
        expect(await store.listRejected(NOW)).toHaveLength(texts.size);
        // What was recorded can be read back and evaluated.
        await collectFindings({ store, runbook: fixtureRunbook() }, NOW);
      }),
      { numRuns: 300 }
    );
  });

  it('never fails an SQS message for what its body says', async () => {
    const logger = new Logger({ logLevel: 'SILENT' });
    const metrics = new Metrics({ namespace: 'BackupSentinelTest' });
    vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string(),
            anyInput.map((input) => JSON.stringify(input) ?? 'null')
          ),
          { minLength: 1, maxLength: 5 }
        ),
        async (bodies) => {
          const store = new InMemoryHistoryStore();

          const response = await runIngestHandler(
            { store, runbook: fixtureRunbook(), logger, metrics },
            sqsEvent(bodies),
            undefined,
            NOW
          );

          expect(response?.batchItemFailures).toEqual([]);
        }
      ),
      { numRuns: 100 }
    );
  });

  it('gives the findings of the sorted file in a batch and one by one, in any order, with duplicates', async () => {
    const expected = await findingsAfter(SORTED, false);
    // The corpus has findings to compare, or the property proves nothing.
    expect(expected.length).toBeGreaterThan(5);

    await fc.assert(
      fc.asyncProperty(deliveries, async (paths) => {
        expect(await findingsAfter(paths, false)).toEqual(expected);
        expect(await findingsAfter(paths, true)).toEqual(expected);
      }),
      { numRuns: 15 }
    );
  });
});
