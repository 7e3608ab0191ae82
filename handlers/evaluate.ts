import type { Context } from 'aws-lambda';
import {
  createEvaluationDeps,
  type EvaluationSummary,
  invocationDeadline,
  loadConfig,
  runEvaluation,
} from '../src/monitor/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const deps = createEvaluationDeps(loadConfig(), loadBundledRunbook());

/**
 * Every 15 minutes: evaluates every service, pages (within the time Lambda
 * leaves it; what cannot go out stays owed), writes the heartbeat.
 */
export const handler = async (
  _event: unknown,
  context: Context
): Promise<EvaluationSummary> => {
  const now = new Date(); // the invocation's only clock read
  return runEvaluation(
    { ...deps, deadline: invocationDeadline(context, now) },
    now
  );
};
