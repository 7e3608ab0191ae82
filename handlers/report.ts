import {
  createReportDeps,
  loadConfig,
  type ReportRunSummary,
  runWeeklyReport,
} from '../src/monitor/index.js';
import { loadBundledRunbook } from '../src/runbook/index.js';

// Once per cold start: a bad variable fails here, naming itself, and the
// clients are reused while the Lambda stays warm.
const deps = createReportDeps(loadConfig(), loadBundledRunbook());

/** Every Monday: the last ISO week's compliance report, by SNS and SES. */
export const handler = async (): Promise<ReportRunSummary> =>
  runWeeklyReport(deps, new Date()); // the invocation's only clock read
