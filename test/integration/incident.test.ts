import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BackupJob,
  type BackupSetting,
  backupJobCompleted,
  backupJobFailed,
  type EventBridgeEnvelope,
  type ReplicatedObject,
  replicationCaughtUpNotification,
  replicationFailedNotification,
  restoreTestCompleted,
} from '../../demo/index.js';
import {
  type PagerDutyReceiver,
  type SnsReceiver,
  type SsmReceiver,
  startPagerDutyReceiver,
  startSnsReceiver,
  startSsmReceiver,
} from '../../demo/receivers/index.js';
import { EXIT_CODES, run } from '../../src/cli/index.js';
import { DynamoDbHistoryStore } from '../../src/history/index.js';
import {
  createChannels,
  type IncidentFinding,
  type MonitorDeps,
  runEvaluation,
  runIngest,
} from '../../src/monitor/index.js';
import { loadRunbookDir } from '../../src/runbook/index.js';
import { captureIo } from '../helpers/captureIo.js';
import { type RunningDynalite, startDynalite } from '../helpers/dynalite.js';
import { frontMatter, serviceMd } from '../helpers/runbookFiles.js';

// The issue's night: orders backs up daily at 02:00 UTC (deadline 05:30 with
// its windows and 30 min grace; RPO 52 h). The 2026-11-04 run FAILS; nothing
// runs on 2026-11-05, so that slot is missed at 05:30, and the RPO of the
// 2026-11-03 recovery point runs out at 06:05. An on-demand backup at 08:40
// fixes everything.
const REGION = 'us-east-1';
const ACCOUNT = '111122223333';
const ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders`;
const KEY = `backup-sentinel/orders/${ARN}`;
const PARAMETER = '/sentinel/pagerduty/orders';
const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const TICK_MS = 15 * 60_000;
const START = new Date('2026-11-04T00:00:00Z');
const END = new Date('2026-11-05T09:00:00Z');
const REPLAY_AT = '2026-11-05T07:00:00Z';

const BUCKET_ARN = 'arn:aws:s3:::acme-assets';
const OBJECT: ReplicatedObject = {
  bucketName: 'acme-assets',
  bucketArn: BUCKET_ARN,
  ownerPrincipalId: 'A3NL1KOZZKExample',
  key: 'img/products/12345/main.jpg',
  size: 123_456,
  eTag: 'd41d8cd98f00b204e9800998ecf8427e',
  versionId: 'v1',
  sequencer: '0055AED6DCD90281E5',
  requestId: 'C3D13FE58DE4C810',
  hostId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
  replicationRuleId: 'assets-to-dr',
  destinationBucketArn: 'arn:aws:s3:::acme-assets-dr',
  requestedAt: new Date('2026-11-04T10:00:00Z'),
  reportedAt: new Date('2026-11-04T10:00:30Z'),
};

const RUNBOOK_YML = `title: Incident test runbook
links: https://example.com/runbook/services/{service}.md#{section}
defaults: { grace: 30m, renotify: 48h, timezone: UTC }
alerts:
  orders-oncall:
    pagerduty: ${PARAMETER}
    sns: true
`;

const SETTING: BackupSetting = {
  account: ACCOUNT,
  region: REGION,
  vaultName: 'Default',
  vaultArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:Default`,
  iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
};

const job = (jobId: string, createdAt: string): BackupJob => ({
  jobId,
  resourceArn: ARN,
  resourceType: 'RDS',
  plan: undefined,
  createdAt: new Date(createdAt),
  startBy: new Date(new Date(createdAt).getTime() + 3_600_000),
  sizeBytes: 5_000_000_000,
});

const completed = (id: string, created: string, done: string) =>
  backupJobCompleted(
    SETTING,
    id,
    job(`job-${id}`, created),
    `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${id}`,
    new Date(done),
    new Date(done)
  );

/** Raw events in delivery order: good, FAILED, the fixing on-demand backup. */
const EVENTS: EventBridgeEnvelope[] = [
  completed('good', '2026-11-03T02:05:00Z', '2026-11-03T02:25:00Z'),
  backupJobFailed(
    SETTING,
    'failed',
    job('job-failed', '2026-11-04T02:05:00Z'),
    'Insufficient privileges to perform this action.',
    new Date('2026-11-04T02:40:00Z'),
    new Date('2026-11-04T02:40:00Z')
  ),
  completed('fixed', '2026-11-05T08:40:00Z', '2026-11-05T08:58:00Z'),
];

const eventTime = (e: EventBridgeEnvelope): Date => new Date(e.time);

/**
 * Pairs of durations a breach puts side by side (`30 h 20 min, 20 min over
 * the 30 h RPO`: the first and the last) that read alike.
 */
const equalBreaches = (text: string): string[] =>
  [
    ...text.matchAll(
      /(\d[^,()"]*?), [^,()"]*? over the (\d[^()"]*?) (RPO|RTO|retention|restore-test period)/g
    ),
  ]
    .filter(([, actual, limit]) => actual === limit)
    .map(([match]) => match);

/** Paths of values that are numbers or named like milliseconds. */
const millisecondFields = (value: unknown, path = ''): string[] => {
  const here =
    typeof value === 'number' || /ms$/i.test(path) ? [path] : ([] as string[]);
  if (value === null || typeof value !== 'object') return here;
  return [
    ...here,
    ...Object.entries(value).flatMap(([k, v]) =>
      millisecondFields(v, `${path}.${k}`)
    ),
  ];
};

let dir: string;
let dynalite: RunningDynalite;
let pagerDuty: PagerDutyReceiver;
let sns: SnsReceiver;
let ssm: SsmReceiver;
let replayed: IncidentFinding[];

const liveDeps = async (): Promise<MonitorDeps> => {
  const { io } = captureIo(dir);
  const runbook = await loadRunbookDir('runbook', io);
  return {
    store: new DynamoDbHistoryStore({
      client: dynalite.client,
      tableName: dynalite.tableName,
    }),
    runbook,
    channels: createChannels(
      {
        region: REGION,
        alertsTopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`,
        pagerDutyServer: pagerDuty.server,
        pagerDutyTimeoutMs: 2_000,
        ssmEndpoint: ssm.endpoint,
      },
      {
        snsClient: new SNSClient({
          endpoint: sns.endpoint,
          region: REGION,
          credentials: CREDENTIALS,
        }),
        ssmCredentials: CREDENTIALS,
        pagerDutyAgent: pagerDuty.agent,
      }
    ),
  };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sentinel-incident-'));
  await mkdir(join(dir, 'runbook', 'services'), { recursive: true });
  await writeFile(join(dir, 'runbook', 'runbook.yml'), RUNBOOK_YML);
  await writeFile(
    join(dir, 'runbook', 'services', 'orders.md'),
    serviceMd({
      ...frontMatter('orders'),
      tier: 'critical',
      alerts: 'orders-oncall',
      recovery: { rto: '1h', rpo: '52h' },
    })
  );
  await writeFile(
    join(dir, 'runbook', 'services', 'assets.md'),
    serviceMd({
      ...frontMatter('assets'),
      category: 'file-storage',
      resources: [BUCKET_ARN],
      backup: {
        ...(frontMatter('assets').backup as Record<string, unknown>),
        schedule: 'rate(15 minutes)',
        startWindow: '5m',
        completionWindow: '15m',
        automation: 's3-replication',
      },
      alerts: 'orders-oncall',
      recovery: { rto: '1h', rpo: '1h' },
    })
  );
  await writeFile(
    join(dir, 'events.jsonl'),
    EVENTS.map((e) => JSON.stringify(e)).join('\n')
  );

  // The replay, as a user runs it.
  const capture = captureIo(dir);
  const code = await run(
    ['replay', '--events', 'events.jsonl', '--at', REPLAY_AT, '--json'],
    capture.io
  );
  expect(code).toBe(EXIT_CODES.problems);
  replayed = JSON.parse(capture.stdout()) as IncidentFinding[];

  // The monitor, as deployed: ingest at each event, evaluate every 15 min.
  [dynalite, pagerDuty, sns, ssm] = await Promise.all([
    startDynalite(),
    startPagerDutyReceiver(),
    startSnsReceiver(),
    startSsmReceiver({ [PARAMETER]: ROUTING_KEY }, CREDENTIALS),
  ]);
  const deps = await liveDeps();
  let next = 0;
  for (let tick = START.getTime(); tick <= END.getTime(); tick += TICK_MS) {
    for (; next < EVENTS.length; next += 1) {
      const event = EVENTS[next] as EventBridgeEnvelope;
      if (eventTime(event).getTime() > tick) break;
      await runIngest(deps, [event], eventTime(event));
    }
    await runEvaluation(deps, new Date(tick));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([
    dynalite?.stop(),
    pagerDuty?.stop(),
    sns?.stop(),
    ssm?.stop(),
  ]);
  await rm(dir, { recursive: true, force: true });
});

describe('one failed backup, then a missed run and an RPO breach', () => {
  it('gives replay findings that all carry the same incident key', () => {
    // Act
    const incidents = replayed.map((f) => [f.check, f.incident]);

    // Assess
    expect(incidents).toEqual([
      ['backup-failed', KEY],
      ['backup-missed', KEY],
      ['rpo-breached', KEY],
    ]);
  });

  it('pages exactly one PagerDuty incident under that key: triggered, updated twice, resolved', () => {
    // Act
    const events = pagerDuty.accepted() as {
      event_action: string;
      dedup_key: string;
      payload?: {
        class: string;
        custom_details: { failing_checks: { check: string }[] };
      };
    }[];

    // Assess
    expect(new Set(events.map((e) => e.dedup_key))).toEqual(new Set([KEY]));
    expect(
      events.map((e) => [
        e.event_action,
        e.payload?.class,
        e.payload?.custom_details.failing_checks.map((c) => c.check),
      ])
    ).toEqual([
      ['trigger', 'backup-failed', ['backup-failed']],
      ['trigger', 'backup-failed', ['backup-failed', 'backup-missed']],
      [
        'trigger',
        'backup-failed',
        ['backup-failed', 'backup-missed', 'rpo-breached'],
      ],
      ['resolve', undefined, undefined],
    ]);
  });

  it('sends the same incident by SNS, under the same key', () => {
    // Act
    const keys = sns.published.map((p) =>
      p.message
        .split('\n')
        .find((l) => l.startsWith('Alert: '))
        ?.slice('Alert: '.length)
    );
    const actions = sns.published.map((p) => p.attributes.action?.value);

    // Assess
    expect(new Set(keys)).toEqual(new Set([KEY]));
    expect(actions).toEqual(['trigger', 'trigger', 'trigger', 'resolve']);
  });

  it('prints no breach whose two numbers read equal and no millisecond count in any page', () => {
    // Prepare
    const pages = [
      ...pagerDuty.accepted().map((e) => JSON.stringify(e)),
      ...sns.published.map((p) => `${p.subject}\n${p.message}`),
    ];
    const replayText = JSON.stringify(replayed.map((f) => f.summary));

    // Act
    const equal = [...pages, replayText].flatMap(equalBreaches);
    const numbers = pagerDuty
      .accepted()
      .flatMap((e) =>
        millisecondFields((e as { payload?: unknown }).payload, 'payload')
      );

    // Assess
    expect(equal).toEqual([]);
    expect(numbers).toEqual([]);
    expect(pages.join('\n')).not.toMatch(/\d ?ms\b|[a-z]Ms\b/);
    expect(pages.join('\n')).toContain('over the 52 h RPO');
  });
});

describe('an S3 replication failure', () => {
  it('stays open without a later success for the object, and resolves on one', async () => {
    // Prepare: its own table and receivers, so the incident above is apart.
    const [table, pd] = await Promise.all([
      startDynalite(),
      startPagerDutyReceiver(),
    ]);
    const shared = { dynalite, pagerDuty };
    dynalite = table;
    pagerDuty = pd;
    const deps = await liveDeps();
    const failed = replicationFailedNotification(REGION, {
      ...OBJECT,
      failureReason: 'DstPutObjectNotPermitted',
    });
    const replicated = replicationCaughtUpNotification(REGION, {
      ...OBJECT,
      sequencer: '0055AED6DCD90281F0',
      reportedAt: new Date('2026-11-07T09:00:00Z'),
    });
    const key = `backup-sentinel/assets/${BUCKET_ARN}`;
    const mine = () =>
      pd
        .accepted()
        .filter((e) => (e as { dedup_key: string }).dedup_key === key);
    const actions = () =>
      mine().map((e) => (e as { event_action: string }).event_action);

    try {
      // Act: a quiet week would once have resolved it after a day.
      await runIngest(deps, [failed], OBJECT.reportedAt);
      await runEvaluation(deps, new Date('2026-11-04T10:15:00Z'));
      await runEvaluation(deps, new Date('2026-11-05T12:00:00Z'));
      await runEvaluation(deps, new Date('2026-11-07T08:45:00Z'));
      const beforeEvidence = actions();
      await runIngest(deps, [replicated], new Date('2026-11-07T09:00:00Z'));
      await runEvaluation(deps, new Date('2026-11-07T09:15:00Z'));

      // Assess: opened at once, re-notified after its 48 h, never resolved
      // until the object's replication was reported.
      expect(beforeEvidence).toEqual(['trigger', 'trigger']);
      expect(actions()).toEqual(['trigger', 'trigger', 'resolve']);
      const [trigger] = mine() as {
        dedup_key: string;
        payload: { summary: string };
        links: { href: string }[];
      }[];
      expect(trigger?.payload.summary).toContain(
        '1 object not replicated since S3 replication failed'
      );
      expect(trigger?.links[0]?.href).toBe(
        'https://example.com/runbook/services/assets.md#manual-backup'
      );
    } finally {
      await Promise.all([table.stop(), pd.stop()]);
      ({ dynalite, pagerDuty } = shared);
    }
  });
});

describe('a passed restore test', () => {
  it("goes on the service's PagerDuty timeline as a change event, paging nobody", async () => {
    // Prepare
    const [table, pd] = await Promise.all([
      startDynalite(),
      startPagerDutyReceiver(),
    ]);
    const shared = { dynalite, pagerDuty };
    dynalite = table;
    pagerDuty = pd;
    const restore = restoreTestCompleted(
      SETTING,
      'restore-1',
      {
        restoreJobId: 'restore-job-1',
        recoveryPointArn: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-good`,
        sourceResourceArn: ARN,
        resourceType: 'RDS',
        createdResourceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-restore-test`,
        sizeBytes: 5_000_000_000,
        createdAt: new Date('2026-11-03T10:00:00Z'),
        completedAt: new Date('2026-11-03T10:40:00Z'),
        restoreTestingPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT}:restore-testing-plan:weekly`,
      },
      new Date('2026-11-03T10:40:00Z')
    );

    try {
      // Act
      await runIngest(await liveDeps(), [restore], new Date(restore.time));

      // Assess
      expect(pd.accepted()).toEqual([]);
      expect(pd.changes()).toMatchObject([
        {
          routing_key: ROUTING_KEY,
          payload: {
            summary:
              'orders: restore test passed at 2026-11-03 10:40 UTC, took 40 min (RTO 1 h)',
            source: ARN,
            timestamp: '2026-11-03T10:40:00.000Z',
          },
        },
      ]);
    } finally {
      await Promise.all([table.stop(), pd.stop()]);
      ({ dynalite, pagerDuty } = shared);
    }
  });
});
