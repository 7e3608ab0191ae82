import type { Finding } from '../model/index.js';
import { checkBackupFailed } from './backupFailed.js';
import { checkBackupMissed } from './backupMissed.js';
import { checkBackupSizeAnomaly } from './backupSizeAnomaly.js';
import { checkConfigDrift } from './configDrift.js';
import { checkCopyFailed } from './copyFailed.js';
import { checkReplicationFailed } from './replicationFailed.js';
import { checkReplicationLate } from './replicationLate.js';
import { checkRestoreFailed } from './restoreFailed.js';
import { checkRestoreTestOverdue } from './restoreTestOverdue.js';
import { checkRetentionViolated } from './retentionViolated.js';
import { checkRpoBreached } from './rpoBreached.js';
import { checkRtoAtRisk } from './rtoAtRisk.js';
import type { CheckInput } from './types.js';

/**
 * Every check of a mapped resource. Each decides for itself whether it
 * applies to the service's automation, so calling one alone is as correct as
 * calling them all: checks that need a fact (a failure, a restore, a
 * replication report) apply everywhere, since without the fact they stay
 * silent; checks that page on an absence apply only where the monitor can see
 * what is absent (backup-missed, rpo-breached, restore-test-overdue), and
 * config-drift only to `rds-automated`.
 */
const RESOURCE_CHECKS = [
  checkBackupFailed,
  checkBackupMissed,
  checkRpoBreached,
  checkCopyFailed,
  checkRetentionViolated,
  checkRestoreFailed,
  checkRestoreTestOverdue,
  checkRtoAtRisk,
  checkReplicationFailed,
  checkReplicationLate,
  checkBackupSizeAnomaly,
  checkConfigDrift,
] as const;

/**
 * Returns every open finding for one resource a service claims; [] means
 * healthy. Each check gives at most one finding, so findings are unique by
 * (service, check, resource), the alert key.
 *
 * @param input - the service, the resource's state and the link template
 * @param now - the evaluation instant
 */
const evaluateResource = (input: CheckInput, now: Date): Finding[] =>
  RESOURCE_CHECKS.flatMap((check) => check(input, now));

export { evaluateResource };
