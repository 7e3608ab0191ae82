import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/monitor/index.js';

const MINIMAL = { TABLE_NAME: 'backup-sentinel', AWS_REGION: 'eu-west-1' };
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:backup-sentinel-alerts';

const errorOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('loadConfig did not throw');
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('loadConfig', () => {
  it('returns the defaults when only the required variables are set', () => {
    // Act
    const config = loadConfig(MINIMAL);

    // Assess
    expect(config).toEqual({
      tableName: 'backup-sentinel',
      region: 'eu-west-1',
      historyRetentionDays: 400,
      historyRetentionMs: 400 * 86_400_000,
      powertools: {
        serviceName: 'backup-sentinel',
        metricsNamespace: 'BackupSentinel',
        logLevel: 'INFO',
      },
      channels: { region: 'eu-west-1', pagerDutyTimeoutMs: 10_000 },
      report: { recipients: [] },
    });
  });

  it('reads every optional variable', () => {
    // Act
    const config = loadConfig({
      ...MINIMAL,
      HISTORY_RETENTION_DAYS: '90',
      ALERTS_TOPIC_ARN: TOPIC,
      REPORTS_TOPIC_ARN: `${TOPIC}-reports`,
      PAGERDUTY_SERVER: 'events.eu.pagerduty.com',
      PAGERDUTY_TIMEOUT_MS: '5000',
      REPORT_SENDER: 'sentinel@acme.example',
      REPORT_RECIPIENTS: 'sre@acme.example, audit@acme.example',
      REPORT_TIMEZONE: 'Europe/Berlin',
      POWERTOOLS_SERVICE_NAME: 'sentinel',
      POWERTOOLS_METRICS_NAMESPACE: 'Acme/Sentinel',
      POWERTOOLS_LOG_LEVEL: 'debug',
    });

    // Assess
    expect(config).toMatchObject({
      historyRetentionDays: 90,
      historyRetentionMs: 90 * 86_400_000,
      alertsTopicArn: TOPIC,
      reportsTopicArn: `${TOPIC}-reports`,
      powertools: {
        serviceName: 'sentinel',
        metricsNamespace: 'Acme/Sentinel',
        logLevel: 'DEBUG',
      },
      channels: {
        region: 'eu-west-1',
        alertsTopicArn: TOPIC,
        pagerDutyServer: 'events.eu.pagerduty.com',
        pagerDutyTimeoutMs: 5000,
      },
      report: {
        topicArn: `${TOPIC}-reports`,
        sender: 'sentinel@acme.example',
        recipients: ['sre@acme.example', 'audit@acme.example'],
        timezone: 'Europe/Berlin',
      },
    });
  });

  it('reads process.env by default', () => {
    // Prepare
    vi.stubEnv('TABLE_NAME', 'from-process-env');
    vi.stubEnv('AWS_REGION', 'us-east-1');

    // Act
    const config = loadConfig();

    // Assess
    expect(config.tableName).toBe('from-process-env');
  });

  it('falls back to AWS_DEFAULT_REGION', () => {
    // Act
    const config = loadConfig({
      TABLE_NAME: 't',
      AWS_DEFAULT_REGION: 'us-west-2',
    });

    // Assess
    expect(config.region).toBe('us-west-2');
  });

  it('returns a deeply frozen object', () => {
    // Act
    const config = loadConfig(MINIMAL);

    // Assess
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.channels)).toBe(true);
    expect(Object.isFrozen(config.report.recipients)).toBe(true);
  });

  it.each([
    [
      'TABLE_NAME',
      { AWS_REGION: 'eu-west-1' },
      'Environment variable TABLE_NAME is required',
    ],
    [
      'TABLE_NAME',
      { TABLE_NAME: ' ', AWS_REGION: 'eu-west-1' },
      'Environment variable TABLE_NAME is required',
    ],
    [
      'AWS_REGION',
      { TABLE_NAME: 't' },
      'Environment variable AWS_REGION is required',
    ],
    [
      'HISTORY_RETENTION_DAYS',
      { ...MINIMAL, HISTORY_RETENTION_DAYS: '30d' },
      "Environment variable HISTORY_RETENTION_DAYS must be a positive integer, got '30d'",
    ],
    [
      'HISTORY_RETENTION_DAYS',
      { ...MINIMAL, HISTORY_RETENTION_DAYS: '0' },
      "Environment variable HISTORY_RETENTION_DAYS must be a positive integer, got '0'",
    ],
    [
      'ALERTS_TOPIC_ARN',
      { ...MINIMAL, ALERTS_TOPIC_ARN: 'backup-sentinel-alerts' },
      "Environment variable ALERTS_TOPIC_ARN must be an SNS topic ARN, got 'backup-sentinel-alerts'",
    ],
    [
      'PAGERDUTY_TIMEOUT_MS',
      { ...MINIMAL, PAGERDUTY_TIMEOUT_MS: '-1' },
      "Environment variable PAGERDUTY_TIMEOUT_MS must be a positive integer, got '-1'",
    ],
    [
      'REPORT_RECIPIENTS',
      { ...MINIMAL, REPORT_SENDER: 'sentinel@acme.example' },
      'Environment variable REPORT_RECIPIENTS is required when REPORT_SENDER is set',
    ],
    [
      'REPORT_RECIPIENTS',
      { ...MINIMAL, REPORT_RECIPIENTS: 'sre@acme.example; audit@acme.example' },
      "Environment variable REPORT_RECIPIENTS must hold email addresses, got 'sre@acme.example; audit@acme.example'",
    ],
    [
      'REPORT_TIMEZONE',
      { ...MINIMAL, REPORT_TIMEZONE: 'Mars/Olympus' },
      "Environment variable REPORT_TIMEZONE must be an IANA time zone, got 'Mars/Olympus'",
    ],
    [
      'POWERTOOLS_LOG_LEVEL',
      { ...MINIMAL, POWERTOOLS_LOG_LEVEL: 'LOUD' },
      "Environment variable POWERTOOLS_LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR, SILENT, got 'LOUD'",
    ],
  ])('throws a ConfigError naming %s', (variable, env, message) => {
    // Act
    const error = errorOf(env);

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(message);
  });
});
