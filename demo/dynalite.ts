import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../src/history/index.js';

/** dynalite in memory, with the history table and a client that reaches it. */
interface DemoTable {
  tableName: string;
  /** A real DynamoDBClient whose requests dynalite answers in this process. */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

interface DynaliteOptions {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

type RequestListener = (
  request: IncomingMessage,
  response: ServerResponse
) => void;
type RequestHandler = NonNullable<DynamoDBClientConfig['requestHandler']>;

/** What the SDK hands a request handler: a signed HTTP request. */
interface SdkRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

// dynalite is CommonJS and ships no types. A dev dependency: it is loaded
// when the demo runs, so the other commands work without it.
const require = createRequire(import.meta.url);
const loadDynalite = (): ((options: DynaliteOptions) => Server) =>
  require('dynalite') as (options: DynaliteOptions) => Server;

const TABLE_NAME = 'backup-sentinel-demo-history';

/** Any host will do: nothing is dialled, but the SDK signs for one. */
const ENDPOINT = 'http://dynalite.demo.localhost';

/**
 * Returns an SDK request handler that gives each signed request to
 * dynalite's HTTP request listener in this process, instead of writing it
 * to a loopback socket. Everything above the socket stays real: the SDK
 * serialises, signs, retries and parses; dynalite parses, validates and
 * answers as over HTTP. Measured on a 2-core machine, the loopback round
 * trip was about 30 % of each request's cost, and a month of evaluations
 * makes some 45,000 requests.
 */
const inProcessHandler = (listener: RequestListener): RequestHandler => ({
  handle: async (request: SdkRequest) =>
    new Promise((resolve) => {
      const incoming = Object.assign(new EventEmitter(), {
        method: request.method,
        url: request.path,
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])
        ),
      });
      const headers: Record<string, string> = {};
      const outgoing = {
        statusCode: 200,
        setHeader(name: string, value: unknown) {
          headers[name.toLowerCase()] = String(value);
        },
        end(body?: string) {
          resolve({
            response: {
              statusCode: outgoing.statusCode,
              headers,
              // The SDK takes a whole body as bytes, no stream needed.
              body: Buffer.from(body ?? ''),
            },
          });
        },
      };
      listener(
        incoming as unknown as IncomingMessage,
        outgoing as unknown as ServerResponse
      );
      // dynalite reads the body from events, as from a socket.
      process.nextTick(() => {
        const { body } = request;
        if (body !== undefined) {
          // The SDK's JSON body is a Uint8Array that warns when read as a
          // string (its JsonCodec2 notice): wrap its bytes, never its text.
          incoming.emit(
            'data',
            typeof body === 'string'
              ? Buffer.from(body)
              : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
          );
        }
        incoming.emit('end');
      });
    }),
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
});

/**
 * Waits until a table and its indexes are ACTIVE: even at createTableMs 0,
 * dynalite turns them ACTIVE a tick later and answers ResourceNotFound until
 * then. The tests' dynalite waits with it too.
 */
const waitUntilActive = async (
  client: DynamoDBClient,
  tableName: string
): Promise<void> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName })
    );
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    if (
      Table?.TableStatus === 'ACTIVE' &&
      indexes.every((index) => index.IndexStatus === 'ACTIVE')
    ) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`dynalite table ${tableName} never became ACTIVE`);
};

/**
 * Starts dynalite in memory in this process, creates the table from
 * `TABLE_DEFINITION` (as serverless.yml deploys it), and returns a real
 * DynamoDBClient whose requests dynalite answers without a socket (see
 * {@link inProcessHandler}).
 *
 * @param options - the region and the dummy credentials to sign with
 */
const startDemoTable = async (options: {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}): Promise<DemoTable> => {
  const server = loadDynalite()({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const [listener] = server.listeners('request') as RequestListener[];
  if (listener === undefined) {
    throw new Error('dynalite has no request listener to hand requests to');
  }
  const client = new DynamoDBClient({
    endpoint: ENDPOINT,
    region: options.region,
    credentials: options.credentials,
    requestHandler: inProcessHandler(listener),
    // Nothing here throttles or drops: a retry would only hide a failure.
    maxAttempts: 1,
  });
  // The server never listened: there is no socket to close, and the
  // in-memory table goes with the last reference to it.
  const stop = async (): Promise<void> => {
    client.destroy();
  };
  try {
    await client.send(new CreateTableCommand(tableDefinition(TABLE_NAME)));
    await waitUntilActive(client, TABLE_NAME);
  } catch (error) {
    await stop();
    throw error;
  }
  return { tableName: TABLE_NAME, client, stop };
};

export { startDemoTable, waitUntilActive };
