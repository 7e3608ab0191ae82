import { describe, expect, it } from 'vitest';
import { checkCopyFailed } from '../../../src/checks/index.js';
import type { CopyFact } from '../../../src/model/index.js';
import type { ExpectedCopy } from '../../../src/runbook/index.js';
import { aBackupFact, aCheckInput } from '../../helpers/builders.js';

// Newest backup: created 02:05, completed 02:25; completion window 2 h, so
// copies are due by 04:25 UTC.
const BACKUP = aBackupFact({
  createdAt: new Date('2026-11-05T02:05:00Z'),
  at: new Date('2026-11-05T02:25:00Z'),
});
const DEADLINE = new Date('2026-11-05T04:25:00Z');
const NOW = new Date('2026-11-05T12:00:00Z');
const DR_VAULT = 'arn:aws:backup:eu-central-1:111122223333:backup-vault:dr';
const VAULT_ACCOUNT =
  'arn:aws:backup:eu-west-1:444455556666:backup-vault:bunker';

const aCopy = (overrides: Partial<CopyFact> = {}): CopyFact => ({
  at: new Date('2026-11-05T03:10:00Z'),
  eventId: 'evt-copy',
  state: 'completed',
  destinationVaultArn: DR_VAULT,
  ...overrides,
});

describe('checkCopyFailed', () => {
  it.each([
    ['one second before the window ends', '2026-11-05T04:24:59Z', 0],
    ['exactly when the window ends', '2026-11-05T04:25:00Z', 1],
    ['one second after', '2026-11-05T04:25:01Z', 1],
  ])('reports a missing expected copy %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = aCheckInput({
      service: { backup: { copies: [{ region: 'eu-central-1' }] } },
      state: { lastBackup: BACKUP },
    });

    // Act
    const findings = checkCopyFailed(input, new Date(at));

    // Assess
    expect(findings).toHaveLength(count);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        check: 'copy-failed',
        since: DEADLINE,
        severity: 'error',
        detail: { missing: 'eu-central-1' },
      });
      expect(finding.summary).toBe(
        'orders-db (orders-prod): no copy in eu-central-1 of the backup of 2026-11-05 02:05 UTC (expected by 2026-11-05 04:25 UTC)'
      );
    }
  });

  it.each<[string, ExpectedCopy[], CopyFact[], number]>([
    [
      'a copy in the expected region',
      [{ region: 'eu-central-1' }],
      [aCopy()],
      0,
    ],
    [
      'a copy in another region',
      [{ region: 'eu-central-1' }],
      [aCopy({ destinationVaultArn: VAULT_ACCOUNT })],
      1,
    ],
    [
      'a copy of the previous backup only',
      [{ region: 'eu-central-1' }],
      [aCopy({ at: new Date('2026-11-04T03:10:00Z') })],
      1,
    ],
    [
      'a copy in the expected account',
      [{ account: '444455556666' }],
      [aCopy({ destinationVaultArn: VAULT_ACCOUNT })],
      0,
    ],
    [
      'one of two expected copies',
      [{ region: 'eu-central-1' }, { account: '444455556666' }],
      [aCopy()],
      1,
    ],
    [
      'a copy whose destination is unknown',
      [{ region: 'eu-central-1' }],
      [aCopy({ destinationVaultArn: undefined })],
      1,
    ],
    ['no expected copies', [], [], 0],
  ])('returns for %s: %s findings', (_case, copies, facts, count) => {
    // Prepare
    const input = aCheckInput({
      service: { backup: { copies } },
      state: { lastBackup: BACKUP, copies: facts },
    });

    // Act & Assess
    expect(checkCopyFailed(input, NOW)).toHaveLength(count);
  });

  it('names every missing destination in one finding', () => {
    // Prepare
    const input = aCheckInput({
      service: {
        backup: {
          copies: [
            { region: 'eu-central-1' },
            { region: 'us-east-1', account: '444455556666' },
          ],
        },
      },
      state: { lastBackup: BACKUP },
    });

    // Act
    const findings = checkCopyFailed(input, NOW);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]?.detail.missing).toBe(
      'eu-central-1, us-east-1 account 444455556666'
    );
  });

  it('returns copy-failed when a copy job failed and none reached that vault since', () => {
    // Prepare
    const failedAt = new Date('2026-11-05T03:30:00Z');
    const input = aCheckInput({
      state: {
        lastBackup: BACKUP,
        copies: [aCopy({ at: new Date('2026-11-04T03:10:00Z') })],
        lastCopyFailure: aCopy({
          at: failedAt,
          state: 'failed',
          message: 'Insufficient privileges to perform this action.',
        }),
      },
    });

    // Act
    const findings = checkCopyFailed(input, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        since: failedAt,
        summary:
          'orders-db (orders-prod): copy to dr FAILED at 2026-11-05 03:30 UTC, none completed since: Insufficient privileges to perform this action.',
      }),
    ]);
  });

  it.each<[string, CopyFact[], string | undefined, number]>([
    ['a later copy to the same vault', [aCopy({ at: NOW })], DR_VAULT, 0],
    [
      'a later copy to another vault',
      [aCopy({ at: NOW, destinationVaultArn: VAULT_ACCOUNT })],
      DR_VAULT,
      1,
    ],
    [
      'a later copy anywhere, the failure naming no vault',
      [aCopy({ at: NOW, destinationVaultArn: VAULT_ACCOUNT })],
      undefined,
      0,
    ],
  ])(
    'resolves a copy failure by %s: %s findings',
    (_case, copies, vault, count) => {
      // Prepare
      const input = aCheckInput({
        state: {
          copies,
          lastCopyFailure: aCopy({
            at: new Date('2026-11-05T03:30:00Z'),
            state: 'failed',
            destinationVaultArn: vault,
          }),
        },
      });

      // Act & Assess
      expect(checkCopyFailed(input, NOW)).toHaveLength(count);
    }
  );
});
