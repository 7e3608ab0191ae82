import { describe, expect, it } from 'vitest';
import { checkReplicationLate } from '../../../src/checks/index.js';
import type { ReplicationFact } from '../../../src/model/index.js';
import { aCheckInput, MINUTE } from '../../helpers/builders.js';

const BUCKET = 'arn:aws:s3:::acme-assets';
const LATE_AT = new Date('2026-11-05T02:40:00Z');
const NOW = new Date('2026-11-05T03:00:00Z');

const aReport = (
  overrides: Partial<ReplicationFact> = {}
): ReplicationFact => ({
  at: LATE_AT,
  eventId: 'evt-s3',
  state: 'late',
  objectKey: 'images/logo.png',
  ...overrides,
});

const assetsInput = (state: {
  lastReplicationLate?: ReplicationFact;
  lastReplicationCaughtUp?: ReplicationFact;
}) =>
  aCheckInput({
    service: {
      id: 'assets',
      backup: { automation: 's3-replication' },
      recovery: { rpoMs: 15 * MINUTE },
    },
    state: {
      resourceArn: BUCKET,
      resourceType: 'S3',
      service: 'assets',
      ...state,
    },
  });

describe('checkReplicationLate', () => {
  it('returns replication-late while nothing caught up', () => {
    // Prepare
    const input = assetsInput({ lastReplicationLate: aReport() });

    // Act
    const findings = checkReplicationLate(input, NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'replication-late',
        severity: 'error',
        since: LATE_AT,
        summary:
          'assets (acme-assets): S3 replication missed its threshold at 2026-11-05 02:40 UTC (images/logo.png), not caught up since',
        runbookUrl:
          'https://github.com/acme/shop/blob/main/runbook/services/assets.md#backup',
      }),
    ]);
  });

  it.each([
    ['after the late report', '2026-11-05T02:55:00Z', 0],
    ['at the same instant', '2026-11-05T02:40:00Z', 0],
    [
      'before the late report (delivered out of order)',
      '2026-11-05T02:20:00Z',
      1,
    ],
  ])('returns for an object replicated %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = assetsInput({
      lastReplicationLate: aReport(),
      lastReplicationCaughtUp: aReport({
        at: new Date(at),
        state: 'completed',
      }),
    });

    // Act & Assess
    expect(checkReplicationLate(input, NOW)).toHaveLength(count);
  });

  it.each([
    ['one second before the quiet period ends', '2026-11-06T02:39:59Z', 1],
    ['exactly when it ends', '2026-11-06T02:40:00Z', 0],
  ])('returns %s: %s findings', (_case, at, count) => {
    // Prepare
    const input = assetsInput({ lastReplicationLate: aReport() });

    // Act & Assess
    expect(checkReplicationLate(input, new Date(at))).toHaveLength(count);
  });
});
