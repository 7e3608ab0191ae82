import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SnsReceiver,
  startSnsReceiver,
} from '../../../../demo/receivers/index.js';
import { snsMessage } from '../../../../src/alerts/channels/index.js';
import {
  ChannelDeliveryError,
  SnsChannel,
} from '../../../../src/alerts/index.js';
import { aService } from '../../../helpers/builders.js';
import {
  aContext,
  anAlert,
  aResolvedAlert,
  FINDING,
} from '../../../helpers/channelFixtures.js';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:backup-sentinel-alerts';

let receiver: SnsReceiver;
let client: SNSClient;

beforeEach(async () => {
  receiver = await startSnsReceiver();
  client = new SNSClient({
    endpoint: receiver.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // One attempt: the SDK's own retries would hide the injected faults.
    maxAttempts: 1,
  });
});

afterEach(async () => {
  client.destroy();
  await receiver.stop();
});

describe('SnsChannel', () => {
  it('publishes the subject, body and attributes to the topic', async () => {
    // Prepare
    const channel = new SnsChannel({ client, topicArn: TOPIC });
    const expected = snsMessage('trigger', anAlert(), aContext());

    // Act
    await channel.deliver('trigger', anAlert(), aContext());

    // Assess
    expect(receiver.published).toEqual([
      {
        topicArn: TOPIC,
        subject:
          '[CRITICAL] orders-db (orders-prod): Backup failed, since 2026-11-05 02:40 UTC',
        message: expected.body,
        attributes: {
          action: { dataType: 'String', value: 'trigger' },
          check: { dataType: 'String', value: 'backup-failed' },
          service: { dataType: 'String', value: 'orders-db' },
          severity: { dataType: 'String', value: 'critical' },
        },
        messageId: expect.any(String),
      },
    ]);
  });

  it('publishes a resolution whose body says what was resolved', async () => {
    // Prepare
    const channel = new SnsChannel({ client, topicArn: TOPIC });

    // Act
    await channel.deliver('resolve', aResolvedAlert(), aContext());

    // Assess
    const [published] = receiver.published;
    expect(published?.subject).toBe(
      '[RESOLVED] orders-db (orders-prod): Backup failed, open for 30 min'
    );
    expect(published?.message).toContain(
      `What was resolved: ${FINDING.summary}`
    );
    expect(published?.attributes.action?.value).toBe('resolve');
  });

  it('carries the note and non-ASCII text of the body unchanged', async () => {
    // Prepare
    const channel = new SnsChannel({ client, topicArn: TOPIC });
    const note =
      'PagerDuty did not accept this trigger after 3 attempts (503 – Service Unavailable)';
    const context = aContext({
      note,
      service: aService({ name: 'Base de données « commandes »' }),
    });

    // Act
    await channel.deliver('trigger', anAlert(), context);

    // Assess
    const [published] = receiver.published;
    expect(published?.message.startsWith(`NOTE: ${note}\n`)).toBe(true);
    expect(published?.message).toContain('Base de données « commandes »');
  });

  it('gets a subject past SNS whatever the summary holds', async () => {
    // Prepare
    const channel = new SnsChannel({ client, topicArn: TOPIC });
    const alert = anAlert({
      findings: [{ ...FINDING, summary: `bâse-données: ${'ü'.repeat(150)}` }],
    });

    // Act
    await channel.deliver('trigger', alert, aContext());

    // Assess
    expect(receiver.published[0]?.subject).toBe(
      '[CRITICAL] base-donnees: Backup failed, since 2026-11-05 02:40 UTC'
    );
  });

  it('throws a ChannelDeliveryError that is not retryable when SNS refuses', async () => {
    // Prepare
    const channel = new SnsChannel({ client, topicArn: TOPIC });
    receiver.failNext(400);

    // Act
    const delivery = channel.deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toThrow(ChannelDeliveryError);
    await expect(delivery).rejects.toMatchObject({
      channel: 'sns',
      status: 400,
      retryable: false,
      message: expect.stringContaining('InvalidParameter'),
    });
    expect(receiver.published).toEqual([]);
  });

  it('throws a retryable ChannelDeliveryError when SNS fails', async () => {
    // Prepare
    const channel = new SnsChannel({ client, topicArn: TOPIC });
    receiver.failNext(503);

    // Act
    const delivery = channel.deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      name: 'ChannelDeliveryError',
      channel: 'sns',
      status: 503,
      retryable: true,
    });
  });

  it('throws a retryable ChannelDeliveryError when SNS cannot be reached', async () => {
    // Prepare
    const channel = new SnsChannel({ client, topicArn: TOPIC });
    await receiver.stop();

    // Act
    const delivery = channel.deliver('trigger', anAlert(), aContext());

    // Assess
    await expect(delivery).rejects.toMatchObject({
      channel: 'sns',
      status: undefined,
      retryable: true,
      cause: expect.any(Error),
    });
  });
});

describe('startSnsReceiver', () => {
  it.each([
    ['100 characters long', 'x'.repeat(100)],
    ['not ASCII', 'Sauvegarde échouée'],
    ['on two lines', 'one\ntwo'],
  ])('refuses a subject %s, as SNS does', async (_, subject) => {
    // Act
    const publish = client.send(
      new PublishCommand({ TopicArn: TOPIC, Subject: subject, Message: 'm' })
    );

    // Assess
    await expect(publish).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Subject',
    });
    expect(receiver.published).toEqual([]);
  });
});
