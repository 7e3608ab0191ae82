import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, createServer } from 'node:https';
import { close, listen, readBody } from './loopback.js';

/** A certificate and its key, PEM. */
interface TlsPair {
  key: string;
  cert: string;
}

/**
 * What the receiver does with one request instead of accepting it: answer
 * with a status (and body), drop the connection, or never answer.
 */
type PagerDutyFault =
  | number
  | { status: number; body: unknown }
  | 'reset'
  | 'hang';

/** One request the receiver got, its JSON body decoded. */
interface PagerDutyRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The status it was answered with; undefined = reset or left hanging. */
  status: number | undefined;
}

/**
 * A loopback stand-in for PagerDuty's Events API v2: alert events
 * (`POST /v2/enqueue`) and change events (`POST /v2/change/enqueue`).
 */
interface PagerDutyReceiver {
  /** `127.0.0.1:<port>`: pdjs's `server` option. */
  server: string;
  /** The self-signed certificate (PEM) to trust. */
  ca: string;
  /** An HTTPS agent that trusts `ca` and nothing else: TLS stays verified. */
  agent: Agent;
  /** Every request, in order, answered or not. */
  requests: PagerDutyRequest[];
  /** The alert events accepted (202), in order. */
  accepted(): unknown[];
  /** The change events accepted (202), in order. */
  changes(): unknown[];
  /** Handles the next requests with these faults, in order, then accepts again. */
  failNext(...faults: PagerDutyFault[]): void;
  /** While true, every connection is dropped, as by a receiver that is down. */
  down: boolean;
  stop(): Promise<void>;
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];

/**
 * Generates a self-signed certificate for `127.0.0.1` and `localhost`
 * (subject alternative names), valid for a day.
 *
 * @param now - when it starts being valid
 */
const createLoopbackCertificate = async (now: Date): Promise<TlsPair> => {
  // A dev dependency, loaded only when the demo or a test needs a certificate.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown, max: number): boolean =>
  typeof value === 'string' && value !== '' && value.length <= max;

const EVENTS_PATH = '/v2/enqueue';
const CHANGES_PATH = '/v2/change/enqueue';

const invalidTimestamp = (payload: Record<string, unknown>): string[] =>
  payload.timestamp !== undefined &&
  Number.isNaN(Date.parse(String(payload.timestamp)))
    ? ["'payload.timestamp' is invalid"]
    : [];

/**
 * The errors PagerDuty gives an invalid change event (the Change Events
 * reference: a routing key and a summary; no action, severity or dedup
 * key), or [] for a valid one.
 */
const invalidChange = (event: unknown): string[] => {
  if (!isRecord(event)) return ['Event object is not a JSON object'];
  const errors: string[] = [];
  if (!isText(event.routing_key, 32)) errors.push("'routing_key' is invalid");
  if (event.event_action !== undefined) {
    errors.push("'event_action' is not a field of change events");
  }
  const payload = event.payload;
  if (!isRecord(payload)) return [...errors, "'payload' is missing"];
  if (!isText(payload.summary, 1024))
    errors.push("'payload.summary' is invalid");
  if (payload.source !== undefined && !isText(payload.source, 255)) {
    errors.push("'payload.source' is invalid");
  }
  return [...errors, ...invalidTimestamp(payload)];
};

/**
 * The errors PagerDuty gives an invalid event (the Events API v2
 * reference's required fields and limits), or [] for a valid one.
 */
const invalidFields = (event: unknown): string[] => {
  if (!isRecord(event)) return ['Event object is not a JSON object'];
  const errors: string[] = [];
  if (!isText(event.routing_key, 32)) errors.push("'routing_key' is invalid");
  if (
    !['trigger', 'acknowledge', 'resolve'].includes(String(event.event_action))
  ) {
    errors.push("'event_action' is invalid");
  }
  if (event.dedup_key !== undefined && !isText(event.dedup_key, 255)) {
    errors.push("'dedup_key' must be at most 255 characters");
  }
  if (event.event_action !== 'trigger') {
    if (event.dedup_key === undefined) errors.push("'dedup_key' is missing");
    return errors;
  }
  const payload = event.payload;
  if (!isRecord(payload)) return [...errors, "'payload' is missing"];
  if (!isText(payload.summary, 1024))
    errors.push("'payload.summary' is invalid");
  if (!isText(payload.source, 255)) errors.push("'payload.source' is invalid");
  if (!SEVERITIES.includes(String(payload.severity))) {
    errors.push("'payload.severity' is invalid");
  }
  return [...errors, ...invalidTimestamp(payload)];
};

const json = (
  response: ServerResponse,
  status: number,
  body: unknown
): void => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/**
 * Starts a loopback HTTPS server that answers `POST /v2/enqueue` and
 * `POST /v2/change/enqueue` as the PagerDuty Events API v2 does: 202 for a
 * valid event, 400 with PagerDuty's error shape for an invalid one. pdjs always speaks https, so the server
 * has a self-signed certificate for 127.0.0.1 (generated unless `tls` is
 * given) and `agent` trusts exactly that: nothing disables verification.
 * Faults are programmable (`failNext(500)`, `failNext(429)`,
 * `failNext('reset')`, `down = true`).
 *
 * @param options - `tls`: a certificate to serve; `now`: when a generated one starts (default: the clock)
 */
const startPagerDutyReceiver = async (
  options: { tls?: TlsPair; now?: Date } = {}
): Promise<PagerDutyReceiver> => {
  const tls =
    options.tls ?? (await createLoopbackCertificate(options.now ?? new Date()));
  const faults: PagerDutyFault[] = [];
  const requests: PagerDutyRequest[] = [];
  const agent = new Agent({ ca: tls.cert });
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> => {
    const text = await readBody(request);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const entry: PagerDutyRequest = {
      path: request.url ?? '',
      headers: request.headers,
      body,
      status: undefined,
    };
    requests.push(entry);
    const fault = receiver.down ? 'reset' : faults.shift();
    if (fault === 'reset') {
      request.socket.destroy();
      return;
    }
    if (fault === 'hang') return;
    if (fault !== undefined) {
      const status = typeof fault === 'number' ? fault : fault.status;
      entry.status = status;
      json(
        response,
        status,
        typeof fault === 'number'
          ? { status: 'error', message: `injected fault ${fault}` }
          : fault.body
      );
      return;
    }
    const change = entry.path === CHANGES_PATH;
    if (request.method !== 'POST' || (!change && entry.path !== EVENTS_PATH)) {
      entry.status = 404;
      json(response, 404, { status: 'error', message: 'Not found' });
      return;
    }
    const errors = change ? invalidChange(body) : invalidFields(body);
    if (errors.length > 0) {
      entry.status = 400;
      json(response, 400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors,
      });
      return;
    }
    entry.status = 202;
    json(
      response,
      202,
      change
        ? { status: 'success', message: 'Change event processed' }
        : {
            status: 'success',
            message: 'Event processed',
            dedup_key: (body as { dedup_key?: string }).dedup_key,
          }
    );
  };
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const port = await listen(server);
  const receiver: PagerDutyReceiver = {
    server: `127.0.0.1:${port}`,
    ca: tls.cert,
    agent,
    requests,
    accepted: () =>
      requests
        .filter((r) => r.status === 202 && r.path === EVENTS_PATH)
        .map((r) => r.body),
    changes: () =>
      requests
        .filter((r) => r.status === 202 && r.path === CHANGES_PATH)
        .map((r) => r.body),
    failNext(...more: PagerDutyFault[]) {
      faults.push(...more);
    },
    down: false,
    stop: async () => {
      agent.destroy();
      await close(server);
    },
  };
  return receiver;
};

export type { PagerDutyFault, PagerDutyReceiver, PagerDutyRequest, TlsPair };
export { createLoopbackCertificate, startPagerDutyReceiver };
