import { describe, expect, it } from 'vitest';
import {
  createReportDeps,
  createReportSenders,
  loadConfig,
} from '../../../src/monitor/index.js';
import { aRunbook } from '../../helpers/builders.js';

const BASE = { TABLE_NAME: 'sentinel', AWS_REGION: 'eu-west-1' };

describe('createReportSenders', () => {
  it('sends through SNS and SES when both are configured', () => {
    // Prepare
    const config = loadConfig({
      ...BASE,
      REPORTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:reports',
      REPORT_SENDER: 'sentinel@acme.example',
      REPORT_RECIPIENTS: 'ops@acme.example, audit@acme.example',
    });

    // Act
    const senders = createReportSenders(config);

    // Assess
    expect(senders.map((s) => s.name)).toEqual(['sns', 'ses']);
  });

  it('sends through nothing when neither is configured', () => {
    // Act
    const senders = createReportSenders(loadConfig(BASE));

    // Assess
    expect(senders).toEqual([]);
  });
});

describe('createReportDeps', () => {
  it('runs the report week in the configured zone', () => {
    // Prepare
    const config = loadConfig({ ...BASE, REPORT_TIMEZONE: 'Europe/Berlin' });

    // Act
    const deps = createReportDeps(config, aRunbook());

    // Assess
    expect(deps.timezone).toBe('Europe/Berlin');
    expect(deps.send).toEqual([]);
  });
});
