import { describe, expect, it } from 'vitest';
import type { RestoreWave, Service } from '../../../src/runbook/index.js';
import {
  dependencyPathMs,
  findCycle,
  restoreOrder,
} from '../../../src/runbook/index.js';
import { aService, MINUTE } from '../../helpers/siteBuilders.js';

/** A service with an RTO in minutes, its dependencies, tier and phase. */
const svc = (
  id: string,
  rtoMinutes: number,
  dependsOn: string[] = [],
  tier: Service['tier'] = 'standard',
  phase?: number
): Service =>
  aService({
    id,
    tier,
    dependsOn,
    recovery: {
      rtoMs: rtoMinutes * MINUTE,
      rpoMs: 60 * MINUTE,
      ...(phase !== undefined && { phase }),
    },
  });

/** The ids of each wave. */
const idsOf = (waves: RestoreWave[]): string[][] =>
  waves.map((w) => w.services);

/** The web shop shape: network and secrets under everything. */
const SHOP = [
  svc('web', 20, ['orders-db', 'sessions']),
  svc('orders-db', 60, ['network', 'secrets'], 'critical'),
  svc('sessions', 10, ['network']),
  svc('secrets', 15, ['network'], 'critical'),
  svc('network', 30),
];

describe('findCycle', () => {
  it('returns undefined for a graph without cycles', () => {
    // Act
    const cycle = findCycle(SHOP);

    // Assess
    expect(cycle).toBeUndefined();
  });

  it('returns the ids around a cycle with the first repeated at the end', () => {
    // Prepare
    const services = [
      { id: 'a', dependsOn: ['b'] },
      { id: 'b', dependsOn: ['c'] },
      { id: 'c', dependsOn: ['a'] },
    ];

    // Act
    const cycle = findCycle(services);

    // Assess
    expect(cycle).toEqual(['a', 'b', 'c', 'a']);
  });

  it('returns only the cycle, not the path that led to it', () => {
    // Prepare
    const services = [
      { id: 'app', dependsOn: ['db'] },
      { id: 'db', dependsOn: ['net'] },
      { id: 'net', dependsOn: ['dns'] },
      { id: 'dns', dependsOn: ['net'] },
    ];

    // Act
    const cycle = findCycle(services);

    // Assess
    expect(cycle).toEqual(['net', 'dns', 'net']);
  });

  it('reports a service that depends on itself', () => {
    // Act
    const cycle = findCycle([{ id: 'a', dependsOn: ['a'] }]);

    // Assess
    expect(cycle).toEqual(['a', 'a']);
  });

  it('ignores dependencies on unknown ids', () => {
    // Prepare
    const services = [
      { id: 'a', dependsOn: ['ghost'] },
      { id: 'b', dependsOn: ['a', 'ghost'] },
    ];

    // Act
    const cycle = findCycle(services);

    // Assess
    expect(cycle).toBeUndefined();
  });

  it('returns the same cycle on every call', () => {
    // Prepare
    const services = [
      { id: 'x', dependsOn: ['y', 'z'] },
      { id: 'y', dependsOn: ['x'] },
      { id: 'z', dependsOn: ['x'] },
    ];

    // Act
    const first = findCycle(services);
    const second = findCycle(services);

    // Assess
    expect(first).toEqual(['x', 'y', 'x']);
    expect(second).toEqual(first);
  });

  it('does not report a shared dependency (a diamond) as a cycle', () => {
    // Prepare
    const services = [
      { id: 'top', dependsOn: ['left', 'right'] },
      { id: 'left', dependsOn: ['bottom'] },
      { id: 'right', dependsOn: ['bottom'] },
      { id: 'bottom', dependsOn: [] },
    ];

    // Act
    const cycle = findCycle(services);

    // Assess
    expect(cycle).toBeUndefined();
  });

  it('handles a chain of ten thousand services without overflowing', () => {
    // Prepare
    const services = Array.from({ length: 10_000 }, (_, i) => ({
      id: `s${i}`,
      dependsOn: i === 0 ? ['s9999'] : [`s${i - 1}`],
    }));

    // Act
    const cycle = findCycle(services);

    // Assess
    expect(cycle).toHaveLength(10_001);
    expect(cycle?.[0]).toBe(cycle?.at(-1));
  });
});

describe('restoreOrder', () => {
  it('puts dependencies in earlier waves than their dependents', () => {
    // Act
    const { waves } = restoreOrder(SHOP);

    // Assess
    expect(waves).toEqual([
      { phase: 1, services: ['network'] },
      { phase: 1, services: ['secrets', 'sessions'] },
      { phase: 1, services: ['orders-db'] },
      { phase: 1, services: ['web'] },
    ]);
  });

  it('orders a wave by tier, then by id', () => {
    // Prepare
    const services = [
      svc('b-standard', 5),
      svc('a-standard', 5),
      svc('z-critical', 5, [], 'critical'),
      svc('m-high', 5, [], 'high'),
    ];

    // Act
    const { waves } = restoreOrder(services);

    // Assess
    expect(idsOf(waves)).toEqual([
      ['z-critical', 'm-high', 'a-standard', 'b-standard'],
    ]);
  });

  it('returns the chain with the largest sum of RTOs, dependency first', () => {
    // Act
    const { criticalPath, criticalPathMs } = restoreOrder(SHOP);

    // Assess
    // network 30 + secrets 15 + orders-db 60 + web 20 beats network + sessions + web.
    expect(criticalPath).toEqual(['network', 'secrets', 'orders-db', 'web']);
    expect(criticalPathMs).toBe(125 * MINUTE);
  });

  it('picks a slow leaf over a long chain of fast services', () => {
    // Prepare
    const services = [
      svc('a', 1),
      svc('b', 1, ['a']),
      svc('c', 1, ['b']),
      svc('archive', 240),
    ];

    // Act
    const { criticalPath, criticalPathMs } = restoreOrder(services);

    // Assess
    expect(criticalPath).toEqual(['archive']);
    expect(criticalPathMs).toBe(240 * MINUTE);
  });

  it('returns empty waves and a zero path for no services', () => {
    // Act
    const order = restoreOrder([]);

    // Assess
    expect(order).toEqual({
      waves: [],
      sequence: [],
      criticalPath: [],
      criticalPathMs: 0,
    });
  });

  it('ignores dependencies on unknown ids', () => {
    // Prepare
    const services = [svc('a', 10, ['ghost']), svc('b', 10, ['a'])];

    // Act
    const order = restoreOrder(services);

    // Assess
    expect(idsOf(order.waves)).toEqual([['a'], ['b']]);
    expect(order.criticalPath).toEqual(['a', 'b']);
  });

  it('puts services caught in a cycle into a final wave instead of looping', () => {
    // Prepare
    const services = [
      svc('net', 10),
      svc('a', 10, ['net', 'b']),
      svc('b', 10, ['a']),
    ];

    // Act
    const order = restoreOrder(services);

    // Assess
    expect(idsOf(order.waves)).toEqual([['net'], ['a', 'b']]);
    expect(order.criticalPath.length).toBeGreaterThan(0);
  });
});

describe('restoreOrder with phases', () => {
  it('restores a later phase after every service of the earlier ones', () => {
    // Prepare: the archive needs nothing, but waits for the shop.
    const services = [...SHOP, svc('archive', 240, [], 'standard', 2)];

    // Act
    const { waves } = restoreOrder(services);

    // Assess
    expect(waves).toEqual([
      { phase: 1, services: ['network'] },
      { phase: 1, services: ['secrets', 'sessions'] },
      { phase: 1, services: ['orders-db'] },
      { phase: 1, services: ['web'] },
      { phase: 2, services: ['archive'] },
    ]);
  });

  it('layers each phase by its own dependencies, those of earlier phases already restored', () => {
    // Prepare
    const services = [
      svc('net', 10),
      svc('history', 10, ['net'], 'standard', 3),
      svc('logs', 10, [], 'standard', 3),
      svc('reports', 10, ['logs'], 'standard', 3),
    ];

    // Act
    const { waves } = restoreOrder(services);

    // Assess
    expect(waves).toEqual([
      { phase: 1, services: ['net'] },
      { phase: 3, services: ['history', 'logs'] },
      { phase: 3, services: ['reports'] },
    ]);
  });

  it('moves a service that asks for an earlier phase than a dependency into that phase', () => {
    // Prepare: lint reports this; the order still restores dependencies first.
    const services = [
      svc('app', 10, ['archive']),
      svc('archive', 10, [], 'standard', 2),
    ];

    // Act
    const { waves } = restoreOrder(services);

    // Assess
    expect(waves).toEqual([
      { phase: 2, services: ['archive'] },
      { phase: 2, services: ['app'] },
    ]);
  });

  it('runs the critical path through the restore that ends a phase', () => {
    // Prepare
    const services = [...SHOP, svc('archive', 240, [], 'standard', 2)];

    // Act
    const { criticalPath, criticalPathMs } = restoreOrder(services);

    // Assess: phase 1 ends with web at 125 min, then 240 min of archive.
    expect(criticalPath).toEqual([
      'network',
      'secrets',
      'orders-db',
      'web',
      'archive',
    ]);
    expect(criticalPathMs).toBe(365 * MINUTE);
  });

  it('does not count phases in front of a service in dependencyPathMs', () => {
    // Prepare
    const services = [...SHOP, svc('archive', 240, [], 'standard', 2)];

    // Act
    const result = dependencyPathMs(services, 'archive');

    // Assess
    expect(result).toEqual({ path: [], totalMs: 0 });
  });
});

describe('restoreOrder sequence', () => {
  it('starts the most critical service free to start, before less critical ones of an earlier wave', () => {
    // Prepare: orders-db is free once network and secrets are back; carts was free from the start.
    const services = [
      svc('network', 10, [], 'critical'),
      svc('secrets', 10, [], 'critical'),
      svc('carts', 10, [], 'high'),
      svc('logs', 10, [], 'standard'),
      svc('orders-db', 10, ['network', 'secrets'], 'critical'),
    ];

    // Act
    const { sequence, waves } = restoreOrder(services);

    // Assess
    expect(sequence).toEqual([
      'network',
      'secrets',
      'orders-db',
      'carts',
      'logs',
    ]);
    expect(idsOf(waves)).toEqual([
      ['network', 'secrets', 'carts', 'logs'],
      ['orders-db'],
    ]);
  });

  it('keeps phases in order whatever the tier', () => {
    // Prepare
    const services = [
      svc('archive', 10, [], 'critical', 2),
      svc('web', 10, [], 'standard'),
    ];

    // Act
    const { sequence } = restoreOrder(services);

    // Assess
    expect(sequence).toEqual(['web', 'archive']);
  });

  it('lists services caught in a cycle after the rest of their phase', () => {
    // Prepare
    const services = [
      svc('a', 10, ['b'], 'critical'),
      svc('b', 10, ['a']),
      svc('net', 10),
    ];

    // Act
    const { sequence } = restoreOrder(services);

    // Assess
    expect(sequence).toEqual(['net', 'a', 'b']);
  });
});

describe('dependencyPathMs', () => {
  it('returns the slowest chain in front of a service, excluding it', () => {
    // Act
    const result = dependencyPathMs(SHOP, 'web');

    // Assess
    expect(result).toEqual({
      path: ['network', 'secrets', 'orders-db'],
      totalMs: 105 * MINUTE,
    });
  });

  it('returns an empty path and 0 for a service without dependencies', () => {
    // Act
    const result = dependencyPathMs(SHOP, 'network');

    // Assess
    expect(result).toEqual({ path: [], totalMs: 0 });
  });

  it('returns an empty path and 0 for an unknown service', () => {
    // Act
    const result = dependencyPathMs(SHOP, 'ghost');

    // Assess
    expect(result).toEqual({ path: [], totalMs: 0 });
  });

  it('stops at the service itself when a cycle leads back to it', () => {
    // Prepare
    const services = [svc('a', 10, ['b']), svc('b', 20, ['a'])];

    // Act
    const result = dependencyPathMs(services, 'a');

    // Assess
    expect(result).toEqual({ path: ['b'], totalMs: 20 * MINUTE });
  });
});
