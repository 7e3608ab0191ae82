import { describe, expect, it } from 'vitest';
import {
  PATTERN_RESOURCES,
  planShards,
  shardServices,
} from '../../../src/monitor/index.js';
import type { Runbook } from '../../../src/runbook/index.js';
import { ACCOUNT, aRunbook, aService, REGION } from '../../helpers/builders.js';

/** A service with `count` literal resources. */
const withResources = (id: string, count: number) =>
  aService({
    id,
    resources: Array.from(
      { length: count },
      (_, i) => `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}-${i}`
    ),
  });

const ids = (runbook: Runbook): string[][] =>
  planShards(runbook, 10).map((shard) =>
    shardServices(runbook, shard)
      .map((s) => s.id)
      .sort()
  );

describe('planShards', () => {
  it('packs services in id order into shards of at most the limit', () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        withResources('d', 4),
        withResources('a', 6),
        withResources('c', 3),
        withResources('b', 5),
      ],
    });

    // Act
    const shards = planShards(runbook, 10);

    // Assess
    expect(shards).toEqual([
      { index: 0, through: 'a' },
      { index: 1, after: 'a', through: 'c' },
      { index: 2, after: 'c' },
    ]);
    expect(ids(runbook)).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('gives a service larger than the limit a shard of its own', () => {
    // Prepare
    const runbook = aRunbook({
      services: [withResources('a', 2), withResources('b', 25)],
    });

    // Act
    const shards = ids(runbook);

    // Assess
    expect(shards).toEqual([['a'], ['b']]);
  });

  it('counts a pattern for several resources', () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        aService({ id: 'a', resources: ['arn:aws:rds:*:*:db:a-*'] }),
        withResources('b', 1),
      ],
    });

    // Act
    const shards = planShards(runbook, PATTERN_RESOURCES);

    // Assess
    expect(shards).toHaveLength(2);
  });

  it('plans one shard, owning everything, for a runbook without services', () => {
    // Act
    const shards = planShards(aRunbook({ services: [] }));

    // Assess
    expect(shards).toEqual([{ index: 0 }]);
  });
});

describe('shardServices', () => {
  it('gives a service added after planning to exactly one shard', () => {
    // Prepare: planned without 'bb', 'zz' and '0'; a redeploy adds them.
    const planned = aRunbook({
      services: [withResources('a', 6), withResources('c', 6)],
    });
    const shards = planShards(planned, 10);
    const redeployed = aRunbook({
      services: [
        ...planned.services,
        withResources('0', 1),
        withResources('bb', 1),
        withResources('zz', 1),
      ],
    });

    // Act
    const owned = shards.map((shard) =>
      shardServices(redeployed, shard).map((s) => s.id)
    );

    // Assess
    expect(owned).toEqual([
      ['a', '0'],
      ['c', 'bb', 'zz'],
    ]);
  });
});
