import {
  type AlertKey,
  type AlertRecord,
  CHECK_IDS,
  type CheckId,
  type Finding,
} from '../model/index.js';
import { dedupKey } from './key.js';

/**
 * Failing resources of one service from which they are paged as one
 * incident for the service instead of one per resource. Three, because two
 * broken resources are still worth two pages with their own names, while a
 * plan or a permission that breaks every resource of a service should wake
 * someone once (the README states the same number).
 */
const ROLL_UP_AT = 3;

// CHECK_IDS lists the checks root cause first.
const rank = (check: CheckId): number => CHECK_IDS.indexOf(check);

/**
 * Returns findings root cause first: by CHECK_IDS' order, then the
 * oldest first, then by resource.
 *
 * @param findings - findings of one incident
 */
const orderFindings = (findings: Finding[]): Finding[] =>
  [...findings].sort(
    (a, b) =>
      rank(a.check) - rank(b.check) ||
      a.since.getTime() - b.since.getTime() ||
      a.resource.localeCompare(b.resource)
  );

/** One incident to move through its lifecycle in this evaluation. */
interface IncidentWork {
  key: AlertKey;
  /** The stored record under this key, when it is active. */
  previous: AlertRecord | undefined;
  /** Its failing checks after this evaluation, root cause first; [] = none. */
  findings: Finding[];
  /** Set on a resource's incident that a new roll-up takes over. */
  mergedInto?: AlertKey;
  /**
   * Consecutive failing evaluations a new roll-up inherits from the
   * incidents it takes over, so a page already open is not held back by
   * `failureThreshold` once more.
   */
  carriedFailures: number;
}

/** The resources an evaluation looked at: its findings are complete for these. */
type Evaluated = ReadonlySet<string> | 'all';

const isIn = (evaluated: Evaluated, resource: string): boolean =>
  evaluated === 'all' || evaluated.has(resource);

/** Failing checks of an incident about resources this evaluation did not look at. */
const retained = (record: AlertRecord, evaluated: Evaluated): Finding[] =>
  record.findings.filter(
    (f) => f.status === 'open' && !isIn(evaluated, f.resource)
  );

const groupBy = <T>(
  items: T[],
  keyOf: (item: T) => string
): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = map.get(key);
    if (group === undefined) map.set(key, [item]);
    else group.push(item);
  }
  return map;
};

/**
 * Returns the incidents an evaluation moves and the findings of each.
 *
 * - One incident per (service, resource) while any check fails for it.
 * - When {@link ROLL_UP_AT} or more resources of a service are failing
 *   (those evaluated now and those still failing in its stored incidents),
 *   or the service's roll-up is already active, every failing resource of
 *   the service belongs to the roll-up; the service's resource incidents
 *   are merged into it (they resolve, with `mergedInto`). A roll-up stays
 *   until every check of every resource in it passes.
 * - Findings of resources the evaluation did not look at stay where they
 *   are, so ingest, which evaluates only the resources an event touched,
 *   neither resolves nor splits a roll-up.
 * - An active incident whose resources were evaluated and pass gets [] (it
 *   resolves); one that already resolved but still owes a delivery comes
 *   back with [] so the delivery is retried.
 *
 * @param findings - the open findings of the evaluated resources
 * @param evaluated - the resources they are complete for; 'all' for a full evaluation
 * @param active - the stored active incidents of the services concerned
 */
const groupIncidents = (
  findings: Finding[],
  evaluated: Evaluated,
  active: AlertRecord[]
): IncidentWork[] => {
  const stored = new Map(active.map((r) => [dedupKey(r.key), r]));
  const live = active.filter((r) => r.status !== 'resolved');
  const work = new Map<string, IncidentWork>();
  const add = (
    key: AlertKey,
    items: Finding[],
    extra: Partial<IncidentWork> = {}
  ): void => {
    const id = dedupKey(key);
    work.set(id, {
      key,
      previous: stored.get(id),
      findings: orderFindings(items),
      carriedFailures: 0,
      ...extra,
    });
  };
  // Grouped by service once: a fleet-wide evaluation has thousands.
  const findingsOf = groupBy(findings, (f) => f.service);
  const incidentsOf = groupBy(live, (r) => r.key.service);
  const services = new Set([...findingsOf.keys(), ...incidentsOf.keys()]);
  for (const service of services) {
    const current = findingsOf.get(service) ?? [];
    const mine = incidentsOf.get(service) ?? [];
    const kept = mine.flatMap((r) => retained(r, evaluated));
    const failing = new Set([...current, ...kept].map((f) => f.resource));
    const rollUp = mine.find((r) => r.key.resource === undefined);
    if (rollUp !== undefined || failing.size >= ROLL_UP_AT) {
      const merged = mine.filter((r) => r.key.resource !== undefined);
      add({ service }, [...current, ...kept], {
        carriedFailures:
          rollUp === undefined
            ? Math.max(0, ...merged.map((r) => r.failures))
            : 0,
      });
      for (const r of merged) add(r.key, [], { mergedInto: { service } });
      continue;
    }
    const fresh = groupBy(current, (f) => f.resource);
    for (const r of mine) {
      const resource = r.key.resource as string;
      // Left alone by an evaluation that did not look at its resource.
      if (!isIn(evaluated, resource)) continue;
      add(r.key, fresh.get(resource) ?? []);
      fresh.delete(resource);
    }
    for (const [resource, items] of fresh) add({ service, resource }, items);
  }
  for (const r of active) {
    if (r.status === 'resolved' && !work.has(dedupKey(r.key))) add(r.key, []);
  }
  return [...work.values()];
};

export type { Evaluated, IncidentWork };
export { groupIncidents, orderFindings, ROLL_UP_AT };
