import { SNSClient } from '@aws-sdk/client-sns';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import {
  createLoopbackCertificate,
  type PagerDutyReceiver,
  type SnsReceiver,
  type SsmReceiver,
  startPagerDutyReceiver,
  startSnsReceiver,
  startSsmReceiver,
  type TlsPair,
} from '../../../demo/receivers/index.js';
import type { Channel } from '../../../src/alerts/index.js';
import type { ChannelsConfig } from '../../../src/monitor/index.js';
import { createChannels, loadConfig } from '../../../src/monitor/index.js';
import {
  aContext,
  anAlert,
  aResolvedAlert,
} from '../../helpers/channelFixtures.js';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:backup-sentinel-alerts';
const PARAMETER = '/backup-sentinel/pagerduty/oncall';
const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

let tls: TlsPair;
let sns: SnsReceiver;
let ssm: SsmReceiver;
let pagerDuty: PagerDutyReceiver;
let clients: { snsClient: SNSClient; ssmCredentials: typeof CREDENTIALS };

const config = (overrides: Partial<ChannelsConfig> = {}): ChannelsConfig => ({
  region: 'eu-west-1',
  alertsTopicArn: TOPIC,
  pagerDutyServer: pagerDuty.server,
  pagerDutyTimeoutMs: 2_000,
  ssmEndpoint: ssm.endpoint,
  ...overrides,
});

const named = (channels: Channel[], name: Channel['name']): Channel => {
  const channel = channels.find((c) => c.name === name);
  if (channel === undefined) throw new Error(`no ${name} channel`);
  return channel;
};

beforeAll(async () => {
  tls = await createLoopbackCertificate(new Date());
});

beforeEach(async () => {
  [sns, ssm, pagerDuty] = await Promise.all([
    startSnsReceiver(),
    startSsmReceiver({ [PARAMETER]: ROUTING_KEY }, CREDENTIALS),
    startPagerDutyReceiver({ tls }),
  ]);
  clients = {
    snsClient: new SNSClient({
      endpoint: sns.endpoint,
      region: 'eu-west-1',
      credentials: CREDENTIALS,
    }),
    ssmCredentials: CREDENTIALS,
  };
});

afterEach(async () => {
  clients.snsClient.destroy();
  await Promise.all([sns.stop(), ssm.stop(), pagerDuty.stop()]);
});

describe('createChannels', () => {
  it('builds PagerDuty and SNS when an alerts topic is set', () => {
    // Act
    const channels = createChannels(config(), clients);

    // Assess
    expect(channels.map((c) => c.name)).toEqual(['pagerduty', 'sns']);
  });

  it('builds only PagerDuty without an alerts topic', () => {
    // Act
    const channels = createChannels(
      config({ alertsTopicArn: undefined }),
      clients
    );

    // Assess
    expect(channels.map((c) => c.name)).toEqual(['pagerduty']);
  });

  it('pages with the key of the route parameter, read from SSM once for many alerts', async () => {
    // Prepare
    const channels = createChannels(config(), {
      ...clients,
      pagerDutyAgent: pagerDuty.agent,
    });
    const pd = named(channels, 'pagerduty');

    // Act
    await Promise.all([
      pd.deliver('trigger', anAlert(), aContext()),
      pd.deliver('trigger', anAlert(), aContext()),
    ]);
    await pd.deliver('resolve', aResolvedAlert(), aContext());

    // Assess
    expect(pagerDuty.accepted()).toEqual([
      expect.objectContaining({ routing_key: ROUTING_KEY }),
      expect.objectContaining({ routing_key: ROUTING_KEY }),
      expect.objectContaining({ routing_key: ROUTING_KEY }),
    ]);
    expect(ssm.requests).toEqual([
      {
        name: PARAMETER,
        withDecryption: true,
        accessKeyId: CREDENTIALS.accessKeyId,
        region: 'eu-west-1',
      },
    ]);
  });

  it('publishes to the alerts topic', async () => {
    // Prepare
    const sender = named(createChannels(config(), clients), 'sns');

    // Act
    await sender.deliver('trigger', anAlert(), aContext());

    // Assess
    expect(sns.published.map((p) => p.topicArn)).toEqual([TOPIC]);
  });

  it('refuses to page for a route that names no routing key parameter', async () => {
    // Prepare
    const pd = named(
      createChannels(config(), { ...clients, pagerDutyAgent: pagerDuty.agent }),
      'pagerduty'
    );

    // Act
    const delivery = pd.deliver(
      'trigger',
      anAlert(),
      aContext({ route: { sns: true } })
    );

    // Assess
    await expect(delivery).rejects.toMatchObject({
      name: 'ChannelDeliveryError',
      retryable: false,
    });
    expect(pagerDuty.requests).toEqual([]);
    expect(ssm.requests).toEqual([]);
  });

  describe('with the SDK endpoint variables the demo sets', () => {
    beforeEach(() => {
      vi.stubEnv('AWS_ENDPOINT_URL_SNS', sns.endpoint);
      vi.stubEnv('AWS_ENDPOINT_URL_SSM', ssm.endpoint);
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
      vi.stubEnv('AWS_SESSION_TOKEN', '');
      vi.stubEnv('AWS_REGION', 'eu-west-1');
      vi.stubEnv('TABLE_NAME', 'backup-sentinel-history');
      vi.stubEnv('ALERTS_TOPIC_ARN', TOPIC);
      vi.stubEnv('PAGERDUTY_SERVER', pagerDuty.server);
    });

    afterAll(() => {
      vi.unstubAllEnvs();
    });

    it('builds clients that reach the loopback receivers', async () => {
      // Prepare: as the handlers build them, from loadConfig().
      const channels = createChannels(loadConfig().channels, {
        pagerDutyAgent: pagerDuty.agent,
      });

      // Act
      for (const channel of channels) {
        await channel.deliver('trigger', anAlert(), aContext());
      }

      // Assess
      expect(sns.published).toHaveLength(1);
      expect(ssm.requests).toHaveLength(1);
      expect(pagerDuty.accepted()).toHaveLength(1);
    });
  });
});
