import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import type { ReportSender } from '../report/index.js';
import { SesReportSender, SnsReportSender } from '../report/senders/index.js';
import type { Runbook } from '../runbook/index.js';
import type { ClientOverrides } from './clients.js';
import type { Config } from './config.js';
import { createStore } from './store.js';
import type { ReportDeps } from './types.js';

// Apart from clients.ts, so the report's bundle carries no Powertools.

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

export { createReportDeps, createReportSenders };
