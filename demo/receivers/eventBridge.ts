import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { answerJson, close, listen, readBody, targets } from './loopback.js';

/** One PutEvents entry the receiver got, as sent (Detail still a string). */
interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  /** Epoch seconds, as the JSON protocol sends timestamps. */
  Time?: number;
  EventBusName?: string;
}

/** A loopback stand-in for EventBridge's `PutEvents`. */
interface EventBridgeReceiver {
  /** `http://127.0.0.1:<port>`: the EventBridgeClient's `endpoint`. */
  endpoint: string;
  /** Every entry accepted, in order. */
  entries: PutEventsEntry[];
  /** Answers the next requests with these HTTP statuses, then serves again. */
  failNext(...statuses: number[]): void;
  /** Fails the next entries with this error code, as PutEvents does per entry. */
  failEntries(errorCode: string, count: number): void;
  stop(): Promise<void>;
}

const TARGET = 'AWSEvents.PutEvents';

/**
 * Starts a loopback HTTP server that answers `PutEvents` as EventBridge does
 * (the awsJson1.1 protocol: `X-Amz-Target: AWSEvents.PutEvents`, a JSON body
 * of `Entries`, and per-entry results with `FailedEntryCount`: HTTP 200 even
 * when entries fail), so the real EventBridgeClient can be exercised.
 */
const startEventBridgeReceiver = async (): Promise<EventBridgeReceiver> => {
  const faults: number[] = [];
  const entryFaults: string[] = [];
  const receiver = {
    endpoint: '',
    entries: [] as PutEventsEntry[],
    failNext(...statuses: number[]) {
      faults.push(...statuses);
    },
    failEntries(errorCode: string, count: number) {
      entryFaults.push(...Array.from({ length: count }, () => errorCode));
    },
    stop: async () => close(server),
  };
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> => {
    const text = await readBody(request);
    if (!targets(request, response, TARGET)) return;
    const fault = faults.shift();
    if (fault !== undefined) {
      answerJson(response, fault, {
        __type: fault >= 500 ? 'InternalException' : 'ValidationException',
        message: `injected fault ${fault}`,
      });
      return;
    }
    const { Entries = [] } = JSON.parse(text) as { Entries?: PutEventsEntry[] };
    const results = Entries.map((entry) => {
      const errorCode = entryFaults.shift();
      if (errorCode !== undefined) {
        return { ErrorCode: errorCode, ErrorMessage: `injected ${errorCode}` };
      }
      receiver.entries.push(entry);
      return { EventId: randomUUID() };
    });
    answerJson(response, 200, {
      FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
      Entries: results,
    });
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  receiver.endpoint = `http://127.0.0.1:${await listen(server)}`;
  return receiver;
};

export type { EventBridgeReceiver, PutEventsEntry };
export { startEventBridgeReceiver };
