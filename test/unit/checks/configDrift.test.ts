import { describe, expect, it } from 'vitest';
import { checkConfigDrift } from '../../../src/checks/index.js';
import type { Fact } from '../../../src/model/index.js';
import type { Automation } from '../../../src/runbook/index.js';
import { aCheckInput } from '../../helpers/builders.js';

const CHANGED_AT = new Date('2026-11-05T09:12:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');

const DISABLED: Fact = {
  at: CHANGED_AT,
  eventId: 'evt-0028',
  state: 'failed',
  message: 'Disabled automated backups',
};

describe('checkConfigDrift', () => {
  it('returns config-drift when automated backups were disabled', () => {
    // Prepare
    const input = aCheckInput({
      service: { backup: { automation: 'rds-automated' } },
      state: { lastConfigChange: DISABLED },
    });

    // Act
    const findings = checkConfigDrift(input, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'config-drift',
        severity: 'critical',
        since: CHANGED_AT,
        summary:
          'orders-db (orders-prod): automated backups disabled at 2026-11-05 09:12 UTC, but the runbook relies on them',
        detail: {
          changedAt: '2026-11-05T09:12:00.000Z',
          eventId: 'evt-0028',
          message: 'Disabled automated backups',
        },
      }),
    ]);
  });

  it('returns [] once automated backups are enabled again', () => {
    // Prepare
    const input = aCheckInput({
      service: { backup: { automation: 'rds-automated' } },
      state: {
        lastConfigChange: {
          at: new Date('2026-11-05T10:00:00Z'),
          eventId: 'evt-0032',
          state: 'completed',
        },
      },
    });

    // Act & Assess
    expect(checkConfigDrift(input, NOW)).toEqual([]);
  });

  it.each<Automation>(['aws-backup', 'manual', 'script'])(
    'returns [] for %s, which does not rely on RDS automated backups',
    (automation) => {
      // Prepare
      const input = aCheckInput({
        service: { backup: { automation } },
        state: { lastConfigChange: DISABLED },
      });

      // Act & Assess
      expect(checkConfigDrift(input, NOW)).toEqual([]);
    }
  );
});
