import {
  checkUnmappedResource,
  evaluateResource,
  runbookIndexUrl,
  UNMAPPED_SERVICE,
} from '../checks/index.js';
import { mapLimit } from '../concurrency.js';
import type { RecordedEvent } from '../events/index.js';
import type {
  AlertKey,
  AlertRecord,
  AlertStatus,
  ChannelName,
  Finding,
  ResourceState,
} from '../model/index.js';
import type { AlertRoute, Runbook, Service } from '../runbook/index.js';
import { matchResource, runbookUrl } from '../runbook/index.js';
import { deliverAlert, hasDeliveriesDue } from './deliver.js';
import { EvaluationError } from './errors.js';
import { dedupKey } from './key.js';
import { planAlert } from './lifecycle.js';
import type {
  AlertLogger,
  AlertPolicy,
  DeliveryContext,
  EvaluationDeps,
  EvaluationSummary,
} from './types.js';

/**
 * Unmapped resources belong to no service and so to no route: they are
 * emailed through the alerts topic, never paged, since the fix is a runbook
 * change, not a 3 a.m. restore.
 */
const UNMAPPED_ROUTE: AlertRoute = { sns: true };

/** Route of a service that names none, or of an alert whose service is gone. */
const NO_ROUTE: AlertRoute = { sns: false };

/** Alerts saved and delivered at once: enough to overlap store latency. */
const CONCURRENCY = 16;

const SILENT: AlertLogger = { info() {}, warn() {}, error() {} };

/** One resource to evaluate; `service` undefined = no service claims it. */
interface Target {
  service: Service | undefined;
  state: ResourceState;
}

/** One alert to plan: a finding, or an active alert whose finding is gone. */
interface Work {
  key: AlertKey;
  finding: Finding | undefined;
  /** The stored alert, when already loaded with the active ones. */
  loaded: AlertRecord | undefined;
  isLoaded: boolean;
}

/**
 * Returns the channels a route pages: PagerDuty when it names an SSM
 * parameter, SNS when its `sns` flag is set.
 *
 * @param route - the alert route; undefined = none
 */
const channelsForRoute = (route: AlertRoute | undefined): ChannelName[] => [
  ...(route?.pagerduty === undefined ? [] : (['pagerduty'] as const)),
  ...(route?.sns === true ? (['sns'] as const) : []),
];

const keyOf = (f: Finding): AlertKey => ({
  service: f.service,
  check: f.check,
  resource: f.resource,
});

/** The resource's service: the one it was recorded under, else the runbook's match. */
const targetOf = (runbook: Runbook, state: ResourceState): Target => ({
  service:
    runbook.services.find((s) => s.id === state.service) ??
    matchResource(runbook, state.resourceArn),
  state,
});

/** What reading and checking need, without channels. */
type CheckDeps = Pick<EvaluationDeps, 'store' | 'runbook'>;

const findingsOf = (deps: CheckDeps, t: Target, now: Date): Finding[] =>
  t.service === undefined
    ? checkUnmappedResource(t.state, deps.runbook.links, now)
    : evaluateResource(
        { service: t.service, state: t.state, links: deps.runbook.links },
        now
      );

/**
 * Reads every service's states through GSI1 and the unmapped ones. A literal
 * runbook resource never seen gets a state item now, so its RPO counts from
 * when the runbook listed it.
 */
const loadAllTargets = async (
  deps: CheckDeps,
  now: Date
): Promise<Target[]> => {
  const { store, runbook } = deps;
  const [perService, unmapped] = await Promise.all([
    Promise.all(
      runbook.services.map(async (service): Promise<Target[]> => {
        const states = await store.listServiceStates(service.id);
        const known = new Set(states.map((s) => s.resourceArn));
        const unseen = service.resources.filter(
          (arn) => !arn.includes('*') && !known.has(arn)
        );
        for (const arn of unseen) {
          states.push(await store.ensureResource(arn, service.id, now));
        }
        return states.map((state) => ({ service, state }));
      })
    ),
    store.listUnmappedStates(),
  ]);
  // The runbook may have claimed a resource since its state was recorded.
  const claimed = unmapped.map((state) => targetOf(runbook, state));
  return [...perService.flat(), ...claimed];
};

/** The lifecycle policy and delivery context of one alert. */
const policyFor = (
  deps: EvaluationDeps,
  services: Map<string, Service>,
  key: AlertKey,
  logger: AlertLogger,
  now: Date
): { policy: AlertPolicy; context: DeliveryContext } => {
  const { runbook } = deps;
  const service = services.get(key.service);
  let route = NO_ROUTE;
  if (key.service === UNMAPPED_SERVICE) route = UNMAPPED_ROUTE;
  else if (service?.alerts !== undefined) {
    const named = runbook.alerts[service.alerts];
    if (named === undefined) {
      logger.warn('service names an alert route runbook.yml lacks', {
        service: service.id,
        route: service.alerts,
      });
    } else route = named;
  }
  const pick = deps.routeChannels ?? channelsForRoute;
  const policy: AlertPolicy = {
    failureThreshold: service?.failureThreshold ?? 1,
    renotifyMs: service?.renotifyMs ?? runbook.defaults.renotifyMs,
    silenced:
      service?.silences.some((s) => s.until.getTime() > now.getTime()) ?? false,
    channels: route === NO_ROUTE ? [] : pick(route),
  };
  const serviceUrl =
    service === undefined
      ? runbookIndexUrl(runbook.links)
      : runbookUrl(runbook.links, service.id, '');
  return { policy, context: { service, route, serviceUrl } };
};

const emptySummary = (): EvaluationSummary => ({
  services: 0,
  resources: 0,
  findings: 0,
  opened: 0,
  resolved: 0,
  notified: 0,
  failedDeliveries: 0,
  conflicts: 0,
  errors: 0,
});

/**
 * Evaluates the targets and moves every alert in scope: one per finding,
 * plus each active alert whose finding is gone. Returns the summary, the
 * final status of every alert it knows of, and the store failures (each
 * alert is processed apart, so one failure does not hold the others back).
 */
const evaluate = async (
  deps: EvaluationDeps,
  targets: Target[],
  active: AlertRecord[],
  now: Date
): Promise<{
  summary: EvaluationSummary;
  statuses: AlertStatus[];
  failures: unknown[];
}> => {
  const logger = deps.logger ?? SILENT;
  const summary = emptySummary();
  summary.services = new Set(
    targets.flatMap((t) => (t.service === undefined ? [] : [t.service.id]))
  ).size;
  summary.resources = targets.length;

  const work = new Map<string, Work>();
  for (const target of targets) {
    for (const finding of findingsOf(deps, target, now)) {
      const key = keyOf(finding);
      const id = dedupKey(key);
      if (work.has(id)) continue;
      work.set(id, { key, finding, loaded: undefined, isLoaded: false });
    }
  }
  summary.findings = work.size;
  const statuses = new Map<string, AlertStatus>();
  // Active alerts are read once; only findings without one cost a getAlert.
  for (const record of active) {
    const id = dedupKey(record.key);
    statuses.set(id, record.status);
    const found = work.get(id);
    work.set(id, {
      key: record.key,
      finding: found?.finding,
      loaded: record,
      isLoaded: true,
    });
  }

  const services = new Map(deps.runbook.services.map((s) => [s.id, s]));
  const failures: unknown[] = [];
  await mapLimit([...work.values()], CONCURRENCY, async (item) => {
    try {
      const previous = item.isLoaded
        ? item.loaded
        : await deps.store.getAlert(item.key);
      const { policy, context } = policyFor(
        deps,
        services,
        item.key,
        logger,
        now
      );
      const plan = planAlert(previous, item.finding, policy, item.key, now);
      const record =
        plan.record ??
        (previous !== undefined && hasDeliveriesDue(previous, now)
          ? previous
          : undefined);
      if (record === undefined) return;
      const outcome = await deliverAlert(
        { store: deps.store, channels: deps.channels, logger },
        record,
        previous?.version,
        plan.transitions,
        context,
        now
      );
      if (!outcome.saved) {
        summary.conflicts += 1;
        return;
      }
      statuses.set(dedupKey(item.key), record.status);
      summary.notified += outcome.delivered;
      summary.failedDeliveries += outcome.failed;
      for (const t of plan.transitions) {
        if (t.to === 'open') summary.opened += 1;
        if (t.to === 'resolved') summary.resolved += 1;
      }
    } catch (error) {
      failures.push(error);
      logger.error('alert not processed: the store failed', {
        alert: dedupKey(item.key),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  summary.errors = failures.length;
  return { summary, statuses: [...statuses.values()], failures };
};

const throwIfFailed = (failures: unknown[]): void => {
  if (failures.length === 0) return;
  throw new EvaluationError(
    `${failures.length} alert(s) could not be processed; see cause`,
    failures.length,
    { cause: new AggregateError(failures, 'store failures') }
  );
};

/**
 * Evaluates every runbook service and every unmapped resource at `now`:
 * reads resource states per service (a GSI1 Query, never a Scan), runs the
 * checks, moves each alert through its lifecycle (open, re-notify, resolve),
 * delivers what is owed, then writes the monitor's heartbeat item and
 * publishes its metrics.
 *
 * @example
 * ```ts
 * import { runEvaluation } from '../src/alerts/index.js';
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
  deps: EvaluationDeps,
  now: Date
): Promise<EvaluationSummary> => {
  const [targets, active] = await Promise.all([
    loadAllTargets(deps, now),
    deps.store.listActiveAlerts(),
  ]);
  const { summary, statuses, failures } = await evaluate(
    deps,
    targets,
    active,
    now
  );
  const openAlerts = statuses.filter((s) => s === 'open').length;
  summary.services = deps.runbook.services.length;
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
  (deps.logger ?? SILENT).info('evaluation done', { ...summary, openAlerts });
  throwIfFailed(failures);
  return summary;
};

/**
 * Evaluates resources whose states are in hand, with their active alerts
 * only (a Query per resource, not every active alert of the fleet).
 */
const evaluateTargets = async (
  deps: EvaluationDeps,
  targets: Target[],
  now: Date
): Promise<EvaluationSummary> => {
  if (targets.length === 0) return emptySummary();
  const alerts = await Promise.all(
    targets.map((t) => deps.store.listResourceAlerts(t.state.resourceArn))
  );
  const { summary, failures } = await evaluate(
    deps,
    targets,
    alerts.flat(),
    now
  );
  throwIfFailed(failures);
  return summary;
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
  deps: EvaluationDeps,
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
 * Returns the open findings of every runbook service and unmapped resource
 * at `now`, without moving any alert: what `sentinel replay` prints.
 *
 * @param deps - the store and the runbook
 * @param now - the instant to evaluate at
 */
const collectFindings = async (
  deps: CheckDeps,
  now: Date
): Promise<Finding[]> => {
  const targets = await loadAllTargets(deps, now);
  return targets
    .flatMap((t) => findingsOf(deps, t, now))
    .filter((f) => f.status === 'open');
};

/**
 * Returns ingest's `onRecorded` hook: evaluates the resources a batch
 * touched, on the states its writes returned, so a failed backup pages
 * within seconds of its event and a completed one resolves as fast.
 * Services with a `failureThreshold` above 1 are left to the scheduled
 * evaluation: their threshold counts evaluations 15 minutes apart, not
 * events.
 *
 * @param deps - as for runEvaluation
 */
const evaluateRecorded =
  (deps: EvaluationDeps) =>
  async (recorded: RecordedEvent[], now: Date): Promise<void> => {
    // States only move forward: a resource's last write left its newest.
    const latest = new Map<string, ResourceState>();
    for (const { state } of recorded) latest.set(state.resourceArn, state);
    const atOnce = [...latest.values()]
      .map((state) => targetOf(deps.runbook, state))
      .filter((t) => (t.service?.failureThreshold ?? 1) <= 1);
    await evaluateTargets(deps, atOnce, now);
  };

export {
  channelsForRoute,
  collectFindings,
  evaluateRecorded,
  evaluateResources,
  runEvaluation,
};
