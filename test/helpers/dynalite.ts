import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { waitUntilActive } from '../../demo/dynalite.js';
import { tableDefinition } from '../../src/history/index.js';

/** A running in-process DynamoDB-protocol server with the table created. */
interface RunningDynalite {
  client: DynamoDBClient;
  tableName: string;
  endpoint: string;
  stop(): Promise<void>;
}

interface DynaliteOptions {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

// dynalite is CommonJS and ships no types.
const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;

let tables = 0;

/**
 * Starts dynalite in memory on 127.0.0.1 (a free port), creates the table
 * from the same definition serverless.yml deploys, and returns a real
 * DynamoDB client pointed at it.
 */
const startDynalite = async (): Promise<RunningDynalite> => {
  // 0 ms: the table turns ACTIVE on the next tick instead of after 500 ms.
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // Loopback does not throttle: a retry would only hide a real failure.
    maxAttempts: 2,
  });
  tables += 1;
  const tableName = `sentinel-test-${process.pid}-${tables}`;
  await client.send(new CreateTableCommand(tableDefinition(tableName)));
  await waitUntilActive(client, tableName);
  const stop = async (): Promise<void> => {
    client.destroy();
    await new Promise<void>((resolve, reject) =>
      server.close((error?: Error) => (error ? reject(error) : resolve()))
    );
  };
  return { client, tableName, endpoint, stop };
};

export type { RunningDynalite };
export { startDynalite };
