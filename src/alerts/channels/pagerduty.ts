import type { Agent } from 'node:https';
// The package's index re-exports the functions but not their types.
import type {
  EventParameters,
  EventPayloadV2,
} from '@pagerduty/pdjs/build/src/events.js';
import pRetry from 'p-retry';
import type { AlertRecord, DeliveryAction } from '../../model/index.js';
import type { AlertRoute } from '../../runbook/index.js';
import type { Channel, DeliveryContext } from '../types.js';
import { ChannelDeliveryError } from './errors.js';
import {
  type ChangeNotice,
  pagerDutyChange,
  pagerDutyEvent,
} from './pagerDutyEvent.js';
import type {
  PagerDutyChange,
  PagerDutyChannelOptions,
  PagerDutyEvent,
  PagerDutyRetry,
} from './types.js';

type PdjsModule = typeof import('@pagerduty/pdjs');

/** A few quick tries: what still fails stays owed for the next evaluation. */
const DEFAULT_RETRY: PagerDutyRetry = {
  retries: 2,
  minTimeoutMs: 500,
  maxTimeoutMs: 4_000,
  rateLimitWaitMs: 1_000,
};

const DEFAULT_TIMEOUT_MS = 10_000;

/** An attempt with less time than this left is not started. */
const MIN_ATTEMPT_MS = 1_000;

/** The status with which the Events API accepts an event. */
const ACCEPTED = 202;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** PagerDuty's own words about a refused event: `message (errors...)`. */
const explain = (data: unknown): string => {
  if (typeof data !== 'object' || data === null) return '';
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const parts = [
    typeof message === 'string' ? message : undefined,
    Array.isArray(errors) ? errors.map(String).join('; ') : undefined,
  ].filter((p) => p !== undefined && p !== '');
  return parts.length === 0 ? '' : `: ${parts.join(': ')}`;
};

/**
 * Pages through PagerDuty's Events API v2 with `@pagerduty/pdjs`: a trigger
 * opens (or updates) the incident of its dedup key, a resolve closes it,
 * and a change event (`announce`) marks the service's timeline.
 *
 * pdjs resolves on 4xx and 5xx rather than throwing, retries only 429 (its
 * own wait, 20 s by default, is replaced by `retry.rateLimitWaitMs`) and
 * its request timeout never aborts. So the status is checked (202 =
 * accepted), each request gets an `AbortSignal` that does abort, and 429,
 * 5xx and network failures are retried here with exponential backoff. A
 * 4xx (bad routing key, invalid event) is not retried.
 */
class PagerDutyChannel implements Channel {
  readonly name = 'pagerduty' as const;
  readonly #routingKey: (route: AlertRoute) => Promise<string>;
  readonly #server: string | undefined;
  readonly #agent: Agent | undefined;
  readonly #timeoutMs: number;
  readonly #retry: PagerDutyRetry;

  constructor(options: PagerDutyChannelOptions) {
    this.#routingKey = options.routingKey;
    this.#server = options.server;
    this.#agent = options.agent;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /**
   * Sends one trigger or resolve, retrying 429, 5xx and network failures.
   *
   * @param action - trigger or resolve
   * @param alert - the alert, with its latest finding
   * @param context - the route (whose routing key is used) and the service
   * @throws {ChannelDeliveryError} when PagerDuty did not accept the event
   */
  async deliver(
    action: DeliveryAction,
    alert: AlertRecord,
    context: DeliveryContext
  ): Promise<void> {
    const routingKey = await this.#key(context.route);
    const body = pagerDutyEvent(action, alert, context, routingKey);
    await this.#sendWithRetries(
      body,
      'event',
      `the ${action} of ${body.dedup_key}`,
      routingKey,
      context.deadline
    );
  }

  /**
   * Sends one Change Event (`/v2/change/enqueue`): it shows on the
   * service's timeline and pages nobody. Retried as a page is, but never
   * owed: a lost change costs a line on a timeline, not a page.
   *
   * @param notice - what changed
   * @param route - the service's route, whose routing key is used
   * @param deadline - when the invocation must be done (AlertDeps.deadline)
   * @throws {ChannelDeliveryError} when PagerDuty did not accept it
   */
  async announce(
    notice: ChangeNotice,
    route: AlertRoute,
    deadline?: Date
  ): Promise<void> {
    const routingKey = await this.#key(route);
    await this.#sendWithRetries(
      pagerDutyChange(notice, routingKey),
      'change',
      `the change event of ${notice.source}`,
      routingKey,
      deadline
    );
  }

  async #key(route: AlertRoute): Promise<string> {
    try {
      return await this.#routingKey(route);
    } catch (cause) {
      if (cause instanceof ChannelDeliveryError) throw cause;
      throw new ChannelDeliveryError(
        'pagerduty',
        `cannot get the PagerDuty routing key: ${messageOf(cause)}`,
        { cause, retryable: true }
      );
    }
  }

  async #sendWithRetries(
    body: PagerDutyEvent | PagerDutyChange,
    type: 'event' | 'change',
    what: string,
    routingKey: string,
    deadline: Date | undefined
  ): Promise<void> {
    // A receiver may echo the event back in its error: keep the key out.
    const redact = (text: string): string =>
      text.replaceAll(routingKey, '[routing key]');
    const left = (): number =>
      deadline === undefined
        ? Number.POSITIVE_INFINITY
        : deadline.getTime() - Date.now();
    let attempts = 0;
    try {
      await pRetry(
        async () => {
          const timeoutMs = Math.min(this.#timeoutMs, left());
          if (left() < MIN_ATTEMPT_MS) {
            throw new ChannelDeliveryError(
              'pagerduty',
              `no time left in this invocation for ${what}; it stays owed`,
              { retryable: true }
            );
          }
          attempts += 1;
          await this.#send(body, type, what, redact, timeoutMs);
        },
        {
          retries: this.#retry.retries,
          minTimeout: this.#retry.minTimeoutMs,
          maxTimeout: this.#retry.maxTimeoutMs,
          // A retry must have time for its backoff and an attempt.
          shouldRetry: ({ error }) =>
            error instanceof ChannelDeliveryError &&
            error.retryable &&
            left() > this.#retry.maxTimeoutMs + MIN_ATTEMPT_MS,
        }
      );
    } catch (error) {
      if (!(error instanceof ChannelDeliveryError) || attempts <= 1) {
        throw error;
      }
      throw new ChannelDeliveryError(
        'pagerduty',
        `${error.message} (after ${attempts} attempts)`,
        {
          cause: error,
          ...(error.status !== undefined && { status: error.status }),
          retryable: error.retryable,
        }
      );
    }
  }

  async #send(
    body: PagerDutyEvent | PagerDutyChange,
    type: 'event' | 'change',
    what: string,
    redact: (text: string) => string,
    timeoutMs: number
  ): Promise<void> {
    const parameters: EventParameters & { agent?: Agent; type: string } = {
      // pdjs's type wants a payload even on resolve, which the API does
      // not, and an alert's fields on a change event, which has none.
      data: body as unknown as EventPayloadV2,
      type,
      ...(this.#server !== undefined && { server: this.#server }),
      ...(this.#agent !== undefined && { agent: this.#agent }),
      signal: AbortSignal.timeout(timeoutMs),
      retryTimeout: this.#retry.rateLimitWaitMs,
      // 0 = no timer: pdjs's never aborts, and it leaves it running for 30 s.
      requestTimeout: 0,
    };
    let response: Awaited<ReturnType<PdjsModule['event']>>;
    try {
      // Loaded on the first page, not at cold start: most invocations page
      // nobody, and pdjs brings its fetch shim along (issue 18).
      const { event } = await import('@pagerduty/pdjs');
      response = await event(parameters);
    } catch (cause) {
      const why =
        cause instanceof Error && cause.name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : messageOf(cause);
      throw new ChannelDeliveryError(
        'pagerduty',
        redact(`PagerDuty could not be reached for ${what}: ${why}`),
        { cause, retryable: true }
      );
    }
    const { status } = response;
    if (status === ACCEPTED) return;
    throw new ChannelDeliveryError(
      'pagerduty',
      redact(
        `PagerDuty refused ${what} with ${status}${explain(response.data)}`
      ),
      { status, retryable: status === 429 || status >= 500 }
    );
  }
}

export { PagerDutyChannel };
