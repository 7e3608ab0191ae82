import type { Service, Tier } from './types.js';

type DependencyNode = Pick<Service, 'id' | 'dependsOn'>;

/** The restore plan for a total outage. */
interface RestoreOrder {
  /** Topological layers, dependencies first; a wave's services can be restored in parallel. */
  waves: string[][];
  /** The dependency chain with the largest sum of RTOs, dependency first. */
  criticalPath: string[];
  /** Sum of the RTOs along {@link RestoreOrder.criticalPath}. */
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

/** Within a wave: critical services first, then by id, so the order is stable. */
const byTierThenId = (a: Service, b: Service): number =>
  TIER_RANK[a.tier] - TIER_RANK[b.tier] || compareIds(a.id, b.id);

/**
 * Kahn's layering. Services on or behind a cycle never become ready; they
 * form one last wave so that no service disappears from the plan.
 */
const layer = (services: Service[]): Service[][] => {
  const ids = new Set(services.map((s) => s.id));
  const placed = new Set<string>();
  const waves: Service[][] = [];
  let remaining = [...services];
  while (remaining.length > 0) {
    const ready = remaining.filter((s) =>
      knownDependencies(s, ids).every((dep) => placed.has(dep))
    );
    const wave = ready.length > 0 ? ready : remaining;
    wave.sort(byTierThenId);
    waves.push(wave);
    for (const s of wave) placed.add(s.id);
    remaining = remaining.filter((s) => !placed.has(s.id));
  }
  return waves;
};

interface Chain {
  totalMs: number;
  /** The dependency the longest chain comes through, if any. */
  via?: string;
}

/**
 * The longest RTO chain ending at each service (the service included), in
 * wave order so each dependency is computed first. Inside a cycle only the
 * dependencies already computed count, which keeps this finite.
 */
const longestChains = (
  services: Service[],
  waves: Service[][]
): Map<string, Chain> => {
  const ids = new Set(services.map((s) => s.id));
  const chains = new Map<string, Chain>();
  for (const s of waves.flat()) {
    let best: Chain = { totalMs: s.recovery.rtoMs };
    for (const dep of knownDependencies(s, ids)) {
      const chain = chains.get(dep);
      if (
        chain !== undefined &&
        chain.totalMs + s.recovery.rtoMs > best.totalMs
      ) {
        best = { totalMs: chain.totalMs + s.recovery.rtoMs, via: dep };
      }
    }
    chains.set(s.id, best);
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
 * Returns the restore order for a total outage: topological waves
 * (dependencies first; critical services, then ids, first within a wave) and
 * the critical path, the dependency chain whose RTOs add up to the most.
 * Assumes a cycle-free graph (lint rejects cycles) but stays finite on one:
 * the services caught in it form a final wave.
 *
 * @param services - the runbook's services
 */
const restoreOrder = (services: Service[]): RestoreOrder => {
  const waves = layer(services);
  const chains = longestChains(services, waves);
  let endId: string | undefined;
  let criticalPathMs = 0;
  for (const s of waves.flat()) {
    const total = chains.get(s.id)!.totalMs;
    if (endId === undefined || total > criticalPathMs) {
      endId = s.id;
      criticalPathMs = total;
    }
  }
  return {
    waves: waves.map((wave) => wave.map((s) => s.id)),
    criticalPath: endId === undefined ? [] : chainTo(chains, endId),
    criticalPathMs,
  };
};

/**
 * Returns the slowest chain of dependencies that must be restored before a
 * service: the largest sum of RTOs along one chain, the service itself
 * excluded. Returns `{ path: [], totalMs: 0 }` for a service without known
 * dependencies or an unknown id.
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
  const chains = longestChains(others, layer(others));
  let best: DependencyPath = { path: [], totalMs: 0 };
  for (const dep of service.dependsOn) {
    const chain = chains.get(dep);
    if (chain !== undefined && chain.totalMs > best.totalMs) {
      best = { path: chainTo(chains, dep), totalMs: chain.totalMs };
    }
  }
  return best;
};

export type { DependencyPath, RestoreOrder };
export { dependencyPathMs, findCycle, restoreOrder };
