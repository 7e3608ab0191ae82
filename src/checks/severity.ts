import type { Severity } from '../model/index.js';
import type { Tier } from '../runbook/index.js';

/**
 * What a failing check says about the data, which is all its severity
 * depends on besides the tier:
 * - `unprotected`: recovery points are missing, lost or not being made;
 * - `at-risk`: the data is protected, but recovering it may fail or be
 *   slow (copies, restores, replication lag, a suspiciously small backup);
 * - `unclaimed`: the resource belongs to no service, so there is no tier;
 * - `unrehearsed`: a DR scenario was not drilled in time; scenarios span
 *   services, so there is no tier either.
 */
const IMPACTS = ['unprotected', 'at-risk', 'unclaimed', 'unrehearsed'] as const;
type Impact = (typeof IMPACTS)[number];

/**
 * The one severity rule (the README states it in the same words): an
 * unprotected resource pages at its tier's severity (critical -> critical,
 * high -> error, standard -> warning); a risk to recovery is one step lower
 * (critical -> error, high -> warning, standard -> info); an unclaimed
 * resource and an overdue DR drill are warnings.
 */
const SEVERITY_RULE: Readonly<
  Record<Impact, Readonly<Record<Tier, Severity>>>
> = {
  unprotected: { critical: 'critical', high: 'error', standard: 'warning' },
  'at-risk': { critical: 'error', high: 'warning', standard: 'info' },
  unclaimed: { critical: 'warning', high: 'warning', standard: 'warning' },
  unrehearsed: { critical: 'warning', high: 'warning', standard: 'warning' },
};

/**
 * Returns the severity of a finding by the rule above.
 *
 * @param impact - what the check says about the data
 * @param tier - the service's tier
 */
const severityOf = (impact: Impact, tier: Tier): Severity =>
  SEVERITY_RULE[impact][tier];

export type { Impact };
export { IMPACTS, SEVERITY_RULE, severityOf };
