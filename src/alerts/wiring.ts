import type { Config } from '../config.js';
import type { Runbook } from '../runbook/index.js';
import { createRuntime, type RuntimeClients } from '../runtime.js';
import type { Channel, EvaluationDeps } from './types.js';

/**
 * Returns what `runEvaluation` needs in a Lambda: the DynamoDB store,
 * Powertools' logger and metrics, the runbook and the channels. Handlers
 * call it once at module scope, so clients are reused while warm.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param channels - from `createChannels(config.channels)`
 * @param clients - clients to use instead of building them from the config
 */
const createEvaluationDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  channels: Channel[],
  clients?: RuntimeClients
): EvaluationDeps => ({
  ...createRuntime(config, clients),
  runbook,
  channels,
});

export { createEvaluationDeps };
