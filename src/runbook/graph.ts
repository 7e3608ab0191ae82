import type { Service, Tier } from './types.js';

type DependencyNode = Pick<Service, 'id' | 'dependsOn'>;

/** Services that can be restored at the same time, in one phase. */
interface RestoreWave {
  /** The restore phase the wave belongs to; phase 1 comes first. */
  phase: number;
  /** Service ids, critical first, then by id. */
  services: string[];
}

/** The restore plan for a total outage. */
interface RestoreOrder {
  /**
   * Topological layers, phase by phase: a wave's services depend only on
   * services of earlier waves, so they can be restored in parallel.
   */
  waves: RestoreWave[];
  /**
   * Every service once, in the order to start restoring them one at a
   * time: phase by phase, dependencies first, and among the services free
   * to start, critical before high before standard, then by id.
   */
  sequence: string[];
  /**
   * The chain of restores that ends last, first restore first: each id is a
   * dependency of the next, or, where the chain enters a later phase, the
   * service whose restore ends the phase before.
   */
  criticalPath: string[];
  /** When the last restore ends: the sum of the RTOs along {@link RestoreOrder.criticalPath}. */
  criticalPathMs: number;
}

/** The slowest chain of dependencies in front of one service. */
interface DependencyPath {
  /** Dependency ids, dependency first; the service itself is not included. */
  path: string[];
  totalMs: number;
}

const TIER_RANK: Record<Tier, number> = { critical: 0, high: 1, standard: 2 };

/** Dependencies that name a service in the list, in declared order, without repeats. */
const knownDependencies = (
  node: DependencyNode,
  ids: ReadonlySet<string>
): string[] => [...new Set(node.dependsOn.filter((dep) => ids.has(dep)))];

/**
 * Returns the ids around one dependency cycle, the first id repeated at the
 * end (`['a', 'b', 'a']`), or undefined when there is none. Services are
 * visited in list order and dependencies in declared order, so the same
 * runbook always reports the same cycle. Unknown ids are ignored: lint
 * reports those separately.
 *
 * @param services - the services, or just their ids and dependencies
 */
const findCycle = (services: DependencyNode[]): string[] | undefined => {
  const byId = new Map(services.map((s) => [s.id, s]));
  const ids = new Set(byId.keys());
  const done = new Set<string>();
  // Iterative DFS: a long dependency chain must not overflow the call stack.
  for (const root of services) {
    if (done.has(root.id)) continue;
    const path: string[] = [root.id];
    const onPath = new Set(path);
    const pending: string[][] = [knownDependencies(root, ids)];
    while (path.length > 0) {
      const next = pending.at(-1)!.shift();
      if (next === undefined) {
        const finished = path.pop()!;
        done.add(finished);
        onPath.delete(finished);
        pending.pop();
        continue;
      }
      if (onPath.has(next)) {
        return [...path.slice(path.indexOf(next)), next];
      }
      if (done.has(next)) continue;
      path.push(next);
      onPath.add(next);
      pending.push(knownDependencies(byId.get(next)!, ids));
    }
  }
  return undefined;
};

// Code-unit order, not localeCompare: the result must not depend on the locale.
const compareIds = (a: string, b: string): number =>
  a < b ? -1 : a > b ? 1 : 0;

/** Critical services first, then by id, so the order is stable. */
const byTierThenId = (a: Service, b: Service): number =>
  TIER_RANK[a.tier] - TIER_RANK[b.tier] || compareIds(a.id, b.id);

/** The phase a service asks for; without `recovery.phase`, the first. */
const phaseOf = (service: Service): number => service.recovery.phase ?? 1;

/**
 * The phase each service is restored in: its own, or a later one when a
 * dependency asks for a later phase, so dependencies always come first
 * (lint reports such a service as an error). Values only grow and are
 * bounded by the largest phase, so this ends even on a cycle.
 */
const effectivePhases = (services: Service[]): Map<string, number> => {
  const ids = new Set(services.map((s) => s.id));
  const phases = new Map(services.map((s) => [s.id, phaseOf(s)]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of services) {
      for (const dep of knownDependencies(s, ids)) {
        if (phases.get(dep)! > phases.get(s.id)!) {
          phases.set(s.id, phases.get(dep)!);
          changed = true;
        }
      }
    }
  }
  return phases;
};

/** The services grouped by effective phase, earliest phase first. */
const byPhase = (services: Service[]): [number, Service[]][] => {
  const phases = effectivePhases(services);
  const groups = new Map<number, Service[]>();
  for (const s of services) {
    const phase = phases.get(s.id)!;
    groups.set(phase, [...(groups.get(phase) ?? []), s]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b);
};

interface Wave {
  phase: number;
  services: Service[];
}

/**
 * Kahn's layering, phase by phase; dependencies in earlier phases are
 * already restored. Services on or behind a cycle never become ready; they
 * form their phase's last wave so that no service disappears from the plan.
 */
const layer = (services: Service[]): Wave[] => {
  const ids = new Set(services.map((s) => s.id));
  const placed = new Set<string>();
  const waves: Wave[] = [];
  for (const [phase, group] of byPhase(services)) {
    let remaining = group;
    while (remaining.length > 0) {
      const ready = remaining.filter((s) =>
        knownDependencies(s, ids).every((dep) => placed.has(dep))
      );
      const wave = ready.length > 0 ? ready : remaining;
      wave.sort(byTierThenId);
      waves.push({ phase, services: wave });
      for (const s of wave) placed.add(s.id);
      remaining = remaining.filter((s) => !placed.has(s.id));
    }
  }
  return waves;
};

/**
 * List scheduling, phase by phase: of the services whose dependencies are
 * all restored, the most critical goes next. Services caught in a cycle
 * follow the rest of their phase, most critical first.
 */
const startSequence = (services: Service[]): string[] => {
  const ids = new Set(services.map((s) => s.id));
  const placed = new Set<string>();
  const order: string[] = [];
  for (const [, group] of byPhase(services)) {
    let remaining = [...group].sort(byTierThenId);
    while (remaining.length > 0) {
      const next =
        remaining.find((s) =>
          knownDependencies(s, ids).every((dep) => placed.has(dep))
        ) ?? remaining[0]!;
      placed.add(next.id);
      order.push(next.id);
      remaining = remaining.filter((s) => s !== next);
    }
  }
  return order;
};

interface Chain {
  totalMs: number;
  /** The service the longest chain comes through, if any. */
  via?: string;
}

/**
 * The longest RTO chain ending at each service (the service included), in
 * wave order so each dependency is computed first. With `phaseGates`, a
 * service also waits for every restore of the earlier phases, so the chain
 * may come through the one that ends last. Inside a cycle only the
 * dependencies already computed count, which keeps this finite.
 */
const longestChains = (
  services: Service[],
  waves: Wave[],
  phaseGates: boolean
): Map<string, Chain> => {
  const ids = new Set(services.map((s) => s.id));
  const chains = new Map<string, Chain>();
  // The restore that ends last among the earlier phases.
  let gate: string | undefined;
  let latest: string | undefined;
  let phase: number | undefined;
  for (const wave of waves) {
    if (phaseGates && wave.phase !== phase) {
      gate = latest;
      phase = wave.phase;
    }
    for (const s of wave.services) {
      const rtoMs = s.recovery.rtoMs;
      let best: Chain = { totalMs: rtoMs };
      const before = [...knownDependencies(s, ids)];
      if (gate !== undefined) before.push(gate);
      for (const id of before) {
        const chain = chains.get(id);
        if (chain !== undefined && chain.totalMs + rtoMs > best.totalMs) {
          best = { totalMs: chain.totalMs + rtoMs, via: id };
        }
      }
      chains.set(s.id, best);
      if (latest === undefined || best.totalMs > chains.get(latest)!.totalMs) {
        latest = s.id;
      }
    }
  }
  return chains;
};

/** Follows `via` back from a service; the result is dependency first. */
const chainTo = (chains: Map<string, Chain>, id: string): string[] => {
  const path: string[] = [];
  const seen = new Set<string>();
  let current: string | undefined = id;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    path.unshift(current);
    current = chains.get(current)?.via;
  }
  return path;
};

/**
 * Returns the restore order for a total outage. Phases come one after the
 * other (`recovery.phase`, 1 when absent); within a phase, dependencies
 * come first: topological waves, each ordered critical, high, standard,
 * then by id, and one sequence that always starts the most critical
 * service free to start. The critical path is the chain of restores that
 * ends last, a later phase waiting for all of the earlier ones. Assumes a
 * cycle-free graph in which no service asks for an earlier phase than its
 * dependencies (lint rejects both) but stays finite and dependency-first
 * on one: services caught in a cycle form their phase's last wave, and a
 * service moves to its latest dependency's phase.
 *
 * @param services - the runbook's services
 */
const restoreOrder = (services: Service[]): RestoreOrder => {
  const waves = layer(services);
  const chains = longestChains(services, waves, true);
  let endId: string | undefined;
  let criticalPathMs = 0;
  for (const s of waves.flatMap((w) => w.services)) {
    const total = chains.get(s.id)!.totalMs;
    if (endId === undefined || total > criticalPathMs) {
      endId = s.id;
      criticalPathMs = total;
    }
  }
  return {
    waves: waves.map((w) => ({
      phase: w.phase,
      services: w.services.map((s) => s.id),
    })),
    sequence: startSequence(services),
    criticalPath: endId === undefined ? [] : chainTo(chains, endId),
    criticalPathMs,
  };
};

/**
 * Returns the slowest chain of dependencies that must be restored before a
 * service: the largest sum of RTOs along one chain, the service itself
 * excluded. Phases do not count: this is what the service needs, not when
 * the plan gets to it. Returns `{ path: [], totalMs: 0 }` for a service
 * without known dependencies or an unknown id.
 *
 * @param services - the runbook's services
 * @param serviceId - the service whose dependencies are measured
 */
const dependencyPathMs = (
  services: Service[],
  serviceId: string
): DependencyPath => {
  const service = services.find((s) => s.id === serviceId);
  if (service === undefined) return { path: [], totalMs: 0 };
  // Without the service itself, a chain cannot lead back to it even when
  // the graph has a cycle; on a cycle-free graph nothing changes.
  const others = services.filter((s) => s.id !== serviceId);
  const chains = longestChains(others, layer(others), false);
  let best: DependencyPath = { path: [], totalMs: 0 };
  for (const dep of service.dependsOn) {
    const chain = chains.get(dep);
    if (chain !== undefined && chain.totalMs > best.totalMs) {
      best = { path: chainTo(chains, dep), totalMs: chain.totalMs };
    }
  }
  return best;
};

export type { DependencyPath, RestoreOrder, RestoreWave };
export { dependencyPathMs, findCycle, restoreOrder };
