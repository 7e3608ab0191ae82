import {
  type AlertDeps,
  dedupKey,
  type Evaluation,
  emptyAlertSummary,
  groupIncidents,
  settleAlerts,
  throwIfFailed,
} from '../alerts/index.js';
import { type CheckTarget, findingsFor } from '../checks/index.js';
import {
  type Finding,
  type ResourceState,
  UNMAPPED_SERVICE,
} from '../model/index.js';
import { matchResource, type Runbook } from '../runbook/index.js';
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

/** The resource's service: the one it was recorded under, else the runbook's match. */
const targetOf = (runbook: Runbook, state: ResourceState): CheckTarget => ({
  service:
    runbook.services.find((s) => s.id === state.service) ??
    matchResource(runbook, state.resourceArn),
  state,
  links: runbook.links,
});

/**
 * Reads every service's states through GSI1 and the unmapped ones. A literal
 * runbook resource never seen gets a state item now, so its RPO counts from
 * when the runbook listed it.
 */
const loadAllTargets = async (
  deps: CheckDeps,
  now: Date
): Promise<CheckTarget[]> => {
  const { store, runbook } = deps;
  const [perService, unmapped] = await Promise.all([
    Promise.all(
      runbook.services.map(async (service): Promise<CheckTarget[]> => {
        const states = await store.listServiceStates(service.id);
        const known = new Set(states.map((s) => s.resourceArn));
        const unseen = service.resources.filter(
          (arn) => !arn.includes('*') && !known.has(arn)
        );
        for (const arn of unseen) {
          states.push(await store.ensureResource(arn, service.id, now));
        }
        return states.map((state) => ({
          service,
          state,
          links: runbook.links,
        }));
      })
    ),
    store.listUnmappedStates(),
  ]);
  // The runbook may have claimed a resource since its state was recorded.
  const claimed = unmapped.map((state) => targetOf(runbook, state));
  return [...perService.flat(), ...claimed];
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
  const [targets, active] = await Promise.all([
    loadAllTargets(deps, now),
    deps.store.listActiveAlerts(),
  ]);
  const settled = await settleAlerts(
    withChannels(deps),
    evaluationOf(targets, now, true),
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
    targets.map((t) => t.service?.id ?? UNMAPPED_SERVICE)
  );
  const alerts = await Promise.all(
    [...services].map((id) => deps.store.listServiceAlerts(id))
  );
  const settled = await settleAlerts(
    withChannels(deps),
    evaluationOf(targets, now, false),
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
    state === undefined ? [] : [targetOf(deps.runbook, state)]
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
    .map((state) => targetOf(deps.runbook, state))
    .filter((t) => (t.service?.failureThreshold ?? 1) <= 1);
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
