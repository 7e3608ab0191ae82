import {
  createEvaluationDeps,
  type EvaluationSummary,
  loadConfig,
  runEvaluation,
} from '../src/monitor/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const deps = createEvaluationDeps(loadConfig(), loadBundledRunbook());

/** Every 15 minutes: evaluates every service, pages, writes the heartbeat. */
export const handler = async (): Promise<EvaluationSummary> =>
  runEvaluation(deps, new Date()); // the invocation's only clock read
