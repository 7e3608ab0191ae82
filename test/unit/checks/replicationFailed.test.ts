import { describe, expect, it } from 'vitest';
import { checkReplicationFailed } from '../../../src/checks/index.js';
import type { Fact, ReplicationFact } from '../../../src/model/index.js';
import { aCheckInput, DAY, MINUTE } from '../../helpers/builders.js';

// Assets bucket, RPO 15 min; an object fails to replicate at 02:40 UTC.
const BUCKET = 'arn:aws:s3:::acme-assets';
const FAILED_AT = new Date('2026-11-05T02:40:00Z');
const NOW = new Date('2026-11-05T03:00:00Z');
const minutesIn = (minutes: number): Date =>
  new Date(FAILED_AT.getTime() + minutes * MINUTE);

const anObject = (
  overrides: Partial<ReplicationFact> = {}
): ReplicationFact => ({
  at: FAILED_AT,
  eventId: 'evt-s3',
  state: 'failed',
  failureReason: 'AssumeRoleNotPermitted',
  objectKey: 'images/logo.png',
  ...overrides,
});

const assetsInput = (state: {
  replicationObjects?: ReplicationFact[];
  lastReplicationOverflow?: ReplicationFact;
  lastReplicationRepair?: Fact;
}) =>
  aCheckInput({
    service: {
      id: 'assets',
      tier: 'high',
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

describe('checkReplicationFailed', () => {
  it('returns replication-failed with the count, the reason and the re-replication step', () => {
    // Prepare
    const input = assetsInput({ replicationObjects: [anObject()] });

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
          'assets (acme-assets): 1 object not replicated since S3 replication failed at 2026-11-05 02:40 UTC (AssumeRoleNotPermitted): images/logo.png; S3 does not retry failed objects: re-replicate them (S3 Batch Replication)',
        detail: {
          unreplicatedObjects: 1,
          moreNotKept: false,
          firstFailedAt: FAILED_AT.toISOString(),
          failureReason: 'AssumeRoleNotPermitted',
          objectKeys: 'images/logo.png',
          lastRepairAt: null,
        },
        runbookUrl:
          'https://github.com/acme/shop/blob/main/runbook/services/assets.md#manual-backup',
      },
    ]);
  });

  it('stays open without a later success, however quiet it has been', () => {
    // Prepare: a month without another event.
    const input = assetsInput({ replicationObjects: [anObject()] });

    // Act
    const findings = checkReplicationFailed(
      input,
      new Date(FAILED_AT.getTime() + 30 * DAY)
    );

    // Assess
    expect(findings).toHaveLength(1);
  });

  it('counts only the objects not replicated since, from the oldest failure', () => {
    // Prepare
    const input = assetsInput({
      replicationObjects: [
        anObject({ objectKey: 'a.png', at: minutesIn(5), state: 'completed' }),
        anObject({ objectKey: 'b.png', at: minutesIn(1) }),
        anObject({ objectKey: 'c.png', at: minutesIn(2) }),
      ],
    });

    // Act
    const [finding] = checkReplicationFailed(input, NOW);

    // Assess
    expect(finding).toMatchObject({
      since: minutesIn(1),
      detail: { unreplicatedObjects: 2, objectKeys: 'b.png, c.png' },
    });
    expect(finding?.summary).toContain('2 objects not replicated since');
  });

  it('returns [] once every failed object was replicated later', () => {
    // Prepare: the store keeps each object's newest event.
    const input = assetsInput({
      replicationObjects: [anObject({ at: minutesIn(30), state: 'completed' })],
    });

    // Act & Assess
    expect(checkReplicationFailed(input, NOW)).toEqual([]);
  });

  it.each([
    ['before the failures', -1, 1],
    ['at the last failure', 0, 1],
    ['after the failures', 1, 0],
  ])(
    'counts a reported re-replication %s: %s findings',
    (_case, minutes, count) => {
      // Prepare
      const input = assetsInput({
        replicationObjects: [anObject()],
        lastReplicationRepair: {
          at: minutesIn(minutes),
          eventId: 'batch-1',
          state: 'completed',
        },
      });

      // Act & Assess
      expect(checkReplicationFailed(input, NOW)).toHaveLength(count);
    }
  );

  it('says "more than" when failures went beyond the objects kept, until a re-replication', () => {
    // Prepare
    const overflow = anObject({ objectKey: 'z.png', at: minutesIn(10) });
    const open = assetsInput({
      replicationObjects: [anObject()],
      lastReplicationOverflow: overflow,
    });
    const repaired = assetsInput({
      replicationObjects: [anObject()],
      lastReplicationOverflow: overflow,
      lastReplicationRepair: {
        at: minutesIn(60),
        eventId: 'batch-1',
        state: 'completed',
      },
    });

    // Act
    const [finding] = checkReplicationFailed(open, NOW);

    // Assess
    expect(finding?.summary).toContain('more than 1 object not replicated');
    expect(checkReplicationFailed(repaired, NOW)).toEqual([]);
  });

  it('falls back to the message when S3 gave no failure reason', () => {
    // Prepare
    const input = assetsInput({
      replicationObjects: [
        anObject({ failureReason: undefined, message: 'Access Denied' }),
      ],
    });

    // Act
    const [finding] = checkReplicationFailed(input, NOW);

    // Assess
    expect(finding?.summary).toContain('(Access Denied)');
  });
});
