import {
  type AlertDeps,
  dedupKey,
  type Evaluation,
  EvaluationError,
  emptyAlertSummary,
  groupIncidents,
  settleAlerts,
  throwIfFailed,
} from '../alerts/index.js';
import {
  type CheckTarget,
  findingsFor,
  type ReplicationLagReading,
  watchedStates,
} from '../checks/index.js';
import { mapLimit, REQUESTS_IN_FLIGHT } from '../concurrency.js';
import { drillResource } from '../events/index.js';
import {
  type AlertRecord,
  DRILLS_SERVICE,
  type Finding,
  type HistoryStore,
  type ResourceState,
  UNMAPPED_SERVICE,
} from '../model/index.js';
import {
  arnMatches,
  matchResource,
  type Runbook,
  type Service,
} from '../runbook/index.js';
import { RoundIncompleteError } from './errors.js';
import { settleHeldEvents } from './record.js';
import { planShards, shardServices } from './shards.js';
import type {
  EvaluationPlan,
  EvaluationRound,
  EvaluationSummary,
  IncidentFinding,
  MonitorDeps,
  RecordedEvent,
  ShardFailure,
  ShardSpec,
  ShardSummary,
} from './types.js';

const withChannels = (deps: MonitorDeps): AlertDeps => ({
  ...deps,
  channels: deps.channels ?? [],
});

/** What reading and checking need, without channels. */
type CheckDeps = Pick<MonitorDeps, 'store' | 'runbook'>;

/**
 * The resource's target: a drilled scenario's `drill:` resource, or the
 * service it was recorded under, else the runbook's match; undefined for a
 * scenario the runbook no longer drills.
 */
const targetOf = (
  runbook: Runbook,
  state: ResourceState
): CheckTarget | undefined => {
  if (state.service === DRILLS_SERVICE) {
    const scenario = runbook.drills.scenarios.find(
      (s) => drillResource(s.id) === state.resourceArn
    );
    return scenario === undefined
      ? undefined
      : { service: undefined, scenario, state, links: runbook.links };
  }
  return {
    service:
      runbook.services.find((s) => s.id === state.service) ??
      matchResource(runbook, state.resourceArn),
    state,
    links: runbook.links,
  };
};

/** True for a pattern some resource has reported under: it needs no state of its own. */
const reportedUnder = (resource: string, states: ResourceState[]): boolean =>
  resource.includes('*') &&
  states.some((s) => arnMatches(resource, s.resourceArn));

/** The `drill:` resources of the runbook's drilled scenarios. */
const drillResources = (runbook: Runbook): string[] =>
  runbook.drills.scenarios.map((s) => drillResource(s.id));

/**
 * Returns the states of one service, or of the DR scenarios, with a state
 * item for each resource the runbook lists that has none yet (a literal
 * ARN, a pattern no resource has reported under, a drilled scenario), so its
 * RPO, restore tests or drills count from when the runbook listed it.
 */
const listedStates = async (
  store: HistoryStore,
  serviceId: string,
  listed: readonly string[],
  now: Date
): Promise<ResourceState[]> => {
  const states = await store.listServiceStates(serviceId);
  const known = new Set(states.map((s) => s.resourceArn));
  for (const resource of listed) {
    const matched = known.has(resource) || reportedUnder(resource, states);
    if (!matched)
      states.push(await store.ensureResource(resource, serviceId, now));
  }
  return states;
};

/**
 * Once per round, before any shard reads: settles the held events (see
 * settleHeldEvents) and moves each unmapped resource the runbook now claims
 * under its service, so that the service's shard evaluates it this round.
 */
const prepareRound = async (deps: CheckDeps, now: Date): Promise<void> => {
  const { store, runbook } = deps;
  await settleHeldEvents(deps, now);
  const claimed = (await store.listUnmappedStates()).flatMap((state) => {
    const service = matchResource(runbook, state.resourceArn);
    return service === undefined ? [] : [{ state, service }];
  });
  await mapLimit(claimed, REQUESTS_IN_FLIGHT, ({ state, service }) =>
    store.ensureResource(state.resourceArn, service.id, now)
  );
};

/** What a shard reads: its targets and the active incidents it settles. */
interface ShardInput {
  services: number;
  targets: CheckTarget[];
  alerts: AlertRecord[];
}

/** One service's targets: a Query of its states. */
const loadService = async (
  deps: CheckDeps,
  service: Service,
  now: Date
): Promise<CheckTarget[]> => {
  const states = await listedStates(
    deps.store,
    service.id,
    service.resources,
    now
  );
  const { links } = deps.runbook;
  return watchedStates(service, states).map((state) => ({
    service,
    state,
    links,
  }));
};

/**
 * What belongs to no runbook service, read by shard 0: the DR scenarios'
 * states, the unmapped resources no service claims, and the incidents of
 * both and of services the runbook no longer lists (they resolve).
 */
const loadUnowned = async (deps: CheckDeps, now: Date): Promise<ShardInput> => {
  const { store, runbook } = deps;
  const { drills, links } = runbook;
  const [scenarios, unmapped, active] = await Promise.all([
    drills.scenarios.length === 0
      ? []
      : listedStates(store, DRILLS_SERVICE, drillResources(runbook), now),
    store.listUnmappedStates(),
    store.listActiveAlerts(),
  ]);
  const ids = new Set(runbook.services.map((s) => s.id));
  // One claimed since prepareRound is its service's from the next round on.
  const unclaimed = unmapped
    .filter((state) => matchResource(runbook, state.resourceArn) === undefined)
    .map((state): CheckTarget => ({ service: undefined, state, links }));
  return {
    services: 0,
    targets: [
      ...scenarios.flatMap((state) => targetOf(runbook, state) ?? []),
      ...unclaimed,
    ],
    alerts: active.filter((record) => !ids.has(record.key.service)),
  };
};

/**
 * Reads one shard: its services' states (through GSI1, a Query per service,
 * never a Scan, at most {@link REQUESTS_IN_FLIGHT} at a time), their active
 * incidents in one Query of the shard's range of service ids (one per
 * service doubled the Queries of a round: 20,005 against 10,005 at 100,000
 * resources in `npm run bench`), and for shard 0 what belongs to no
 * service. Every service has at least one target: a resource the runbook
 * lists is watched before any event arrives.
 */
const loadShard = async (
  deps: CheckDeps,
  shard: ShardSpec,
  now: Date
): Promise<ShardInput> => {
  const owned = shardServices(deps.runbook, shard);
  const ids = new Set(owned.map((s) => s.id));
  const [targets, inRange, unowned] = await Promise.all([
    // Beside the range Query and, in shard 0, loadUnowned's three.
    mapLimit(owned, REQUESTS_IN_FLIGHT - 4, (service) =>
      loadService(deps, service, now)
    ),
    deps.store.listServiceRangeAlerts(shard.after, shard.through),
    shard.index === 0 ? loadUnowned(deps, now) : undefined,
  ]);
  // Incidents of ids in the range that no runbook service owns are shard 0's.
  const alerts = inRange.filter((record) => ids.has(record.key.service));
  return {
    services: owned.length,
    targets: [...targets.flat(), ...(unowned?.targets ?? [])],
    alerts: [...alerts, ...(unowned?.alerts ?? [])],
  };
};

/**
 * Keeps the open replication-lag findings of buckets this evaluation did
 * not read: an absent reading proves nothing and must not resolve them
 * (ingest reads none, and a region CloudWatch did not answer for has none).
 */
const withUnread = (
  evaluation: Evaluation,
  active: AlertRecord[],
  read: ReadonlySet<string>
): Evaluation => ({
  ...evaluation,
  findings: [
    ...evaluation.findings,
    ...active.flatMap((alert) =>
      alert.status === 'resolved'
        ? []
        : alert.findings.filter(
            (f) =>
              f.check === 'replication-lag' &&
              f.status === 'open' &&
              !read.has(f.resource)
          )
    ),
  ],
});

/**
 * Reads the replication metrics of the buckets of `services`, by bucket
 * ARN. Each shard reads its own services': GetMetricData is billed per
 * metric, not per call, so a round costs what one read of every bucket
 * would, and no readings travel through the state machine to the shards.
 */
const readReplication = async (
  deps: MonitorDeps,
  services: Service[],
  now: Date
): Promise<Map<string, ReplicationLagReading[]>> =>
  (await deps.replicationLag?.({ ...deps.runbook, services }, now)) ??
  new Map();

/** Adds the replication readings to the targets they are of. */
const withReadings = (
  targets: CheckTarget[],
  readings: ReadonlyMap<string, ReplicationLagReading[]>
): CheckTarget[] =>
  targets.map((t) => {
    const replication = readings.get(t.state.resourceArn);
    return replication === undefined ? t : { ...t, replication };
  });

const servicesOf = (targets: CheckTarget[]): number =>
  new Set(
    targets.flatMap((t) => (t.service === undefined ? [] : [t.service.id]))
  ).size;

/**
 * Returns what the checks find on the targets, complete for exactly those
 * resources: `all` when the targets are every resource the monitor knows.
 */
const evaluationOf = (
  targets: CheckTarget[],
  now: Date,
  all: boolean
): Evaluation => ({
  findings: targets
    .flatMap((t) => findingsFor(t, now))
    .filter((f) => f.status === 'open'),
  resources: all ? 'all' : new Set(targets.map((t) => t.state.resourceArn)),
  states: new Map(targets.map((t) => [t.state.resourceArn, t.state])),
});

/**
 * Plans an evaluation round: prepares it (held events, resources the
 * runbook claimed since they were recorded) and splits the runbook into
 * shards of about {@link SHARD_RESOURCES} planned resources.
 *
 * @param deps - the store and the runbook
 * @param now - the round's instant
 * @throws {StoreError} when the store fails
 */
const planEvaluation = async (
  deps: CheckDeps,
  now: Date
): Promise<EvaluationPlan> => {
  await prepareRound(deps, now);
  return { shards: planShards(deps.runbook) };
};

/** A shard's summary, and the store failures behind its `errors`. */
interface ShardOutcome {
  summary: ShardSummary;
  failures: unknown[];
}

const runShard = async (
  deps: MonitorDeps,
  shard: ShardSpec,
  now: Date
): Promise<ShardOutcome> => {
  // CloudWatch is read beside the store, not after it.
  const [loaded, readings] = await Promise.all([
    loadShard(deps, shard, now),
    readReplication(deps, shardServices(deps.runbook, shard), now),
  ]);
  const { services, alerts } = loaded;
  const targets = withReadings(loaded.targets, readings);
  const read = new Set(readings.keys());
  // Complete for every resource of the shard's services: 'all' of them.
  const settled = await settleAlerts(
    withChannels(deps),
    withUnread(evaluationOf(targets, now, true), alerts, read),
    alerts,
    now
  );
  return {
    summary: {
      shard: shard.index,
      ...settled.summary,
      services,
      resources: targets.length,
      openAlerts: settled.statuses.filter((s) => s === 'open').length,
    },
    failures: settled.failures,
  };
};

/**
 * Evaluates one shard of a round at `now`: reads its services' states and
 * incidents, checks them, moves each incident (opens, re-notifies,
 * resolves) and delivers what is owed. Store failures for single incidents
 * are logged and counted in `errors`, not thrown, so the round's finish
 * still learns what the shard did.
 *
 * @param deps - as for runEvaluation
 * @param shard - from the round's plan
 * @param now - the shard's instant
 * @throws {StoreError} when the states cannot be read (nothing was changed)
 */
const evaluateShard = async (
  deps: MonitorDeps,
  shard: ShardSpec,
  now: Date
): Promise<ShardSummary> => {
  const { summary } = await runShard(deps, shard, now);
  deps.logger?.info('shard evaluated', { ...summary });
  return summary;
};

const isFailure = (
  result: ShardSummary | ShardFailure
): result is ShardFailure => 'failed' in result;

/** The summary's counts, each the sum over the shards. */
const COUNTS = [
  'findings',
  'opened',
  'resolved',
  'notified',
  'failedDeliveries',
  'conflicts',
  'errors',
  'services',
  'resources',
] as const;

const totalOf = (summaries: ShardSummary[]): EvaluationSummary => {
  const total: EvaluationSummary = {
    ...emptyAlertSummary(),
    services: 0,
    resources: 0,
  };
  for (const key of COUNTS) {
    total[key] = summaries.reduce((sum, s) => sum + s[key], 0);
  }
  return total;
};

const finishRound = async (
  deps: MonitorDeps,
  round: EvaluationRound,
  failures: unknown[],
  now: Date
): Promise<EvaluationSummary> => {
  const { metrics, logger } = deps;
  const reported = new Map<number, ShardSummary>();
  const failed = new Map<number, ShardFailure>();
  for (const result of round.results) {
    if (isFailure(result)) failed.set(result.shard, result);
    else reported.set(result.shard, result);
  }
  const missing = round.shards
    .map((s) => s.index)
    .filter((index) => !reported.has(index));
  const summaries = [...reported.values()];
  const summary = totalOf(summaries);
  const openAlerts = summaries.reduce((sum, s) => sum + s.openAlerts, 0);
  const complete = missing.length === 0;
  // The heartbeat says every shard ran, even when some alerts failed.
  if (complete) {
    await deps.store.writeHeartbeat({
      at: now,
      services: summary.services,
      resources: summary.resources,
      openAlerts,
    });
  }
  if (metrics !== undefined) {
    if (complete) {
      metrics.addMetric('EvaluationHeartbeat', 'Count', 1);
      metrics.addMetric('OpenAlerts', 'Count', openAlerts);
    }
    metrics.addMetric('EvaluationShardsMissing', 'Count', missing.length);
    metrics.addMetric('FailedDeliveries', 'Count', summary.failedDeliveries);
    metrics.addMetric('EvaluationErrors', 'Count', summary.errors);
    metrics.publishStoredMetrics();
  }
  logger?.info('evaluation done', {
    ...summary,
    openAlerts,
    shards: round.shards.length,
  });
  if (!complete) {
    const reasons = missing.map((shard) => ({
      shard,
      error: failed.get(shard)?.error ?? 'no result',
    }));
    logger?.error('evaluation round incomplete: no heartbeat', { reasons });
    throw new RoundIncompleteError(
      missing,
      `shard(s) ${missing.join(', ')} of ${round.shards.length} did not report (${reasons.map((r) => `${r.shard}: ${r.error}`).join('; ')}); no heartbeat`
    );
  }
  throwIfFailed(failures);
  if (summary.errors > 0) {
    throw new EvaluationError(
      `${summary.errors} alert(s) could not be processed; the shards' logs name them`,
      summary.errors
    );
  }
  return summary;
};

/**
 * Finishes an evaluation round. When every planned shard reported, writes
 * the heartbeat (the item and the `EvaluationHeartbeat` metric) with the
 * round's totals and publishes OpenAlerts; always publishes
 * FailedDeliveries, EvaluationErrors and EvaluationShardsMissing. A shard
 * that failed or is missing withholds the heartbeat, so the
 * HeartbeatMissing alarm sees it.
 *
 * @param deps - the store and optionally a logger and metrics
 * @param round - the plan and what each shard returned
 * @param now - the finish's instant
 * @throws {RoundIncompleteError} naming the shards that did not report
 * @throws {EvaluationError} when the store failed for some alerts
 */
const finishEvaluation = (
  deps: MonitorDeps,
  round: EvaluationRound,
  now: Date
): Promise<EvaluationSummary> => finishRound(deps, round, [], now);

/**
 * Evaluates every runbook service and every unmapped resource at `now`, in
 * one process: plans the round, evaluates its shards one after another
 * (load: resource states per service, a GSI1 Query, never a Scan → check →
 * incidents: each alert opens, re-notifies or resolves → deliver), then
 * finishes it (heartbeat and metrics). The deployed monitor runs the same
 * three steps as a Step Functions round, its shards in parallel.
 *
 * @example
 * ```ts
 * import { runEvaluation } from '../src/monitor/index.js';
 *
 * const summary = await runEvaluation(
 *   { store, runbook, channels },
 *   new Date() // the invocation's only clock read
 * );
 * ```
 *
 * @param deps - the store, the runbook, the channels; optionally a logger, metrics and a route policy
 * @param now - the evaluation's instant
 * @throws {StoreError} when the states cannot be read (nothing was changed)
 * @throws {EvaluationError} after the pass, when the store failed for some alerts
 */
const runEvaluation = async (
  deps: MonitorDeps,
  now: Date
): Promise<EvaluationSummary> => {
  const plan = await planEvaluation(deps, now);
  const results: ShardSummary[] = [];
  const failures: unknown[] = [];
  for (const shard of plan.shards) {
    const outcome = await runShard(deps, shard, now);
    results.push(outcome.summary);
    failures.push(...outcome.failures);
  }
  return finishRound(deps, { ...plan, results }, failures, now);
};

/**
 * Evaluates resources whose states are in hand, with the active incidents
 * of their services only (a Query per service, not every active incident
 * of the fleet): a service's roll-up counts resources not evaluated now.
 */
const evaluateTargets = async (
  deps: MonitorDeps,
  targets: CheckTarget[],
  now: Date
): Promise<EvaluationSummary> => {
  if (targets.length === 0) {
    return { ...emptyAlertSummary(), services: 0, resources: 0 };
  }
  const services = new Set(
    targets.map((t) =>
      t.scenario === undefined
        ? (t.service?.id ?? UNMAPPED_SERVICE)
        : DRILLS_SERVICE
    )
  );
  const alerts = await Promise.all(
    [...services].map((id) => deps.store.listServiceAlerts(id))
  );
  const settled = await settleAlerts(
    withChannels(deps),
    withUnread(evaluationOf(targets, now, false), alerts.flat(), new Set()),
    alerts.flat(),
    now
  );
  throwIfFailed(settled.failures);
  return {
    ...settled.summary,
    services: servicesOf(targets),
    resources: targets.length,
  };
};

/**
 * Evaluates just these resources at `now`, as {@link runEvaluation} does for
 * all, without a heartbeat. Resources without a state item are skipped.
 *
 * @param deps - as for runEvaluation
 * @param resourceArns - the resources to evaluate
 * @param now - the evaluation's instant
 * @throws {StoreError} when the states cannot be read (nothing was changed)
 * @throws {EvaluationError} after the pass, when the store failed for some alerts
 */
const evaluateResources = async (
  deps: MonitorDeps,
  resourceArns: string[],
  now: Date
): Promise<EvaluationSummary> => {
  const states = await Promise.all(
    [...new Set(resourceArns)].map((arn) => deps.store.getResourceState(arn))
  );
  const targets = states.flatMap((state) =>
    state === undefined ? [] : (targetOf(deps.runbook, state) ?? [])
  );
  return evaluateTargets(deps, targets, now);
};

/**
 * Evaluates the resources a batch of newly recorded events touched, on the
 * states their writes returned, so a failed backup pages within seconds of
 * its event and a completed one resolves as fast. Services with a
 * `failureThreshold` above 1 are left to the scheduled evaluation: their
 * threshold counts evaluations 15 minutes apart, not events.
 *
 * @param deps - as for runEvaluation
 * @param recorded - the events recorded for the first time, in order
 * @param now - the evaluation's instant
 */
const evaluateRecorded = async (
  deps: MonitorDeps,
  recorded: RecordedEvent[],
  now: Date
): Promise<EvaluationSummary> => {
  // States only move forward: a resource's last write left its newest.
  const latest = new Map<string, ResourceState>();
  for (const { state } of recorded) latest.set(state.resourceArn, state);
  const atOnce = [...latest.values()]
    .flatMap((state) => targetOf(deps.runbook, state) ?? [])
    .filter((t) => (t.service?.failureThreshold ?? 1) <= 1)
    // In no incident and failing nothing, a resource can neither open nor
    // resolve one: no Query of its service's incidents (issue 18).
    .filter(
      (t) =>
        t.state.openIncidents !== undefined ||
        findingsFor(t, now).some((f) => f.status === 'open')
    );
  return evaluateTargets(deps, atOnce, now);
};

/**
 * Returns the open findings of every runbook service and unmapped resource
 * at `now`, each with the dedup key of the incident it is paged under (as
 * an evaluation at `now` would group it, given the stored incidents),
 * without moving any incident: what `sentinel replay` prints.
 *
 * @param deps - the store and the runbook
 * @param now - the instant to evaluate at
 */
const collectFindings = async (
  deps: CheckDeps,
  now: Date
): Promise<IncidentFinding[]> => {
  const { shards } = await planEvaluation(deps, now);
  const found: IncidentFinding[] = [];
  for (const shard of shards) {
    const { targets, alerts } = await loadShard(deps, shard, now);
    const { findings } = evaluationOf(targets, now, true);
    const incidentOf = new Map<Finding, string>();
    for (const work of groupIncidents(findings, 'all', alerts)) {
      for (const f of work.findings) incidentOf.set(f, dedupKey(work.key));
    }
    for (const f of findings) {
      found.push({ ...f, incident: incidentOf.get(f) ?? '' });
    }
  }
  return found;
};

/**
 * Watches every resource the runbook lists, and every drilled scenario,
 * from the first event the store holds, and returns that instant (`at`
 * when the store is empty). `sentinel replay` and `sentinel report` read a
 * history without the rounds that watched it: a service silent all
 * through it must count as missed from the history's start, and a bucket
 * whose first event is a failure as watched before it, as the deployed
 * monitor counts them from its first round.
 *
 * @param deps - the store and the runbook
 * @param at - the instant evaluated at
 */
const watchFromHistoryStart = async (
  deps: CheckDeps,
  at: Date
): Promise<Date> => {
  const { store, runbook } = deps;
  const listed = [
    ...runbook.services.map((s) => ({ id: s.id, resources: s.resources })),
    { id: DRILLS_SERVICE, resources: drillResources(runbook) },
  ];
  const states = await mapLimit(listed, REQUESTS_IN_FLIGHT, ({ id }) =>
    store.listServiceStates(id)
  );
  const seen = [...states.flat(), ...(await store.listUnmappedStates())];
  const since = new Date(
    seen.reduce(
      (min, s) => Math.min(min, s.firstSeenAt.getTime()),
      at.getTime()
    )
  );
  // As the deployed monitor's first round would have: every listed ARN,
  // reported or not, and every pattern nothing reported under.
  const watched = listed.flatMap(({ id, resources }, i) =>
    resources
      .filter((resource) => !reportedUnder(resource, states[i] ?? []))
      .map((resource) => ({ id, resource }))
  );
  await mapLimit(watched, REQUESTS_IN_FLIGHT, ({ id, resource }) =>
    store.ensureResource(resource, id, since)
  );
  return since;
};

export {
  collectFindings,
  evaluateRecorded,
  evaluateResources,
  evaluateShard,
  finishEvaluation,
  planEvaluation,
  runEvaluation,
  watchFromHistoryStart,
};
