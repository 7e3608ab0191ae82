import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { ReportDeliveryError } from '../errors.js';
import type { ReportMessage, ReportSender } from '../types.js';

/** SNS refuses messages over 256 KB (bytes, not characters). */
const SNS_MAX_BYTES = 262_144;

/** SES v2 SendEmail takes at most 50 recipients per message. */
const SES_MAX_RECIPIENTS = 50;

const TRUNCATED =
  '\n\n[report truncated to fit SNS; the emailed HTML report has it all]\n';

/** Cuts text to SNS's byte limit on a line boundary. */
const fitSns = (text: string): string => {
  if (Buffer.byteLength(text, 'utf8') <= SNS_MAX_BYTES) return text;
  const budget = SNS_MAX_BYTES - Buffer.byteLength(TRUNCATED, 'utf8');
  let cut = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8');
  // A cut inside a multi-byte character leaves a replacement character.
  cut = cut.replace(/\uFFFD$/, '');
  const lastLine = cut.lastIndexOf('\n');
  return `${lastLine > 0 ? cut.slice(0, lastLine) : cut}${TRUNCATED}`;
};

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Options of {@link SnsReportSender}. */
interface SnsReportSenderOptions {
  client: SNSClient;
  topicArn: string;
}

/**
 * Publishes the plain-text report to an SNS topic: its email subscribers
 * get the text version with the report's subject.
 */
class SnsReportSender implements ReportSender {
  readonly name = 'sns';

  constructor(private readonly options: SnsReportSenderOptions) {}

  /**
   * Publishes the report.
   *
   * @param message - the rendered report
   * @throws {ReportDeliveryError} when SNS does not accept it
   */
  async send(message: ReportMessage): Promise<void> {
    try {
      await this.options.client.send(
        new PublishCommand({
          TopicArn: this.options.topicArn,
          Subject: message.subject,
          Message: fitSns(message.text),
        })
      );
    } catch (cause) {
      throw new ReportDeliveryError(
        [this.name],
        `SNS did not accept the report for ${this.options.topicArn}: ${describe(cause)}`,
        { cause }
      );
    }
  }
}

/** Options of {@link SesReportSender}. */
interface SesReportSenderOptions {
  client: SESv2Client;
  /** A verified SES identity. */
  from: string;
  to: string[];
}

/** Emails the HTML report (with its text alternative) through SES v2. */
class SesReportSender implements ReportSender {
  readonly name = 'ses';

  constructor(private readonly options: SesReportSenderOptions) {}

  /**
   * Sends the report, one message per 50 recipients.
   *
   * @param message - the rendered report
   * @throws {ReportDeliveryError} when SES does not accept a message
   */
  async send(message: ReportMessage): Promise<void> {
    const { client, from, to } = this.options;
    for (let i = 0; i < to.length; i += SES_MAX_RECIPIENTS) {
      const batch = to.slice(i, i + SES_MAX_RECIPIENTS);
      try {
        await client.send(
          new SendEmailCommand({
            FromEmailAddress: from,
            Destination: { ToAddresses: batch },
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: 'UTF-8' },
                Body: {
                  Html: { Data: message.html, Charset: 'UTF-8' },
                  Text: { Data: message.text, Charset: 'UTF-8' },
                },
              },
            },
          })
        );
      } catch (cause) {
        throw new ReportDeliveryError(
          [this.name],
          `SES did not accept the report for ${batch.join(', ')}: ${describe(cause)}`,
          { cause }
        );
      }
    }
  }
}

export type { SesReportSenderOptions, SnsReportSenderOptions };
export { SesReportSender, SnsReportSender };
