import type {
  BackupEvent,
  EventState,
  Finding,
  ResourceState,
} from '../model/index.js';
import type { Service } from '../runbook/index.js';
import type { ServiceCompliance } from './types.js';

/** Outcomes that count as a failed backup in the figures. */
const FAILED_STATES: readonly EventState[] = [
  'failed',
  'aborted',
  'expired',
  'partial',
];

/**
 * Returns one service's figures for the audited period: backups and
 * snapshots that completed or failed from `since` on, and the newest backup
 * of its stalest resource against the RPO. Whether the RPO holds is read
 * from the rpo-breached findings, so the figures and the findings always
 * agree (including where the RPO check does not apply).
 *
 * @param service - the runbook service
 * @param states - the states of its resources
 * @param events - the service's converted events (any period)
 * @param findings - the audit's open findings
 * @param since - the start of the audited period
 * @param now - the audit instant
 */
const serviceCompliance = (
  service: Service,
  states: ResourceState[],
  events: BackupEvent[],
  findings: Finding[],
  since: Date,
  now: Date
): ServiceCompliance => {
  const inPeriod = events.filter(
    (e) =>
      (e.kind === 'backup' || e.kind === 'snapshot') &&
      e.occurredAt.getTime() >= since.getTime()
  );
  const newest = states.map((s) => s.lastBackup?.createdAt);
  const stalest = newest.includes(undefined)
    ? undefined
    : (newest as Date[]).reduce<Date | undefined>(
        (min, d) => (min === undefined || d < min ? d : min),
        undefined
      );
  return {
    service: service.id,
    tier: service.tier,
    resources: states.length,
    succeeded: inPeriod.filter((e) => e.state === 'completed').length,
    failed: inPeriod.filter((e) => FAILED_STATES.includes(e.state)).length,
    lastBackupAt: stalest ?? null,
    lastBackupAgeMs:
      stalest === undefined ? null : now.getTime() - stalest.getTime(),
    rpoMs: service.recovery.rpoMs,
    withinRpo: !findings.some(
      (f) => f.service === service.id && f.check === 'rpo-breached'
    ),
  };
};

export { serviceCompliance };
