import { ReportDeliveryError } from './errors.js';
import { loadWeeklyFigures } from './loadWeeklyFigures.js';
import { renderReport } from './message.js';
import type { ReportDeps, ReportRunSummary } from './types.js';
import { previousIsoWeek } from './week.js';

/**
 * Reads the last complete ISO week's history (in `deps.timezone`, else the
 * runbook's zone), computes its compliance figures with the change from
 * the week before, renders the report and hands it to every sender. A
 * sender that fails does not stop the others; the run then throws, so the
 * platform retries.
 *
 * @example
 * ```ts
 * const summary = await runWeeklyReport(
 *   { store, runbook, send: [new SnsReportSender({ client, topicArn })] },
 *   new Date()
 * );
 * ```
 *
 * @param deps - the store, the runbook, the senders and the zone
 * @param now - the run's instant (Monday morning, usually)
 * @throws {ReportDeliveryError} naming every sender that failed
 * @throws {StoreError} when the store fails
 */
const runWeeklyReport = async (
  deps: ReportDeps,
  now: Date
): Promise<ReportRunSummary> => {
  const timezone = deps.timezone ?? deps.runbook.defaults.timezone;
  const week = previousIsoWeek(now, timezone);
  const figures = await loadWeeklyFigures(
    { store: deps.store, runbook: deps.runbook, timezone },
    week,
    now
  );
  const message = renderReport(figures);
  const outcomes = await Promise.allSettled(
    deps.send.map((sender) => sender.send(message))
  );
  const failed = outcomes.flatMap((o, i) =>
    o.status === 'rejected' ? [{ sender: deps.send[i]!, error: o.reason }] : []
  );
  if (failed.length > 0) {
    const names = failed.map((f) => f.sender.name);
    throw new ReportDeliveryError(
      names,
      `the report for ${figures.weekLabel} was not delivered by ${names.join(', ')}: ${failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error))).join('; ')}`,
      {
        cause:
          failed.length === 1 ? failed[0]!.error : failed.map((f) => f.error),
      }
    );
  }
  return {
    week,
    weekLabel: figures.weekLabel,
    ...(figures.score !== undefined && { score: figures.score }),
    subject: message.subject,
    sent: deps.send.map((s) => s.name),
  };
};

export { runWeeklyReport };
