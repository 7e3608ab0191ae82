import type { CheckId } from '../model/index.js';

/**
 * The runbook section (heading slug) each check's page links to: what to do
 * about a broken backup is the manual backup, about a broken restore the
 * recovery, about broken replication the failover. Empty = the page itself.
 */
const SECTION_FOR_CHECK = {
  'backup-failed': 'manual-backup',
  'backup-missed': 'manual-backup',
  'rpo-breached': 'manual-backup',
  'copy-failed': 'manual-backup',
  'retention-violated': 'manual-backup',
  'restore-failed': 'recovery',
  'restore-test-overdue': 'recovery',
  'rto-at-risk': 'recovery',
  'replication-failed': 'failover',
  'replication-late': 'failover',
  'unmapped-resource': '',
  'backup-size-anomaly': 'manual-backup',
  'config-drift': 'manual-backup',
} as const satisfies Record<CheckId, string>;

export { SECTION_FOR_CHECK };
