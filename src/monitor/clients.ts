import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import type { ChannelOverrides } from '../alerts/index.js';
import { DynamoDbHistoryStore } from '../history/index.js';
import type { ReportSender } from '../report/index.js';
import { SesReportSender, SnsReportSender } from '../report/senders/index.js';
import type { Runbook } from '../runbook/index.js';
import { createChannels } from './channels.js';
import type { Config } from './config.js';
import type { IngestHandlerDeps } from './lambdaIngest.js';
import type { ReportDeps } from './types.js';

/** Clients a caller may supply instead of the ones built from the config. */
interface ClientOverrides {
  /** E.g. the demo's client, which reaches dynalite in-process. */
  dynamoDb?: DynamoDBClient;
  /** For the channels: an HTTPS agent trusting a loopback CA, faster retries. */
  channels?: ChannelOverrides;
}

const createStore = (
  config: Readonly<Config>,
  overrides: ClientOverrides
): DynamoDbHistoryStore =>
  new DynamoDbHistoryStore({
    client: overrides.dynamoDb ?? new DynamoDBClient({ region: config.region }),
    tableName: config.tableName,
    historyRetentionMs: config.historyRetentionMs,
  });

/**
 * Returns what ingest and evaluation need in a Lambda: the DynamoDB store,
 * the channels, Powertools' logger and metrics, and the runbook. Handlers
 * call it once at module scope, so clients are reused while warm. The SDK
 * clients take their endpoints from the standard variables
 * (`AWS_ENDPOINT_URL_DYNAMODB`, `_SNS`, `_SSM`), which is how the demo
 * points them at loopback.
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

/**
 * Returns the report's senders from the config: SNS when a reports topic is
 * set, SES when a sender address is (loadConfig insists on recipients then).
 *
 * @param config - from `loadConfig()`
 */
const createReportSenders = (config: Readonly<Config>): ReportSender[] => {
  const { report, region } = config;
  return [
    ...(report.topicArn === undefined
      ? []
      : [
          new SnsReportSender({
            client: new SNSClient({ region }),
            topicArn: report.topicArn,
          }),
        ]),
    ...(report.sender === undefined
      ? []
      : [
          new SesReportSender({
            client: new SESv2Client({ region }),
            from: report.sender,
            to: [...report.recipients],
          }),
        ]),
  ];
};

/**
 * Returns what `runWeeklyReport` needs in a Lambda: the DynamoDB store, the
 * runbook, the senders and the report's zone.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param overrides - clients to use instead of building them from the config
 */
const createReportDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  overrides: ClientOverrides = {}
): ReportDeps => ({
  store: createStore(config, overrides),
  runbook,
  send: createReportSenders(config),
  timezone: config.report.timezone,
});

export type { ClientOverrides };
export { createMonitorDeps, createReportDeps, createReportSenders };
