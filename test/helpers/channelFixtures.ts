import type { DeliveryContext } from '../../src/alerts/index.js';
import { checkBackupFailed } from '../../src/checks/index.js';
import type {
  AlertRecord,
  Finding,
  ResourceState,
} from '../../src/model/index.js';
import { runbookUrl } from '../../src/runbook/index.js';
import {
  aBackupFact,
  aCheckInput,
  aResourceState,
  aService,
  LINKS,
  MINUTE,
} from './builders.js';

// A real finding from the real check: orders-db's 02:05 backup job FAILED at
// 02:40 UTC; the alert opened (and paged) at 03:00, resolved at 03:30.
const FAILED_AT = new Date('2026-11-05T02:40:00Z');
const OPENED_AT = new Date('2026-11-05T03:00:00Z');
const RESOLVED_AT = new Date('2026-11-05T03:30:00Z');

// The resource's state behind it: the last good backup of 2026-11-04 02:05,
// the failed job, and a restore test a fortnight ago.
const STATE: ResourceState = aResourceState({
  lastBackup: aBackupFact(),
  lastBackupFailure: {
    at: FAILED_AT,
    eventId: 'evt-failed',
    state: 'failed',
    jobId: 'job-failed',
    message: 'Backup job failed because the vault does not exist.',
  },
  lastRestore: {
    at: new Date('2026-10-22T10:00:00Z'),
    eventId: 'evt-restore',
    state: 'completed',
    startedAt: new Date('2026-10-22T09:10:00Z'),
    durationMs: 50 * MINUTE,
    restoreTest: true,
  },
});

const FINDING: Finding = checkBackupFailed(
  aCheckInput({ state: STATE }),
  OPENED_AT
)[0]!;

/** Returns the open, notified alert of FINDING, with `overrides`. */
const anAlert = (overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  key: { service: FINDING.service, resource: FINDING.resource },
  status: 'open',
  failures: 1,
  openedAt: OPENED_AT,
  lastNotifiedAt: OPENED_AT,
  silenced: false,
  findings: [FINDING],
  owed: [],
  version: 1,
  ...overrides,
});

/** Returns the same alert, resolved at RESOLVED_AT. */
const aResolvedAlert = (): AlertRecord =>
  anAlert({
    status: 'resolved',
    resolvedAt: RESOLVED_AT,
    findings: [{ ...FINDING, status: 'resolved' }],
  });

/** Returns the delivery context of orders-db on the `oncall` route, with its state. */
const aContext = (
  overrides: Partial<DeliveryContext> = {}
): DeliveryContext => ({
  service: aService(),
  route: { pagerduty: '/backup-sentinel/pagerduty/oncall', sns: true },
  serviceUrl: runbookUrl(LINKS, 'orders-db', ''),
  states: [STATE],
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
  STATE,
};
