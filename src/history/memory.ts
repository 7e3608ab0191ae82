import type { PlainItem } from './attributes.js';
import { resourcePk, STATE_SK } from './keys.js';
import { applyPlan, type StateItem, type StatePlan } from './plan.js';
import {
  ItemHistoryStore,
  type PutCondition,
  type SortKeyRange,
} from './store.js';

/** Options of {@link InMemoryHistoryStore}. */
interface InMemoryHistoryStoreOptions {
  /** Sets the `expiresAt` of event items as DynamoDB would (not enforced). */
  historyRetentionMs?: number;
}

const compareKeys = (a: string, b: string): number =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * The backup history in memory, for `sentinel replay` and unit tests above
 * the store. It holds the very items the DynamoDB store writes and passes
 * the same contract tests.
 */
class InMemoryHistoryStore extends ItemHistoryStore {
  private readonly partitions = new Map<string, Map<string, PlainItem>>();
  // GSI1PK -> (PK#SK -> item), kept in step with every write.
  private readonly index = new Map<string, Map<string, PlainItem>>();

  constructor(options: InMemoryHistoryStoreOptions = {}) {
    super(options.historyRetentionMs);
  }

  protected async putItem(
    item: PlainItem,
    condition?: PutCondition
  ): Promise<boolean> {
    const pk = String(item.PK);
    const sk = String(item.SK);
    const stored = this.partitions.get(pk)?.get(sk);
    if (condition?.kind === 'absent' && stored !== undefined) return false;
    if (
      condition?.kind === 'version' &&
      stored?.version !== condition.version
    ) {
      return false;
    }
    this.store(pk, sk, structuredClone(item));
    return true;
  }

  protected async mergeItem(
    pk: string,
    sk: string,
    attributes: PlainItem,
    returning: 'old' | 'new'
  ): Promise<PlainItem | undefined> {
    const stored = this.partitions.get(pk)?.get(sk);
    const merged = {
      ...(stored ?? { PK: pk, SK: sk }),
      ...structuredClone(attributes),
    };
    this.store(pk, sk, merged);
    const result = returning === 'old' ? stored : merged;
    return result && structuredClone(result);
  }

  protected async deleteItem(pk: string, sk: string): Promise<void> {
    const previous = this.partitions.get(pk)?.get(sk);
    if (previous === undefined) return;
    this.partitions.get(pk)?.delete(sk);
    if (typeof previous.GSI1PK === 'string') {
      this.index.get(previous.GSI1PK)?.delete(`${pk}#${sk}`);
    }
  }

  protected async getItem(
    pk: string,
    sk: string
  ): Promise<PlainItem | undefined> {
    const item = this.partitions.get(pk)?.get(sk);
    return item && structuredClone(item);
  }

  protected async queryItems(
    pk: string,
    range?: SortKeyRange
  ): Promise<PlainItem[]> {
    const partition = this.partitions.get(pk);
    if (partition === undefined) return [];
    return [...partition.keys()]
      .filter(
        (sk) => range === undefined || (sk >= range.from && sk <= range.to)
      )
      .sort(compareKeys)
      .map((sk) => structuredClone(partition.get(sk) as PlainItem));
  }

  protected async queryIndex(
    gsi1pk: string,
    sk: string | SortKeyRange = ''
  ): Promise<PlainItem[]> {
    const entries = this.index.get(gsi1pk);
    if (entries === undefined) return [];
    const within = (key: string): boolean =>
      typeof sk === 'string'
        ? key.startsWith(sk)
        : key >= sk.from && key <= sk.to;
    return [...entries.values()]
      .filter((item) => within(String(item.GSI1SK)))
      .sort((a, b) => compareKeys(String(a.GSI1SK), String(b.GSI1SK)))
      .map((item) => structuredClone(item));
  }

  protected async updateStateItem(
    resourceArn: string,
    plan: StatePlan
  ): Promise<StateItem | undefined> {
    const pk = resourcePk(resourceArn);
    const current = this.partitions.get(pk)?.get(STATE_SK) as
      | StateItem
      | undefined;
    const updated = applyPlan(current, resourceArn, plan);
    if (updated === undefined) return undefined;
    this.store(pk, STATE_SK, updated);
    return structuredClone(updated);
  }

  private store(pk: string, sk: string, item: PlainItem): void {
    let partition = this.partitions.get(pk);
    if (partition === undefined) {
      partition = new Map();
      this.partitions.set(pk, partition);
    }
    const previous = partition.get(sk);
    partition.set(sk, item);
    const id = `${pk}#${sk}`;
    if (typeof previous?.GSI1PK === 'string') {
      this.index.get(previous.GSI1PK)?.delete(id);
    }
    if (typeof item.GSI1PK === 'string') {
      let entries = this.index.get(item.GSI1PK);
      if (entries === undefined) {
        entries = new Map();
        this.index.set(item.GSI1PK, entries);
      }
      entries.set(id, item);
    }
  }
}

export type { InMemoryHistoryStoreOptions };
export { InMemoryHistoryStore };
