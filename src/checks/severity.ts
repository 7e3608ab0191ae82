import type { CheckId, Severity } from '../model/index.js';
import type { Tier } from '../runbook/index.js';

/**
 * Severity of each check by service tier: the one place paging urgency is
 * tuned. A breached RPO is data at risk now, so it stays high on every tier;
 * restore hygiene (tests, RTO) is never more than an error.
 */
const SEVERITY_BY_CHECK = {
  'backup-failed': { critical: 'critical', high: 'error', standard: 'warning' },
  'backup-missed': { critical: 'critical', high: 'error', standard: 'warning' },
  'rpo-breached': { critical: 'critical', high: 'critical', standard: 'error' },
  'copy-failed': { critical: 'error', high: 'warning', standard: 'warning' },
  'retention-violated': {
    critical: 'error',
    high: 'error',
    standard: 'warning',
  },
  'restore-failed': { critical: 'error', high: 'warning', standard: 'warning' },
  'restore-test-overdue': {
    critical: 'warning',
    high: 'warning',
    standard: 'info',
  },
  'rto-at-risk': { critical: 'error', high: 'warning', standard: 'info' },
  'replication-failed': {
    critical: 'critical',
    high: 'error',
    standard: 'warning',
  },
  'replication-late': {
    critical: 'error',
    high: 'warning',
    standard: 'warning',
  },
  'unmapped-resource': {
    critical: 'warning',
    high: 'warning',
    standard: 'warning',
  },
  'backup-size-anomaly': {
    critical: 'warning',
    high: 'warning',
    standard: 'warning',
  },
  'config-drift': { critical: 'critical', high: 'error', standard: 'warning' },
} as const satisfies Record<CheckId, Record<Tier, Severity>>;

/**
 * Returns the severity of a check's findings for a service of the given tier.
 *
 * @param check - the check id
 * @param tier - the service's tier (`standard` for unmapped resources)
 */
const severityFor = (check: CheckId, tier: Tier): Severity =>
  SEVERITY_BY_CHECK[check][tier];

export { SEVERITY_BY_CHECK, severityFor };
