export { ReportDeliveryError } from './errors.js';
export { computeWeeklyFigures } from './figures.js';
export { keptRunbook, renderReportHtml } from './html.js';
export type { FiguresSource } from './loadWeeklyFigures.js';
export { loadWeeklyFigures } from './loadWeeklyFigures.js';
export { renderReport } from './message.js';
export { runWeeklyReport } from './runWeeklyReport.js';
export {
  SCORE_FORMULA,
  SCORE_WEIGHTS,
  TIER_WEIGHTS,
} from './score.js';
export type {
  SesReportSenderOptions,
  SnsReportSenderOptions,
} from './senders.js';
export { SesReportSender, SnsReportSender } from './senders.js';
export {
  MAX_SUBJECT,
  renderReportText,
  reportSubject,
  TEXT_WIDTH,
} from './text.js';
export type {
  AlertEntry,
  AlertFigures,
  BackupCounts,
  BackupOutcome,
  CopyFigures,
  FiguresInput,
  GapFigures,
  ReplicationFigures,
  ReportDeps,
  ReportMessage,
  ReportRenderOptions,
  ReportRunSummary,
  ReportSender,
  ReportWeek,
  ResourceFigures,
  ResourceHistory,
  RestoreTestFigures,
  RestoreTestStatus,
  ScoreBreakdown,
  ServiceFigures,
  ServiceLinks,
  TimelineCell,
  UnmappedFigures,
  WeeklyFigures,
} from './types.js';
export { BACKUP_OUTCOMES, RESTORE_TEST_STATUSES } from './types.js';
export { isoWeekContaining, isoWeekLabel, previousIsoWeek } from './week.js';
export { createReportDeps, createReportSenders } from './wiring.js';
