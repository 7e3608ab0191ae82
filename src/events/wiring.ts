import type { Config } from '../config.js';
import type { Runbook } from '../runbook/index.js';
import { createRuntime, type RuntimeClients } from '../runtime.js';
import type { IngestHandlerDeps } from './runIngestHandler.js';
import type { IngestDeps } from './types.js';

/**
 * Returns what `runIngestHandler` needs in a Lambda: the DynamoDB store,
 * Powertools' logger and metrics and the runbook. Handlers call it once at
 * module scope, so clients are reused while warm.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param onRecorded - optional hook for newly recorded events (paging at once)
 * @param clients - clients to use instead of building them from the config
 */
const createIngestDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  onRecorded?: IngestDeps['onRecorded'],
  clients?: RuntimeClients
): IngestHandlerDeps => ({
  ...createRuntime(config, clients),
  runbook,
  ...(onRecorded !== undefined && { onRecorded }),
});

export { createIngestDeps };
