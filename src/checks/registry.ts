import {
  CHECK_IDS,
  type CheckId,
  type Finding,
  type Severity,
} from '../model/index.js';
import type { Tier } from '../runbook/index.js';
import { backupFailed } from './backupFailed.js';
import { backupMissed } from './backupMissed.js';
import { backupSizeAnomaly } from './backupSizeAnomaly.js';
import { configDrift } from './configDrift.js';
import { copyFailed } from './copyFailed.js';
import { drillOverdue } from './drillOverdue.js';
import { replicationFailed } from './replicationFailed.js';
import { replicationLag } from './replicationLag.js';
import { replicationLate } from './replicationLate.js';
import { restoreFailed } from './restoreFailed.js';
import { restoreTestOverdue } from './restoreTestOverdue.js';
import { retentionViolated } from './retentionViolated.js';
import { rpoBreached } from './rpoBreached.js';
import { rtoAtRisk } from './rtoAtRisk.js';
import { severityOf } from './severity.js';
import type { CheckDefinition, CheckTarget } from './types.js';
import { unmappedResource } from './unmappedResource.js';

/**
 * Every check, by id. Adding a check is one file and one row here; the type
 * makes a check id without a row (or a row without an id) fail to compile,
 * so no check can silently never run. Each check decides for itself whether
 * it applies to a target (claimed or not, which automation), so running one
 * alone is as correct as running them all.
 */
const CHECKS: { readonly [K in CheckId]: CheckDefinition<K> } = {
  'backup-failed': backupFailed,
  'backup-missed': backupMissed,
  'rpo-breached': rpoBreached,
  'copy-failed': copyFailed,
  'retention-violated': retentionViolated,
  'restore-failed': restoreFailed,
  'restore-test-overdue': restoreTestOverdue,
  'rto-at-risk': rtoAtRisk,
  'replication-failed': replicationFailed,
  'replication-late': replicationLate,
  'replication-lag': replicationLag,
  'unmapped-resource': unmappedResource,
  'backup-size-anomaly': backupSizeAnomaly,
  'config-drift': configDrift,
  'drill-overdue': drillOverdue,
};

/** The checks in their stable order (CHECK_IDS), so findings come out in it. */
const ORDERED: readonly CheckDefinition[] = CHECK_IDS.map((id) => CHECKS[id]);

/**
 * Returns every open finding for one resource; [] means healthy. Each check
 * gives at most one finding, so findings are unique by (service, check,
 * resource): one failing check of an incident.
 *
 * @param target - the resource's state, its service (undefined = unclaimed) and the link template
 * @param now - the evaluation instant
 */
const findingsFor = (target: CheckTarget, now: Date): Finding[] =>
  ORDERED.flatMap((check) => check.run(target, now));

/**
 * Returns the severity of a check's findings for a service of the given
 * tier, by the one rule in severity.ts.
 *
 * @param check - the check id
 * @param tier - the service's tier
 */
const severityFor = (check: CheckId, tier: Tier): Severity =>
  severityOf(CHECKS[check].impact, tier);

/**
 * Returns the runbook section (heading slug) a check's pages link to; empty
 * for the page itself.
 *
 * @param check - the check id
 */
const sectionFor = (check: CheckId): string => CHECKS[check].section;

/**
 * Returns what broke, in the words an on-call engineer reads first.
 *
 * @param check - the check id
 */
const titleFor = (check: CheckId): string => CHECKS[check].title;

export { CHECKS, findingsFor, sectionFor, severityFor, titleFor };
