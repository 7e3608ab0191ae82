import { fileURLToPath } from 'node:url';
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { mapLimit } from '../src/concurrency.js';
import { type PlainItem, toAttributes } from '../src/history/attributes.js';
import { InMemoryHistoryStore } from '../src/history/index.js';
import { resourcePk, STATE_SK } from '../src/history/keys.js';
import type { StateItem, StatePlan } from '../src/history/plan.js';
import type { PutCondition } from '../src/history/store.js';
import { runIngest } from '../src/monitor/index.js';
import { startDynaliteProcess } from './dynalite.js';
import { buildFleet, eventsOf, LAST_DAY, SEED_NOW } from './fleet.js';
import { argument, finish, loopbackClient } from './measure.js';

/**
 * Fills a dynalite table with a fleet's history for the evaluation bench,
 * in a process of its own so the evaluation's peak RSS is not the seed's.
 *
 * Ingesting 100,000 events through the DynamoDB store would take minutes
 * on loopback, so the events go through `runIngest` into an in-memory store
 * (the same item logic as the DynamoDB store: src/history/store.ts) and
 * its items are then written 25 at a time with BatchWriteItem: the table
 * ends up holding exactly what ingest would have written.
 */

/** An in-memory store that remembers the keys of what it wrote. */
class RecordingStore extends InMemoryHistoryStore {
  private readonly keys = new Map<string, [string, string]>();

  protected override async putItem(
    item: PlainItem,
    condition?: PutCondition
  ): Promise<boolean> {
    const written = await super.putItem(item, condition);
    if (written) this.remember(String(item.PK), String(item.SK));
    return written;
  }

  protected override async updateStateItem(
    resourceArn: string,
    plan: StatePlan
  ): Promise<StateItem | undefined> {
    const written = await super.updateStateItem(resourceArn, plan);
    if (written !== undefined) this.remember(resourcePk(resourceArn), STATE_SK);
    return written;
  }

  /** Every item written since the last call, as it is now. */
  async takeItems(): Promise<PlainItem[]> {
    const items: PlainItem[] = [];
    for (const [pk, sk] of this.keys.values()) {
      const item = await this.getItem(pk, sk);
      if (item !== undefined) items.push(item);
    }
    this.keys.clear();
    return items;
  }

  private remember(pk: string, sk: string): void {
    this.keys.set(`${pk}\u0000${sk}`, [pk, sk]);
  }
}

const BATCH = 25;

const writeAll = async (
  client: DynamoDBClient,
  tableName: string,
  items: PlainItem[]
): Promise<void> => {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    batches.push(
      items.slice(i, i + BATCH).map((item) => ({
        PutRequest: { Item: toAttributes(item) },
      }))
    );
  }
  await mapLimit(batches, 8, async (batch) => {
    let pending: WriteRequest[] = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === 5) throw new Error('BatchWriteItem kept leaving items');
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } })
      );
      pending = UnprocessedItems?.[tableName] ?? [];
    }
  });
};

/**
 * Seeds `resources` resources with `history` events each into the table.
 *
 * @returns how many events and items were written
 */
const seed = async (
  endpoint: string,
  tableName: string,
  resources: number,
  history: number
): Promise<{ events: number; items: number }> => {
  const fleet = buildFleet(resources, 'e');
  const store = new RecordingStore();
  let events = 0;
  for (const resource of fleet.resources) {
    // Every kind sends at least one event a day.
    const raw = eventsOf(resource, history, LAST_DAY)
      .slice(-history)
      .map((e) => e.raw);
    events += raw.length;
    await runIngest({ store, runbook: fleet.runbook }, raw, SEED_NOW);
  }
  // Written after the ingest, not overlapped with it: the writes' SDK work
  // is CPU in this process too, and overlapping measured slower.
  const items = await store.takeItems();
  const client = loopbackClient(endpoint);
  await writeAll(client, tableName, items);
  client.destroy();
  return { events, items: items.length };
};

const main = async (): Promise<void> => {
  const endpoint = argument('endpoint', '');
  const tableName = argument('table', '');
  const resources = Number(argument('resources', '100'));
  const history = Number(argument('history', '10'));
  if (endpoint === '') {
    // Run by hand: seed a throwaway server, to time the seeding.
    const dynalite = await startDynaliteProcess();
    const started = performance.now();
    const seeded = await seed(
      dynalite.endpoint,
      dynalite.tableName,
      resources,
      history
    );
    await dynalite.stop();
    finish({}, { ...seeded, ms: performance.now() - started });
    return;
  }
  finish({}, await seed(endpoint, tableName, resources, history));
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

export { RecordingStore, writeAll };
