import { describe, expect, it } from 'vitest';
import {
  deliveredEvent,
  normalise,
  normaliseSentinelEvent,
  SENTINEL_DETAIL_TYPES,
  sentinelEntry,
} from '../../../src/events/index.js';

const AT = new Date('2026-11-06T03:04:00Z');
const NETWORK_STATE = 'arn:aws:s3:::acme-shop-terraform-state';
const EKS = 'arn:aws:eks:us-east-1:111122223333:cluster/shop-prod';

/** An event as EventBridge delivers the product's own reports. */
const envelope = (
  detailType: string,
  detail: Record<string, unknown>,
  id = '6a7e8feb-b491-4cf7-a9f1-bf3703467718'
) => ({
  version: '0',
  id,
  'detail-type': detailType,
  source: 'backup-sentinel',
  account: '111122223333',
  time: '2026-11-06T03:04:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
});

const backupReport = (detail: Record<string, unknown> = {}) =>
  envelope(SENTINEL_DETAIL_TYPES.backup, {
    service: 'network',
    resource: NETWORK_STATE,
    state: 'completed',
    jobId: 'tf-state-20261106',
    startedAt: '2026-11-06T03:00:00Z',
    completedAt: '2026-11-06T03:04:00Z',
    sizeBytes: 18_432,
    location: 's3://acme-shop-terraform-backups/network/20261106.tfstate',
    ...detail,
  });

const restoreReport = (detail: Record<string, unknown> = {}) =>
  envelope(SENTINEL_DETAIL_TYPES.restore, {
    service: 'eks-workloads',
    resource: EKS,
    state: 'completed',
    completedAt: '2026-11-06T10:00:00Z',
    durationSeconds: 2520,
    ...detail,
  });

const drillReport = (detail: Record<string, unknown> = {}) =>
  envelope(SENTINEL_DETAIL_TYPES.drill, {
    scenario: 'region-failure',
    state: 'completed',
    startedAt: '2026-11-07T08:00:00Z',
    completedAt: '2026-11-07T09:10:00Z',
    services: [
      { service: 'eks-workloads', resource: EKS, restoredInSeconds: 1500 },
      {
        service: 'network',
        resource: NETWORK_STATE,
        restoredInSeconds: 600,
        ok: false,
      },
    ],
    ...detail,
  });

const issuesOf = (raw: unknown) => {
  const result = normaliseSentinelEvent(raw);
  return result.ok ? [] : result.issues;
};

describe('normaliseSentinelEvent', () => {
  it('normalises a Backup Job Report into a backup event of the named resource', () => {
    // Act
    const result = normaliseSentinelEvent(backupReport());

    // Assess
    expect(result).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          source: 'backup-sentinel',
          kind: 'backup',
          state: 'completed',
          resourceArn: NETWORK_STATE,
          resourceType: 'S3',
          jobId: 'tf-state-20261106',
          recoveryPointArn:
            's3://acme-shop-terraform-backups/network/20261106.tfstate',
          occurredAt: AT,
          startedAt: new Date('2026-11-06T03:00:00Z'),
          completedAt: AT,
          sizeBytes: 18_432,
          claimedBy: 'network',
          account: '111122223333',
          region: 'us-east-1',
          detailType: 'Backup Job Report',
        }),
      ],
    });
  });

  it('takes any id a service claims as the resource, typed Custom when it is no ARN', () => {
    // Act
    const result = normaliseSentinelEvent(
      backupReport({ resource: 'terraform:network/prod' })
    );

    // Assess
    expect(result.ok && result.value[0]?.resourceType).toBe('Custom');
  });

  it('gives a job reported twice the same id, whatever envelope carried it', () => {
    // Prepare
    const again = { ...backupReport(), id: 'another-put-events-call' };

    // Act
    const first = normaliseSentinelEvent(backupReport());
    const second = normaliseSentinelEvent(again);

    // Assess
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      expect(second.value[0]?.id).toBe(first.value[0]?.id);
    }
  });

  it('keeps a report without a job id apart by its envelope id', () => {
    // Prepare
    const { jobId: _, ...detail } = backupReport().detail;
    const one = envelope(SENTINEL_DETAIL_TYPES.backup, detail, 'put-1');
    const two = envelope(SENTINEL_DETAIL_TYPES.backup, detail, 'put-2');

    // Act
    const ids = [one, two].map((e) => {
      const result = normaliseSentinelEvent(e);
      return result.ok ? result.value[0]?.id : undefined;
    });

    // Assess
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('times a started report by its start and a finished one by its end', () => {
    // Act
    const started = normaliseSentinelEvent(
      backupReport({ state: 'started', completedAt: undefined })
    );

    // Assess
    expect(started.ok && started.value[0]).toMatchObject({
      state: 'started',
      occurredAt: new Date('2026-11-06T03:00:00Z'),
    });
    expect(started.ok && started.value[0]?.completedAt).toBeUndefined();
  });

  it('reads a Restore Report as a restore test, its start from its duration', () => {
    // Act
    const result = normaliseSentinelEvent(restoreReport());

    // Assess
    expect(result.ok && result.value).toEqual([
      expect.objectContaining({
        kind: 'restore',
        state: 'completed',
        resourceArn: EKS,
        restoreTest: true,
        startedAt: new Date('2026-11-06T09:18:00Z'),
        completedAt: new Date('2026-11-06T10:00:00Z'),
      }),
    ]);
  });

  it('counts a restore whose validation failed as a failed restore, with what validation said', () => {
    // Act
    const result = normaliseSentinelEvent(
      restoreReport({
        validation: { status: 'failed', message: 'orders table has 0 rows' },
        target: 'orders-restore-test',
      })
    );

    // Assess
    expect(result.ok && result.value[0]).toMatchObject({
      state: 'failed',
      message:
        'validation failed: orders table has 0 rows; restored into orders-restore-test',
    });
  });

  it('marks a real restore as no test', () => {
    // Act
    const result = normaliseSentinelEvent(restoreReport({ test: false }));

    // Assess
    expect(result.ok && result.value[0]?.restoreTest).toBe(false);
  });

  it('records a completed drill on its scenario and a restore test per service it restored', () => {
    // Act
    const result = normaliseSentinelEvent(drillReport());

    // Assess
    expect(result.ok && result.value).toEqual([
      expect.objectContaining({
        kind: 'drill',
        state: 'completed',
        resourceArn: 'drill:region-failure',
        startedAt: new Date('2026-11-07T08:00:00Z'),
        completedAt: new Date('2026-11-07T09:10:00Z'),
      }),
      expect.objectContaining({
        kind: 'restore',
        state: 'completed',
        resourceArn: EKS,
        restoreTest: true,
        claimedBy: 'eks-workloads',
        // Its own 25 minutes, ending with the drill.
        startedAt: new Date('2026-11-07T08:45:00Z'),
        completedAt: new Date('2026-11-07T09:10:00Z'),
      }),
      expect.objectContaining({
        kind: 'restore',
        state: 'failed',
        resourceArn: NETWORK_STATE,
        claimedBy: 'network',
      }),
    ]);
  });

  it('records a drill only started on its scenario alone', () => {
    // Act
    const result = normaliseSentinelEvent(
      drillReport({ state: 'started', completedAt: undefined })
    );

    // Assess
    expect(result.ok && result.value.map((e) => e.kind)).toEqual(['drill']);
  });

  it.each([
    [
      'an unknown key',
      backupReport({ sizeInBytes: 1 }),
      'detail',
      /Unrecognized key/i,
    ],
    [
      'a state it does not know',
      backupReport({ state: 'COMPLETED' }),
      'detail.state',
      /expected one of started, completed, failed, partial/,
    ],
    [
      'a size that is not a whole number',
      backupReport({ sizeBytes: 1.5 }),
      'detail.sizeBytes',
      /whole number of bytes/,
    ],
    [
      'a size of 400 digits',
      backupReport({ sizeBytes: Number('9'.repeat(400)) }),
      'detail.sizeBytes',
      /too large: expected at most 9007199254740991 \(Number.MAX_SAFE_INTEGER\), got Infinity/,
    ],
    [
      'a negative size',
      backupReport({ sizeBytes: -1 }),
      'detail.sizeBytes',
      /0 or more/,
    ],
    [
      'a duration of 400 digits, which JSON reads as Infinity',
      restoreReport({ durationSeconds: Number('9'.repeat(400)) }),
      'detail.durationSeconds',
      /expected a number of seconds, got Infinity/,
    ],
    [
      'a time without a zone',
      backupReport({ completedAt: '2026-11-06 03:04' }),
      'detail.completedAt',
      /ISO-8601 time with an offset/,
    ],
    [
      'a message over 4096 characters',
      backupReport({ message: 'x'.repeat(4097) }),
      'detail.message',
      /at most 4096 characters/,
    ],
    [
      'a missing service',
      backupReport({ service: undefined }),
      'detail.service',
      /string/i,
    ],
    [
      'a validation status it does not know',
      restoreReport({ validation: { status: 'ok' } }),
      'detail.validation.status',
      /expected one of passed, failed, skipped/,
    ],
    [
      'a scenario that is not a heading slug',
      drillReport({ scenario: 'Region Failure' }),
      'detail.scenario',
      /heading slug/,
    ],
  ])(
    'rejects %s, naming the field and what it expected',
    (_, raw, path, message) => {
      // Act
      const issues = issuesOf(raw);

      // Assess
      expect(issues).toEqual([
        expect.objectContaining({
          path,
          message: expect.stringMatching(message),
        }),
      ]);
    }
  );

  it('rejects a job that ended before it started', () => {
    // Act
    const issues = issuesOf(
      backupReport({ completedAt: '2026-11-06T02:00:00Z' })
    );

    // Assess
    expect(issues).toEqual([
      { path: 'detail.completedAt', message: 'is before detail.startedAt' },
    ]);
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'rejects the detail-type %s as unknown, without throwing',
    (type) => {
      // Act
      const issues = issuesOf(envelope(type, backupReport().detail));

      // Assess
      expect(issues).toEqual([
        expect.objectContaining({
          path: 'detail-type',
          message: expect.stringContaining(
            `unknown backup-sentinel detail-type '${type}'`
          ),
        }),
      ]);
    }
  );

  it('is reached by normalise for the backup-sentinel source', () => {
    // Act
    const result = normalise(JSON.stringify(backupReport()));

    // Assess
    expect(result.ok && result.value[0]?.source).toBe('backup-sentinel');
  });
});

describe('sentinelEntry', () => {
  it('builds the PutEvents entry whose delivered event normalises back to the report', () => {
    // Prepare
    const detail = backupReport().detail;

    // Act
    const built = sentinelEntry('backup', detail, AT);
    const delivered =
      built.ok &&
      deliveredEvent(built.entry, {
        id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        account: '111122223333',
        region: 'us-east-1',
      });

    // Assess
    expect(built.ok && built.entry).toMatchObject({
      Source: 'backup-sentinel',
      DetailType: 'Backup Job Report',
      Resources: [NETWORK_STATE],
      Time: AT,
    });
    expect(delivered).toEqual({
      ...backupReport(),
      resources: [NETWORK_STATE],
    });
    expect(normaliseSentinelEvent(delivered)).toEqual(
      normaliseSentinelEvent(backupReport())
    );
  });

  it('refuses to build what ingest would reject', () => {
    // Act
    const built = sentinelEntry('restore', { service: 'network' }, AT);

    // Assess
    expect(built.ok).toBe(false);
    expect(!built.ok && built.issues.map((i) => i.path)).toEqual([
      'detail.resource',
      'detail.state',
    ]);
  });
});
