import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryHistoryStore } from '../../../src/history/index.js';
import {
  cloudWatchReplicationLag,
  runEvaluation,
} from '../../../src/monitor/index.js';
import type { ReplicationRule } from '../../../src/runbook/index.js';
import { RecordingChannel } from '../../helpers/alertFakes.js';
import { aRunbook, aService, HOUR, MINUTE } from '../../helpers/builders.js';

const cloudWatch = mockClient(CloudWatchClient);
afterEach(() => cloudWatch.reset());

const NOW = new Date('2026-11-05T12:00:00Z');
const ASSETS = 'arn:aws:s3:::acme-shop-assets-prod';
const LOGS = 'arn:aws:s3:::acme-shop-logs';
const TO_DR: ReplicationRule = {
  destination: 'acme-shop-assets-dr',
  region: 'us-west-2',
  rule: 'assets-to-dr',
};

const replicated = (id: string, resource: string, rules: ReplicationRule[]) =>
  aService({
    id,
    tier: 'high',
    resources: [resource],
    backup: { automation: 's3-replication', replication: rules },
    recovery: { rpoMs: HOUR },
  });

const RUNBOOK = aRunbook({ services: [replicated('assets', ASSETS, [TO_DR])] });

/** Minutes before NOW, oldest first, one a minute, as GetMetricData returns them ascending. */
const minutes = (count: number): Date[] =>
  Array.from(
    { length: count },
    (_, i) => new Date(NOW.getTime() - (count - i) * MINUTE)
  );

/** GetMetricData's documented response: one result per query Id, Timestamps[i] with Values[i]. */
const answer = (
  latency: number[],
  pending: number[]
): GetMetricDataCommandOutput => ({
  $metadata: {},
  MetricDataResults: [
    {
      Id: 'l0',
      Label: 'ReplicationLatency',
      Timestamps: minutes(latency.length),
      Values: latency,
      StatusCode: 'Complete',
    },
    {
      Id: 'p0',
      Label: 'OperationsPendingReplication',
      Timestamps: minutes(pending.length),
      Values: pending,
      StatusCode: 'Complete',
    },
  ],
  Messages: [],
});

const flat = (value: number, count = 60) =>
  Array.from({ length: count }, () => value);

describe('cloudWatchReplicationLag', () => {
  it('asks once per region for every rule, per rule and per bucket, over the RPO', async () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        replicated('assets', ASSETS, [TO_DR, { ...TO_DR, rule: 'thumbs' }]),
        replicated('logs', LOGS, [
          {
            destination: 'acme-shop-logs-dr',
            region: 'us-west-2',
            rule: 'all',
          },
        ]),
      ],
    });
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    // Act
    const readings = await cloudWatchReplicationLag(
      () => new CloudWatchClient({ region: 'us-west-2' })
    )(runbook, NOW);

    // Assess
    const calls = cloudWatch.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.MetricDataQueries).toHaveLength(6);
    expect(input?.MetricDataQueries?.[0]).toEqual({
      Id: 'l0',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/S3',
          MetricName: 'ReplicationLatency',
          Dimensions: [
            { Name: 'SourceBucket', Value: 'acme-shop-assets-prod' },
            { Name: 'DestinationBucket', Value: 'acme-shop-assets-dr' },
            { Name: 'RuleId', Value: 'assets-to-dr' },
          ],
        },
        Period: 60,
        Stat: 'Maximum',
      },
      ReturnData: true,
    });
    expect(input?.EndTime).toEqual(NOW);
    expect(input?.StartTime).toEqual(new Date(NOW.getTime() - HOUR - MINUTE));
    expect([...readings.keys()]).toEqual([ASSETS, LOGS]);
    expect(readings.get(ASSETS)).toHaveLength(2);
  });

  it('follows NextToken and joins the pages', async () => {
    // Prepare
    cloudWatch
      .on(GetMetricDataCommand)
      .resolvesOnce({ ...answer([10], []), NextToken: 'more' })
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'l0', Timestamps: [NOW], Values: [20], StatusCode: 'Complete' },
        ],
      });

    // Act
    const readings = await cloudWatchReplicationLag(
      () => new CloudWatchClient({})
    )(RUNBOOK, NOW);

    // Assess
    expect(readings.get(ASSETS)?.[0]?.latency.map((p) => p.value)).toEqual([
      10, 20,
    ]);
    expect(
      cloudWatch.commandCalls(GetMetricDataCommand)[1]?.args[0].input.NextToken
    ).toBe('more');
  });

  it('leaves out a region CloudWatch does not answer for', async () => {
    // Prepare
    cloudWatch.on(GetMetricDataCommand).rejects(new Error('AccessDenied'));

    // Act
    const readings = await cloudWatchReplicationLag(
      () => new CloudWatchClient({})
    )(RUNBOOK, NOW);

    // Assess
    expect(readings.size).toBe(0);
  });
});

describe('runEvaluation with replication metrics', () => {
  const evaluate = async (
    store: InMemoryHistoryStore,
    channel: RecordingChannel,
    response: GetMetricDataCommandOutput | Error,
    now = NOW
  ) => {
    cloudWatch.reset();
    if (response instanceof Error)
      cloudWatch.on(GetMetricDataCommand).rejects(response);
    else cloudWatch.on(GetMetricDataCommand).resolves(response);
    await runEvaluation(
      {
        store,
        runbook: RUNBOOK,
        channels: [channel],
        routeChannels: () => ['pagerduty'],
        replicationLag: cloudWatchReplicationLag(
          () => new CloudWatchClient({})
        ),
      },
      now
    );
    return channel.delivered.map(
      (d) => `${d.action} ${d.alert.findings[0]?.check}`
    );
  };

  it('opens replication-lag when the latency passes the RPO and resolves it when it falls back', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();
    const channel = new RecordingChannel('pagerduty');

    // Act
    const behind = await evaluate(
      store,
      channel,
      answer([...flat(60, 50), ...flat(5400, 10)], flat(40))
    );
    const summary = channel.delivered[0]?.alert;
    const caughtUp = await evaluate(
      store,
      channel,
      answer(flat(30), flat(0)),
      new Date(NOW.getTime() + 15 * MINUTE)
    );

    // Assess
    expect(behind).toEqual(['trigger replication-lag']);
    expect(summary?.findings[0]).toMatchObject({
      summary: expect.stringContaining(
        'S3 replication to acme-shop-assets-dr (rule assets-to-dr) is behind by ReplicationLatency 1 h 30 min, 30 min over the 1 h RPO (at 11:59 UTC)'
      ),
    });
    expect(caughtUp).toEqual([
      'trigger replication-lag',
      'resolve replication-lag',
    ]);
  });

  it('opens replication-lag for a backlog that grew for the whole RPO', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();
    const growing = Array.from({ length: 61 }, (_, i) => 100 + i * 10);

    // Act
    const pages = await evaluate(
      store,
      new RecordingChannel('pagerduty'),
      answer([], growing)
    );

    // Assess
    expect(pages).toEqual(['trigger replication-lag']);
  });

  it('says plainly that metrics are off, and how to turn them on', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();
    const channel = new RecordingChannel('pagerduty');

    // Act
    await evaluate(store, channel, answer([], []));

    // Assess
    expect(channel.delivered[0]?.alert.findings[0]?.summary).toMatch(
      /no replication metrics to acme-shop-assets-dr \(rule assets-to-dr\) in us-west-2 .*turn on replication metrics for the rule/
    );
  });

  it('keeps an open replication-lag alert while CloudWatch does not answer', async () => {
    // Prepare
    const store = new InMemoryHistoryStore();
    const channel = new RecordingChannel('pagerduty');
    await evaluate(store, channel, answer(flat(5400), flat(40)));

    // Act
    const pages = await evaluate(
      store,
      channel,
      new Error('Throttling'),
      new Date(NOW.getTime() + 15 * MINUTE)
    );

    // Assess
    expect(pages).toEqual(['trigger replication-lag']);
  });
});
