import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SsmReceiver,
  startSsmReceiver,
} from '../../../../demo/receivers/index.js';
import {
  ChannelDeliveryError,
  SsmRoutingKeys,
} from '../../../../src/alerts/index.js';

const PARAMETER = '/backup-sentinel/pagerduty/oncall';
const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const T0 = Date.parse('2026-11-05T03:00:00Z');
const REGION = 'eu-west-1';
const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

let receiver: SsmReceiver;
let clockMs: number;

const keys = (
  ttlMs?: number,
  credentials: ConstructorParameters<
    typeof SsmRoutingKeys
  >[0]['credentials'] = CREDENTIALS
): SsmRoutingKeys =>
  new SsmRoutingKeys({
    region: REGION,
    endpoint: receiver.endpoint,
    credentials,
    clock: () => clockMs,
    ...(ttlMs !== undefined && { ttlMs }),
  });

beforeEach(async () => {
  receiver = await startSsmReceiver({ [PARAMETER]: ROUTING_KEY }, CREDENTIALS);
  clockMs = T0;
});

afterEach(async () => {
  await receiver.stop();
});

describe('SsmRoutingKeys', () => {
  it('reads the key from SSM, decrypted, in one request signed for SSM in the region', async () => {
    // Act
    const key = await keys().get(PARAMETER);

    // Assess
    expect(key).toBe(ROUTING_KEY);
    expect(receiver.requests).toEqual([
      {
        name: PARAMETER,
        withDecryption: true,
        accessKeyId: CREDENTIALS.accessKeyId,
        region: REGION,
      },
    ]);
  });

  it("signs with a provider's temporary credentials, session token included", async () => {
    // Prepare: as Lambda hands over its role's credentials.
    const provider = async () => ({
      ...CREDENTIALS,
      sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
    });

    // Act
    const key = await keys(undefined, provider).get(PARAMETER);

    // Assess
    expect(key).toBe(ROUTING_KEY);
    expect(receiver.requests[0]?.sessionToken).toBe(
      'IQoJb3JpZ2luX2VjEXAMPLETOKEN'
    );
  });

  it('throws a retryable ChannelDeliveryError when SSM refuses the signature', async () => {
    // Act
    const read = keys(undefined, {
      ...CREDENTIALS,
      secretAccessKey: 'not-the-secret',
    }).get(PARAMETER);

    // Assess
    await expect(read).rejects.toMatchObject({
      name: 'ChannelDeliveryError',
      status: 400,
      retryable: true,
      message: expect.stringMatching(/: InvalidSignatureException: /),
    });
    expect(receiver.requests).toEqual([]);
  });

  it('reads each parameter once however many alerts ask at once or in turn', async () => {
    // Prepare
    const routingKeys = keys();

    // Act
    const together = await Promise.all([
      routingKeys.get(PARAMETER),
      routingKeys.get(PARAMETER),
      routingKeys.get(PARAMETER),
    ]);
    clockMs += 59_000;
    const later = await routingKeys.get(PARAMETER);

    // Assess
    expect([...together, later]).toEqual(Array(4).fill(ROUTING_KEY));
    expect(receiver.requests).toHaveLength(1);
  });

  it('reads the parameter again once the ttl has passed, picking up a rotated key', async () => {
    // Prepare
    const routingKeys = keys(60_000);
    await routingKeys.get(PARAMETER);
    receiver.parameters.set(PARAMETER, 'ROTATEDKEY0123456789abcdef012345');

    // Act
    clockMs += 60_000;
    const key = await routingKeys.get(PARAMETER);

    // Assess
    expect(key).toBe('ROTATEDKEY0123456789abcdef012345');
    expect(receiver.requests).toHaveLength(2);
  });

  it('throws a ChannelDeliveryError naming the missing parameter, not retryable', async () => {
    // Act
    const read = keys().get('/backup-sentinel/pagerduty/nobody');

    // Assess
    await expect(read).rejects.toThrow(ChannelDeliveryError);
    await expect(read).rejects.toMatchObject({
      channel: 'pagerduty',
      retryable: false,
      message: expect.stringMatching(
        /^cannot read the PagerDuty routing key from SSM parameter \/backup-sentinel\/pagerduty\/nobody: ParameterNotFound/
      ),
    });
  });

  it('does not keep a failed read: the next one asks SSM again', async () => {
    // Prepare
    const routingKeys = keys();
    receiver.failNext(500);
    const failed = await routingKeys.get(PARAMETER).catch((e: unknown) => e);

    // Act
    const key = await routingKeys.get(PARAMETER);

    // Assess
    expect(failed).toMatchObject({ retryable: true });
    expect(key).toBe(ROUTING_KEY);
    expect(receiver.requests).toHaveLength(2);
  });

  it('throws when the parameter holds nothing', async () => {
    // Prepare
    receiver.parameters.set(PARAMETER, '  ');

    // Act
    const read = keys().get(PARAMETER);

    // Assess
    await expect(read).rejects.toMatchObject({
      message: `SSM parameter ${PARAMETER} holds no PagerDuty routing key`,
    });
  });
});
