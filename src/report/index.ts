export { ReportDeliveryError } from './errors.js';
export {
  computeWeeklyFigures,
  foldWeeklyFigures,
  foldWeeklyFiguresSince,
  weekScoresOf,
} from './figures.js';
export { keptRunbook, renderReportHtml } from './html.js';
export { renderReport } from './message.js';
export { SCORE_FORMULA } from './score.js';
export { MAX_SUBJECT, renderReportText, reportSubject } from './text.js';
export type {
  AlertEntry,
  AlertFigures,
  BackupCounts,
  BackupOutcome,
  CopyFigures,
  DrillFigures,
  FiguresInput,
  FoldInput,
  GapFigures,
  ReplicationFigures,
  ReportMessage,
  ReportRenderOptions,
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
  WeeklyFiguresFold,
} from './types.js';
export { BACKUP_OUTCOMES } from './types.js';
export { isoWeekContaining, isoWeekLabel, previousIsoWeek } from './week.js';
