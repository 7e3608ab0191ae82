import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_CODES, run } from '../../../../src/cli/index.js';
import type { Finding } from '../../../../src/model/index.js';
import { captureIo } from '../../../helpers/captureIo.js';
import {
  type EventBridgeReceiver,
  startEventBridgeReceiver,
} from '../../../helpers/receivers/index.js';

const REPO = resolve(import.meta.dirname, '../../../..');
const STATE_BUCKET = 'arn:aws:s3:::acme-shop-terraform-state';
const EKS = 'arn:aws:eks:us-east-1:111122223333:cluster/shop-prod';
const SESSIONS =
  'arn:aws:elasticache:us-east-1:111122223333:replicationgroup:shop-sessions-prod';
const CATALOG = 'arn:aws:rds:us-east-1:111122223333:cluster:catalog-prod';

/** Runs `sentinel ping … --print` on the example runbook; returns its one line. */
const printed = async (...args: string[]): Promise<string> => {
  const capture = captureIo(REPO);
  const code = await run(['ping', ...args, '--print'], capture.io);
  if (code !== EXIT_CODES.ok) throw new Error(capture.stderr());
  return capture.stdout().trim();
};

/** Replays lines with `sentinel replay --json` at `at`; returns the open findings. */
const replay = async (lines: string[], at: string): Promise<Finding[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'sentinel-ping-'));
  const file = join(dir, 'events.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  const capture = captureIo(REPO);
  await run(['replay', '--events', file, '--at', at, '--json'], capture.io);
  return JSON.parse(capture.stdout()) as Finding[];
};

const checksOf = (findings: Finding[], resource: string): string[] =>
  findings
    .filter((f) => f.resource === resource)
    .map((f) => f.check)
    .sort();

describe('sentinel ping --print, replayed', () => {
  it('opens backup-failed for a failed script job', async () => {
    // Prepare
    const line = await printed(
      'network',
      '--resource',
      STATE_BUCKET,
      '--state',
      'failed',
      '--job-id',
      'tf-state-20261106',
      '--message',
      'terraform state pull: AccessDenied',
      '--at',
      '2026-11-06T03:05:00Z'
    );

    // Act
    const findings = await replay([line], '2026-11-06T03:10:00Z');

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        service: 'network',
        resource: STATE_BUCKET,
        check: 'backup-failed',
        summary: expect.stringContaining('terraform state pull: AccessDenied'),
      }),
    ]);
  });

  it('opens backup-missed for a Velero schedule that stops reporting, not before its deadline', async () => {
    // Prepare: the 00:00 and 06:00 backups reported; 12:00's never does.
    const lines = [
      await printed(
        'eks-workloads',
        '--state',
        'completed',
        '--job-id',
        'shop-prod-20261106000000',
        '--started',
        '2026-11-06T00:00:00Z',
        '--at',
        '2026-11-06T00:07:41Z'
      ),
      await printed(
        'eks-workloads',
        '--state',
        'completed',
        '--job-id',
        'shop-prod-20261106060000',
        '--started',
        '2026-11-06T06:00:00Z',
        '--at',
        '2026-11-06T06:08:02Z'
      ),
    ];

    // Act: 12:00 + 30 m start window + 1 h completion window + 30 m grace.
    const before = await replay(lines, '2026-11-06T13:59:00Z');
    const after = await replay(lines, '2026-11-06T14:01:00Z');

    // Assess
    expect(checksOf(before, EKS)).toEqual([]);
    // The 8 h RPO since 06:00 runs out at the same minute.
    expect(checksOf(after, EKS)).toEqual(['backup-missed', 'rpo-breached']);
  });

  it('opens backup-failed for a job that started and never finished', async () => {
    // Prepare
    const line = await printed(
      'sessions',
      '--state',
      'started',
      '--at',
      '2026-11-06T03:00:00Z'
    );

    // Act: the completion window is 1 h.
    const within = await replay([line], '2026-11-06T03:59:00Z');
    const after = await replay([line], '2026-11-06T04:01:00Z');

    // Assess
    expect(checksOf(within, SESSIONS)).toEqual([]);
    expect(checksOf(after, SESSIONS)).toEqual(['backup-failed']);
  });

  it('keeps restore-test-overdue closed with a reported restore test', async () => {
    // Prepare: catalog-db wants a restore test every 90 days.
    const backup = await printed(
      'catalog-db',
      '--state',
      'completed',
      '--at',
      '2026-07-01T04:20:00Z'
    );
    const restore = await printed(
      'catalog-db',
      '--kind',
      'restore',
      '--state',
      'completed',
      '--duration',
      '42m',
      '--validation',
      'passed',
      '--at',
      '2026-09-15T10:00:00Z'
    );

    // Act: 120 days after the first event.
    const without = await replay([backup], '2026-10-29T12:00:00Z');
    const withTest = await replay([backup, restore], '2026-10-29T12:00:00Z');

    // Assess
    expect(checksOf(without, CATALOG)).toContain('restore-test-overdue');
    expect(checksOf(withTest, CATALOG)).not.toContain('restore-test-overdue');
  });

  it('prints one line per resource of a script job that backs up the whole service', async () => {
    // Act
    const lines = (
      await printed(
        'network',
        '--state',
        'completed',
        '--at',
        '2026-11-06T03:04:00Z'
      )
    ).split('\n');

    // Assess
    expect(lines.map((l) => JSON.parse(l).detail.resource)).toEqual([
      'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0a1b2c3d4e5f67890',
      'arn:aws:ec2:us-east-1:111122223333:transit-gateway/tgw-0123456789abcdef0',
      STATE_BUCKET,
    ]);
  });

  it("reports a drill's restore of a service as one of every resource it lists, as the README's example does", async () => {
    // Act: network lists a VPC, a transit gateway and the state bucket.
    const line = await printed(
      'region-failure-us-east-1-to-us-west-2',
      '--kind',
      'drill',
      '--state',
      'completed',
      '--started',
      '2026-11-07T08:00:00Z',
      '--at',
      '2026-11-07T09:30:00Z',
      '--restored',
      'orders-db=25m',
      '--restored',
      'network=40m'
    );

    // Assess
    const { detail } = JSON.parse(line) as {
      detail: { services: { service: string; resource: string }[] };
    };
    const network = detail.services.filter((s) => s.service === 'network');
    expect(network.map((s) => s.resource)).toContain(STATE_BUCKET);
    expect(network).toHaveLength(3);
    expect(network).toEqual(
      network.map((s) => ({ ...s, restoredInSeconds: 2400 }))
    );
    expect(
      detail.services.filter((s) => s.service === 'orders-db')
    ).toHaveLength(1);
  });

  it('prints the event as EventBridge delivers it, in the account and region of the resource', async () => {
    // Act
    const event = JSON.parse(
      await printed(
        'eks-workloads',
        '--state',
        'completed',
        '--size',
        '1024',
        '--at',
        '2026-11-06T06:08:02Z'
      )
    );

    // Assess
    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Backup Job Report',
      source: 'backup-sentinel',
      account: '111122223333',
      time: '2026-11-06T06:08:02Z',
      region: 'us-east-1',
      resources: [EKS],
      detail: {
        service: 'eks-workloads',
        resource: EKS,
        state: 'completed',
        completedAt: '2026-11-06T06:08:02.000Z',
        sizeBytes: 1024,
      },
    });
  });
});

describe('sentinel ping', () => {
  it.each([
    [['nope', '--state', 'completed'], /no service 'nope' in the runbook/],
    [
      ['network', '--state', 'completed', '--resource', EKS],
      /network does not claim 'arn:aws:eks:.*' \(eks-workloads does\)/,
    ],
    [
      ['carts', '--state', 'completed'],
      /carts names a pattern: say which with --resource/,
    ],
    [
      ['network', '--state', 'completed', '--size', 'big'],
      /--size must be a whole number of bytes/,
    ],
    [
      ['nowhere', '--kind', 'drill', '--state', 'completed'],
      /no drilled scenario 'nowhere'/,
    ],
    [
      [
        'region-failure-us-east-1-to-us-west-2',
        '--kind',
        'drill',
        '--state',
        'completed',
        '--restored',
        'carts=30m',
      ],
      /--restored carts names a pattern: say which as carts:RESOURCE=30m/,
    ],
  ])('refuses %j with a usage error', async (args, message) => {
    // Prepare
    const capture = captureIo(REPO);

    // Act
    const code = await run(['ping', ...args, '--print'], capture.io);

    // Assess
    expect(code).toBe(EXIT_CODES.usage);
    expect(capture.stderr()).toMatch(message);
    expect(capture.stdout()).toBe('');
  });

  describe('sending', () => {
    let receiver: EventBridgeReceiver;

    beforeEach(async () => {
      receiver = await startEventBridgeReceiver();
      vi.stubEnv('AWS_ENDPOINT_URL_EVENTBRIDGE', receiver.endpoint);
      vi.stubEnv('AWS_REGION', 'us-east-1');
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
      vi.stubEnv('AWS_PROFILE', '');
    });

    afterEach(async () => {
      vi.unstubAllEnvs();
      await receiver.stop();
    });

    it('puts the report on the bus with PutEvents', async () => {
      // Prepare
      const capture = captureIo(REPO);

      // Act
      const code = await run(
        ['ping', 'eks-workloads', '--state', 'completed', '--bus', 'ops'],
        capture.io
      );

      // Assess
      expect(code).toBe(EXIT_CODES.ok);
      expect(receiver.entries).toEqual([
        expect.objectContaining({
          Source: 'backup-sentinel',
          DetailType: 'Backup Job Report',
          EventBusName: 'ops',
          Resources: [EKS],
        }),
      ]);
      expect(capture.stderr()).toMatch(
        /^sent Backup Job Report [0-9a-f-]{36}$/m
      );
    });

    it('exits 1 saying why when EventBridge refuses the report', async () => {
      // Prepare
      receiver.failEntries('AccessDeniedException', 1);
      const capture = captureIo(REPO);

      // Act
      const code = await run(
        ['ping', 'eks-workloads', '--state', 'completed'],
        capture.io
      );

      // Assess
      expect(code).toBe(EXIT_CODES.problems);
      expect(capture.stderr()).toContain(
        'EventBridge refused the report: AccessDeniedException'
      );
    });
  });
});
