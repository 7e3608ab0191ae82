import type { Runbook, Service } from './types.js';

const patternCache = new Map<string, RegExp>();

const toRegExp = (pattern: string): RegExp => {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    const escaped = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`^${escaped.join('.*')}$`);
    patternCache.set(pattern, re);
  }
  return re;
};

/**
 * Returns true when an ARN matches a runbook resource pattern, where `*`
 * matches any run of characters (including none).
 *
 * @param pattern - a pattern from a service's `resources`
 * @param resourceArn - the ARN to test
 */
const arnMatches = (pattern: string, resourceArn: string): boolean =>
  pattern.includes('*')
    ? toRegExp(pattern).test(resourceArn)
    : pattern === resourceArn;

/** A wildcard pattern and the position of its service in the runbook. */
interface Candidate {
  pattern: string;
  order: number;
  service: Service;
}

/** Every service's `resources`, arranged so one ARN looks at a handful. */
interface ResourceIndex {
  /** Literal ARNs: the first service that lists each. */
  exact: Map<string, Service>;
  /** Patterns by their literal prefix (the text before the first `*`), in runbook order. */
  byPrefix: Map<string, Candidate[]>;
  /** The lengths of those prefixes, ascending. */
  lengths: number[];
}

const buildIndex = (services: readonly Service[]): ResourceIndex => {
  const exact = new Map<string, Service>();
  const byPrefix = new Map<string, Candidate[]>();
  for (const [order, service] of services.entries()) {
    for (const pattern of service.resources) {
      const star = pattern.indexOf('*');
      if (star === -1) {
        if (!exact.has(pattern)) exact.set(pattern, service);
        continue;
      }
      const prefix = pattern.slice(0, star);
      const bucket = byPrefix.get(prefix);
      const candidate = { pattern, order, service };
      if (bucket === undefined) byPrefix.set(prefix, [candidate]);
      else bucket.push(candidate);
    }
  }
  const lengths = [...new Set([...byPrefix.keys()].map((p) => p.length))];
  return { exact, byPrefix, lengths: lengths.sort((a, b) => a - b) };
};

// Built once per list of services: ingest matches every event, and a
// runbook of 10,000 services has 100,000 patterns (issue 18).
const indexes = new WeakMap<readonly Service[], ResourceIndex>();

const indexOf = (services: readonly Service[]): ResourceIndex => {
  let index = indexes.get(services);
  if (index === undefined) {
    index = buildIndex(services);
    indexes.set(services, index);
  }
  return index;
};

/**
 * Returns the service whose `resources` claim an ARN, or undefined when no
 * service does. An exact ARN wins over a wildcard pattern, so a specific
 * entry can carve a resource out of a broad one; among services whose
 * patterns match, the first in the runbook wins. Only the patterns whose
 * literal prefix starts the ARN are tested.
 *
 * @param runbook - the loaded runbook
 * @param resourceArn - the resource ARN from an event
 */
const matchResource = (
  runbook: Runbook,
  resourceArn: string
): Service | undefined => {
  const { exact, byPrefix, lengths } = indexOf(runbook.services);
  const listed = exact.get(resourceArn);
  if (listed !== undefined) return listed;
  let best: Candidate | undefined;
  for (const length of lengths) {
    if (length > resourceArn.length) break;
    for (const candidate of byPrefix.get(resourceArn.slice(0, length)) ?? []) {
      // Each bucket is in runbook order: nothing after this can win.
      if (best !== undefined && candidate.order >= best.order) break;
      if (arnMatches(candidate.pattern, resourceArn)) {
        best = candidate;
        break;
      }
    }
  }
  return best?.service;
};

export { arnMatches, matchResource };
