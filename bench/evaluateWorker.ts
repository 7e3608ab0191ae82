import { runEvaluationStep } from '../src/monitor/index.js';
import { evaluateWiring } from './evaluateWiring.js';
import { SEED_NOW } from './fleet.js';
import { argument, type Usage } from './measure.js';

/**
 * One warm evaluate Lambda instance for bench/evaluateFanout.ts: the
 * handler's wiring for the first `--resources` resources of the bench
 * fleet, then one step of the evaluation round per IPC message. The fan-out
 * bench bundles this file as the deploy bundles handlers/evaluate.ts and
 * forks the bundle, so the process holds what a Lambda instance holds.
 */

/** What a worker answers for one step. */
interface StepReply {
  output?: unknown;
  error?: string;
  ms: number;
  cpuMs: number;
  rssMb: number;
  usage: Record<string, Usage>;
}

const work = (endpoint: string, tableName: string, resources: number) => {
  const { deps, takeUsage } = evaluateWiring(endpoint, tableName, resources);
  process.on('message', async (step: unknown) => {
    if (step === 'exit') process.exit(0);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    let reply: Omit<StepReply, 'ms' | 'cpuMs' | 'rssMb' | 'usage'>;
    try {
      reply = {
        output: await runEvaluationStep(deps, step, undefined, SEED_NOW),
      };
    } catch (error) {
      reply = { error: error instanceof Error ? error.name : String(error) };
    }
    const used = process.cpuUsage(cpuBefore);
    process.send?.({
      ...reply,
      ms: performance.now() - start,
      cpuMs: (used.user + used.system) / 1000,
      rssMb: process.resourceUsage().maxRSS / 1024,
      usage: takeUsage(),
    } satisfies StepReply);
  });
  // The worker's size before any step: the wiring and the runbook.
  process.send?.({ readyRssMb: process.resourceUsage().maxRSS / 1024 });
};

if (process.send !== undefined) {
  work(
    argument('endpoint', ''),
    argument('table', ''),
    Number(argument('resources', '100'))
  );
}

export type { StepReply };
