import type { DeliveryContext } from '../../src/alerts/index.js';
import { checkBackupFailed } from '../../src/checks/index.js';
import type { AlertRecord, Finding } from '../../src/model/index.js';
import { runbookUrl } from '../../src/runbook/index.js';
import { aBackupFact, aCheckInput, aService, LINKS } from './builders.js';

// A real finding from the real check: orders-db's 02:05 backup job FAILED at
// 02:40 UTC; the alert opened (and paged) at 03:00, resolved at 03:30.
const FAILED_AT = new Date('2026-11-05T02:40:00Z');
const OPENED_AT = new Date('2026-11-05T03:00:00Z');
const RESOLVED_AT = new Date('2026-11-05T03:30:00Z');

const FINDING: Finding = checkBackupFailed(
  aCheckInput({
    state: {
      lastBackup: aBackupFact(),
      lastBackupFailure: {
        at: FAILED_AT,
        eventId: 'evt-failed',
        state: 'failed',
        jobId: 'job-failed',
        message: 'Backup job failed because the vault does not exist.',
      },
    },
  }),
  OPENED_AT
)[0]!;

/** Returns the open, notified alert of FINDING, with `overrides`. */
const anAlert = (overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  key: {
    service: FINDING.service,
    check: FINDING.check,
    resource: FINDING.resource,
  },
  status: 'open',
  failures: 1,
  openedAt: OPENED_AT,
  lastNotifiedAt: OPENED_AT,
  silenced: false,
  finding: FINDING,
  owed: [],
  version: 1,
  ...overrides,
});

/** Returns the same alert, resolved at RESOLVED_AT. */
const aResolvedAlert = (): AlertRecord =>
  anAlert({
    status: 'resolved',
    resolvedAt: RESOLVED_AT,
    finding: { ...FINDING, status: 'resolved' },
  });

/** Returns the delivery context of orders-db on the `oncall` route. */
const aContext = (
  overrides: Partial<DeliveryContext> = {}
): DeliveryContext => ({
  service: aService(),
  route: { pagerduty: '/backup-sentinel/pagerduty/oncall', sns: true },
  serviceUrl: runbookUrl(LINKS, 'orders-db', ''),
  ...overrides,
});

export {
  aContext,
  anAlert,
  aResolvedAlert,
  FAILED_AT,
  FINDING,
  OPENED_AT,
  RESOLVED_AT,
};
