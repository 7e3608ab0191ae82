import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Channel } from '../src/alerts/index.js';
import { DynamoDbHistoryStore } from '../src/history/index.js';
import { buildFleet } from './fleet.js';
import { countingClient } from './measure.js';

/**
 * handlers/evaluate.ts's wiring (createMonitorDeps) for the first
 * `resources` resources of the bench fleet, with a counting client and a
 * counting channel in place of SNS.
 */
const evaluateWiring = (
  endpoint: string,
  tableName: string,
  resources: number
) => {
  const { client, takeUsage } = countingClient(endpoint);
  const published = { count: 0 };
  const channel: Channel = {
    name: 'sns',
    deliver: async () => {
      published.count += 1;
    },
  };
  const deps = {
    store: new DynamoDbHistoryStore({ client, tableName }),
    runbook: buildFleet(resources, 'e').runbook,
    channels: [channel],
    logger: new Logger({ serviceName: 'backup-sentinel-bench' }),
    metrics: new Metrics({
      namespace: 'BackupSentinel',
      serviceName: 'backup-sentinel-bench',
    }),
  };
  return { deps, takeUsage, published };
};

export { evaluateWiring };
