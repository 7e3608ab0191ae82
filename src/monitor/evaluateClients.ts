import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Runbook } from '../runbook/index.js';
import { type ClientOverrides, createMonitorDeps } from './clients.js';
import type { Config } from './config.js';
import type { IngestHandlerDeps } from './lambdaIngest.js';
import { cloudWatchReplicationLag } from './replicationMetrics.js';

// Apart from clients.ts, so ingest's bundle carries no CloudWatch client.

/**
 * Returns what the scheduled evaluation needs in a Lambda: what ingest
 * needs (`createMonitorDeps`) and the reader of S3 replication lag from
 * CloudWatch, one client per region the runbook's replication rules name.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param overrides - clients to use instead of building them from the config
 */
const createEvaluationDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  overrides: ClientOverrides & { cloudWatch?: CloudWatchClient } = {}
): IngestHandlerDeps => {
  const deps = createMonitorDeps(config, runbook, overrides);
  const clients = new Map<string, CloudWatchClient>();
  const clientFor = (region: string): CloudWatchClient => {
    const client =
      overrides.cloudWatch ??
      clients.get(region) ??
      new CloudWatchClient({ region });
    clients.set(region, client);
    return client;
  };
  return {
    ...deps,
    replicationLag: cloudWatchReplicationLag(clientFor, deps.logger),
  };
};

export { createEvaluationDeps };
