import {
  type AlertDeps,
  dedupKey,
  type Evaluation,
  emptyAlertSummary,
  groupIncidents,
  settleAlerts,
  throwIfFailed,
} from '../alerts/index.js';
import {
  type CheckTarget,
  findingsFor,
  watchedStates,
} from '../checks/index.js';
import { drillResource } from '../events/index.js';
import {
  type AlertRecord,
  DRILLS_SERVICE,
  type Finding,
  type HistoryStore,
  type ResourceState,
  UNMAPPED_SERVICE,
} from '../model/index.js';
import { arnMatches, matchResource, type Runbook } from '../runbook/index.js';
import { settleHeldEvents } from './record.js';
import type {
  EvaluationSummary,
  IncidentFinding,
  MonitorDeps,
  RecordedEvent,
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
    const matched =
      known.has(resource) ||
      (resource.includes('*') &&
        states.some((s) => arnMatches(resource, s.resourceArn)));
    if (!matched)
      states.push(await store.ensureResource(resource, serviceId, now));
  }
  return states;
};

/**
 * Settles the held events (see settleHeldEvents), then reads every
 * service's states through GSI1, the drilled scenarios' and the unmapped
 * ones. Every service has at least one target: a resource the runbook lists
 * is watched before any event arrives.
 */
const loadAllTargets = async (
  deps: CheckDeps,
  now: Date
): Promise<CheckTarget[]> => {
  const { store, runbook } = deps;
  await settleHeldEvents(deps, now);
  const { links, drills } = runbook;
  const [perService, scenarios, unmapped] = await Promise.all([
    Promise.all(
      runbook.services.map(async (service): Promise<CheckTarget[]> => {
        const states = await listedStates(
          store,
          service.id,
          service.resources,
          now
        );
        return watchedStates(service, states).map((state) => ({
          service,
          state,
          links,
        }));
      })
    ),
    drills.scenarios.length === 0
      ? []
      : listedStates(
          store,
          DRILLS_SERVICE,
          drills.scenarios.map((s) => drillResource(s.id)),
          now
        ),
    store.listUnmappedStates(),
  ]);
  // The runbook may have claimed a resource since its state was recorded.
  return [
    ...perService.flat(),
    ...[...scenarios, ...unmapped].flatMap(
      (state) => targetOf(runbook, state) ?? []
    ),
  ];
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

/** Adds this evaluation's replication metrics to the targets they are of. */
const withReplication = async (
  deps: MonitorDeps,
  targets: CheckTarget[],
  now: Date
): Promise<{ targets: CheckTarget[]; read: Set<string> }> => {
  const readings =
    (await deps.replicationLag?.(deps.runbook, now)) ??
    new Map<string, never>();
  return {
    targets: targets.map((t) => {
      const replication = readings.get(t.state.resourceArn);
      return replication === undefined ? t : { ...t, replication };
    }),
    read: new Set(readings.keys()),
  };
};

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
 * Evaluates every runbook service and every unmapped resource at `now`:
 * load (resource states per service, a GSI1 Query, never a Scan) → check →
 * incidents (each alert opens, re-notifies or resolves) → deliver →
 * heartbeat and metrics.
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
  const [loaded, active] = await Promise.all([
    loadAllTargets(deps, now),
    deps.store.listActiveAlerts(),
  ]);
  const { targets, read } = await withReplication(deps, loaded, now);
  const settled = await settleAlerts(
    withChannels(deps),
    withUnread(evaluationOf(targets, now, true), active, read),
    active,
    now
  );
  const summary: EvaluationSummary = {
    ...settled.summary,
    services: deps.runbook.services.length,
    resources: targets.length,
  };
  const openAlerts = settled.statuses.filter((s) => s === 'open').length;
  // The heartbeat says the monitor ran, even when some alerts failed.
  await deps.store.writeHeartbeat({
    at: now,
    services: summary.services,
    resources: summary.resources,
    openAlerts,
  });
  if (deps.metrics !== undefined) {
    deps.metrics.addMetric('EvaluationHeartbeat', 'Count', 1);
    deps.metrics.addMetric('OpenAlerts', 'Count', openAlerts);
    deps.metrics.addMetric(
      'FailedDeliveries',
      'Count',
      summary.failedDeliveries
    );
    deps.metrics.addMetric('EvaluationErrors', 'Count', summary.errors);
    deps.metrics.publishStoredMetrics();
  }
  deps.logger?.info('evaluation done', { ...summary, openAlerts });
  throwIfFailed(settled.failures);
  return summary;
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
  const [targets, active] = await Promise.all([
    loadAllTargets(deps, now),
    deps.store.listActiveAlerts(),
  ]);
  const { findings } = evaluationOf(targets, now, true);
  const incidentOf = new Map<Finding, string>();
  for (const work of groupIncidents(findings, 'all', active)) {
    for (const f of work.findings) incidentOf.set(f, dedupKey(work.key));
  }
  return findings.map((f) => ({ ...f, incident: incidentOf.get(f) ?? '' }));
};

export { collectFindings, evaluateRecorded, evaluateResources, runEvaluation };
