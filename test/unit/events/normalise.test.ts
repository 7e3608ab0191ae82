import { describe, expect, it } from 'vitest';
import {
  normalise,
  normaliseBackupEvent,
  normaliseRdsEvent,
  normaliseS3Notification,
} from '../../../src/events/index.js';
import {
  fixture,
  fixturePaths,
  fixtureText,
} from '../../helpers/eventFixtures.js';

const PLAIN_S3 =
  's3/s3-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json';
const SNS_S3 =
  's3/sns-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json';
const LAMBDA_SNS =
  's3/lambda-sns-event.Replication-OperationMissedThreshold.acme-invoices.BUILT.json';

describe('normalise', () => {
  it.each([
    ['aws-backup/backup-job-state-change.COMPLETED.json', normaliseBackupEvent],
    [
      'rds/rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
      normaliseRdsEvent,
    ],
    [PLAIN_S3, normaliseS3Notification],
  ])('hands %s to its source normaliser', (path, sourceNormaliser) => {
    // Prepare
    const raw = fixture(path);

    // Act
    const result = normalise(raw);

    // Assess
    expect(result).toStrictEqual(sourceNormaliser(raw));
    expect(result.ok && result.value.length).toBe(1);
  });

  it('parses a JSON string first, as SQS delivers bodies', () => {
    // Prepare
    const text = fixtureText(PLAIN_S3);

    // Act
    const result = normalise(text);

    // Assess
    expect(result).toStrictEqual(normalise(JSON.parse(text)));
  });

  it('unwraps an SNS notification to the same events as the plain body', () => {
    // Prepare
    const wrapped = fixture(SNS_S3);

    // Act
    const result = normalise(wrapped);

    // Assess
    expect(result).toStrictEqual(normalise(fixture(PLAIN_S3)));
  });

  it("unwraps Lambda's SNS records (Sns.Message)", () => {
    // Prepare
    const event = fixture(LAMBDA_SNS);

    // Act
    const result = normalise(event);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      value: [
        {
          kind: 'replication',
          state: 'late',
          resourceArn: 'arn:aws:s3:::acme-invoices',
          jobId: '2024/05/invoice-00043.pdf',
        },
      ],
    });
  });

  it("unwraps Lambda's SQS records (body), SNS-wrapped or not", () => {
    // Prepare
    const sqsEvent = {
      Records: [PLAIN_S3, SNS_S3].map((path, i) => ({
        messageId: `m-${i}`,
        body: fixtureText(path),
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:111122223333:sentinel-ingest',
        awsRegion: 'us-east-1',
      })),
    };

    // Act
    const result = normalise(sqsEvent);

    // Assess
    expect(result.ok && result.value.map((e) => e.failureReason)).toEqual([
      'DstPutObjectNotPermitted',
      'DstPutObjectNotPermitted',
    ]);
  });

  it('refuses a Records list with nothing in it, saying so', () => {
    // Act
    const result = normalise({ Records: [] });

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'Records',
          message: 'expected at least one S3 event record, got none',
        },
      ],
    });
  });

  it('ignores the s3:TestEvent, plain or SNS-wrapped', () => {
    // Prepare
    const test = fixture('s3/s3-test-event.BUILT.json');
    const wrapped = {
      ...(fixture(SNS_S3) as object),
      Message: JSON.stringify(test),
    };

    // Act
    const results = [test, wrapped].map(normalise);

    // Assess
    const ignored = {
      ok: true,
      value: [],
      ignored:
        's3:TestEvent: S3 sends it once when notifications are configured',
    };
    expect(results).toEqual([ignored, ignored]);
  });

  it('locates a fault inside an SNS message by its full path', () => {
    // Prepare
    const body = fixture(PLAIN_S3) as { Records: Record<string, unknown>[] };
    const broken = { Records: [{ ...body.Records[0], eventTime: 'soon' }] };
    const wrapped = {
      ...(fixture(SNS_S3) as object),
      Message: JSON.stringify(broken),
    };

    // Act
    const result = normalise(wrapped);

    // Assess
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: 'Message.Records.0.eventTime' }],
    });
  });

  it('rejects an SNS subscription confirmation so someone sees it', () => {
    // Prepare
    const confirmation = {
      ...(fixture(SNS_S3) as object),
      Type: 'SubscriptionConfirmation',
    };

    // Act
    const result = normalise(confirmation);

    // Assess
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'Type' }] });
  });

  it.each([
    ['s3/s3-eventbridge.Object-Created.json', 'source'],
    [
      'aws-backup/recovery-point-index-state-change.ACTIVE.verbatim-invalid-json.txt',
      '',
    ],
  ])('rejects %s at "%s"', (path, issuePath) => {
    // Prepare
    const text = fixtureText(path);

    // Act
    const result = normalise(text);

    // Assess
    expect(result).toMatchObject({ ok: false, issues: [{ path: issuePath }] });
  });

  it('never throws, whatever it is given', () => {
    // Prepare
    let deep: unknown = fixtureText(PLAIN_S3);
    for (let i = 0; i < 10; i++) deep = JSON.stringify(deep);
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      '',
      '{',
      [],
      [fixture(PLAIN_S3)],
      {},
      { Records: 'x' },
      { Records: [null] },
      { Type: 'Notification' },
      { source: 'aws.backup', 'detail-type': 'Backup Job State Change' },
      deep,
      ...fixturePaths().map((path) => ({ wrapped: fixture(path) })),
    ];

    // Act
    const results = inputs.map((input) => normalise(input));

    // Assess
    for (const result of results) expect(result.ok).toBe(false);
  });

  it('names a source that is not a string without calling into it', () => {
    // Prepare
    const raw = JSON.parse(
      '{"source":{"toString":"x"},"detail-type":"Backup Job State Change"}'
    );

    // Act
    const result = normalise(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'source', message: 'unsupported event source an object' },
      ],
    });
  });
});
