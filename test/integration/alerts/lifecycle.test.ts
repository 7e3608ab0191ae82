import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGERDUTY_ATTEMPTS } from '../../../src/alerts/index.js';
import { DynamoDbHistoryStore } from '../../../src/history/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import type { MonitorDeps } from '../../../src/monitor/index.js';
import {
  evaluateResources,
  runEvaluation,
} from '../../../src/monitor/index.js';
import { RecordingChannel, RecordingLogger } from '../../helpers/alertFakes.js';
import {
  ACCOUNT,
  aBackupEvent,
  aRunbook,
  aService,
  HOUR,
  MINUTE,
  ORDERS_DB_ARN,
  REGION,
} from '../../helpers/builders.js';
import { type RunningDynalite, startDynalite } from '../../helpers/dynalite.js';

// orders-db backs up daily at 02:00 UTC; backup-missed is not due before
// 05:30, so every evaluation below sees the failed job and nothing else.
const NOW = new Date('2026-11-05T03:00:00Z');
const RENOTIFY_MS = HOUR;
const at = (minutes: number): Date =>
  new Date(NOW.getTime() + minutes * MINUTE);

const GOOD: BackupEvent = aBackupEvent({ id: 'evt-good' });
const FAILED: BackupEvent = aBackupEvent({
  id: 'evt-failed',
  state: 'failed',
  jobId: 'job-failed',
  recoveryPointArn: undefined,
  sizeBytes: undefined,
  startedAt: new Date('2026-11-05T02:05:00Z'),
  completedAt: undefined,
  occurredAt: new Date('2026-11-05T02:40:00Z'),
  message: 'Backup job failed because the vault does not exist.',
});
const RECOVERED: BackupEvent = aBackupEvent({
  id: 'evt-recovered',
  jobId: 'job-recovered',
  recoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-recovered`,
  startedAt: new Date('2026-11-05T03:05:00Z'),
  completedAt: new Date('2026-11-05T03:30:00Z'),
  occurredAt: new Date('2026-11-05T03:30:00Z'),
});

let dynalite: RunningDynalite;
let store: DynamoDbHistoryStore;
let pagerduty: RecordingChannel;
let sns: RecordingChannel;

const deps = (renotifyMs = RENOTIFY_MS): MonitorDeps => ({
  store,
  runbook: aRunbook({ services: [aService({ renotifyMs })] }),
  channels: [pagerduty, sns],
  logger: new RecordingLogger(),
});

const record = async (...events: BackupEvent[]): Promise<void> => {
  for (const event of events) {
    await store.recordEvent(event, 'orders-db', event.occurredAt);
  }
};

const actions = (channel: RecordingChannel): string[] =>
  channel.delivered.map((d) => d.action);

beforeEach(async () => {
  dynalite = await startDynalite();
  store = new DynamoDbHistoryStore({
    client: dynalite.client,
    tableName: dynalite.tableName,
  });
  pagerduty = new RecordingChannel('pagerduty');
  sns = new RecordingChannel('sns');
});

afterEach(async () => {
  await dynalite.stop();
});

describe('alert lifecycle against DynamoDB', () => {
  it('opens once, re-notifies after renotify and resolves when a backup arrives', async () => {
    // Prepare
    await record(GOOD, FAILED);

    // Act
    await runEvaluation(deps(), NOW);
    await runEvaluation(deps(), at(15));
    await runEvaluation(deps(), at(59));
    await runEvaluation(deps(), at(60));
    await record(RECOVERED);
    await runEvaluation(deps(), at(75));
    await runEvaluation(deps(), at(90));

    // Assess
    expect(actions(pagerduty)).toEqual(['trigger', 'trigger', 'resolve']);
    expect(actions(sns)).toEqual(['trigger', 'trigger', 'resolve']);
    expect(await store.listActiveAlerts()).toEqual([]);
    const transitions = await store.listTransitions(NOW, at(120));
    expect(transitions.map((t) => [t.from, t.to, t.at])).toEqual([
      ['new', 'open', NOW],
      ['open', 'resolved', at(75)],
    ]);
    expect(await store.getHeartbeat()).toMatchObject({
      at: at(90),
      openAlerts: 0,
    });
  });

  it('delivers each page exactly once when two evaluations run at the same now', async () => {
    // Prepare
    await record(GOOD, FAILED);

    // Act
    const summaries = await Promise.all([
      runEvaluation(deps(), NOW),
      runEvaluation(deps(), NOW),
      evaluateResources(deps(), [ORDERS_DB_ARN], NOW),
    ]);

    // Assess
    expect(actions(pagerduty)).toEqual(['trigger']);
    expect(actions(sns)).toEqual(['trigger']);
    expect(summaries.reduce((n, s) => n + s.opened, 0)).toBe(1);
    expect(await store.listTransitions(NOW, at(1))).toHaveLength(1);
    expect(await store.getAlert(FAILED_KEY)).toMatchObject({
      status: 'open',
      owed: [],
    });
  });

  it('does not deliver again when an evaluation at the same now starts mid-delivery', async () => {
    // Prepare
    await record(GOOD, FAILED);
    let second: Promise<unknown> | undefined;
    pagerduty.onDeliver = async () => {
      second ??= runEvaluation(deps(), NOW);
      await second;
    };

    // Act
    await runEvaluation(deps(), NOW);
    await second;

    // Assess
    expect(actions(pagerduty)).toEqual(['trigger']);
    expect(actions(sns)).toEqual(['trigger']);
    expect(await store.getAlert(FAILED_KEY)).toMatchObject({ owed: [] });
  });

  it('sends a resolution that comes while the page is in flight after the page', async () => {
    // Prepare
    await record(GOOD, FAILED);
    let resolving: Promise<unknown> | undefined;
    pagerduty.onDeliver = async () => {
      if (resolving !== undefined) return;
      await record(RECOVERED);
      resolving = runEvaluation(deps(), at(1));
      await resolving;
    };

    // Act
    await runEvaluation(deps(), NOW);
    await runEvaluation(deps(), at(15));

    // Assess
    expect(actions(pagerduty)).toEqual(['trigger', 'resolve']);
    expect(actions(sns)).toEqual(['trigger', 'resolve']);
    expect(await store.getAlert(FAILED_KEY)).toMatchObject({
      status: 'resolved',
      owed: [],
    });
  });

  it('loses nothing while a channel is down', async () => {
    // Prepare
    await record(GOOD, FAILED);
    pagerduty.down = true;
    await runEvaluation(deps(), NOW);
    const owedWhileDown = (await store.getAlert(FAILED_KEY))?.owed;
    pagerduty.down = false;

    // Act
    await runEvaluation(deps(), at(15));
    await record(RECOVERED);
    sns.down = true;
    await runEvaluation(deps(), at(30));
    sns.down = false;
    await runEvaluation(deps(), at(45));
    await runEvaluation(deps(), at(60));

    // Assess
    expect(owedWhileDown).toEqual([
      expect.objectContaining({
        channel: 'pagerduty',
        action: 'trigger',
        attempts: 1,
        lastError: 'pagerduty receiver answered 503',
      }),
    ]);
    expect(actions(pagerduty)).toEqual(['trigger', 'resolve']);
    expect(actions(sns)).toEqual(['trigger', 'resolve']);
    expect((await store.getAlert(FAILED_KEY))?.owed).toEqual([]);
  });

  it('hands the page to SNS with a note when PagerDuty keeps failing, and pages once it is back', async () => {
    // Prepare
    await record(GOOD, FAILED);
    pagerduty.down = true;

    // Act
    for (let i = 0; i < MAX_PAGERDUTY_ATTEMPTS + 1; i++) {
      await runEvaluation(deps(24 * HOUR), at(15 * i));
    }
    pagerduty.down = false;
    await runEvaluation(deps(24 * HOUR), at(15 * (MAX_PAGERDUTY_ATTEMPTS + 1)));

    // Assess
    expect(pagerduty.calls).toBe(MAX_PAGERDUTY_ATTEMPTS + 2);
    expect(actions(pagerduty)).toEqual(['trigger']);
    expect(sns.delivered.map((d) => d.context.note)).toEqual([
      undefined,
      `PagerDuty did not accept this trigger after ${MAX_PAGERDUTY_ATTEMPTS} attempts (pagerduty receiver answered 503); it is sent by SNS instead.`,
    ]);
    expect((await store.getAlert(FAILED_KEY))?.owed).toEqual([]);
  });
});

const FAILED_KEY = {
  service: 'orders-db',
  check: 'backup-failed',
  resource: ORDERS_DB_ARN,
} as const;
