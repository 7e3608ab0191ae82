import {
  createValidationDeps,
  loadConfig,
  runRestoreValidation,
  type ValidationSummary,
} from '../src/monitor/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const deps = createValidationDeps(loadConfig(), loadBundledRunbook());

/**
 * On every completed AWS Backup restore test: validates what it restored,
 * reports the result to AWS Backup and records it as a Restore Report.
 */
export const handler = async (event: unknown): Promise<ValidationSummary> =>
  runRestoreValidation(deps, event, new Date()); // the only clock read
