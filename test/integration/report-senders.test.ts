import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SnsReceiver,
  startSnsReceiver,
} from '../../demo/receivers/index.js';
import { close, listen, readBody } from '../../demo/receivers/loopback.js';
import type { ReportMessage } from '../../src/report/index.js';
import {
  computeWeeklyFigures,
  ReportDeliveryError,
  renderReport,
} from '../../src/report/index.js';
import {
  SesReportSender,
  SnsReportSender,
} from '../../src/report/senders/index.js';
import {
  aJob,
  anInput,
  anOrdersDb,
  dueOn,
  NOW,
  WEEK,
} from '../helpers/reportBuilders.js';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:backup-sentinel-reports';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

const MESSAGE: ReportMessage = renderReport(
  computeWeeklyFigures(
    anInput({
      resources: [
        anOrdersDb([aJob(dueOn(0)), aJob(dueOn(1), { state: 'failed' })]),
      ],
    }),
    WEEK,
    NOW
  )
);

/** One SendEmail request as SES v2 received it. */
interface SesRequest {
  method: string;
  path: string;
  body: {
    FromEmailAddress?: string;
    Destination?: { ToAddresses?: string[] };
    Content?: {
      Simple?: {
        Subject?: { Data?: string };
        Body?: { Html?: { Data?: string }; Text?: { Data?: string } };
      };
    };
  };
}

/**
 * A loopback stand-in for SES v2 `SendEmail` (REST-JSON:
 * `POST /v2/email/outbound-emails`): 200 with a MessageId, or the next
 * programmed error with SES's `x-amzn-ErrorType` header.
 */
const startSesReceiver = async () => {
  const requests: SesRequest[] = [];
  const faults: { status: number; type: string }[] = [];
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> => {
    const body = JSON.parse(await readBody(request)) as SesRequest['body'];
    requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      body,
    });
    const fault = faults.shift();
    const ok =
      request.method === 'POST' && request.url === '/v2/email/outbound-emails';
    const status = fault?.status ?? (ok ? 200 : 404);
    response.writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      ...(status !== 200 && {
        'x-amzn-errortype': fault?.type ?? 'NotFoundException',
      }),
    });
    response.end(
      JSON.stringify(
        status === 200
          ? { MessageId: randomUUID() }
          : { message: `injected ${fault?.type ?? 'not found'}` }
      )
    );
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  const endpoint = `http://127.0.0.1:${await listen(server)}`;
  return {
    endpoint,
    requests,
    failNext: (status: number, type: string) => faults.push({ status, type }),
    stop: () => close(server),
  };
};

describe('SnsReportSender', () => {
  let receiver: SnsReceiver;
  let client: SNSClient;

  beforeAll(async () => {
    receiver = await startSnsReceiver();
    client = new SNSClient({
      region: 'eu-west-1',
      endpoint: receiver.endpoint,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await receiver?.stop();
  });

  beforeEach(() => {
    receiver.published.length = 0;
  });

  it('publishes the text report with its subject to the topic', async () => {
    // Prepare
    const sender = new SnsReportSender({ client, topicArn: TOPIC });

    // Act
    await sender.send(MESSAGE);

    // Assess
    expect(receiver.published).toEqual([
      expect.objectContaining({
        topicArn: TOPIC,
        subject: MESSAGE.subject,
        message: MESSAGE.text,
      }),
    ]);
  });

  it('cuts a report too large for SNS on a line boundary', async () => {
    // Prepare
    const sender = new SnsReportSender({ client, topicArn: TOPIC });
    const huge = `${'x'.repeat(70)}\n`.repeat(4000);

    // Act
    await sender.send({ ...MESSAGE, text: huge });

    // Assess
    const [published] = receiver.published;
    expect(Buffer.byteLength(published!.message, 'utf8')).toBeLessThanOrEqual(
      262_144
    );
    expect(published!.message).toMatch(/x\n\n\[report truncated to fit SNS/);
  });

  it('throws ReportDeliveryError when SNS refuses', async () => {
    // Prepare
    receiver.failNext(403);
    const sender = new SnsReportSender({ client, topicArn: TOPIC });

    // Act
    const send = sender.send(MESSAGE);

    // Assess
    await expect(send).rejects.toThrow(ReportDeliveryError);
    await expect(send).rejects.toMatchObject({ senders: ['sns'] });
  });
});

describe('SesReportSender', () => {
  let receiver: Awaited<ReturnType<typeof startSesReceiver>>;
  let client: SESv2Client;

  beforeAll(async () => {
    receiver = await startSesReceiver();
    client = new SESv2Client({
      region: 'eu-west-1',
      endpoint: receiver.endpoint,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await receiver?.stop();
  });

  beforeEach(() => {
    receiver.requests.length = 0;
  });

  it('sends the HTML report with its text alternative', async () => {
    // Prepare
    const sender = new SesReportSender({
      client,
      from: 'sentinel@acme.example',
      to: ['ops@acme.example', 'audit@acme.example'],
    });

    // Act
    await sender.send(MESSAGE);

    // Assess
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2/email/outbound-emails',
      body: {
        FromEmailAddress: 'sentinel@acme.example',
        Destination: {
          ToAddresses: ['ops@acme.example', 'audit@acme.example'],
        },
        Content: {
          Simple: {
            Subject: { Data: MESSAGE.subject },
            Body: {
              Html: { Data: MESSAGE.html },
              Text: { Data: MESSAGE.text },
            },
          },
        },
      },
    });
  });

  it('sends one message per 50 recipients', async () => {
    // Prepare
    const to = Array.from({ length: 120 }, (_, i) => `user${i}@acme.example`);
    const sender = new SesReportSender({
      client,
      from: 'sentinel@acme.example',
      to,
    });

    // Act
    await sender.send(MESSAGE);

    // Assess
    const batches = receiver.requests.map(
      (r) => r.body.Destination?.ToAddresses ?? []
    );
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(to);
  });

  it('throws ReportDeliveryError when SES refuses', async () => {
    // Prepare
    receiver.failNext(400, 'MessageRejected');
    const sender = new SesReportSender({
      client,
      from: 'sentinel@acme.example',
      to: ['ops@acme.example'],
    });

    // Act
    const send = sender.send(MESSAGE);

    // Assess
    await expect(send).rejects.toThrow(ReportDeliveryError);
    await expect(send).rejects.toMatchObject({
      senders: ['ses'],
      message: expect.stringContaining('MessageRejected'),
    });
  });
});
