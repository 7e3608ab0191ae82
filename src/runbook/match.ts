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

/** Patterns by their literal prefix (the text before the first `*`). */
interface PrefixIndex {
  /** Each bucket in runbook order. */
  byPrefix: Map<string, Candidate[]>;
  /** The lengths of the prefixes, ascending. */
  lengths: number[];
}

/** Every service's `resources`, arranged so one ARN looks at a handful. */
interface ResourceIndex {
  /** Literal ARNs: the first service that lists each. */
  exact: Map<string, Service>;
  /**
   * Patterns whose literal prefix holds the five fields before the
   * resource (`arn:aws:rds:us-east-1:111122223333:`), by those fields, each
   * with the rest of its prefix.
   */
  byHead: Map<string, PrefixIndex>;
  /** Patterns with a `*` in the partition, service, region or account. */
  loose: PrefixIndex;
}

/** Returns where an ARN's resource part starts, or -1 (not five colons). */
const headEnd = (text: string): number => {
  let at = -1;
  for (let colons = 0; colons < 5; colons += 1) {
    at = text.indexOf(':', at + 1);
    if (at === -1) return -1;
  }
  return at + 1;
};

const addCandidate = (
  index: PrefixIndex,
  prefix: string,
  candidate: Candidate
): void => {
  const bucket = index.byPrefix.get(prefix);
  if (bucket !== undefined) {
    bucket.push(candidate);
    return;
  }
  index.byPrefix.set(prefix, [candidate]);
  if (!index.lengths.includes(prefix.length)) {
    index.lengths.push(prefix.length);
    index.lengths.sort((a, b) => a - b);
  }
};

const buildIndex = (services: readonly Service[]): ResourceIndex => {
  const emptyIndex = (): PrefixIndex => ({ byPrefix: new Map(), lengths: [] });
  const index: ResourceIndex = {
    exact: new Map(),
    byHead: new Map(),
    loose: emptyIndex(),
  };
  for (const [order, service] of services.entries()) {
    for (const pattern of service.resources) {
      const star = pattern.indexOf('*');
      if (star === -1) {
        if (!index.exact.has(pattern)) index.exact.set(pattern, service);
        continue;
      }
      const prefix = pattern.slice(0, star);
      const candidate = { pattern, order, service };
      const end = headEnd(prefix);
      if (end === -1) {
        addCandidate(index.loose, prefix, candidate);
        continue;
      }
      const head = prefix.slice(0, end);
      let sub = index.byHead.get(head);
      if (sub === undefined) {
        sub = emptyIndex();
        index.byHead.set(head, sub);
      }
      addCandidate(sub, prefix.slice(end), candidate);
    }
  }
  return index;
};

/**
 * Returns the first candidate in runbook order, or `best` if it comes
 * first, among the patterns of `index` that match `arn`, whose prefixes
 * are looked up from `offset` on.
 */
const firstMatch = (
  index: PrefixIndex | undefined,
  arn: string,
  offset: number,
  best: Candidate | undefined
): Candidate | undefined => {
  let found = best;
  for (const length of index?.lengths ?? []) {
    if (offset + length > arn.length) break;
    const key = arn.slice(offset, offset + length);
    for (const candidate of index?.byPrefix.get(key) ?? []) {
      // Each bucket is in runbook order: nothing after this can win.
      if (found !== undefined && candidate.order >= found.order) break;
      if (arnMatches(candidate.pattern, arn)) {
        found = candidate;
        break;
      }
    }
  }
  return found;
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
 * literal prefix starts the ARN are tested: those of its partition,
 * service, region and account, and the few with a wildcard among them.
 *
 * @param runbook - the loaded runbook
 * @param resourceArn - the resource ARN from an event
 */
const matchResource = (
  runbook: Runbook,
  resourceArn: string
): Service | undefined => {
  const { exact, byHead, loose } = indexOf(runbook.services);
  const listed = exact.get(resourceArn);
  if (listed !== undefined) return listed;
  const end = headEnd(resourceArn);
  const claimed =
    end === -1
      ? undefined
      : firstMatch(
          byHead.get(resourceArn.slice(0, end)),
          resourceArn,
          end,
          undefined
        );
  return firstMatch(loose, resourceArn, 0, claimed)?.service;
};

export { arnMatches, matchResource };
