import type { Context } from 'aws-lambda';

/**
 * Time kept back from the function's timeout for what follows the
 * deliveries: saving the alerts, the heartbeat, flushing the metrics.
 */
const RESERVE_MS = 3_000;

/**
 * Returns when an invocation must be done delivering (AlertDeps.deadline),
 * from what Lambda says is left; undefined outside Lambda.
 *
 * @param context - the Lambda context, if any
 * @param now - the invocation's clock reading
 */
const invocationDeadline = (
  context: Pick<Context, 'getRemainingTimeInMillis'> | undefined,
  now: Date
): Date | undefined =>
  context === undefined
    ? undefined
    : new Date(now.getTime() + context.getRemainingTimeInMillis() - RESERVE_MS);

export { invocationDeadline, RESERVE_MS };
