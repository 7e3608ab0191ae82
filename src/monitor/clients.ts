import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ChannelOverrides } from '../alerts/index.js';
import type { Runbook } from '../runbook/index.js';
import { createChannels } from './channels.js';
import type { Config } from './config.js';
import type { IngestHandlerDeps } from './lambdaIngest.js';
import { createStore } from './store.js';

/** Clients a caller may supply instead of the ones built from the config. */
interface ClientOverrides {
  /** E.g. the demo's client, which reaches dynalite in-process. */
  dynamoDb?: DynamoDBClient;
  /** For the channels: an HTTPS agent trusting a loopback CA, faster retries. */
  channels?: ChannelOverrides;
}

/**
 * Returns what ingest and evaluation need in a Lambda: the DynamoDB store,
 * the channels, Powertools' logger and metrics, and the runbook. Handlers
 * call it once at module scope, so clients are reused while warm. The SDK
 * clients take their endpoints from the standard variables
 * (`AWS_ENDPOINT_URL_DYNAMODB`, `_SNS`; `_SSM` through the config), which
 * is how the demo points them at loopback.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param overrides - clients to use instead of building them from the config
 */
const createMonitorDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  overrides: ClientOverrides = {}
): IngestHandlerDeps => {
  const { serviceName, metricsNamespace, logLevel } = config.powertools;
  return {
    store: createStore(config, overrides),
    runbook,
    channels: createChannels(config.channels, overrides.channels),
    logger: new Logger({ serviceName, logLevel }),
    metrics: new Metrics({ namespace: metricsNamespace, serviceName }),
  };
};

export type { ClientOverrides };
export { createMonitorDeps };
