import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recoveryPointPk } from '../src/history/keys.js';
import {
  type EvaluationPlan,
  type EvaluationSummary,
  runIngest,
  type ShardSummary,
} from '../src/monitor/index.js';
import { startDynaliteProcess } from './dynalite.js';
import type { StepReply } from './evaluateWorker.js';
import {
  buildFleet,
  eventsOf,
  LAST_DAY,
  resourcesByService,
  SEED_NOW,
} from './fleet.js';
import { bundleScript } from './lambdaBuild.js';
import {
  argument,
  finish,
  loopbackClient,
  median,
  round,
  runChild,
  type Usage,
} from './measure.js';
import { RecordingStore, writeAll } from './seed.js';

/**
 * Issue 18, evaluation fan-out: whole evaluation rounds as the deployed
 * state machine runs them (plan, every shard, finish), at 10,000 and
 * 100,000 resources, against dynalite.
 *
 * Each shard runs in one of a pool of worker processes, one per CPU, the
 * way warm Lambda instances take the Map's shards: a worker
 * (bench/evaluateWorker.ts, bundled as the deploy bundles a handler, so it
 * holds what a Lambda instance holds and not tsx) builds the handler's
 * wiring once and then evaluates the shards it is given. A
 * worker's peak RSS after a shard bounds that shard's (maxRSS only grows),
 * so `peak_rss_mb_evaluate_shard` is the largest of them. A round's time
 * is its wall time from the plan to the finish's heartbeat; the workers
 * are started before it, as warm instances would be. A warm-up round opens
 * the failing resources' alerts and pages; the timed rounds are the steady
 * state of the 15-minute schedule.
 *
 * Seeding: evaluation reads state items (and alerts, held events), never
 * event items, so the table gets every item ingest would write except the
 * event and recovery-point items. The events go through `runIngest` into
 * an in-memory store one service at a time, each with a runbook of that
 * service alone, so seeding does not pay a fleet-wide ARN match per event.
 */

const SIZES = argument('sizes', '10000,100000').split(',').map(Number);
const HISTORY = 2;
const WORKERS = availableParallelism();
/**
 * V8's old-space limit for the workers, in MB; none by default. V8 lets
 * garbage pile up far below its default limit, so a worker's RSS shows how
 * lazily it collects as much as what a shard needs: a run with a limit
 * shows whether the shard fits under it.
 */
const HEAP_MB = argument('heap-mb', '');
const timedRounds = (resources: number): number =>
  resources >= 100_000 ? 1 : 3;

const SELF = fileURLToPath(import.meta.url);
const WORKER = fileURLToPath(new URL('evaluateWorker.ts', import.meta.url));

/** Seeds the first `resources` resources of the fleet (see above). */
const seed = async (
  endpoint: string,
  tableName: string,
  resources: number
): Promise<void> => {
  const fleet = buildFleet(resources, 'e');
  const store = new RecordingStore();
  const members = resourcesByService(fleet);
  let events = 0;
  for (const service of fleet.runbook.services) {
    const raw = (members.get(service.id) ?? []).flatMap((resource) =>
      eventsOf(resource, HISTORY, LAST_DAY)
        .slice(-HISTORY)
        .map((e) => e.raw)
    );
    events += raw.length;
    await runIngest(
      { store, runbook: { ...fleet.runbook, services: [service] } },
      raw,
      SEED_NOW
    );
  }
  const recoveryPoints = recoveryPointPk('');
  const items = (await store.takeItems()).filter(
    (item) =>
      !String(item.SK).startsWith('EVT#') &&
      !String(item.PK).startsWith(recoveryPoints)
  );
  const client = loopbackClient(endpoint);
  await writeAll(client, tableName, items);
  client.destroy();
  finish({}, { events, items: items.length });
};

/** A worker process and a way to run one step in it. */
interface Worker {
  child: ChildProcess;
  readyRssMb: number;
  call: (step: unknown) => Promise<StepReply>;
}

const startWorker = async (bundle: string, args: string[]): Promise<Worker> => {
  const child = fork(bundle, args, {
    execArgv: HEAP_MB === '' ? [] : [`--max-old-space-size=${HEAP_MB}`],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { readyRssMb } = await new Promise<{ readyRssMb: number }>(
    (resolve, reject) => {
      child.once('message', (m) => resolve(m as { readyRssMb: number }));
      child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    }
  );
  const call = (step: unknown): Promise<StepReply> =>
    new Promise((resolve) => {
      child.once('message', (reply) => resolve(reply as StepReply));
      child.send(step as object);
    });
  return { child, call, readyRssMb };
};

/** What one round did. */
interface Round {
  ms: number;
  cpuMs: number;
  shards: number;
  shardRssMb: number[];
  shardMs: number[];
  usage: Record<string, Usage>;
  summary: EvaluationSummary;
}

const addUsage = (
  total: Record<string, Usage>,
  more: Record<string, Usage>
): void => {
  for (const [name, u] of Object.entries(more)) {
    const entry = total[name] ?? { calls: 0, units: 0 };
    entry.calls += u.calls;
    entry.units += u.units;
    total[name] = entry;
  }
};

/** Runs one round: plan on the first worker, shards on any, finish. */
const runRound = async (workers: Worker[]): Promise<Round> => {
  const usage: Record<string, Usage> = {};
  let cpuMs = 0;
  const start = performance.now();
  const step = async (worker: Worker, input: unknown): Promise<StepReply> => {
    const reply = await worker.call(input);
    addUsage(usage, reply.usage);
    cpuMs += reply.cpuMs;
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply;
  };
  const [first] = workers as [Worker];
  const plan = (await step(first, { step: 'plan' })).output as EvaluationPlan;
  const queue = [...plan.shards];
  const results: ShardSummary[] = [];
  const shardRssMb: number[] = [];
  const shardMs: number[] = [];
  await Promise.all(
    workers.map(async (worker) => {
      for (let shard = queue.shift(); shard; shard = queue.shift()) {
        const reply = await step(worker, { step: 'shard', shard });
        results.push(reply.output as ShardSummary);
        shardRssMb.push(round(reply.rssMb, 4));
        shardMs.push(round(reply.ms, 4));
      }
    })
  );
  const done = await step(first, {
    step: 'finish',
    shards: plan.shards,
    results,
  });
  return {
    ms: performance.now() - start,
    cpuMs,
    shards: plan.shards.length,
    shardRssMb,
    shardMs,
    usage,
    summary: done.output as EvaluationSummary,
  };
};

/** Warm-up round, then the timed ones, for the first `resources` resources. */
const measureSize = async (
  bundle: string,
  table: string[],
  resources: number
): Promise<{ ms: number; peakShardRssMb: number; details: unknown }> => {
  const args = [...table, '--resources', String(resources)];
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () => startWorker(bundle, args))
  );
  const warmUp = await runRound(workers);
  const rounds: Round[] = [];
  for (let r = 0; r < timedRounds(resources); r += 1) {
    rounds.push(await runRound(workers));
  }
  for (const w of workers) w.child.send('exit');
  const summary = rounds.at(-1)?.summary;
  if (summary?.resources !== resources) {
    throw new Error(
      `evaluated ${summary?.resources} resources, expected ${resources}`
    );
  }
  const ms = median(rounds.map((r) => r.ms));
  const all = [warmUp, ...rounds];
  const peakShardRssMb = Math.max(...all.flatMap((r) => r.shardRssMb));
  const steady = rounds.at(-1) as Round;
  return {
    ms,
    peakShardRssMb,
    details: {
      resources,
      workers: WORKERS,
      heapMb: HEAP_MB === '' ? 'default' : Number(HEAP_MB),
      workerReadyRssMb: workers.map((w) => round(w.readyRssMb, 4)),
      shards: steady.shards,
      msRuns: rounds.map((r) => round(r.ms, 4)),
      cpuMsPerRound: round(median(rounds.map((r) => r.cpuMs)), 4),
      shardMsMedian: round(median(steady.shardMs), 4),
      shardMsMax: round(Math.max(...steady.shardMs), 4),
      shardRssMb: steady.shardRssMb,
      steadyUsage: steady.usage,
      steadySummary: summary,
      warmUp: {
        ms: round(warmUp.ms, 4),
        usage: warmUp.usage,
        summary: warmUp.summary,
      },
    },
  };
};

const group = async (): Promise<void> => {
  const dynalite = await startDynaliteProcess();
  const table = dynalite.tableArgs;
  const seedStart = performance.now();
  const seeded = await runChild(SELF, [
    '--seed',
    ...table,
    '--resources',
    String(Math.max(...SIZES)),
  ]);
  const seedMs = performance.now() - seedStart;
  const outdir = await mkdtemp(join(tmpdir(), 'sentinel-bench-worker-'));
  const bundle = await bundleScript(WORKER, outdir);
  const values: Record<string, number> = {};
  const details: Record<string, unknown> = {
    seeded: { ...seeded.details, ms: round(seedMs, 3) },
  };
  for (const size of [...SIZES].sort((a, b) => a - b)) {
    const {
      ms,
      peakShardRssMb,
      details: d,
    } = await measureSize(bundle, table, size);
    const name = size >= 1000 ? `${size / 1000}k` : String(size);
    values[`evaluate_${name}_resources_s`] = round(ms / 1000);
    values[`peak_rss_mb_evaluate_shard_${name}`] = round(peakShardRssMb, 4);
    details[name] = d;
  }
  await rm(outdir, { recursive: true });
  details.dynaliteRssMb = round(await dynalite.stop(), 4);
  finish(values, details);
};

const table = (): [string, string, number] => [
  argument('endpoint', ''),
  argument('table', ''),
  Number(argument('resources', '100')),
];

if (process.argv.includes('--seed')) {
  await seed(...table());
} else {
  await group();
}
