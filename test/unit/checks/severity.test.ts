import { describe, expect, it } from 'vitest';
import { severityFor } from '../../../src/checks/index.js';
import { CHECK_IDS, SEVERITIES } from '../../../src/model/index.js';
import { TIERS } from '../../../src/runbook/index.js';

describe('severityFor', () => {
  it.each([
    ['rpo-breached', 'critical', 'critical'],
    ['rpo-breached', 'standard', 'error'],
    ['backup-failed', 'critical', 'critical'],
    ['backup-failed', 'high', 'error'],
    ['backup-failed', 'standard', 'warning'],
    ['restore-test-overdue', 'standard', 'info'],
    ['replication-failed', 'critical', 'critical'],
  ] as const)('rates %s on a %s service as %s', (check, tier, expected) => {
    // Act & Assess
    expect(severityFor(check, tier)).toBe(expected);
  });

  it('rates backup-size-anomaly as a warning on every tier', () => {
    // Act
    const severities = TIERS.map((tier) =>
      severityFor('backup-size-anomaly', tier)
    );

    // Assess
    expect(severities).toEqual(['warning', 'warning', 'warning']);
  });

  it('never rates a check more urgent on a lower tier', () => {
    // Prepare: SEVERITIES and TIERS are both ordered most urgent first.
    const rank = (
      check: (typeof CHECK_IDS)[number],
      tier: (typeof TIERS)[number]
    ) => SEVERITIES.indexOf(severityFor(check, tier));

    // Act
    const inversions = CHECK_IDS.filter(
      (check) =>
        rank(check, 'critical') > rank(check, 'high') ||
        rank(check, 'high') > rank(check, 'standard')
    );

    // Assess
    expect(inversions).toEqual([]);
  });
});
