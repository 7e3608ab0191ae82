import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { ChannelDeliveryError } from './errors.js';
import type { SsmRoutingKeysOptions } from './types.js';

const DEFAULT_TTL_MS = 60_000;

/** GetParameter answers in milliseconds; a stuck one must not hold a page back. */
const READ_TIMEOUT_MS = 5_000;

const TARGET = 'AmazonSSM.GetParameter';

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256, or its HMAC under a secret, from node:crypto, as SignatureV4 takes it. */
class Sha256 {
  readonly #hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.#hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', bytesOf(secret));
  }

  update(data: SourceData): void {
    this.#hash.update(bytesOf(data));
  }

  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
}

interface Cached {
  value: Promise<string>;
  readAt: number;
}

/** A GetParameter answer (awsJson1.1): the parameter, or an error. */
interface GetParameterAnswer {
  status: number;
  body: {
    Parameter?: { Value?: string };
    /** The error's type, perhaps after a namespace and `#`. */
    __type?: string;
    message?: string;
    Message?: string;
  };
}

/** `ParameterNotFound: why`, as the SDK named SSM's errors. */
const errorOf = ({ status, body }: GetParameterAnswer): string => {
  const type =
    body.__type?.split('#').at(-1)?.split(':')[0] ?? `HTTP ${status}`;
  const message = body.message ?? body.Message ?? '';
  return message === '' ? type : `${type}: ${message}`;
};

/**
 * Reads PagerDuty routing keys from SSM Parameter Store (SecureString,
 * decrypted) and keeps each for `ttlMs` (default 60 s: longer than one
 * evaluation, far shorter than the 15 minutes between two), so one
 * invocation reads each parameter once, however many alerts it pages, and
 * a rotated key is picked up at the next invocation. Concurrent reads of
 * one name share one request; a failed read is not kept. The key itself is
 * never logged nor put in an error message.
 *
 * Each read is one SigV4-signed `AmazonSSM.GetParameter` POST, made with
 * the runtime's fetch rather than `@aws-sdk/client-ssm`, which put 76 KB
 * into the ingest and evaluate bundles for this one call (issue 18).
 */
class SsmRoutingKeys {
  readonly #url: URL;
  readonly #signer: SignatureV4;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #cache = new Map<string, Cached>();

  constructor(options: SsmRoutingKeysOptions) {
    this.#url = new URL(
      options.endpoint ?? `https://ssm.${options.region}.amazonaws.com`
    );
    this.#signer = new SignatureV4({
      credentials: options.credentials,
      region: options.region,
      service: 'ssm',
      sha256: Sha256,
    });
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
    const unread = (
      why: string,
      options: { cause?: unknown; retryable: boolean; status?: number }
    ) =>
      new ChannelDeliveryError(
        'pagerduty',
        `cannot read the PagerDuty routing key from SSM parameter ${parameterName}: ${why}`,
        options
      );
    const answer = await this.#getParameter(parameterName).catch(
      (cause: unknown) => {
        const why =
          cause instanceof Error
            ? `${cause.name}: ${cause.message}`
            : String(cause);
        throw unread(why, { cause, retryable: true });
      }
    );
    if (answer.status !== 200) {
      const why = errorOf(answer);
      throw unread(why, {
        status: answer.status,
        retryable: !why.startsWith('ParameterNotFound'),
      });
    }
    const value = answer.body.Parameter?.Value;
    if (value === undefined || value.trim() === '') {
      throw new ChannelDeliveryError(
        'pagerduty',
        `SSM parameter ${parameterName} holds no PagerDuty routing key`
      );
    }
    return value.trim();
  }

  /** Sends one signed GetParameter and reads its answer. */
  async #getParameter(name: string): Promise<GetParameterAnswer> {
    const url = this.#url;
    const body = JSON.stringify({ Name: name, WithDecryption: true });
    const signed = await this.#signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' && { port: Number(url.port) }),
      path: url.pathname,
      query: {},
      headers: {
        // Signed, and sent by fetch itself from the URL: the same value.
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': TARGET,
      },
      body,
    });
    const { host: _, ...headers } = signed.headers;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
      return { status: response.status, body: {} };
    }
  }
}

export { SsmRoutingKeys };
