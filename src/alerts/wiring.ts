import type { Config } from '../config.js';
import type { Runbook } from '../runbook/types.js';
import { createRuntime } from '../runtime.js';
import type { Channel, EvaluationDeps } from './types.js';

/**
 * Returns what `runEvaluation` needs in a Lambda: the DynamoDB store,
 * Powertools' logger and metrics, the runbook and the channels. Handlers
 * call it once at module scope, so clients are reused while warm.
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param channels - from `createChannels(config.channels)`
 */
const createEvaluationDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  channels: Channel[]
): EvaluationDeps => ({ ...createRuntime(config), runbook, channels });

export { createEvaluationDeps };
