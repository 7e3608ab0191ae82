import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import { fromIni } from '@aws-sdk/credential-providers';
import pRetry, { AbortError } from 'p-retry';
import type { SentinelEntry } from '../events/index.js';
import { SentinelError } from '../model/index.js';

/** Thrown when a report could not be put on the event bus. */
class ReportNotSentError extends SentinelError {
  /** EventBridge's error code for the entry, when it gave one. */
  readonly code: string | undefined;

  constructor(message: string, code?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReportNotSentError';
    this.code = code;
  }
}

/** Where and how reports go. */
interface ReporterOptions {
  /** The event bus, by name or ARN; default the account's default bus. */
  bus?: string;
  /** A profile of the shared config and credentials files. */
  profile?: string;
  region?: string;
  /** A client to use instead of building one (tests point it at loopback). */
  client?: EventBridgeClient;
  /** Tries after the first; default 3. */
  retries?: number;
  /** First wait between tries, doubled each time; default 1 s. */
  minTimeoutMs?: number;
}

/** Puts the product's own events on an event bus. */
interface Reporter {
  /**
   * Sends one report and resolves with EventBridge's event id.
   *
   * @throws {ReportNotSentError} when EventBridge refused it, or kept failing
   */
  send(entry: SentinelEntry): Promise<string>;
}

/**
 * Per-entry codes that a retry can fix (PutEvents answers HTTP 200 and fails
 * entries one by one). The others (`AccessDeniedException`,
 * `NotAuthorizedForSourceException`, `MalformedDetail`…) will fail again.
 */
const RETRYABLE = new Set(['InternalFailure', 'ThrottlingException']);

/** What a person can do about an SDK error that is about their setup. */
const setupHint = (error: unknown): string => {
  const { name, message } = error as { name?: string; message?: string };
  if (/region is missing/i.test(message ?? '')) {
    return ': pass --region with the region the monitor is deployed in (e.g. --region us-east-1), or set AWS_REGION';
  }
  if (name === 'CredentialsProviderError') {
    return ": configure AWS credentials with 'aws configure' or 'aws configure sso', then set AWS_PROFILE or pass --profile NAME";
  }
  return '';
};

/**
 * Returns a reporter that sends with `PutEvents`, with the default
 * credential chain or a profile, retrying throttling and transient faults
 * (the SDK retries the request; this retries entries EventBridge failed).
 *
 * @param options - bus, profile, region, or a client
 */
const createReporter = (options: ReporterOptions = {}): Reporter => {
  const client =
    options.client ??
    new EventBridgeClient({
      ...(options.region !== undefined && { region: options.region }),
      ...(options.profile !== undefined && {
        credentials: fromIni({ profile: options.profile }),
      }),
    });
  const attempt = async (entry: SentinelEntry): Promise<string> => {
    let result: PutEventsCommandOutput;
    try {
      result = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              ...entry,
              ...(options.bus !== undefined && { EventBusName: options.bus }),
            },
          ],
        })
      );
    } catch (error) {
      // The SDK has retried what it could; what is left is for people.
      throw new AbortError(
        new ReportNotSentError(
          `PutEvents failed: ${(error as Error).message}${setupHint(error)}`,
          (error as { name?: string }).name,
          { cause: error }
        )
      );
    }
    const [first] = result.Entries ?? [];
    if (first?.EventId !== undefined && (result.FailedEntryCount ?? 0) === 0) {
      return first.EventId;
    }
    const code = first?.ErrorCode ?? 'unknown';
    const failure = new ReportNotSentError(
      `EventBridge refused the report: ${code}${first?.ErrorMessage ? `: ${first.ErrorMessage}` : ''}`,
      code
    );
    throw RETRYABLE.has(code) ? failure : new AbortError(failure);
  };
  return {
    send: (entry) =>
      pRetry(() => attempt(entry), {
        retries: options.retries ?? 3,
        minTimeout: options.minTimeoutMs ?? 1000,
      }),
  };
};

export type { Reporter, ReporterOptions };
export { createReporter, ReportNotSentError };
