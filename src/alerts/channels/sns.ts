import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertRecord, DeliveryAction } from '../../model/index.js';
import { dedupKey } from '../key.js';
import type { Channel, DeliveryContext } from '../types.js';
import { ChannelDeliveryError } from './errors.js';
import { snsMessage } from './snsMessage.js';
import type { SnsChannelOptions } from './types.js';

/** The HTTP status of an SDK failure, when the service answered. */
const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata
    ?.httpStatusCode;

/**
 * Publishes alerts to the alerts SNS topic (email, chat, and PagerDuty's
 * stand-in when paging fails): a subject under 100 ASCII characters, a
 * plain-text body, and `service`, `check`, `severity` and `action` message
 * attributes subscribers can filter on. The SDK client retries throttling
 * and 5xx itself.
 */
class SnsChannel implements Channel {
  readonly name = 'sns' as const;
  readonly #client: SNSClient;
  readonly #topicArn: string;

  constructor(options: SnsChannelOptions) {
    this.#client = options.client;
    this.#topicArn = options.topicArn;
  }

  /**
   * Publishes one trigger or resolution.
   *
   * @param action - trigger or resolve
   * @param alert - the alert, with its latest finding
   * @param context - the service, its runbook page and any note
   * @throws {ChannelDeliveryError} when SNS does not accept the message
   */
  async deliver(
    action: DeliveryAction,
    alert: AlertRecord,
    context: DeliveryContext
  ): Promise<void> {
    const message = snsMessage(action, alert, context);
    try {
      await this.#client.send(
        new PublishCommand({
          TopicArn: this.#topicArn,
          Subject: message.subject,
          Message: message.body,
          MessageAttributes: Object.fromEntries(
            Object.entries(message.attributes).map(([name, value]) => [
              name,
              { DataType: 'String', StringValue: value },
            ])
          ),
        })
      );
    } catch (cause) {
      const status = statusOf(cause);
      const why =
        cause instanceof Error
          ? `${cause.name}: ${cause.message}`
          : String(cause);
      throw new ChannelDeliveryError(
        'sns',
        `SNS did not accept the ${action} of ${dedupKey(alert.key)} (topic ${this.#topicArn}): ${why}`,
        {
          cause,
          ...(status !== undefined && { status }),
          retryable: status === undefined || status === 429 || status >= 500,
        }
      );
    }
  }
}

export { SnsChannel };
