import { SNSClient } from '@aws-sdk/client-sns';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import {
  type Channel,
  ChannelDeliveryError,
  type ChannelOverrides,
  PagerDutyChannel,
  SnsChannel,
  SsmRoutingKeys,
} from '../alerts/index.js';
import type { ChannelsConfig } from './config.js';

/**
 * Returns the channels of the config: SNS when an alerts topic is set, and
 * PagerDuty, whose routing key is read from the SSM parameter the alert's
 * route names (cached for a minute: once per invocation). Which channels an
 * alert goes to is the route's choice (`channelsForRoute`), by channel name.
 * The SNS client takes its endpoint from the SDK's standard variable
 * (`AWS_ENDPOINT_URL_SNS`), and the SSM reads theirs from the config
 * (`AWS_ENDPOINT_URL_SSM`), which is how the demo points them at loopback.
 *
 * @param config - `loadConfig().channels`
 * @param overrides - clients to use instead; for PagerDuty an HTTPS agent (one trusting a loopback CA) and faster retries
 */
const createChannels = (
  config: Readonly<ChannelsConfig>,
  overrides: ChannelOverrides = {}
): Channel[] => {
  const keys = new SsmRoutingKeys({
    region: config.region,
    ...(config.ssmEndpoint !== undefined && { endpoint: config.ssmEndpoint }),
    credentials: overrides.ssmCredentials ?? fromNodeProviderChain(),
  });
  const pagerDuty = new PagerDutyChannel({
    routingKey: async (route) => {
      if (route.pagerduty === undefined) {
        throw new ChannelDeliveryError(
          'pagerduty',
          'the alert route names no SSM parameter holding a PagerDuty routing key'
        );
      }
      return keys.get(route.pagerduty);
    },
    ...(config.pagerDutyServer !== undefined && {
      server: config.pagerDutyServer,
    }),
    ...(overrides.pagerDutyAgent !== undefined && {
      agent: overrides.pagerDutyAgent,
    }),
    ...(overrides.pagerDutyRetry !== undefined && {
      retry: overrides.pagerDutyRetry,
    }),
    timeoutMs: config.pagerDutyTimeoutMs,
  });
  if (config.alertsTopicArn === undefined) return [pagerDuty];
  const sns = new SnsChannel({
    client: overrides.snsClient ?? new SNSClient({ region: config.region }),
    topicArn: config.alertsTopicArn,
  });
  return [pagerDuty, sns];
};

export { createChannels };
