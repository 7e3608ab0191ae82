import { beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryContext } from '../../../src/alerts/index.js';
import {
  deliverAlert,
  IN_FLIGHT_MS,
  MAX_PAGERDUTY_ATTEMPTS,
} from '../../../src/alerts/index.js';
import { InMemoryHistoryStore } from '../../../src/history/index.js';
import type {
  AlertKey,
  AlertRecord,
  Finding,
  OwedDelivery,
  Transition,
} from '../../../src/model/index.js';
import { RecordingChannel, RecordingLogger } from '../../helpers/alertFakes.js';
import { aService, MINUTE, ORDERS_DB_ARN } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T12:00:00Z');
const LATER = new Date(NOW.getTime() + 15 * MINUTE);

const KEY: AlertKey = { service: 'orders-db', resource: ORDERS_DB_ARN };

const FINDING: Finding = {
  service: 'orders-db',
  resource: ORDERS_DB_ARN,
  check: 'backup-failed',
  severity: 'critical',
  status: 'open',
  since: new Date('2026-11-05T02:40:00Z'),
  summary: 'orders-db (orders-prod): backup job FAILED at 2026-11-05 02:40 UTC',
  detail: { state: 'failed' },
  runbookUrl:
    'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup',
};

const CONTEXT: DeliveryContext = {
  service: aService(),
  route: { pagerduty: '/backup-sentinel/pagerduty/oncall', sns: true },
  serviceUrl:
    'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md',
  states: [],
};

const owed = (
  channel: OwedDelivery['channel'],
  overrides: Partial<OwedDelivery> = {}
): OwedDelivery => ({
  channel,
  action: 'trigger',
  attempts: 0,
  firstOwedAt: NOW,
  ...overrides,
});

const anAlert = (overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  key: KEY,
  status: 'open',
  failures: 1,
  openedAt: NOW,
  lastNotifiedAt: NOW,
  silenced: false,
  findings: [FINDING],
  owed: [owed('pagerduty'), owed('sns')],
  version: 1,
  ...overrides,
});

const OPENED: Transition = {
  alertKey: KEY,
  from: 'new',
  to: 'open',
  reason: 'failing for 1 evaluation',
  at: NOW,
  findings: [FINDING],
};

let store: InMemoryHistoryStore;
let pagerduty: RecordingChannel;
let sns: RecordingChannel;
let logger: RecordingLogger;

const deps = () => ({ store, channels: [pagerduty, sns], logger });

beforeEach(() => {
  store = new InMemoryHistoryStore();
  pagerduty = new RecordingChannel('pagerduty');
  sns = new RecordingChannel('sns');
  logger = new RecordingLogger();
});

describe('deliverAlert', () => {
  it('delivers each owed delivery once and saves the alert owing nothing', async () => {
    // Act
    const outcome = await deliverAlert(
      deps(),
      anAlert(),
      undefined,
      [OPENED],
      CONTEXT,
      NOW
    );

    // Assess
    expect(outcome).toMatchObject({ saved: true, delivered: 2, failed: 0 });
    expect(pagerduty.delivered.map((d) => d.action)).toEqual(['trigger']);
    expect(sns.delivered.map((d) => d.action)).toEqual(['trigger']);
    expect(sns.delivered[0]?.context).toEqual(CONTEXT);
    const stored = await store.getAlert(KEY);
    expect(stored).toMatchObject({ status: 'open', owed: [], version: 2 });
    expect(
      await store.listTransitions(NOW, new Date(NOW.getTime() + 1))
    ).toEqual([OPENED]);
  });

  it('saves the owed deliveries before it sends them', async () => {
    // Prepare
    let seen: AlertRecord | undefined;
    sns.onDeliver = async () => {
      seen = await store.getAlert(KEY);
    };

    // Act
    await deliverAlert(deps(), anAlert(), undefined, [], CONTEXT, NOW);

    // Assess
    expect(seen?.owed).toEqual([
      owed('pagerduty', { attempts: 1, attemptedAt: NOW }),
      owed('sns', { attempts: 1, attemptedAt: NOW }),
    ]);
  });

  it('keeps a failed delivery owed with its attempts and error', async () => {
    // Prepare
    pagerduty.down = true;

    // Act
    const outcome = await deliverAlert(
      deps(),
      anAlert(),
      undefined,
      [],
      CONTEXT,
      NOW
    );

    // Assess
    expect(outcome).toMatchObject({ delivered: 1, failed: 1 });
    expect((await store.getAlert(KEY))?.owed).toEqual([
      owed('pagerduty', {
        attempts: 1,
        attemptedAt: NOW,
        lastError: 'pagerduty receiver answered 503',
      }),
    ]);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'delivery failed; it stays owed',
      })
    );
  });

  it('retries a failed delivery at the next evaluation', async () => {
    // Prepare
    pagerduty.failures = 1;
    await deliverAlert(deps(), anAlert(), undefined, [], CONTEXT, NOW);
    const stored = (await store.getAlert(KEY)) as AlertRecord;

    // Act
    const outcome = await deliverAlert(
      deps(),
      stored,
      stored.version,
      [],
      CONTEXT,
      LATER
    );

    // Assess
    expect(outcome).toMatchObject({ delivered: 1, failed: 0 });
    expect(pagerduty.delivered).toHaveLength(1);
    expect(sns.delivered).toHaveLength(1);
    expect((await store.getAlert(KEY))?.owed).toEqual([]);
  });

  it('skips the alert without sending when another invocation saved it first', async () => {
    // Prepare
    await store.saveAlert(anAlert({ owed: [] }), undefined);

    // Act
    const outcome = await deliverAlert(
      deps(),
      anAlert(),
      undefined,
      [OPENED],
      CONTEXT,
      NOW
    );

    // Assess
    expect(outcome).toEqual({
      saved: false,
      delivered: 0,
      failed: 0,
      record: undefined,
    });
    expect(pagerduty.calls + sns.calls).toBe(0);
    expect(
      await store.listTransitions(NOW, new Date(NOW.getTime() + 1))
    ).toEqual([]);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'alert skipped: another invocation got there first',
      })
    );
  });

  it('leaves alone a delivery another invocation is attempting', async () => {
    // Prepare
    const inFlight = owed('pagerduty', {
      attempts: 1,
      attemptedAt: new Date(NOW.getTime() - IN_FLIGHT_MS + 1),
    });
    await store.saveAlert(anAlert({ owed: [inFlight] }), undefined);

    // Act
    const outcome = await deliverAlert(
      deps(),
      anAlert({ owed: [inFlight] }),
      1,
      [],
      CONTEXT,
      NOW
    );

    // Assess
    expect(outcome).toMatchObject({ saved: true, delivered: 0 });
    expect(pagerduty.calls).toBe(0);
    expect((await store.getAlert(KEY))?.owed).toEqual([inFlight]);
  });

  it('takes over an attempt abandoned IN_FLIGHT_MS ago', async () => {
    // Prepare
    const abandoned = owed('pagerduty', {
      attempts: 1,
      attemptedAt: new Date(NOW.getTime() - IN_FLIGHT_MS),
    });
    await store.saveAlert(anAlert({ owed: [abandoned] }), undefined);

    // Act
    await deliverAlert(
      deps(),
      anAlert({ owed: [abandoned] }),
      1,
      [],
      CONTEXT,
      NOW
    );

    // Assess
    expect(pagerduty.delivered).toHaveLength(1);
    expect((await store.getAlert(KEY))?.owed).toEqual([]);
  });

  it('sends one delivery per channel at a time, in order', async () => {
    // Prepare
    const trigger = owed('pagerduty', { firstOwedAt: new Date(0) });
    const resolve = owed('pagerduty', { action: 'resolve' });

    // Act
    await deliverAlert(
      deps(),
      anAlert({ owed: [trigger, resolve] }),
      undefined,
      [],
      CONTEXT,
      NOW
    );

    // Assess
    expect(pagerduty.delivered.map((d) => d.action)).toEqual(['trigger']);
    expect((await store.getAlert(KEY))?.owed).toEqual([resolve]);
  });

  it('holds a resolve back while its trigger is in flight elsewhere', async () => {
    // Prepare
    const trigger = owed('pagerduty', { attempts: 1, attemptedAt: NOW });
    const resolve = owed('pagerduty', { action: 'resolve' });
    await store.saveAlert(anAlert({ owed: [trigger, resolve] }), undefined);

    // Act
    await deliverAlert(
      deps(),
      anAlert({ owed: [trigger, resolve] }),
      1,
      [],
      CONTEXT,
      NOW
    );

    // Assess
    expect(pagerduty.calls).toBe(0);
  });

  it('sends to SNS with a note once PagerDuty has failed MAX_PAGERDUTY_ATTEMPTS times', async () => {
    // Prepare
    pagerduty.down = true;
    const failing = owed('pagerduty', {
      attempts: MAX_PAGERDUTY_ATTEMPTS - 1,
      attemptedAt: new Date(LATER.getTime() - 15 * MINUTE),
      lastError: 'pagerduty receiver answered 503',
    });
    await store.saveAlert(anAlert({ owed: [failing] }), undefined);

    // Act
    const outcome = await deliverAlert(
      deps(),
      anAlert({ owed: [failing] }),
      1,
      [],
      CONTEXT,
      LATER
    );

    // Assess
    expect(outcome).toMatchObject({ delivered: 1, failed: 1 });
    expect(sns.delivered).toHaveLength(1);
    expect(sns.delivered[0]?.action).toBe('trigger');
    expect(sns.delivered[0]?.context.note).toBe(
      `PagerDuty did not accept this trigger after ${MAX_PAGERDUTY_ATTEMPTS} attempts (pagerduty receiver answered 503); it is sent by SNS instead.`
    );
    // PagerDuty stays owed, so the incident appears when it comes back.
    expect((await store.getAlert(KEY))?.owed).toEqual([
      {
        ...failing,
        attempts: MAX_PAGERDUTY_ATTEMPTS,
        attemptedAt: LATER,
        fellBackAt: LATER,
      },
    ]);
  });

  it('falls back to SNS only once while PagerDuty keeps failing', async () => {
    // Prepare
    pagerduty.down = true;
    let record = anAlert({ owed: [owed('pagerduty')] });
    let expected: number | undefined;
    let at = NOW;

    // Act
    for (let i = 0; i < MAX_PAGERDUTY_ATTEMPTS + 2; i++) {
      const outcome = await deliverAlert(
        deps(),
        record,
        expected,
        [],
        CONTEXT,
        at
      );
      record = outcome.record as AlertRecord;
      expected = record.version;
      at = new Date(at.getTime() + 15 * MINUTE);
    }

    // Assess
    expect(pagerduty.calls).toBe(MAX_PAGERDUTY_ATTEMPTS + 2);
    expect(sns.delivered).toHaveLength(1);
    expect(record.owed).toEqual([
      expect.objectContaining({
        channel: 'pagerduty',
        attempts: MAX_PAGERDUTY_ATTEMPTS + 2,
      }),
    ]);
  });

  it('keeps the SNS fallback owed when SNS fails too', async () => {
    // Prepare
    pagerduty.down = true;
    sns.down = true;
    const failing = owed('pagerduty', {
      attempts: MAX_PAGERDUTY_ATTEMPTS - 1,
    });

    // Act
    await deliverAlert(
      deps(),
      anAlert({ owed: [failing] }),
      undefined,
      [],
      CONTEXT,
      LATER
    );

    // Assess
    expect((await store.getAlert(KEY))?.owed).toEqual([
      expect.objectContaining({ channel: 'pagerduty', fellBackAt: LATER }),
      owed('sns', {
        firstOwedAt: LATER,
        attempts: 1,
        attemptedAt: LATER,
        lastError: 'sns receiver answered 503',
      }),
    ]);
  });

  it('keeps a delivery to a channel that is not configured owed', async () => {
    // Act
    const outcome = await deliverAlert(
      { store, channels: [sns], logger },
      anAlert(),
      undefined,
      [],
      CONTEXT,
      NOW
    );

    // Assess
    expect(outcome).toMatchObject({ delivered: 1, failed: 1 });
    expect((await store.getAlert(KEY))?.owed).toEqual([
      owed('pagerduty', {
        attempts: 1,
        attemptedAt: NOW,
        lastError: 'channel pagerduty is not configured',
      }),
    ]);
  });

  it('merges its results when another invocation saved the alert meanwhile', async () => {
    // Prepare
    sns.onDeliver = async () => {
      const current = (await store.getAlert(KEY)) as AlertRecord;
      await store.saveAlert({ ...current, failures: 7 }, current.version);
    };

    // Act
    const outcome = await deliverAlert(
      deps(),
      anAlert(),
      undefined,
      [],
      CONTEXT,
      NOW
    );

    // Assess
    expect(outcome.record).toMatchObject({ failures: 7, owed: [] });
    expect(await store.getAlert(KEY)).toMatchObject({
      failures: 7,
      owed: [],
      version: 3,
    });
  });
});
