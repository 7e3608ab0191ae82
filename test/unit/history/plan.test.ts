import { describe, expect, it } from 'vitest';
import {
  observeEvent,
  REPLICATION_OBJECTS_KEPT,
} from '../../../src/history/facts.js';
import { stateFromItem } from '../../../src/history/items.js';
import {
  applyPlan,
  conditionHolds,
  planBlindUpdate,
  planStateUpdate,
  type StateItem,
} from '../../../src/history/plan.js';
import { aBackupEvent, HOUR, ORDERS_DB_ARN } from '../../helpers/builders.js';

const T0 = new Date('2026-11-01T00:00:00Z');
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);

const backupAt = (id: string, hours: number, sizeBytes = 100) =>
  aBackupEvent({
    id,
    occurredAt: at(hours),
    startedAt: at(hours),
    completedAt: at(hours),
    sizeBytes,
  });

const BUCKET = 'arn:aws:s3:::acme-assets';

/** An S3 replication event of one object `hours` after T0. */
const objectAt = (key: string, state: 'failed' | 'completed', hours: number) =>
  aBackupEvent({
    id: `${key}-${state}`,
    source: 'aws.s3',
    kind: 'replication',
    state,
    resourceArn: BUCKET,
    resourceType: 'S3',
    jobId: key,
    recoveryPointArn: undefined,
    sizeBytes: undefined,
    occurredAt: at(hours),
    startedAt: undefined,
    completedAt: at(hours),
  });

const stateAfter = (events: ReturnType<typeof backupAt>[]): StateItem => {
  let item: StateItem | undefined;
  for (const event of events) {
    const plan = planStateUpdate(item, observeEvent(event, 'orders-db'));
    if (plan) item = applyPlan(item, ORDERS_DB_ARN, plan) ?? item;
  }
  return item as StateItem;
};

describe('planStateUpdate', () => {
  it('creates a new state item only if none exists meanwhile', () => {
    // Act
    const plan = planStateUpdate(
      undefined,
      observeEvent(backupAt('a', 1), 'orders-db')
    );

    // Assess
    expect(plan?.conditions).toContainEqual({ kind: 'absent', path: ['PK'] });
    expect(plan?.set.map((s) => s.path.join('.'))).toEqual([
      'firstSeenAt',
      'resourceType',
      'account',
      'region',
      'lastEventAt',
      'lastEventId',
      'GSI1PK',
      'GSI1SK',
      'service',
      'lastBackup',
      'recentBackups',
    ]);
  });

  it('returns undefined for an event already applied', () => {
    // Prepare
    const event = backupAt('a', 1);
    const item = stateAfter([event]);

    // Act
    const plan = planStateUpdate(item, observeEvent(event, 'orders-db'));

    // Assess
    expect(plan).toBeUndefined();
  });

  it('plans only firstSeenAt and the size for an older backup', () => {
    // Prepare
    const item = stateAfter([backupAt('new', 5)]);

    // Act
    const plan = planStateUpdate(
      item,
      observeEvent(backupAt('old', 1), 'orders-db')
    );

    // Assess
    expect(plan?.set.map((s) => s.path[0])).toEqual([
      'firstSeenAt',
      'recentBackups',
    ]);
    expect(plan?.conditions).toEqual([
      { kind: 'earlier', path: ['firstSeenAt'], at: at(1).toISOString() },
    ]);
  });

  it('guards a newer fact with the forward-only condition', () => {
    // Prepare
    const item = stateAfter([backupAt('old', 1)]);

    // Act
    const plan = planStateUpdate(
      item,
      observeEvent(backupAt('new', 5), 'orders-db')
    );

    // Assess
    expect(plan?.conditions).toContainEqual({
      kind: 'newer',
      path: ['lastBackup'],
      atPath: ['lastBackup', 'at'],
      idPath: ['lastBackup', 'eventId'],
      at: at(5).toISOString(),
      eventId: 'new',
    });
  });

  it('drops the oldest size once more than 8 are stored', () => {
    // Prepare
    const item = stateAfter(
      Array.from({ length: 8 }, (_, i) => backupAt(`b${i}`, i + 1))
    );

    // Act
    const plan = planStateUpdate(
      item,
      observeEvent(backupAt('b8', 9), 'orders-db')
    );

    // Assess
    expect(plan?.remove).toEqual([
      ['recentBackups', expect.stringMatching(/^2026-11-01T01:00/)],
    ]);
  });

  it('ignores a size older than the 8 stored', () => {
    // Prepare
    const item = stateAfter(
      Array.from({ length: 8 }, (_, i) => backupAt(`b${i}`, i + 10))
    );

    // Act
    const plan = planStateUpdate(
      item,
      observeEvent(backupAt('old', 1), 'orders-db')
    );

    // Assess
    expect(plan?.set.map((s) => s.path[0])).toEqual(['firstSeenAt']);
  });

  it('makes room for a failed object by giving up the longest-replicated one', () => {
    // Prepare: the kept objects are full; two of them replicated since.
    const events = Array.from({ length: REPLICATION_OBJECTS_KEPT }, (_, i) =>
      objectAt(`o${i}.png`, 'failed', 1)
    );
    events.push(objectAt('o7.png', 'completed', 3));
    events.push(objectAt('o5.png', 'completed', 2));
    const item = stateAfter(events);

    // Act
    const plan = planStateUpdate(
      item,
      observeEvent(objectAt('new.png', 'failed', 4), 'assets')
    );

    // Assess
    expect(plan?.remove).toContainEqual(['replicationObjects', 'o5.png']);
    expect(plan?.set.map((s) => s.path.join('.'))).toContain(
      'replicationObjects.new.png'
    );
  });

  it('counts a failure beyond the kept objects, all failing, as an overflow', () => {
    // Prepare
    const item = stateAfter(
      Array.from({ length: REPLICATION_OBJECTS_KEPT }, (_, i) =>
        objectAt(`o${i}.png`, 'failed', 1)
      )
    );

    // Act
    const failed = planStateUpdate(
      item,
      observeEvent(objectAt('new.png', 'failed', 4), 'assets')
    );
    const replicated = planStateUpdate(
      item,
      observeEvent(objectAt('other.png', 'completed', 4), 'assets')
    );

    // Assess
    expect(failed?.set.map((s) => s.path.join('.'))).toContain(
      'lastReplicationOverflow'
    );
    expect(failed?.remove).toEqual([]);
    expect(
      replicated?.set.some((s) => s.path[0] === 'replicationObjects')
    ).toBe(false);
  });

  it('moves an unmapped resource to its service', () => {
    // Prepare
    const unmapped = stateAfter([]);
    const first = planStateUpdate(
      undefined,
      observeEvent(backupAt('a', 1), undefined)
    );
    const item = applyPlan(undefined, ORDERS_DB_ARN, first!) as StateItem;

    // Act
    const plan = planStateUpdate(
      item,
      observeEvent(backupAt('a', 1), 'orders-db')
    );

    // Assess
    expect(unmapped).toBeUndefined();
    expect(item.GSI1PK).toBe('SVC#~unmapped');
    expect(item.service).toBeUndefined();
    expect(plan?.set).toEqual([
      { path: ['GSI1PK'], value: 'SVC#orders-db' },
      { path: ['GSI1SK'], value: `RES#${ORDERS_DB_ARN}` },
      { path: ['service'], value: 'orders-db' },
    ]);
  });
});

describe('conditionHolds', () => {
  const item = {
    PK: 'x',
    SK: 'STATE',
    f: { at: '2026-11-01T01:00:00.000Z', eventId: 'm' },
  };
  const newer = (at: string, eventId: string) =>
    ({
      kind: 'newer',
      path: ['f'],
      atPath: ['f', 'at'],
      idPath: ['f', 'eventId'],
      at,
      eventId,
    }) as const;

  it.each([
    ['a later time', '2026-11-01T02:00:00.000Z', 'a', true],
    ['an earlier time', '2026-11-01T00:00:00.000Z', 'z', false],
    ['the same time and a greater id', '2026-11-01T01:00:00.000Z', 'n', true],
    ['the same time and the same id', '2026-11-01T01:00:00.000Z', 'm', false],
    ['the same time and a smaller id', '2026-11-01T01:00:00.000Z', 'a', false],
  ])('returns %s -> %s for newer', (_, at, eventId, expected) => {
    // Act
    const holds = conditionHolds(item, newer(at, eventId));

    // Assess
    expect(holds).toBe(expected);
  });

  it('holds on a missing item or path', () => {
    // Assess
    expect(conditionHolds(undefined, { kind: 'absent', path: ['PK'] })).toBe(
      true
    );
    expect(conditionHolds(item, newer('2000-01-01T00:00:00.000Z', 'a'))).toBe(
      false
    );
    expect(
      conditionHolds(item, { kind: 'earlier', path: ['g'], at: 'x' })
    ).toBe(true);
  });
});

describe('applyPlan', () => {
  it('returns undefined when a condition fails, like DynamoDB', () => {
    // Prepare
    const item = stateAfter([backupAt('a', 1)]);

    // Act
    const result = applyPlan(item, ORDERS_DB_ARN, {
      set: [{ path: ['firstSeenAt'], value: 'x' }],
      remove: [],
      conditions: [{ kind: 'absent', path: ['PK'] }],
    });

    // Assess
    expect(result).toBeUndefined();
  });

  it('leaves the stored item untouched', () => {
    // Prepare
    const item = stateAfter([backupAt('a', 1)]);
    const before = structuredClone(item);

    // Act
    applyPlan(item, ORDERS_DB_ARN, {
      set: [{ path: ['lastBackup', 'at'], value: 'changed' }],
      remove: [['firstSeenAt']],
      conditions: [],
    });

    // Assess
    expect(item).toEqual(before);
  });

  it('throws when a nested write has no parent map', () => {
    // Act
    const act = () =>
      applyPlan(undefined, ORDERS_DB_ARN, {
        set: [{ path: ['copies', 'vault'], value: 1 }],
        remove: [],
        conditions: [],
      });

    // Assess
    expect(act).toThrow(/no map at copies/);
  });
});

describe('planBlindUpdate', () => {
  /** The item after each event in turn, written blind where the guess holds. */
  const blindAfter = (events: ReturnType<typeof backupAt>[]) => {
    let item: StateItem | undefined;
    let blind = 0;
    for (const event of events) {
      const observation = observeEvent(event, 'orders-db');
      const written = applyPlan(
        item,
        event.resourceArn,
        planBlindUpdate(observation)
      );
      if (written !== undefined) {
        blind += 1;
        item = written;
        continue;
      }
      const plan = planStateUpdate(item, observation);
      if (plan) item = applyPlan(item, event.resourceArn, plan) ?? item;
    }
    return { item: item as StateItem, blind };
  };

  it('writes what a read would have planned, whatever the order', () => {
    // Prepare: ten backups with sizes, a failure and a late start.
    const events = [
      ...Array.from({ length: 10 }, (_, i) =>
        backupAt(`b${i}`, i * 24, 100 + i)
      ),
      aBackupEvent({ id: 'f', state: 'failed', occurredAt: at(30) }),
      aBackupEvent({ id: 's', state: 'started', occurredAt: at(-5) }),
    ];
    const inOrder = [...events].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()
    );
    const orders = [
      inOrder,
      [...inOrder].reverse(),
      [...events.slice(5), ...events.slice(0, 5)],
    ];

    // Act
    const results = orders.map(blindAfter);

    // Assess
    const expected = stateFromItem(stateAfter(events));
    for (const { item } of results)
      expect(stateFromItem(item)).toEqual(expected);
    // In time order, every event but the first sized backup (the sizes
    // map is new) is written without a read.
    expect(results[0]?.blind).toBe(events.length - 1);
  });

  it('fails, writing nothing, for a duplicate and for a map that is not there', () => {
    // Prepare
    const first = backupAt('b1', 1);
    const item = stateAfter([first]);

    // Act
    const duplicate = applyPlan(
      item,
      ORDERS_DB_ARN,
      planBlindUpdate(observeEvent(first, 'orders-db'))
    );
    const firstObject = applyPlan(
      undefined,
      BUCKET,
      planBlindUpdate(observeEvent(objectAt('a', 'failed', 1), 'assets'))
    );

    // Assess
    expect(duplicate).toBeUndefined();
    expect(firstObject).toBeUndefined();
  });
});
