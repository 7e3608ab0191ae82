import { Agent } from 'node:https';
import { event } from '@pagerduty/pdjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLoopbackCertificate,
  type PagerDutyReceiver,
  startPagerDutyReceiver,
  type TlsPair,
} from '../../../../demo/receivers/index.js';
import type { PagerDutyChannelOptions } from '../../../../src/alerts/channels/index.js';
import { pagerDutyEvent } from '../../../../src/alerts/channels/index.js';
import {
  ChannelDeliveryError,
  PagerDutyChannel,
} from '../../../../src/alerts/index.js';
import type { AlertRoute } from '../../../../src/runbook/index.js';
import {
  aContext,
  anAlert,
  aResolvedAlert,
} from '../../../helpers/channelFixtures.js';

const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const DEDUP_KEY =
  'backup-sentinel/orders-db/arn:aws:rds:eu-west-1:111122223333:db:orders-prod';
const SECTION_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup';
// Milliseconds, so retries cost nothing here.
const FAST = {
  retries: 2,
  minTimeoutMs: 1,
  maxTimeoutMs: 2,
  rateLimitWaitMs: 1,
};

let tls: TlsPair;
let receiver: PagerDutyReceiver;

const channel = (
  overrides: Partial<PagerDutyChannelOptions> = {}
): PagerDutyChannel =>
  new PagerDutyChannel({
    routingKey: async () => ROUTING_KEY,
    server: receiver.server,
    agent: receiver.agent,
    timeoutMs: 2_000,
    retry: FAST,
    ...overrides,
  });

const statuses = (): (number | undefined)[] =>
  receiver.requests.map((r) => r.status);

beforeAll(async () => {
  // The certificate's validity starts a minute before the real clock: TLS
  // checks it against the clock, not the tests' NOW.
  tls = await createLoopbackCertificate(new Date());
});

beforeEach(async () => {
  receiver = await startPagerDutyReceiver({ tls });
});

afterEach(async () => {
  await receiver.stop();
});

describe('PagerDutyChannel', () => {
  it('sends a trigger with every field over verified TLS', async () => {
    // Act
    await channel().deliver('trigger', anAlert(), aContext());

    // Assess
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({
      path: '/v2/enqueue',
      status: 202,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    // The exact fields are pinned in pagerDutyEvent.test.ts; here, that
    // event is what went over the wire.
    expect(receiver.accepted()).toEqual([
      pagerDutyEvent('trigger', anAlert(), aContext(), ROUTING_KEY),
    ]);
    expect(receiver.accepted()[0]).toMatchObject({
      dedup_key: DEDUP_KEY,
      payload: { custom_details: { runbook_section: SECTION_URL } },
    });
  });

  it('sends a resolve with the routing key, the action and the dedup key only', async () => {
    // Act
    await channel().deliver('resolve', aResolvedAlert(), aContext());

    // Assess
    expect(receiver.accepted()).toStrictEqual([
      {
        routing_key: ROUTING_KEY,
        event_action: 'resolve',
        dedup_key: DEDUP_KEY,
      },
    ]);
  });

  it('uses the routing key of the alert route', async () => {
    // Prepare
    const routes: AlertRoute[] = [];
    const pd = channel({
      routingKey: async (route) => {
        routes.push(route);
        return ROUTING_KEY;
      },
    });
    const route = { pagerduty: '/pagerduty/dba', sns: false };

    // Act
    await pd.deliver('trigger', anAlert(), aContext({ route }));

    // Assess
    expect(routes).toEqual([route]);
  });

  it.each([
    ['500 then 202', [500], [500, 202]],
    ['503, 502 then 202', [503, 502], [503, 502, 202]],
    ['429 then 202', [429], [429, 202]],
    // pdjs tries 4 times on 429 before handing the 429 back.
    [
      '429 four times then 202',
      [429, 429, 429, 429],
      [429, 429, 429, 429, 202],
    ],
    ['a dropped connection then 202', ['reset' as const], [undefined, 202]],
  ])('retries %s and delivers once', async (_, faults, seen) => {
    // Prepare
    receiver.failNext(...faults);

    // Act
    await channel().deliver('trigger', anAlert(), aContext());

    // Assess
    expect(statuses()).toEqual(seen);
    expect(receiver.accepted()).toHaveLength(1);
  });

  it('announces a change on the Change Events endpoint, which pages nobody', async () => {
    // Prepare
    const notice = {
      summary: 'orders-db (orders-prod): restore test passed',
      source: 'arn:aws:rds:eu-west-1:111122223333:db:orders-prod',
      at: new Date('2026-11-05T03:00:00Z'),
      details: { took: '50 min' },
      links: [{ href: SECTION_URL, text: 'Runbook' }],
    };

    // Act
    await channel().announce(notice, aContext().route);

    // Assess
    expect(receiver.requests.map((r) => [r.path, r.status])).toEqual([
      ['/v2/change/enqueue', 202],
    ]);
    expect(receiver.accepted()).toEqual([]);
    expect(receiver.changes()).toEqual([
      {
        routing_key: ROUTING_KEY,
        payload: {
          summary: notice.summary,
          source: notice.source,
          timestamp: '2026-11-05T03:00:00.000Z',
          custom_details: { took: '50 min' },
        },
        links: notice.links,
      },
    ]);
  });

  it('throws a retryable ChannelDeliveryError once the retries are spent', async () => {
    // Prepare
    receiver.failNext(500, 500, 500);

    // Act
    const delivery = channel().deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toThrow(ChannelDeliveryError);
    await expect(delivery).rejects.toMatchObject({
      channel: 'pagerduty',
      status: 500,
      retryable: true,
      message: `PagerDuty refused the trigger of ${DEDUP_KEY} with 500: injected fault 500 (after 3 attempts)`,
    });
    expect(statuses()).toEqual([500, 500, 500]);
  });

  it('throws a retryable ChannelDeliveryError when the receiver is down', async () => {
    // Prepare
    await receiver.stop();

    // Act
    const delivery = channel().deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      name: 'ChannelDeliveryError',
      channel: 'pagerduty',
      retryable: true,
      message: expect.stringMatching(
        /^PagerDuty could not be reached for the trigger of .*ECONNREFUSED.*\(after 3 attempts\)$/
      ),
    });
  });

  it('does not retry a bad routing key, and keeps the key out of the error', async () => {
    // Prepare
    const pd = channel({
      routingKey: async () => 'not-a-routing-key-of-32-chars-nope',
    });

    // Act
    const delivery = pd.deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      channel: 'pagerduty',
      status: 400,
      retryable: false,
      message: `PagerDuty refused the trigger of ${DEDUP_KEY} with 400: Event object is invalid: 'routing_key' is invalid`,
    });
    expect(statuses()).toEqual([400]);
  });

  it('redacts the routing key when PagerDuty echoes it', async () => {
    // Prepare
    receiver.failNext({
      status: 400,
      body: { message: `routing key ${ROUTING_KEY} is disabled` },
    });

    // Act
    const delivery = channel().deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      message: expect.stringContaining('routing key [routing key] is disabled'),
    });
    await expect(delivery).rejects.not.toMatchObject({
      message: expect.stringContaining(ROUTING_KEY),
    });
  });

  it('aborts a request that gets no answer within the timeout', async () => {
    // Prepare
    receiver.failNext('hang');
    const pd = channel({ timeoutMs: 100, retry: { ...FAST, retries: 0 } });

    // Act
    const delivery = pd.deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      retryable: true,
      message: `PagerDuty could not be reached for the trigger of ${DEDUP_KEY}: no answer within 100 ms`,
    });
  });

  it('cuts an attempt short at the invocation deadline and retries no further', async () => {
    // Prepare: every attempt would hang; 1.5 s of the invocation are left.
    receiver.failNext('hang', 'hang', 'hang');
    const pd = channel({ timeoutMs: 10_000 });
    const deadline = new Date(Date.now() + 1_500);
    const started = Date.now();

    // Act
    const delivery = pd.deliver('trigger', anAlert(), {
      ...aContext(),
      deadline,
    });

    // Assess
    await expect(delivery).rejects.toMatchObject({
      retryable: true,
      message: expect.stringMatching(
        /^PagerDuty could not be reached for the trigger of .*: no answer within 1\d{3} ms$/
      ),
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(receiver.requests).toHaveLength(1);
  });

  it('starts no attempt when the invocation has no time left, and the delivery stays owed', async () => {
    // Act
    const delivery = channel().deliver('trigger', anAlert(), {
      ...aContext(),
      deadline: new Date(Date.now() + 500),
    });

    // Assess
    await expect(delivery).rejects.toMatchObject({
      retryable: true,
      message: `no time left in this invocation for the trigger of ${DEDUP_KEY}; it stays owed`,
    });
    expect(receiver.requests).toEqual([]);
  });

  it('refuses a receiver whose certificate it does not trust', async () => {
    // Prepare
    const pd = channel({ agent: new Agent(), retry: { ...FAST, retries: 0 } });

    // Act
    const delivery = pd.deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      message: expect.stringContaining('self-signed certificate'),
    });
    expect(receiver.requests).toEqual([]);
  });

  it('throws a retryable ChannelDeliveryError when the routing key cannot be read', async () => {
    // Prepare
    const pd = channel({
      routingKey: async () => {
        throw new Error('SSM is down');
      },
    });

    // Act
    const delivery = pd.deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      name: 'ChannelDeliveryError',
      message: 'cannot get the PagerDuty routing key: SSM is down',
      retryable: true,
    });
    expect(receiver.requests).toEqual([]);
  });
});

describe('startPagerDutyReceiver', () => {
  it.each([
    [
      'a trigger without a payload',
      { event_action: 'trigger' },
      ["'payload' is missing"],
    ],
    [
      'a summary over 1024 characters',
      {
        event_action: 'trigger',
        payload: { summary: 'x'.repeat(1025), source: 's', severity: 'error' },
      },
      ["'payload.summary' is invalid"],
    ],
    [
      'an unknown severity',
      {
        event_action: 'trigger',
        payload: { summary: 's', source: 's', severity: 'fatal' },
      },
      ["'payload.severity' is invalid"],
    ],
    [
      'a dedup key over 255 characters',
      { event_action: 'resolve', dedup_key: 'k'.repeat(256) },
      ["'dedup_key' must be at most 255 characters"],
    ],
  ])('refuses %s, as PagerDuty does', async (_, fields, errors) => {
    // Act
    const response = await event({
      server: receiver.server,
      data: { routing_key: ROUTING_KEY, dedup_key: DEDUP_KEY, ...fields },
      agent: receiver.agent,
      requestTimeout: 0,
    } as unknown as Parameters<typeof event>[0]);

    // Assess
    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      status: 'invalid event',
      message: 'Event object is invalid',
      errors,
    });
  });
});
