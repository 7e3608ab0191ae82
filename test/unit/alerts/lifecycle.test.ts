import { describe, expect, it } from 'vitest';
import type { AlertPolicy } from '../../../src/alerts/index.js';
import { planAlert } from '../../../src/alerts/index.js';
import type {
  AlertKey,
  AlertRecord,
  Finding,
  OwedDelivery,
} from '../../../src/model/index.js';
import { HOUR, MINUTE, ORDERS_DB_ARN } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T12:00:00Z');
// Less than RENOTIFY_MS before NOW.
const EARLIER = new Date('2026-11-05T09:00:00Z');
const RENOTIFY_MS = 4 * HOUR;

const KEY: AlertKey = { service: 'orders-db', resource: ORDERS_DB_ARN };

const FINDING: Finding = {
  service: 'orders-db',
  resource: ORDERS_DB_ARN,
  check: 'backup-missed',
  severity: 'critical',
  status: 'open',
  since: new Date('2026-11-05T05:30:00Z'),
  summary: 'orders-db (orders-prod): no backup since 2026-11-04 02:05 UTC',
  detail: { dueAt: '2026-11-05T02:00:00.000Z' },
  runbookUrl:
    'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup',
};

const policy = (overrides: Partial<AlertPolicy> = {}): AlertPolicy => ({
  failureThreshold: 1,
  renotifyMs: RENOTIFY_MS,
  silenced: false,
  channels: ['pagerduty', 'sns'],
  ...overrides,
});

const owed = (
  channel: OwedDelivery['channel'],
  action: OwedDelivery['action'],
  overrides: Partial<OwedDelivery> = {}
): OwedDelivery => ({
  channel,
  action,
  attempts: 0,
  firstOwedAt: NOW,
  ...overrides,
});

/** An alert opened at EARLIER and notified then, nothing owed. */
const anOpenAlert = (overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  key: KEY,
  status: 'open',
  failures: 1,
  openedAt: EARLIER,
  lastNotifiedAt: EARLIER,
  silenced: false,
  findings: [FINDING],
  owed: [],
  version: 4,
  ...overrides,
});

const TRIGGERS = [owed('pagerduty', 'trigger'), owed('sns', 'trigger')];
const RESOLVES = [owed('pagerduty', 'resolve'), owed('sns', 'resolve')];

describe('planAlert', () => {
  it.each([
    {
      name: 'a first failure with threshold 1 opens and owes triggers',
      previous: undefined,
      threshold: 1,
      status: 'open',
      failures: 1,
      transition: ['new', 'open'],
      owedAfter: TRIGGERS,
    },
    {
      name: 'a first failure with threshold 3 is pending and owes nothing',
      previous: undefined,
      threshold: 3,
      status: 'pending',
      failures: 1,
      transition: ['new', 'pending'],
      owedAfter: [],
    },
    {
      name: 'a second failure with threshold 3 stays pending silently',
      previous: anOpenAlert({
        status: 'pending',
        failures: 1,
        openedAt: undefined,
        lastNotifiedAt: undefined,
      }),
      threshold: 3,
      status: 'pending',
      failures: 2,
      transition: undefined,
      owedAfter: [],
    },
    {
      name: 'a third failure with threshold 3 opens and owes triggers',
      previous: anOpenAlert({
        status: 'pending',
        failures: 2,
        openedAt: undefined,
        lastNotifiedAt: undefined,
      }),
      threshold: 3,
      status: 'open',
      failures: 3,
      transition: ['pending', 'open'],
      owedAfter: TRIGGERS,
    },
    {
      name: 'a resolved alert that fails again re-opens',
      previous: anOpenAlert({
        status: 'resolved',
        failures: 0,
        resolvedAt: EARLIER,
      }),
      threshold: 1,
      status: 'open',
      failures: 1,
      transition: ['resolved', 'open'],
      owedAfter: TRIGGERS,
    },
  ] as const)(
    '$name',
    ({ previous, threshold, status, failures, transition, owedAfter }) => {
      // Prepare
      const p = policy({ failureThreshold: threshold });

      // Act
      const plan = planAlert(previous, [FINDING], p, KEY, NOW);

      // Assess
      expect(plan.record).toMatchObject({
        key: KEY,
        status,
        failures,
        findings: [FINDING],
        silenced: false,
        version: (previous?.version ?? 0) + 1,
      });
      expect(plan.record?.owed).toEqual(owedAfter);
      expect(plan.transitions.map((t) => [t.from, t.to])).toEqual(
        transition === undefined ? [] : [transition]
      );
    }
  );

  it('sets openedAt and lastNotifiedAt when an alert opens', () => {
    // Prepare
    const previous = anOpenAlert({
      status: 'resolved',
      openedAt: new Date('2026-10-01T00:00:00Z'),
      resolvedAt: EARLIER,
      lastNotifiedAt: EARLIER,
    });

    // Act
    const { record, transitions } = planAlert(
      previous,
      [FINDING],
      policy(),
      KEY,
      NOW
    );

    // Assess
    expect(record?.openedAt).toEqual(NOW);
    expect(record?.lastNotifiedAt).toEqual(NOW);
    expect(record?.resolvedAt).toBeUndefined();
    expect(transitions).toEqual([
      {
        alertKey: KEY,
        from: 'resolved',
        to: 'open',
        reason: 'failing for 1 evaluation',
        at: NOW,
        findings: [FINDING],
      },
    ]);
  });

  it('re-notifies exactly renotifyMs after the last notification', () => {
    // Prepare
    const previous = anOpenAlert({
      lastNotifiedAt: new Date(NOW.getTime() - RENOTIFY_MS),
    });

    // Act
    const { record, transitions } = planAlert(
      previous,
      [FINDING],
      policy(),
      KEY,
      NOW
    );

    // Assess
    expect(record?.status).toBe('open');
    expect(record?.owed).toEqual(TRIGGERS);
    expect(record?.lastNotifiedAt).toEqual(NOW);
    expect(record?.openedAt).toEqual(EARLIER);
    expect(transitions).toEqual([]);
  });

  it('does not re-notify 1 ms before renotifyMs and writes nothing', () => {
    // Prepare
    const previous = anOpenAlert({
      lastNotifiedAt: new Date(NOW.getTime() - RENOTIFY_MS + 1),
    });

    // Act
    const plan = planAlert(previous, [FINDING], policy(), KEY, NOW);

    // Assess
    expect(plan).toEqual({ record: undefined, transitions: [] });
  });

  it('keeps the attempts of a trigger still owed when it re-notifies', () => {
    // Prepare
    const failing = owed('pagerduty', 'trigger', {
      attempts: 2,
      firstOwedAt: EARLIER,
      lastError: 'HTTP 503',
    });
    const previous = anOpenAlert({
      lastNotifiedAt: new Date(NOW.getTime() - RENOTIFY_MS),
      owed: [failing],
    });

    // Act
    const { record } = planAlert(previous, [FINDING], policy(), KEY, NOW);

    // Assess
    expect(record?.owed).toEqual([failing, owed('sns', 'trigger')]);
  });

  it('saves an open alert whose finding changed severity, owing nothing', () => {
    // Prepare
    const previous = anOpenAlert({
      findings: [{ ...FINDING, severity: 'warning' }],
    });

    // Act
    const { record, transitions } = planAlert(
      previous,
      [FINDING],
      policy(),
      KEY,
      NOW
    );

    // Assess
    expect(record).toMatchObject({ status: 'open', findings: [FINDING] });
    expect(record?.owed).toEqual([]);
    expect(transitions).toEqual([]);
  });

  it('updates the open incident with a trigger when a check starts failing in it', () => {
    // Prepare: the missed backup's incident is open; now the RPO breaks too.
    const previous = anOpenAlert();
    const rpo: Finding = {
      ...FINDING,
      check: 'rpo-breached',
      since: new Date('2026-11-05T11:05:00Z'),
    };

    // Act
    const { record, transitions } = planAlert(
      previous,
      [FINDING, rpo],
      policy(),
      KEY,
      NOW
    );

    // Assess
    expect(transitions).toEqual([]);
    expect(record).toMatchObject({
      key: KEY,
      status: 'open',
      openedAt: EARLIER,
      lastNotifiedAt: NOW,
      findings: [FINDING, rpo],
      owed: TRIGGERS,
    });
  });

  it('writes without paging when one of several checks passes again', () => {
    // Prepare
    const rpo: Finding = { ...FINDING, check: 'rpo-breached' };
    const previous = anOpenAlert({ findings: [FINDING, rpo] });

    // Act
    const { record, transitions } = planAlert(
      previous,
      [rpo],
      policy(),
      KEY,
      NOW
    );

    // Assess
    expect(transitions).toEqual([]);
    expect(record).toMatchObject({ status: 'open', findings: [rpo], owed: [] });
  });

  it('resolves an incident a roll-up takes over, saying where it went', () => {
    // Act
    const { record, transitions } = planAlert(
      anOpenAlert(),
      [],
      policy(),
      KEY,
      NOW,
      { mergedInto: { service: 'orders-db' } }
    );

    // Assess
    expect(record).toMatchObject({
      status: 'resolved',
      mergedInto: { service: 'orders-db' },
      owed: RESOLVES,
    });
    expect(transitions[0]?.reason).toBe(
      'moved into backup-sentinel/orders-db with the other failing resources of the service'
    );
  });

  it('opens a new roll-up at once with the failures of the incidents it takes over', () => {
    // Act
    const { record, transitions } = planAlert(
      undefined,
      [FINDING],
      policy({ failureThreshold: 3 }),
      { service: 'orders-db' },
      NOW,
      { carriedFailures: 3 }
    );

    // Assess
    expect(record).toMatchObject({ status: 'open', failures: 4 });
    expect(transitions.map((t) => [t.from, t.to])).toEqual([['new', 'open']]);
  });

  it('resolves an open alert and owes a resolve to each paged channel', () => {
    // Prepare
    const previous = anOpenAlert();

    // Act
    const { record, transitions } = planAlert(previous, [], policy(), KEY, NOW);

    // Assess
    const resolved = { ...FINDING, status: 'resolved' };
    expect(record).toMatchObject({
      status: 'resolved',
      failures: 0,
      openedAt: EARLIER,
      resolvedAt: NOW,
      findings: [resolved],
      version: 5,
    });
    expect(record?.owed).toEqual(RESOLVES);
    expect(transitions).toEqual([
      {
        alertKey: KEY,
        from: 'open',
        to: 'resolved',
        reason: 'every check passes again',
        at: NOW,
        findings: [resolved],
      },
    ]);
  });

  it('treats a resolved finding as a passing check', () => {
    // Prepare
    const previous = anOpenAlert();

    // Act
    const { record } = planAlert(
      previous,
      [{ ...FINDING, status: 'resolved' }],
      policy(),
      KEY,
      NOW
    );

    // Assess
    expect(record?.status).toBe('resolved');
  });

  it('replaces an unsent trigger with the resolve', () => {
    // Prepare
    const previous = anOpenAlert({
      owed: [
        owed('pagerduty', 'trigger', { attempts: 2, firstOwedAt: EARLIER }),
      ],
    });

    // Act
    const { record } = planAlert(previous, [], policy(), KEY, NOW);

    // Assess
    expect(record?.owed).toEqual([
      owed('pagerduty', 'resolve'),
      owed('sns', 'resolve'),
    ]);
  });

  it('queues the resolve behind a trigger still in flight', () => {
    // Prepare
    const sending = owed('pagerduty', 'trigger', {
      attempts: 1,
      attemptedAt: new Date(NOW.getTime() - MINUTE),
    });
    const previous = anOpenAlert({ owed: [sending] });

    // Act
    const { record } = planAlert(previous, [], policy(), KEY, NOW);

    // Assess
    expect(record?.owed).toEqual([sending, ...RESOLVES]);
  });

  it('replaces an unsent resolve with the trigger when it re-opens', () => {
    // Prepare
    const previous = anOpenAlert({
      status: 'resolved',
      resolvedAt: EARLIER,
      owed: [owed('sns', 'resolve', { attempts: 1, firstOwedAt: EARLIER })],
    });

    // Act
    const { record } = planAlert(previous, [FINDING], policy(), KEY, NOW);

    // Assess
    expect(record?.owed).toEqual(TRIGGERS);
  });

  it('returns a pending alert that passes to nothing, without a transition', () => {
    // Prepare
    const previous = anOpenAlert({
      status: 'pending',
      failures: 2,
      openedAt: undefined,
      lastNotifiedAt: undefined,
    });

    // Act
    const { record, transitions } = planAlert(
      previous,
      [],
      policy({ failureThreshold: 3 }),
      KEY,
      NOW
    );

    // Assess
    expect(record).toMatchObject({ status: 'resolved', failures: 0 });
    expect(record?.owed).toEqual([]);
    expect(record?.openedAt).toBeUndefined();
    expect(transitions).toEqual([]);
  });

  it('restarts the count when a pending alert that passed fails again', () => {
    // Prepare
    const cleared = planAlert(
      anOpenAlert({
        status: 'pending',
        failures: 2,
        openedAt: undefined,
        lastNotifiedAt: undefined,
      }),
      [],
      policy({ failureThreshold: 3 }),
      KEY,
      NOW
    ).record;

    // Act
    const { record } = planAlert(
      cleared,
      [FINDING],
      policy({ failureThreshold: 3 }),
      KEY,
      new Date(NOW.getTime() + 15 * MINUTE)
    );

    // Assess
    expect(record).toMatchObject({ status: 'pending', failures: 1 });
  });

  it.each([
    ['no alert', undefined],
    [
      'a resolved alert',
      anOpenAlert({ status: 'resolved', resolvedAt: EARLIER }),
    ],
  ])('returns nothing to save for %s when the check passes', (_, previous) => {
    // Act
    const plan = planAlert(previous, [], policy(), KEY, NOW);

    // Assess
    expect(plan).toEqual({ record: undefined, transitions: [] });
  });

  it('records a silenced finding as open but owes nothing', () => {
    // Act
    const { record, transitions } = planAlert(
      undefined,
      [FINDING],
      policy({ silenced: true }),
      KEY,
      NOW
    );

    // Assess
    expect(record).toMatchObject({ status: 'open', silenced: true });
    expect(record?.owed).toEqual([]);
    expect(record?.lastNotifiedAt).toBeUndefined();
    expect(transitions).toEqual([
      expect.objectContaining({
        from: 'new',
        to: 'open',
        reason: 'failing for 1 evaluation; silenced, not paged',
      }),
    ]);
  });

  it('pages at once when the silence of an open alert ends', () => {
    // Prepare
    const previous = anOpenAlert({ silenced: true, lastNotifiedAt: undefined });

    // Act
    const { record } = planAlert(previous, [FINDING], policy(), KEY, NOW);

    // Assess
    expect(record).toMatchObject({ silenced: false, lastNotifiedAt: NOW });
    expect(record?.owed).toEqual(TRIGGERS);
  });

  it('does not re-notify while silenced', () => {
    // Prepare
    const previous = anOpenAlert({
      silenced: true,
      lastNotifiedAt: new Date(NOW.getTime() - 2 * RENOTIFY_MS),
    });

    // Act
    const plan = planAlert(
      previous,
      [FINDING],
      policy({ silenced: true }),
      KEY,
      NOW
    );

    // Assess
    expect(plan.record).toBeUndefined();
  });

  it('owes no resolve for an alert that was never paged', () => {
    // Prepare
    const previous = anOpenAlert({ silenced: true, lastNotifiedAt: undefined });

    // Act
    const { record, transitions } = planAlert(
      previous,
      [],
      policy({ silenced: true }),
      KEY,
      NOW
    );

    // Assess
    expect(record?.status).toBe('resolved');
    expect(record?.owed).toEqual([]);
    expect(transitions).toHaveLength(1);
  });

  it('owes the resolve of a paged alert even under a silence', () => {
    // Act
    const { record } = planAlert(
      anOpenAlert(),
      [],
      policy({ silenced: true }),
      KEY,
      NOW
    );

    // Assess
    expect(record?.owed).toEqual(RESOLVES);
  });

  it('opens without owing anything when the route has no channels', () => {
    // Act
    const { record } = planAlert(
      undefined,
      [FINDING],
      policy({ channels: [] }),
      KEY,
      NOW
    );

    // Assess
    expect(record?.status).toBe('open');
    expect(record?.owed).toEqual([]);
    expect(record?.lastNotifiedAt).toBeUndefined();
  });
});
