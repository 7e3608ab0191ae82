import { describe, expect, it } from 'vitest';
import { checkBackupSizeAnomaly } from '../../../src/checks/index.js';
import type { SizeSample } from '../../../src/model/index.js';
import { aCheckInput, DAY } from '../../helpers/builders.js';

const GIB = 1024 ** 3;
const NOW = new Date('2026-11-05T12:00:00Z');
const LATEST_AT = new Date('2026-11-05T02:25:00Z');

/** Returns samples newest first: `latest` today, then one a day before. */
const history = (latest: number, earlier: number[]): SizeSample[] => [
  { at: LATEST_AT, sizeBytes: latest },
  ...earlier.map((sizeBytes, i) => ({
    at: new Date(LATEST_AT.getTime() - (i + 1) * DAY),
    sizeBytes,
  })),
];

describe('checkBackupSizeAnomaly', () => {
  it.each<[string, number, number[], number]>([
    [
      'far under the median',
      1 * GIB,
      [50, 52, 48, 51, 49, 50, 53].map((g) => g * GIB),
      1,
    ],
    ['a little under half', 24 * GIB, [50, 50, 50].map((g) => g * GIB), 1],
    ['exactly half', 25 * GIB, [50, 50, 50].map((g) => g * GIB), 0],
    ['a normal size', 49 * GIB, [50, 52, 48, 51].map((g) => g * GIB), 0],
    ['with only 2 earlier backups', 0, [50, 50].map((g) => g * GIB), 0],
    [
      'just under half the mean of the middle two',
      21.25 * GIB,
      [40, 60, 42, 44].map((g) => g * GIB),
      1,
    ],
    [
      'just over half the mean of the middle two',
      21.75 * GIB,
      [40, 60, 42, 44].map((g) => g * GIB),
      0,
    ],
  ])(
    'returns for a backup %s: %s findings',
    (_case, latest, earlier, count) => {
      // Prepare
      const input = aCheckInput({
        state: { recentBackups: history(latest, earlier) },
      });

      // Act & Assess
      expect(checkBackupSizeAnomaly(input, NOW)).toHaveLength(count);
    }
  );

  it('ignores samples older than the 7 before the newest', () => {
    // Prepare: 7 small earlier backups, then one huge eighth that must not count.
    const input = aCheckInput({
      state: {
        recentBackups: history(
          1 * GIB,
          [1, 1, 1, 1, 1, 1, 1, 1000].map((g) => g * GIB)
        ),
      },
    });

    // Act & Assess
    expect(checkBackupSizeAnomaly(input, NOW)).toEqual([]);
  });

  it('reports one step below the tier with the figures (a risk to recovery)', () => {
    // Prepare
    const input = aCheckInput({
      service: { tier: 'critical' },
      state: {
        recentBackups: history(
          512,
          [50, 52, 48].map((g) => g * GIB)
        ),
      },
    });

    // Act
    const findings = checkBackupSizeAnomaly(input, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'backup-size-anomaly',
        severity: 'error',
        since: LATEST_AT,
        summary:
          'orders-db (orders-prod): backup of 2026-11-05 02:25 UTC is 512 B, under half the usual 50.0 GiB (median of the 3 before)',
        detail: {
          backupAt: LATEST_AT.toISOString(),
          sizeBytes: 512,
          medianBytes: 50 * GIB,
          samples: 3,
        },
      }),
    ]);
  });

  it('finds the newest backup even when the samples are out of order', () => {
    // Prepare
    const samples = history(
      1 * GIB,
      [50, 50, 50].map((g) => g * GIB)
    ).reverse();
    const input = aCheckInput({ state: { recentBackups: samples } });

    // Act
    const findings = checkBackupSizeAnomaly(input, NOW);

    // Assess
    expect(findings.map((f) => f.since)).toEqual([LATEST_AT]);
  });
});
