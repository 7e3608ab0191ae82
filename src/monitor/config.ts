import { SentinelError } from '../model/index.js';

/** Thrown by {@link loadConfig} when an environment variable is missing or invalid. */
class ConfigError extends SentinelError {
  readonly variable: string;

  constructor(variable: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** Powertools log levels (`POWERTOOLS_LOG_LEVEL`). */
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** What `createChannels` (src/alerts/channels) needs to build SNS and PagerDuty. */
interface ChannelsConfig {
  region: string;
  /** SNS topic for alerts; undefined = no SNS channel (and no PagerDuty fallback). */
  alertsTopicArn?: string;
  /** PagerDuty Events API host, e.g. `events.eu.pagerduty.com`; undefined = pdjs's default. */
  pagerDutyServer?: string;
  /** Per-request timeout for PagerDuty (pdjs's own never aborts). */
  pagerDutyTimeoutMs: number;
  /**
   * Where PagerDuty routing keys are read (`AWS_ENDPOINT_URL_SSM`, the
   * SDK's variable, so the demo points it at loopback as it points the SDK
   * clients); undefined = SSM's regional endpoint.
   */
  ssmEndpoint?: string;
}

/** The weekly compliance report's delivery. */
interface ReportConfig {
  /** SNS topic the report is also published to. */
  topicArn?: string;
  /** SES sender address; undefined = the report is not emailed. */
  sender?: string;
  recipients: string[];
  /** IANA zone the report's week runs in; undefined = the runbook's. */
  timezone?: string;
}

/** Backup Sentinel's settings, read once per cold start. */
interface Config {
  tableName: string;
  region: string;
  historyRetentionDays: number;
  historyRetentionMs: number;
  alertsTopicArn?: string;
  reportsTopicArn?: string;
  powertools: {
    serviceName: string;
    metricsNamespace: string;
    logLevel: LogLevel;
  };
  /** Restore testing plans of this deployment start with it; undefined = none are ours. */
  restoreTestingPrefix?: string;
  channels: ChannelsConfig;
  report: ReportConfig;
}

type Env = Record<string, string | undefined>;

const DAY_MS = 86_400_000;

const optional = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

const required = (env: Env, name: string): string => {
  const value = optional(env, name);
  if (value === undefined) {
    throw new ConfigError(name, `Environment variable ${name} is required`);
  }
  return value;
};

const positiveInteger = (env: Env, name: string, fallback: number): number => {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(
      name,
      `Environment variable ${name} must be a positive integer, got '${raw}'`
    );
  }
  return value;
};

const snsTopicArn = (env: Env, name: string): string | undefined => {
  const value = optional(env, name);
  if (
    value !== undefined &&
    !/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/.test(value)
  ) {
    throw new ConfigError(
      name,
      `Environment variable ${name} must be an SNS topic ARN, got '${value}'`
    );
  }
  return value;
};

const email = (name: string, value: string): string => {
  // SES validates for real; this catches a list pasted into the wrong variable.
  if (!/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(value)) {
    throw new ConfigError(
      name,
      `Environment variable ${name} must hold email addresses, got '${value}'`
    );
  }
  return value;
};

const timezone = (env: Env, name: string): string | undefined => {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch (cause) {
    throw new ConfigError(
      name,
      `Environment variable ${name} must be an IANA time zone, got '${value}'`,
      { cause }
    );
  }
  return value;
};

const logLevel = (env: Env, name: string): LogLevel => {
  const value = (optional(env, name) ?? 'INFO').toUpperCase();
  const level = LOG_LEVELS.find((l) => l === value);
  if (level === undefined) {
    throw new ConfigError(
      name,
      `Environment variable ${name} must be one of ${LOG_LEVELS.join(', ')}, got '${value}'`
    );
  }
  return level;
};

const reportConfig = (env: Env): ReportConfig => {
  const sender = optional(env, 'REPORT_SENDER');
  const recipients = (optional(env, 'REPORT_RECIPIENTS') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .map((r) => email('REPORT_RECIPIENTS', r));
  if (sender !== undefined && recipients.length === 0) {
    throw new ConfigError(
      'REPORT_RECIPIENTS',
      'Environment variable REPORT_RECIPIENTS is required when REPORT_SENDER is set'
    );
  }
  const topicArn = snsTopicArn(env, 'REPORTS_TOPIC_ARN');
  const zone = timezone(env, 'REPORT_TIMEZONE');
  return {
    ...(topicArn !== undefined && { topicArn }),
    ...(sender !== undefined && { sender: email('REPORT_SENDER', sender) }),
    recipients,
    ...(zone !== undefined && { timezone: zone }),
  };
};

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

/**
 * Returns Backup Sentinel's settings from the environment, frozen. This is
 * the only place that reads `process.env`, so a misconfigured deploy fails
 * at cold start with the variable's name.
 *
 * | variable | default |
 * |---|---|
 * | `TABLE_NAME` | required |
 * | `AWS_REGION` (or `AWS_DEFAULT_REGION`) | required (Lambda sets it) |
 * | `HISTORY_RETENTION_DAYS` | 400 |
 * | `ALERTS_TOPIC_ARN`, `REPORTS_TOPIC_ARN` | none |
 * | `PAGERDUTY_SERVER`, `PAGERDUTY_TIMEOUT_MS` | pdjs's host, 10000 |
 * | `AWS_ENDPOINT_URL_SSM` | SSM's regional endpoint |
 * | `REPORT_SENDER`, `REPORT_RECIPIENTS` (comma-separated), `REPORT_TIMEZONE` | none, none, the runbook's `defaults.timezone` |
 * | `POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_METRICS_NAMESPACE`, `POWERTOOLS_LOG_LEVEL` | `backup-sentinel`, `BackupSentinel`, `INFO` |
 * | `RESTORE_TESTING_PREFIX` | none (the stack and stage, e.g. `backup-sentinel-prod`) |
 *
 * @param env - the environment; defaults to `process.env`
 * @throws {ConfigError} naming the variable that is missing or invalid
 */
const loadConfig = (env: Env = process.env): Readonly<Config> => {
  const tableName = required(env, 'TABLE_NAME');
  const region =
    optional(env, 'AWS_REGION') ??
    optional(env, 'AWS_DEFAULT_REGION') ??
    required(env, 'AWS_REGION');
  const historyRetentionDays = positiveInteger(
    env,
    'HISTORY_RETENTION_DAYS',
    400
  );
  const alertsTopicArn = snsTopicArn(env, 'ALERTS_TOPIC_ARN');
  const report = reportConfig(env);
  const pagerDutyServer = optional(env, 'PAGERDUTY_SERVER');
  const restoreTestingPrefix = optional(env, 'RESTORE_TESTING_PREFIX');
  const ssmEndpoint = optional(env, 'AWS_ENDPOINT_URL_SSM');
  return deepFreeze({
    tableName,
    region,
    historyRetentionDays,
    historyRetentionMs: historyRetentionDays * DAY_MS,
    ...(alertsTopicArn !== undefined && { alertsTopicArn }),
    ...(report.topicArn !== undefined && { reportsTopicArn: report.topicArn }),
    powertools: {
      serviceName:
        optional(env, 'POWERTOOLS_SERVICE_NAME') ?? 'backup-sentinel',
      metricsNamespace:
        optional(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? 'BackupSentinel',
      logLevel: logLevel(env, 'POWERTOOLS_LOG_LEVEL'),
    },
    ...(restoreTestingPrefix !== undefined && { restoreTestingPrefix }),
    channels: {
      region,
      ...(alertsTopicArn !== undefined && { alertsTopicArn }),
      ...(pagerDutyServer !== undefined && { pagerDutyServer }),
      pagerDutyTimeoutMs: positiveInteger(env, 'PAGERDUTY_TIMEOUT_MS', 10_000),
      ...(ssmEndpoint !== undefined && { ssmEndpoint }),
    },
    report,
  });
};

export type { ChannelsConfig, Config, LogLevel, ReportConfig };
export { ConfigError, loadConfig };
