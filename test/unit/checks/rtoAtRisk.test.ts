import { describe, expect, it } from 'vitest';
import { checkRtoAtRisk } from '../../../src/checks/index.js';
import type { RestoreFact } from '../../../src/model/index.js';
import { aCheckInput, HOUR } from '../../helpers/builders.js';

const RESTORED_AT = new Date('2026-11-05T08:00:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');

const aRestore = (overrides: Partial<RestoreFact> = {}): RestoreFact => ({
  at: RESTORED_AT,
  eventId: 'evt-restore',
  state: 'completed',
  restoreTest: true,
  ...overrides,
});

describe('checkRtoAtRisk', () => {
  it.each([
    ['well within the RTO', 2 * HOUR, 0],
    ['exactly the RTO', 4 * HOUR, 0],
    ['one second over the RTO', 4 * HOUR + 1000, 1],
  ])(
    'returns for a restore that took %s: %s findings',
    (_case, durationMs, count) => {
      // Prepare
      const input = aCheckInput({
        state: { lastRestore: aRestore({ durationMs }) },
      });

      // Act & Assess
      expect(checkRtoAtRisk(input, NOW)).toHaveLength(count);
    }
  );

  it('writes how long the restore took against the RTO', () => {
    // Prepare
    const input = aCheckInput({
      state: { lastRestore: aRestore({ durationMs: 5.5 * HOUR }) },
    });

    // Act
    const findings = checkRtoAtRisk(input, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'rto-at-risk',
        since: RESTORED_AT,
        summary:
          'orders-db (orders-prod): last restore test took 5 h 30 min, 1 h 30 min over the 4 h RTO (completed 2026-11-05 08:00 UTC)',
        detail: expect.objectContaining({
          durationMs: 5.5 * HOUR,
          rtoMs: 4 * HOUR,
        }),
      }),
    ]);
  });

  it('measures from the start when the duration was not recorded', () => {
    // Prepare
    const input = aCheckInput({
      state: {
        lastRestore: aRestore({
          startedAt: new Date(RESTORED_AT.getTime() - 6 * HOUR),
        }),
      },
    });

    // Act
    const [finding] = checkRtoAtRisk(input, NOW);

    // Assess
    expect(finding?.detail.durationMs).toBe(6 * HOUR);
  });

  it('returns [] when the duration is unknown or there was no restore', () => {
    // Prepare
    const unknown = aCheckInput({ state: { lastRestore: aRestore() } });
    const none = aCheckInput();

    // Act & Assess
    expect(checkRtoAtRisk(unknown, NOW)).toEqual([]);
    expect(checkRtoAtRisk(none, NOW)).toEqual([]);
  });
});
