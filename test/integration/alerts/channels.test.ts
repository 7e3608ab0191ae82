import { SNSClient } from '@aws-sdk/client-sns';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { MAX_PAGERDUTY_ATTEMPTS } from '../../../src/alerts/index.js';
import { DynamoDbHistoryStore } from '../../../src/history/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import type { MonitorDeps } from '../../../src/monitor/index.js';
import { createChannels, runEvaluation } from '../../../src/monitor/index.js';
import type { AlertRoute } from '../../../src/runbook/index.js';
import { RecordingLogger } from '../../helpers/alertFakes.js';
import {
  ACCOUNT,
  aBackupEvent,
  aRunbook,
  aService,
  MINUTE,
  ORDERS_DB_ARN,
  REGION,
} from '../../helpers/builders.js';
import { type RunningDynalite, startDynalite } from '../../helpers/dynalite.js';

// orders-db backs up daily at 02:00 UTC; both of its databases' 02:05 jobs
// failed, and backup-missed is not due before 05:30.
const NOW = new Date('2026-11-05T03:00:00Z');
const at = (minutes: number): Date =>
  new Date(NOW.getTime() + minutes * MINUTE);
const REPLICA_ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-replica`;
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:backup-sentinel-alerts`;
const PARAMETER = '/backup-sentinel/pagerduty/oncall';
const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

const failed = (resourceArn: string, id: string): BackupEvent =>
  aBackupEvent({
    id,
    state: 'failed',
    resourceArn,
    jobId: `job-${id}`,
    recoveryPointArn: undefined,
    sizeBytes: undefined,
    startedAt: new Date('2026-11-05T02:05:00Z'),
    completedAt: undefined,
    occurredAt: new Date('2026-11-05T02:40:00Z'),
    message: 'Backup job failed because the vault does not exist.',
  });
const recovered = (resourceArn: string, id: string): BackupEvent =>
  aBackupEvent({
    id,
    resourceArn,
    jobId: `job-${id}`,
    recoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${id}`,
    startedAt: new Date('2026-11-05T03:05:00Z'),
    completedAt: new Date('2026-11-05T03:30:00Z'),
    occurredAt: new Date('2026-11-05T03:30:00Z'),
  });

let tls: TlsPair;
let dynalite: RunningDynalite;
let store: DynamoDbHistoryStore;
let sns: SnsReceiver;
let ssm: SsmReceiver;
let pagerDuty: PagerDutyReceiver;
let snsClient: SNSClient;
let logger: RecordingLogger;

/** Deps as the evaluate handler builds them, clients pointed at loopback. */
const deps = (route: AlertRoute): MonitorDeps => ({
  store,
  runbook: aRunbook({
    alerts: { oncall: route },
    services: [aService({ resources: [ORDERS_DB_ARN, REPLICA_ARN] })],
  }),
  channels: createChannels(
    {
      region: REGION,
      alertsTopicArn: TOPIC,
      pagerDutyServer: pagerDuty.server,
      pagerDutyTimeoutMs: 2_000,
      ssmEndpoint: ssm.endpoint,
    },
    {
      snsClient,
      ssmCredentials: CREDENTIALS,
      pagerDutyAgent: pagerDuty.agent,
      pagerDutyRetry: {
        retries: 1,
        minTimeoutMs: 1,
        maxTimeoutMs: 2,
        rateLimitWaitMs: 1,
      },
    }
  ),
  logger,
});

const record = async (...events: BackupEvent[]): Promise<void> => {
  for (const event of events) {
    await store.recordEvent(event, 'orders-db', event.occurredAt);
  }
};

const actionsAt = (receiver: PagerDutyReceiver): unknown[] =>
  receiver
    .accepted()
    .map((e) => [
      (e as { event_action: string }).event_action,
      (e as { dedup_key: string }).dedup_key,
    ]);

beforeAll(async () => {
  tls = await createLoopbackCertificate(new Date());
});

beforeEach(async () => {
  [dynalite, sns, ssm, pagerDuty] = await Promise.all([
    startDynalite(),
    startSnsReceiver(),
    startSsmReceiver({ [PARAMETER]: ROUTING_KEY }, CREDENTIALS),
    startPagerDutyReceiver({ tls }),
  ]);
  store = new DynamoDbHistoryStore({
    client: dynalite.client,
    tableName: dynalite.tableName,
  });
  snsClient = new SNSClient({
    endpoint: sns.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
  });
  logger = new RecordingLogger();
});

afterEach(async () => {
  snsClient.destroy();
  await Promise.all([
    dynalite.stop(),
    sns.stop(),
    ssm.stop(),
    pagerDuty.stop(),
  ]);
});

describe('runEvaluation with the SNS and PagerDuty channels', () => {
  it('pages PagerDuty and SNS, then resolves both, reading the routing key once per evaluation', async () => {
    // Prepare
    const route = { pagerduty: PARAMETER, sns: true };
    await record(failed(ORDERS_DB_ARN, 'f1'), failed(REPLICA_ARN, 'f2'));

    // Act
    const opened = await runEvaluation(deps(route), NOW);
    const readsForTwoPages = ssm.requests.length;
    await record(recovered(ORDERS_DB_ARN, 'r1'), recovered(REPLICA_ARN, 'r2'));
    const resolved = await runEvaluation(deps(route), at(45));

    // Assess
    expect(opened).toMatchObject({
      opened: 2,
      notified: 4,
      failedDeliveries: 0,
    });
    expect(resolved).toMatchObject({ resolved: 2, notified: 4 });
    const primary = `backup-sentinel/orders-db/${ORDERS_DB_ARN}`;
    const replica = `backup-sentinel/orders-db/${REPLICA_ARN}`;
    expect(actionsAt(pagerDuty).sort()).toEqual(
      [
        ['resolve', primary],
        ['resolve', replica],
        ['trigger', primary],
        ['trigger', replica],
      ].sort()
    );
    expect(sns.published.map((p) => p.attributes.action?.value).sort()).toEqual(
      ['resolve', 'resolve', 'trigger', 'trigger']
    );
    expect(sns.published[0]?.subject).toMatch(
      /^\[CRITICAL\] orders-db \(orders-(prod|replica)\): Backup failed, since 2026-11-05 02:40 UTC$/
    );
    expect(readsForTwoPages).toBe(1);
    expect(await store.listActiveAlerts()).toEqual([]);
  });

  it('hands the page to SNS with a note while PagerDuty is down, and loses nothing', async () => {
    // Prepare
    const route = { pagerduty: PARAMETER, sns: false };
    await record(failed(ORDERS_DB_ARN, 'f1'));
    pagerDuty.down = true;

    // Act
    for (let i = 0; i < MAX_PAGERDUTY_ATTEMPTS; i++) {
      await runEvaluation(deps(route), at(15 * i));
    }
    const owedWhileDown = (await store.listActiveAlerts())[0]?.owed;
    pagerDuty.down = false;
    await runEvaluation(deps(route), at(15 * MAX_PAGERDUTY_ATTEMPTS));

    // Assess
    expect(sns.published).toHaveLength(1);
    const message = sns.published[0]?.message ?? '';
    expect(message).toMatch(
      new RegExp(
        `^NOTE: PagerDuty did not accept this trigger after ${MAX_PAGERDUTY_ATTEMPTS} attempts \\(PagerDuty could not be reached .*\\); it is sent by SNS instead\\.\n\nCRITICAL: Backup failed\n`
      )
    );
    expect(owedWhileDown).toEqual([
      expect.objectContaining({
        channel: 'pagerduty',
        action: 'trigger',
        attempts: MAX_PAGERDUTY_ATTEMPTS,
      }),
    ]);
    // Each evaluation tried twice (retries: 1) while down, then once more.
    expect(pagerDuty.requests).toHaveLength(2 * MAX_PAGERDUTY_ATTEMPTS + 1);
    expect(actionsAt(pagerDuty)).toEqual([
      ['trigger', `backup-sentinel/orders-db/${ORDERS_DB_ARN}`],
    ]);
    expect((await store.listActiveAlerts())[0]?.owed).toEqual([]);
  });

  it('keeps a refused page owed without retrying it, and never logs the routing key', async () => {
    // Prepare
    const route = { pagerduty: PARAMETER, sns: true };
    await record(failed(ORDERS_DB_ARN, 'f1'));
    pagerDuty.failNext({
      status: 400,
      body: { message: `routing key ${ROUTING_KEY} is disabled` },
    });

    // Act
    const first = await runEvaluation(deps(route), NOW);
    const second = await runEvaluation(deps(route), at(15));

    // Assess
    expect(first).toMatchObject({ notified: 1, failedDeliveries: 1 });
    expect(second).toMatchObject({ notified: 1, failedDeliveries: 0 });
    expect(pagerDuty.requests.map((r) => r.status)).toEqual([400, 202]);
    const logged = JSON.stringify(logger.entries);
    expect(logged).toContain('routing key [routing key] is disabled');
    expect(logged).not.toContain(ROUTING_KEY);
  });
});
