import { describe, expect, it } from 'vitest';
import { InMemoryHistoryStore } from '../../../src/history/index.js';
import { describeHistoryStore } from '../../helpers/historyStoreContract.js';

// Dies once in the state update, like a Lambda killed after the event put.
class CrashingInMemoryStore extends InMemoryHistoryStore {
  crashes = 0;

  protected override async updateStateItem(
    ...args: Parameters<InMemoryHistoryStore['updateStateItem']>
  ): ReturnType<InMemoryHistoryStore['updateStateItem']> {
    if (this.crashes > 0) {
      this.crashes -= 1;
      throw new Error('simulated crash');
    }
    return super.updateStateItem(...args);
  }
}

describeHistoryStore('InMemoryHistoryStore', async () => {
  const store = new CrashingInMemoryStore();
  return {
    subject: {
      store,
      crashNextStateUpdate: () => {
        store.crashes = 1;
      },
    },
    dispose: async () => {},
  };
});

describe('ItemHistoryStore, upgraded from per-check alerts', () => {
  it('skips the per-check alert items an earlier version left active', async () => {
    // Prepare: an item as the per-check alerts wrote it, in the active index.
    class Upgraded extends InMemoryHistoryStore {
      writeLegacy(): Promise<boolean> {
        return this.putItem({
          PK: 'ALERT#orders-db#backup-failed#arn:aws:rds:eu-west-1:1:db:x',
          SK: 'STATE',
          GSI1PK: 'ALERTS#active',
          GSI1SK: 'arn:aws:rds:eu-west-1:1:db:x#orders-db#backup-failed',
          key: { service: 'orders-db', check: 'backup-failed', resource: 'x' },
          status: 'open',
          finding: { check: 'backup-failed' },
          version: 3,
        });
      }
    }
    const store = new Upgraded();
    await store.writeLegacy();

    // Act
    const active = await store.listActiveAlerts();
    const ofService = await store.listServiceAlerts('orders-db');

    // Assess
    expect(active).toEqual([]);
    expect(ofService).toEqual([]);
  });
});
