import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Config } from '../config.js';
import { DynamoDbHistoryStore } from '../history/index.js';
import type { Runbook } from '../runbook/index.js';
import { SesReportSender, SnsReportSender } from './senders.js';
import type { ReportDeps, ReportSender } from './types.js';

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
 * runbook, the senders and the report's zone. Handlers call it once at
 * module scope, so clients are reused while warm.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 */
const createReportDeps = (
  config: Readonly<Config>,
  runbook: Runbook
): ReportDeps => ({
  store: new DynamoDbHistoryStore({
    client: new DynamoDBClient({ region: config.region }),
    tableName: config.tableName,
    historyRetentionMs: config.historyRetentionMs,
  }),
  runbook,
  send: createReportSenders(config),
  timezone: config.report.timezone,
});

export { createReportDeps, createReportSenders };
