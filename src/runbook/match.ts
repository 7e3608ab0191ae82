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

/**
 * Returns the service whose `resources` claim an ARN, or undefined when no
 * service does. An exact ARN wins over a wildcard pattern, so a specific
 * entry can carve a resource out of a broad one.
 *
 * @param runbook - the loaded runbook
 * @param resourceArn - the resource ARN from an event
 */
const matchResource = (
  runbook: Runbook,
  resourceArn: string
): Service | undefined =>
  runbook.services.find((s) => s.resources.includes(resourceArn)) ??
  runbook.services.find((s) =>
    s.resources.some((p) => arnMatches(p, resourceArn))
  );

export { arnMatches, matchResource };
