import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { invocationDeadline } from './deadline.js';
import { InvalidStepError } from './errors.js';
import { evaluateShard, finishEvaluation, planEvaluation } from './evaluate.js';
import type {
  EvaluationPlan,
  EvaluationSummary,
  MonitorDeps,
  ShardSummary,
} from './types.js';

// zod/mini, as the normalisers use: classic zod took the evaluate bundle
// from 517 KB to 975 KB, past the 600 KB budget. It loads no messages by
// itself; an invalid step is named in English.
z.config(en());

const count = z.int().check(z.nonnegative());

const shardSpec = z.strictObject({
  index: count,
  after: z.optional(z.string()),
  through: z.optional(z.string()),
});

const shardSummary = z.strictObject({
  shard: count,
  findings: count,
  opened: count,
  resolved: count,
  notified: count,
  failedDeliveries: count,
  conflicts: count,
  errors: count,
  services: count,
  resources: count,
  openAlerts: count,
});

// What the state machine's Catch makes of a shard that failed.
const shardFailure = z.strictObject({
  shard: count,
  failed: z.literal(true),
  error: z.string(),
});

const step = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('plan') }),
  z.strictObject({ step: z.literal('shard'), shard: shardSpec }),
  z.strictObject({
    step: z.literal('finish'),
    shards: z.array(shardSpec).check(z.minLength(1)),
    results: z.array(z.union([shardSummary, shardFailure])),
  }),
]);

/**
 * Runs one step of an evaluation round as the state machine invokes the
 * evaluate function: `{ step: 'plan' }` prepares the round and returns its
 * shards, `{ step: 'shard', shard }` evaluates one shard (delivering within
 * the time Lambda leaves it), and `{ step: 'finish', shards, results }`
 * writes the heartbeat when every shard reported.
 *
 * @param deps - store, runbook, channels, logger, metrics
 * @param event - the step's input, as serverless.yml's state machine sends it
 * @param context - the Lambda context, if any
 * @param now - the invocation's clock reading
 * @throws {InvalidStepError} when the input is not a step
 * @throws {RoundIncompleteError} from finish, when a shard did not report
 * @throws {StoreError} when the store fails
 */
const runEvaluationStep = async (
  deps: MonitorDeps,
  event: unknown,
  context: Pick<Context, 'getRemainingTimeInMillis'> | undefined,
  now: Date
): Promise<EvaluationPlan | ShardSummary | EvaluationSummary> => {
  const parsed = step.safeParse(event);
  if (!parsed.success) {
    throw new InvalidStepError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }))
    );
  }
  const input = parsed.data;
  switch (input.step) {
    case 'plan':
      return planEvaluation(deps, now);
    case 'shard': {
      const deadline = invocationDeadline(context, now);
      return evaluateShard(
        deadline === undefined ? deps : { ...deps, deadline },
        input.shard,
        now
      );
    }
    case 'finish':
      return finishEvaluation(deps, input, now);
  }
};

export { runEvaluationStep };
