import type { ChannelName } from '../../model/index.js';
import { SentinelError } from '../../model/index.js';

interface ChannelDeliveryErrorOptions extends ErrorOptions {
  /** The receiver's HTTP status, when it answered at all. */
  status?: number;
  /**
   * Whether the same delivery may succeed if sent again soon (throttling,
   * 5xx, network). A bad routing key or a rejected message will not.
   */
  retryable?: boolean;
}

/**
 * Thrown by a channel's `deliver` when the receiver did not accept the
 * message, so the delivery stays owed and is retried at the next evaluation.
 * The message never contains a routing key.
 */
class ChannelDeliveryError extends SentinelError {
  readonly channel: ChannelName;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(
    channel: ChannelName,
    message: string,
    options: ChannelDeliveryErrorOptions = {}
  ) {
    super(message, options);
    this.name = 'ChannelDeliveryError';
    this.channel = channel;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

export { ChannelDeliveryError };
