import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/history/index.js';
import {
  alertFromItem,
  alertToItem,
  eventFromItem,
  eventToItem,
  MAX_RAW_LENGTH,
  rejectedToItem,
  stateFromItem,
  weekScoresFromItems,
  weekScoresToItems,
} from '../../../src/history/items.js';
import type { AlertRecord } from '../../../src/model/index.js';
import { aBackupEvent, DAY, ORDERS_DB_ARN } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T00:00:00Z');

const anAlert = (status: AlertRecord['status']): AlertRecord => ({
  key: { service: 'orders-db', resource: ORDERS_DB_ARN },
  status,
  failures: 2,
  openedAt: NOW,
  silenced: false,
  findings: [
    {
      service: 'orders-db',
      resource: ORDERS_DB_ARN,
      check: 'backup-failed',
      severity: 'critical',
      status: 'open',
      since: NOW,
      summary: 'backup failed',
      detail: { jobId: 'j', bytes: 3, retried: true, note: null },
      runbookUrl: 'https://example.com/orders-db#manual-backup',
    },
  ],
  owed: [
    {
      channel: 'pagerduty',
      action: 'trigger',
      attempts: 3,
      firstOwedAt: NOW,
      attemptedAt: NOW,
      fellBackAt: NOW,
    },
  ],
  version: 4,
});

describe('eventToItem', () => {
  it('keys the event by resource, time and id, with its TTL', () => {
    // Prepare
    const event = aBackupEvent();

    // Act
    const item = eventToItem(event, 'orders-db', 400 * DAY);

    // Assess
    expect(item).toMatchObject({
      PK: `RES#${ORDERS_DB_ARN}`,
      SK: `EVT#2026-11-04T02:25:00.000Z#${event.id}`,
      service: 'orders-db',
      expiresAt: Math.floor((event.occurredAt.getTime() + 400 * DAY) / 1000),
    });
  });

  it('round-trips through eventFromItem', () => {
    // Prepare
    const event = aBackupEvent({
      kind: 'recovery-point',
      deleteAt: new Date('2027-11-04T00:00:00Z'),
      restoreTest: false,
      rdsEventId: 'RDS-EVENT-0091',
    });

    // Act
    const back = eventFromItem(eventToItem(event, undefined, DAY));

    // Assess
    expect(back).toEqual(event);
  });
});

describe('stateFromItem', () => {
  it('names the item and attribute that is malformed', () => {
    // Prepare
    const item = {
      PK: `RES#${ORDERS_DB_ARN}`,
      SK: 'STATE',
      resourceType: 'RDS',
      account: '1',
      region: 'r',
      firstSeenAt: 'not a time',
    };

    // Act
    const act = () => stateFromItem(item);

    // Assess
    expect(act).toThrow(StoreError);
    expect(act).toThrow(
      `stored item RES#${ORDERS_DB_ARN}/STATE: firstSeenAt is not an ISO time`
    );
  });

  it('rejects a fact state outside EVENT_STATES', () => {
    // Prepare
    const item = {
      PK: `RES#${ORDERS_DB_ARN}`,
      SK: 'STATE',
      resourceType: 'RDS',
      account: '1',
      region: 'r',
      firstSeenAt: NOW.toISOString(),
      lastBackup: {
        at: NOW.toISOString(),
        eventId: 'e',
        state: 'done',
        createdAt: NOW.toISOString(),
      },
    };

    // Act
    const act = () => stateFromItem(item);

    // Assess
    expect(act).toThrow(/lastBackup: state is not one of started/);
  });
});

describe('alertToItem', () => {
  it('keys an incident by service and resource, in the active partition while unresolved', () => {
    // Act
    const item = alertToItem(anAlert('pending'), 5);

    // Assess
    expect(item).toMatchObject({
      PK: `ALERT#orders-db#${ORDERS_DB_ARN}`,
      SK: 'STATE',
      GSI1PK: 'ALERTS#active',
      GSI1SK: `orders-db#${ORDERS_DB_ARN}`,
      version: 5,
    });
  });

  it('keys a service roll-up by the service alone', () => {
    // Act
    const item = alertToItem(
      { ...anAlert('open'), key: { service: 'orders-db' } },
      5
    );

    // Assess
    expect(item).toMatchObject({
      PK: 'ALERT#orders-db#',
      GSI1SK: 'orders-db#',
    });
  });

  it('leaves a resolved alert that owes nothing out of the active partition', () => {
    // Act
    const item = alertToItem({ ...anAlert('resolved'), owed: [] }, 5);

    // Assess
    expect(item.GSI1PK).toBeUndefined();
    expect(item.GSI1SK).toBeUndefined();
  });

  it('keeps a resolved alert that still owes a delivery active', () => {
    // Act
    const item = alertToItem(anAlert('resolved'), 5);

    // Assess
    expect(item.GSI1PK).toBe('ALERTS#active');
  });

  it('round-trips through alertFromItem, a merge target included', () => {
    // Prepare
    const alert = { ...anAlert('open'), mergedInto: { service: 'orders-db' } };

    // Act
    const back = alertFromItem(alertToItem(alert, alert.version));

    // Assess
    expect(back).toEqual(alert);
  });
});

describe('rejectedToItem', () => {
  it('cuts a huge input and keeps its length', () => {
    // Prepare
    const raw = 'x'.repeat(MAX_RAW_LENGTH + 10);

    // Act
    const item = rejectedToItem(
      raw,
      [{ path: '', message: 'not JSON' }],
      'abcd',
      DAY,
      NOW
    );

    // Assess
    expect(item).toMatchObject({
      PK: 'REJECTED#2026-11-05',
      SK: '2026-11-05T00:00:00.000Z#abcd',
      rawLength: MAX_RAW_LENGTH + 10,
      expiresAt: Math.floor((NOW.getTime() + DAY) / 1000),
    });
    expect(item.raw).toHaveLength(MAX_RAW_LENGTH);
  });
});

describe('weekScoresFromItems', () => {
  const WEEK_START = new Date('2026-10-26T00:00:00Z');
  const services = Array.from({ length: 1_500 }, (_, i) => ({
    service: `service-${i}`,
    score: 90,
  }));
  const saveAt = (now: Date, saveId = 'a1') =>
    weekScoresToItems(WEEK_START, { score: 90, services }, DAY, now, saveId);
  const later = new Date(NOW.getTime() + DAY);

  it('splits many services into parts and reads them back whole', () => {
    // Prepare
    const items = saveAt(NOW);

    // Act
    const scores = weekScoresFromItems(items);

    // Assess
    expect(items).toHaveLength(2);
    expect(scores).toEqual({ score: 90, services });
  });

  it('keeps long service ids under the item limit', () => {
    // Prepare
    const long = Array.from({ length: 1_000 }, (_, i) => ({
      service: `${'s'.repeat(390)}-${i}`,
    }));

    // Act
    const items = weekScoresToItems(
      WEEK_START,
      { services: long },
      DAY,
      NOW,
      'a1'
    );

    // Assess
    for (const item of items) {
      expect(JSON.stringify(item).length).toBeLessThan(100_000);
    }
    expect(weekScoresFromItems(items)).toEqual({ services: long });
  });

  it('takes no save that lost a part', () => {
    // Prepare
    const [first] = saveAt(NOW);

    // Act
    const scores = weekScoresFromItems(first === undefined ? [] : [first]);

    // Assess
    expect(scores).toBeUndefined();
  });

  it('takes the newest whole save, never a mix, and an older one when the newest was cut short', () => {
    // Prepare
    const older = saveAt(NOW);
    const newer = weekScoresToItems(
      WEEK_START,
      { services: [{ service: 'orders-db' }] },
      DAY,
      later,
      'b2'
    );
    const cutShort = saveAt(new Date(later.getTime() + DAY)).slice(1);

    // Act
    const newest = weekScoresFromItems([...older, ...newer]);
    const fallback = weekScoresFromItems([...older, ...newer, ...cutShort]);
    const sameInstant = weekScoresFromItems([...saveAt(later, 'c3'), ...newer]);

    // Assess
    expect(newest).toEqual({ services: [{ service: 'orders-db' }] });
    expect(fallback).toEqual(newest);
    expect(sameInstant).toEqual(newest);
  });

  it('names the item and attribute when a part is malformed', () => {
    // Prepare
    const [item] = weekScoresToItems(
      WEEK_START,
      { services: [{ service: 'orders-db' }] },
      DAY,
      NOW,
      'a1'
    );

    // Act
    const read = () =>
      weekScoresFromItems([{ ...item, services: [{ service: 7 }] }]);

    // Assess
    expect(read).toThrow(StoreError);
    expect(read).toThrow(/SCORES#2026-10-26T00:00:00.000Z\/.*services\[0\]/);
  });
});
