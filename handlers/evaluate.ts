import type { Context } from 'aws-lambda';
import {
  createEvaluationDeps,
  type EvaluationPlan,
  type EvaluationSummary,
  loadConfig,
  runEvaluationStep,
  type ShardSummary,
} from '../src/monitor/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const deps = createEvaluationDeps(loadConfig(), loadBundledRunbook());

/**
 * One step of the 15-minute evaluation round the state machine runs: plan
 * the shards, evaluate one shard (pages within the time Lambda leaves it;
 * what cannot go out stays owed), or finish (the heartbeat).
 */
export const handler = async (
  event: unknown,
  context: Context
): Promise<EvaluationPlan | ShardSummary | EvaluationSummary> =>
  runEvaluationStep(deps, event, context, new Date()); // the only clock read
