import { renderReportHtml } from './html.js';
import { renderReportText, reportSubject } from './text.js';
import type {
  ReportMessage,
  ReportRenderOptions,
  WeeklyFigures,
} from './types.js';

/**
 * Returns the report rendered for every sender: subject, plain text and
 * HTML.
 *
 * @param figures - from `computeWeeklyFigures`
 * @param options - HTML layout
 */
const renderReport = (
  figures: WeeklyFigures,
  options: ReportRenderOptions = {}
): ReportMessage => ({
  subject: reportSubject(figures),
  text: renderReportText(figures),
  html: renderReportHtml(figures, options),
});

export { renderReport };
