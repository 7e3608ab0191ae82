import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { ChannelDeliveryError } from './errors.js';
import type { SsmRoutingKeysOptions } from './types.js';

const DEFAULT_TTL_MS = 60_000;

interface Cached {
  value: Promise<string>;
  readAt: number;
}

/**
 * Reads PagerDuty routing keys from SSM Parameter Store (SecureString,
 * decrypted) and keeps each for `ttlMs` (default 60 s: longer than one
 * evaluation, far shorter than the 15 minutes between two), so one
 * invocation reads each parameter once, however many alerts it pages, and
 * a rotated key is picked up at the next invocation. Concurrent reads of
 * one name share one request; a failed read is not kept. The key itself is
 * never logged nor put in an error message.
 */
class SsmRoutingKeys {
  readonly #client: SSMClient;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #cache = new Map<string, Cached>();

  constructor(options: SsmRoutingKeysOptions) {
    this.#client = options.client;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#clock = options.clock ?? Date.now;
  }

  /**
   * Returns the routing key held by an SSM parameter.
   *
   * @param parameterName - e.g. `/backup-sentinel/pagerduty/oncall`
   * @throws {ChannelDeliveryError} when SSM fails or the parameter is missing or empty
   */
  get(parameterName: string): Promise<string> {
    const now = this.#clock();
    const cached = this.#cache.get(parameterName);
    if (cached !== undefined && now - cached.readAt < this.#ttlMs) {
      return cached.value;
    }
    const value = this.#read(parameterName);
    this.#cache.set(parameterName, { value, readAt: now });
    value.catch(() => {
      if (this.#cache.get(parameterName)?.value === value) {
        this.#cache.delete(parameterName);
      }
    });
    return value;
  }

  async #read(parameterName: string): Promise<string> {
    let value: string | undefined;
    try {
      const out = await this.#client.send(
        new GetParameterCommand({ Name: parameterName, WithDecryption: true })
      );
      value = out.Parameter?.Value;
    } catch (cause) {
      const why =
        cause instanceof Error
          ? `${cause.name}: ${cause.message}`
          : String(cause);
      const missing =
        cause instanceof Error && cause.name === 'ParameterNotFound';
      throw new ChannelDeliveryError(
        'pagerduty',
        `cannot read the PagerDuty routing key from SSM parameter ${parameterName}: ${why}`,
        { cause, retryable: !missing }
      );
    }
    if (value === undefined || value.trim() === '') {
      throw new ChannelDeliveryError(
        'pagerduty',
        `SSM parameter ${parameterName} holds no PagerDuty routing key`
      );
    }
    return value.trim();
  }
}

export { SsmRoutingKeys };
