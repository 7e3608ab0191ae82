import { describe, expect, it } from 'vitest';
import { checkReplicationFailed } from '../../../src/checks/index.js';
import type { ReplicationFact } from '../../../src/model/index.js';
import { aCheckInput, HOUR, MINUTE } from '../../helpers/builders.js';

// Assets bucket, RPO 15 min: quiet period max(RPO, 24 h) = 24 h after the
// failure at 2026-11-05 02:40 UTC.
const BUCKET = 'arn:aws:s3:::acme-assets';
const FAILED_AT = new Date('2026-11-05T02:40:00Z');
const NOW = new Date('2026-11-05T03:00:00Z');

const aFailure = (
  overrides: Partial<ReplicationFact> = {}
): ReplicationFact => ({
  at: FAILED_AT,
  eventId: 'evt-s3',
  state: 'failed',
  failureReason: 'AssumeRoleNotPermitted',
  objectKey: 'images/logo.png',
  ...overrides,
});

const assetsInput = (
  state: {
    lastReplicationFailure?: ReplicationFact;
    lastReplicationCaughtUp?: ReplicationFact;
  },
  rpoMs = 15 * MINUTE
) =>
  aCheckInput({
    service: {
      id: 'assets',
      tier: 'high',
      backup: { automation: 's3-replication' },
      recovery: { rpoMs },
    },
    state: {
      resourceArn: BUCKET,
      resourceType: 'S3',
      service: 'assets',
      ...state,
    },
  });

describe('checkReplicationFailed', () => {
  it('returns replication-failed with the failure reason', () => {
    // Prepare
    const input = assetsInput({ lastReplicationFailure: aFailure() });

    // Act
    const findings = checkReplicationFailed(input, NOW);

    // Assess
    expect(findings).toEqual([
      {
        service: 'assets',
        resource: BUCKET,
        check: 'replication-failed',
        severity: 'error',
        status: 'open',
        since: FAILED_AT,
        summary:
          'assets (acme-assets): S3 replication failed at 2026-11-05 02:40 UTC (AssumeRoleNotPermitted) for images/logo.png; S3 does not retry failed objects',
        detail: {
          failedAt: '2026-11-05T02:40:00.000Z',
          failureReason: 'AssumeRoleNotPermitted',
          objectKey: 'images/logo.png',
          message: null,
          quietUntil: '2026-11-06T02:40:00.000Z',
        },
        runbookUrl:
          'https://github.com/acme/shop/blob/main/runbook/services/assets.md#failover',
      },
    ]);
  });

  it.each([
    ['one second before the quiet period ends', '2026-11-06T02:39:59Z', 1],
    ['exactly when it ends', '2026-11-06T02:40:00Z', 0],
    ['a day later', '2026-11-07T02:40:00Z', 0],
  ])('returns %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = assetsInput({ lastReplicationFailure: aFailure() });

    // Act & Assess
    expect(checkReplicationFailed(input, new Date(at))).toHaveLength(count);
  });

  it('waits a whole RPO when the RPO is longer than a day', () => {
    // Prepare
    const input = assetsInput(
      { lastReplicationFailure: aFailure() },
      48 * HOUR
    );

    // Act
    const findings = checkReplicationFailed(
      input,
      new Date('2026-11-06T12:00:00Z')
    );

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]?.detail.quietUntil).toBe('2026-11-07T02:40:00.000Z');
  });

  it.each([
    ['after the failure', '2026-11-05T02:50:00Z', 0],
    ['before the failure', '2026-11-05T02:30:00Z', 1],
  ])(
    'returns for an object that replicated %s: %s findings',
    (_case, at, count) => {
      // Prepare
      const input = assetsInput({
        lastReplicationFailure: aFailure(),
        lastReplicationCaughtUp: aFailure({
          at: new Date(at),
          state: 'completed',
          failureReason: undefined,
        }),
      });

      // Act & Assess
      expect(checkReplicationFailed(input, NOW)).toHaveLength(count);
    }
  );

  it('falls back to the message when S3 gave no failure reason', () => {
    // Prepare
    const input = assetsInput({
      lastReplicationFailure: aFailure({
        failureReason: undefined,
        objectKey: undefined,
        message: 'Replication:OperationFailedReplication',
      }),
    });

    // Act
    const [finding] = checkReplicationFailed(input, NOW);

    // Assess
    expect(finding?.summary).toBe(
      'assets (acme-assets): S3 replication failed at 2026-11-05 02:40 UTC (Replication:OperationFailedReplication); S3 does not retry failed objects'
    );
  });
});
