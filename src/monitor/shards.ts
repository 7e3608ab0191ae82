import type { Runbook, Service } from '../runbook/index.js';
import type { ShardSpec } from './types.js';

/**
 * Resources one shard is planned to hold. Measured in `npm run bench --
 * evaluate-fanout` (BENCHMARKS.md, issue 18) at 100,000 resources: a
 * shard of 1,000 takes about 0.3 s at one vCPU, so one that holds several
 * times its plan (patterns that match more than planned) still fits the
 * function's time, and a worker started from the evaluate bundle peaks
 * under 270 MB after such shards. Against 2,000, twice the shards spread
 * better over the round's ten at a time (a round took 11 to 14 s against
 * 16.5 s).
 */
const SHARD_RESOURCES = 1_000;

/**
 * What a wildcard entry of `resources` counts for when planning: the
 * resources it matches are only known once their states are read.
 */
const PATTERN_RESOURCES = 20;

/** The resources a service is planned at: one per ARN, more per pattern. */
const plannedResources = (service: Service): number =>
  service.resources.reduce(
    (sum, entry) => sum + (entry.includes('*') ? PATTERN_RESOURCES : 1),
    0
  );

/**
 * Splits the runbook's services into shards of about `limit` resources each,
 * as ranges of service ids in sorted order: every service belongs to exactly
 * one shard, and a shard owns whole services (a service's incidents and its
 * roll-up are settled in one place). The ranges are open at both ends, so a
 * service a redeploy adds between planning and a shard's run is still
 * evaluated by exactly one shard. Shard 0 also owns what belongs to no
 * service: the DR scenarios, unmapped resources and incidents of services
 * the runbook no longer lists. A service larger than `limit` gets a shard
 * of its own.
 *
 * @param runbook - the runbook
 * @param limit - planned resources per shard (default {@link SHARD_RESOURCES})
 */
const planShards = (
  runbook: Runbook,
  limit: number = SHARD_RESOURCES
): ShardSpec[] => {
  const services = [...runbook.services].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  );
  const shards: ShardSpec[] = [];
  let after: string | undefined;
  let planned = runbook.drills.scenarios.length;
  let last: string | undefined;
  for (const service of services) {
    const resources = plannedResources(service);
    if (last !== undefined && planned + resources > limit) {
      shards.push({
        index: shards.length,
        ...(after !== undefined && { after }),
        through: last,
      });
      after = last;
      planned = 0;
    }
    planned += resources;
    last = service.id;
  }
  shards.push({
    index: shards.length,
    ...(after !== undefined && { after }),
  });
  return shards;
};

/**
 * Returns the runbook services a shard owns: ids after `after` and up to
 * and including `through`.
 *
 * @param runbook - the runbook (the shard's own, which may be newer than the plan's)
 * @param shard - from {@link planShards}
 */
const shardServices = (runbook: Runbook, shard: ShardSpec): Service[] =>
  runbook.services.filter(
    (s) =>
      (shard.after === undefined || s.id > shard.after) &&
      (shard.through === undefined || s.id <= shard.through)
  );

export { PATTERN_RESOURCES, planShards, SHARD_RESOURCES, shardServices };
