import { fileURLToPath } from 'node:url';
import { type EvaluationSummary, runEvaluation } from '../src/monitor/index.js';
import { startDynaliteProcess } from './dynalite.js';
import { evaluateWiring } from './evaluateWiring.js';
import { SEED_NOW } from './fleet.js';
import {
  argument,
  finish,
  median,
  round,
  runChild,
  type Usage,
} from './measure.js';

/**
 * Issue 8, evaluation: one scheduled evaluation (runEvaluation, as
 * handlers/evaluate.ts runs it) of fleets of growing size in one table
 * whose resources each hold `history` events.
 *
 * The table is seeded once with the largest fleet; each size then runs in
 * a process of its own (its own peak RSS) against the first services of
 * it, smallest first. Fleets are nested (the first 100 resources are the
 * first 100 of the 1,000), so the alerts a smaller run opened are in scope
 * of every later one. Per size, warm-up runs open the failing resources'
 * alerts and page; the timed runs that follow are the steady state every
 * 15 minutes: read, check, nothing to send.
 */

const HISTORY = Number(argument('history', '10'));
const SIZES = argument('sizes', '100,1000,10000').split(',').map(Number);
/** Enough warm-up for the JIT at small sizes; one run at 10,000. */
const warmUpRuns = (resources: number): number =>
  Math.min(10, Math.ceil(10_000 / resources));
const timedRuns = (resources: number): number => (resources >= 10_000 ? 3 : 5);

const SELF = fileURLToPath(import.meta.url);
const SEED = fileURLToPath(new URL('./seed.ts', import.meta.url));

/** Evaluates the first `resources` resources of the seeded table. */
const measure = async (
  endpoint: string,
  tableName: string,
  resources: number
): Promise<void> => {
  const { deps, takeUsage, published } = evaluateWiring(
    endpoint,
    tableName,
    resources
  );

  let first: EvaluationSummary | undefined;
  for (let run = 0; run < warmUpRuns(resources); run += 1) {
    const summary = await runEvaluation(deps, SEED_NOW);
    first ??= summary;
  }
  const firstUsage = takeUsage();
  const firstPublished = published.count;
  const times: number[] = [];
  const cpu: number[] = [];
  let summary = first as EvaluationSummary;
  let usage: Record<string, Usage> = {};
  for (let run = 0; run < timedRuns(resources); run += 1) {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    summary = await runEvaluation(deps, SEED_NOW);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    usage = takeUsage();
  }
  if (summary.resources !== resources) {
    throw new Error(
      `evaluated ${summary.resources} resources, expected ${resources}`
    );
  }
  finish(
    { ms: median(times) },
    {
      resources,
      msRuns: times.map((t) => round(t, 4)),
      cpuMsMedian: round(median(cpu), 4),
      steadyUsage: usage,
      steadySummary: summary,
      warmUp: {
        runs: warmUpRuns(resources),
        first,
        usage: firstUsage,
        published: firstPublished,
      },
    }
  );
};

/** Seeds the table, then measures each size in a child of its own. */
const group = async (): Promise<void> => {
  const largest = Math.max(...SIZES);
  const dynalite = await startDynaliteProcess();
  const table = dynalite.tableArgs;
  const seedStart = performance.now();
  const seeded = await runChild(SEED, [
    ...table,
    '--resources',
    String(largest),
    '--history',
    String(HISTORY),
  ]);
  const seedMs = performance.now() - seedStart;
  const suffix = HISTORY === 10 ? '' : `_history_${HISTORY}`;
  const values: Record<string, number> = {};
  const details: Record<string, unknown> = {
    history: HISTORY,
    seeded: { ...seeded.details, ms: round(seedMs, 3) },
  };
  for (const size of [...SIZES].sort((a, b) => a - b)) {
    const result = await runChild(SELF, [
      '--measure',
      ...table,
      '--resources',
      String(size),
    ]);
    const ms = result.values.ms as number;
    values[`evaluate_ms_per_resource_${size}${suffix}`] = round(ms / size);
    values[`peak_rss_mb_evaluate_${size}${suffix}`] = result.peakRssMb;
    details[String(size)] = { ms: round(ms, 4), ...result.details };
  }
  details.dynaliteRssMb = round(await dynalite.stop(), 4);
  finish(values, details);
};

if (process.argv.includes('--measure')) {
  await measure(
    argument('endpoint', ''),
    argument('table', ''),
    Number(argument('resources', '100'))
  );
} else {
  await group();
}
