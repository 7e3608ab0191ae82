import { describe, expect, it } from 'vitest';
import { SECTION_FOR_CHECK } from '../../../src/checks/index.js';

describe('SECTION_FOR_CHECK', () => {
  it.each([
    ['backup-failed', 'manual-backup'],
    ['backup-missed', 'manual-backup'],
    ['rpo-breached', 'manual-backup'],
    ['copy-failed', 'manual-backup'],
    ['retention-violated', 'manual-backup'],
    ['backup-size-anomaly', 'manual-backup'],
    ['config-drift', 'manual-backup'],
    ['restore-failed', 'recovery'],
    ['restore-test-overdue', 'recovery'],
    ['rto-at-risk', 'recovery'],
    ['replication-failed', 'failover'],
    ['replication-late', 'failover'],
  ] as const)('links %s to #%s', (check, section) => {
    // Act & Assess
    expect(SECTION_FOR_CHECK[check]).toBe(section);
  });
});
