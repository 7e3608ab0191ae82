import { describe, expect, it } from 'vitest';
import { normaliseS3Notification } from '../../../src/events/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import { fixture } from '../../helpers/eventFixtures.js';

const at = (iso: string): Date => new Date(iso);

type WithoutId = Omit<BackupEvent, 'id'>;

const DOC_RECORD = {
  source: 'aws.s3',
  kind: 'replication',
  resourceArn: 'arn:aws:s3:::amzn-s3-demo-bucket1',
  resourceType: 'S3',
  jobId: 'replication-object-put-test.png',
  occurredAt: at('2024-09-05T21:04:32.527Z'),
  startedAt: at('2024-09-05T21:03:59.168Z'),
  // S3 records carry no account.
  account: '',
  region: 'us-east-1',
} as const;

const CASES: [string, WithoutId[]][] = [
  [
    's3-notification.Replication-OperationFailedReplication.json',
    [
      {
        ...DOC_RECORD,
        state: 'failed',
        message: 'AssumeRoleNotPermitted',
        failureReason: 'AssumeRoleNotPermitted',
        detailType: 'Replication:OperationFailedReplication',
      },
    ],
  ],
  [
    's3-notification.Replication-OperationMissedThreshold.RECONSTRUCTED.json',
    [
      {
        ...DOC_RECORD,
        state: 'late',
        detailType: 'Replication:OperationMissedThreshold',
      },
    ],
  ],
  [
    's3-notification.Replication-OperationReplicatedAfterThreshold.RECONSTRUCTED.json',
    [
      {
        ...DOC_RECORD,
        state: 'completed',
        completedAt: at('2024-09-05T21:04:32.527Z'),
        detailType: 'Replication:OperationReplicatedAfterThreshold',
      },
    ],
  ],
  ['s3-notification.Replication-OperationNotTracked.RECONSTRUCTED.json', []],
  [
    's3-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json',
    [
      {
        source: 'aws.s3',
        kind: 'replication',
        state: 'failed',
        resourceArn: 'arn:aws:s3:::acme-invoices',
        resourceType: 'S3',
        // URL-decoded: '+' is a space in notification keys.
        jobId: '2024/05/invoice 00042.pdf',
        occurredAt: at('2024-05-03T14:22:08.114Z'),
        startedAt: at('2024-05-03T14:21:57.902Z'),
        message: 'DstPutObjectNotPermitted',
        failureReason: 'DstPutObjectNotPermitted',
        account: '',
        region: 'us-east-1',
        detailType: 'Replication:OperationFailedReplication',
      },
    ],
  ],
];

const failedBody = () =>
  fixture('s3/s3-notification.Replication-OperationFailedReplication.json') as {
    Records: Record<string, unknown>[];
  };

describe('normaliseS3Notification', () => {
  it.each(CASES)('normalises %s', (path, expected) => {
    // Prepare
    const raw = fixture(`s3/${path}`);

    // Act
    const result = normaliseS3Notification(raw);

    // Assess
    expect(result.ok).toBe(true);
    const events = result.ok ? result.value : [];
    expect(events.map(({ id: _, ...rest }) => rest)).toStrictEqual(expected);
    for (const event of events) expect(event.id).toMatch(/^s3:[0-9a-f]{32}$/);
  });

  it('gives one record the same id on every delivery and others other ids', () => {
    // Prepare
    const body = failedBody();
    const [record] = body.Records as [Record<string, unknown>];
    const later = { ...record, eventTime: '2024-09-05T21:09:32.527Z' };
    const late = {
      ...record,
      eventName: 'Replication:OperationMissedThreshold',
    };

    // Act
    const ids = [body, body, { Records: [later] }, { Records: [late] }].map(
      (b) => {
        const result = normaliseS3Notification(structuredClone(b));
        return result.ok ? result.value[0]?.id : undefined;
      }
    );

    // Assess
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
  });

  it('accepts the s3: prefix of the notification configuration event name', () => {
    // Prepare
    const body = failedBody();
    const record = {
      ...body.Records[0],
      eventName: 's3:Replication:OperationFailedReplication',
    };

    // Act
    const result = normaliseS3Notification({ Records: [record] });

    // Assess
    expect(result).toMatchObject({ ok: true, value: [{ state: 'failed' }] });
  });

  it('ignores records that are not replication events', () => {
    // Prepare
    const body = failedBody();
    const created = { ...body.Records[0], eventName: 'ObjectCreated:Put' };

    // Act
    const result = normaliseS3Notification({ Records: [created] });

    // Assess
    expect(result).toEqual({
      ok: true,
      value: [],
      ignored: expect.any(String),
    });
  });

  it('rejects an unknown replication event and a record of schema 3, by path', () => {
    // Prepare
    const body = failedBody();
    const unknown = {
      ...body.Records[0],
      eventName: 'Replication:OperationTeleported',
    };
    const future = { ...body.Records[0], eventVersion: '3.0' };

    // Act
    const result = normaliseS3Notification({ Records: [unknown, future] });

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'Records.0.eventName',
          message:
            "unknown replication event 'Replication:OperationTeleported'",
        },
        {
          path: 'Records.1.eventVersion',
          message: "expected version 2.x, got '3.0'",
        },
      ],
    });
  });

  it('rejects a body without records and a record without a bucket ARN', () => {
    // Prepare
    const body = failedBody();
    const record = structuredClone(body.Records[0]) as {
      s3: { bucket: Record<string, unknown> };
    };
    delete record.s3.bucket.arn;

    // Act
    const results = [{ Records: [] }, { Records: [record] }].map(
      normaliseS3Notification
    );

    // Assess
    expect(results.map((r) => !r.ok && r.issues.map((i) => i.path))).toEqual([
      ['Records'],
      ['Records.0.s3.bucket.arn'],
    ]);
  });

  it('accepts null where S3 may leave a value out', () => {
    // Prepare
    const body = failedBody();
    const record = structuredClone(body.Records[0]) as {
      s3: { object: Record<string, unknown> };
      replicationEventData: unknown;
    };
    record.s3.object.versionId = null;
    record.s3.object.sequencer = null;
    record.replicationEventData = null;

    // Act
    const result = normaliseS3Notification({ Records: [record] });

    // Assess
    expect(result).toMatchObject({ ok: true, value: [{ state: 'failed' }] });
    expect(result.ok && result.value[0]).not.toHaveProperty('failureReason');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'rejects the replication event Replication:%s as unknown',
    (name) => {
      // Prepare
      const record = {
        ...failedBody().Records[0],
        eventName: `Replication:${name}`,
      };

      // Act
      const result = normaliseS3Notification({ Records: [record] });

      // Assess
      expect(result).toEqual({
        ok: false,
        issues: [
          {
            path: 'Records.0.eventName',
            message: `unknown replication event 'Replication:${name}'`,
          },
        ],
      });
    }
  );
});
