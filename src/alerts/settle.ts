import { mapLimit } from '../concurrency.js';
import type {
  AlertKey,
  AlertRecord,
  AlertStatus,
  ChannelName,
  Finding,
} from '../model/index.js';
import { DRILLS_SERVICE, UNMAPPED_SERVICE } from '../model/index.js';
import type { AlertRoute, Service } from '../runbook/index.js';
import {
  disasterRecoveryUrl,
  runbookIndexUrl,
  runbookUrl,
} from '../runbook/index.js';
import { deliverAlert, hasDeliveriesDue } from './deliver.js';
import { EvaluationError } from './errors.js';
import { dedupKey } from './key.js';
import { planAlert } from './lifecycle.js';
import type {
  AlertDeps,
  AlertLogger,
  AlertPolicy,
  AlertSummary,
  DeliveryContext,
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

/** One alert to plan: a finding, or an active alert whose finding is gone. */
interface Work {
  key: AlertKey;
  finding: Finding | undefined;
  /** The stored alert, when already loaded with the active ones. */
  loaded: AlertRecord | undefined;
  isLoaded: boolean;
}

/** What {@link settleAlerts} did. */
interface Settled {
  summary: AlertSummary;
  /** The final status of every alert it knows of. */
  statuses: AlertStatus[];
  /** Store failures, one per alert that could not be processed. */
  failures: unknown[];
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

/** The lifecycle policy and delivery context of one alert. */
const policyFor = (
  deps: AlertDeps,
  services: Map<string, Service>,
  key: AlertKey,
  logger: AlertLogger,
  now: Date
): { policy: AlertPolicy; context: DeliveryContext } => {
  const { runbook } = deps;
  const service = services.get(key.service);
  let route = NO_ROUTE;
  // DR drills page the route runbook.yml's `drills` names.
  const routeName =
    key.service === DRILLS_SERVICE ? runbook.drills.alerts : service?.alerts;
  if (key.service === UNMAPPED_SERVICE) route = UNMAPPED_ROUTE;
  else if (routeName !== undefined) {
    const named = runbook.alerts[routeName];
    if (named === undefined) {
      logger.warn('service names an alert route runbook.yml lacks', {
        service: key.service,
        route: routeName,
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
    key.service === DRILLS_SERVICE
      ? disasterRecoveryUrl(runbook.links, '')
      : service === undefined
        ? runbookIndexUrl(runbook.links)
        : runbookUrl(runbook.links, service.id, '');
  return { policy, context: { service, route, serviceUrl } };
};

/**
 * Returns a summary with every count at zero.
 */
const emptyAlertSummary = (): AlertSummary => ({
  findings: 0,
  opened: 0,
  resolved: 0,
  notified: 0,
  failedDeliveries: 0,
  conflicts: 0,
  errors: 0,
});

/**
 * Moves every alert in scope through its lifecycle and delivers what is
 * owed: one alert per finding, plus each active alert whose finding is gone
 * (it resolves). Each alert is processed apart, so one store failure does
 * not hold the others back; failures are returned, not thrown.
 *
 * @param deps - the store, the runbook, the channels, a logger
 * @param findings - the open findings of the resources in scope
 * @param active - the stored active alerts of the same resources
 * @param now - the evaluation's instant
 */
const settleAlerts = async (
  deps: AlertDeps,
  findings: Finding[],
  active: AlertRecord[],
  now: Date
): Promise<Settled> => {
  const logger = deps.logger ?? SILENT;
  const summary = emptyAlertSummary();
  const work = new Map<string, Work>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const id = dedupKey(key);
    if (work.has(id)) continue;
    work.set(id, { key, finding, loaded: undefined, isLoaded: false });
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

/**
 * Throws when some alerts could not be processed; the others were.
 *
 * @param failures - from {@link settleAlerts}
 * @throws {EvaluationError} with the failures as an AggregateError cause
 */
const throwIfFailed = (failures: unknown[]): void => {
  if (failures.length === 0) return;
  throw new EvaluationError(
    `${failures.length} alert(s) could not be processed; see cause`,
    failures.length,
    { cause: new AggregateError(failures, 'store failures') }
  );
};

export type { Settled };
export { channelsForRoute, emptyAlertSummary, settleAlerts, throwIfFailed };
