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
