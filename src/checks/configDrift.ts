import type { Finding } from '../model/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatUtc } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

const ABOUT: CheckAbout<'config-drift'> = {
  id: 'config-drift',
  title: 'Backup configuration differs from the runbook',
  section: 'manual-backup',
  impact: 'unprotected',
};

/**
 * Returns one config-drift finding when the runbook relies on RDS automated
 * backups (`rds-automated`) and the newest backup configuration change turned
 * them off (RDS-EVENT-0028), else []. Turning them back on (RDS-EVENT-0032)
 * resolves it. `since` is the change.
 *
 * @param input - the service, the resource's state and the link template
 * @param _now - the evaluation instant (the facts carry their own times)
 */
const checkConfigDrift = (input: CheckInput, _now: Date): Finding[] => {
  const { service, state } = input;
  const change = state.lastConfigChange;
  if (service.backup.automation !== 'rds-automated') return [];
  if (change === undefined || change.state !== 'failed') return [];
  return [
    openFinding(
      input,
      ABOUT,
      change.at,
      `automated backups disabled at ${formatUtc(change.at)}, but the runbook relies on them`,
      {
        changedAt: change.at.toISOString(),
        eventId: change.eventId,
        message: change.message ?? null,
      }
    ),
  ];
};

/** The config-drift check, as the registry runs it. */
const configDrift = claimedCheck(ABOUT, checkConfigDrift);

export { checkConfigDrift, configDrift };
