import { describe, expect, it } from 'vitest';
import {
  CHECKS,
  checkReplicationLag,
  type ReplicationLagReading,
} from '../../../src/checks/index.js';
import { aCheckInput, HOUR, MINUTE } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T12:00:00Z');
const RULE = {
  destination: 'acme-assets-dr',
  region: 'us-west-2',
  rule: 'to-dr',
};

const series = (values: number[]) =>
  values.map((value, i) => ({
    at: new Date(NOW.getTime() - (values.length - i) * MINUTE),
    value,
  }));

const reading = (
  latency: number[],
  pending: number[]
): ReplicationLagReading => ({
  rule: RULE,
  periodMs: MINUTE,
  latency: series(latency),
  pending: series(pending),
});

const input = aCheckInput({
  service: {
    id: 'assets',
    tier: 'critical',
    backup: { automation: 's3-replication' },
    recovery: { rpoMs: HOUR },
  },
  state: {
    resourceArn: 'arn:aws:s3:::acme-assets',
    resourceType: 'S3',
    service: 'assets',
  },
});

describe('checkReplicationLag', () => {
  it('returns nothing while the latency stays within the RPO', () => {
    // Act & Assess
    expect(
      checkReplicationLag(
        input,
        [reading(Array(60).fill(3599), Array(60).fill(5))],
        NOW
      )
    ).toEqual([]);
  });

  it('returns replication-lag since the latency rose above the RPO', () => {
    // Prepare
    const latency = [...Array(50).fill(100), ...Array(10).fill(3601)];

    // Act
    const findings = checkReplicationLag(input, [reading(latency, [])], NOW);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'replication-lag',
        severity: 'error',
        since: new Date(NOW.getTime() - 10 * MINUTE),
        detail: expect.objectContaining({
          latencySeconds: 3601,
          rule: 'to-dr',
        }),
        runbookUrl: expect.stringMatching(/#backup$/),
      }),
    ]);
  });

  it.each([
    ['fell once', [...Array(30).fill(50), 40, ...Array(30).fill(60)]],
    [
      'did not cover the whole RPO',
      Array(30)
        .fill(50)
        .map((v, i) => v + i),
    ],
    [
      'drained to zero',
      [
        0,
        ...Array(60)
          .fill(50)
          .map((v, i) => v + i),
      ],
    ],
  ])('ignores a backlog that %s', (_, pending) => {
    // Act & Assess
    expect(checkReplicationLag(input, [reading([], pending)], NOW)).toEqual([]);
  });

  it('reports missing metrics for a rule without datapoints', () => {
    // Act
    const [finding] = checkReplicationLag(input, [reading([], [])], NOW);

    // Assess
    expect(finding?.detail).toMatchObject({
      metrics: 'missing',
      rule: 'to-dr',
    });
  });

  it('does not run without this evaluation’s reading', () => {
    // Act & Assess
    expect(
      CHECKS['replication-lag'].run({ ...input, replication: undefined }, NOW)
    ).toEqual([]);
  });
});
