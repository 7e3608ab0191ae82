import {
  formatAlerts,
  formatCopies,
  formatCounts,
  formatDrill,
  formatGap,
  formatLocal,
  formatProblemRun,
  formatReporting,
  formatRestoreTest,
  formatScore,
  formatWeek,
  OUTCOME_TEXT,
  problemRuns,
} from './format.js';
import { BACKUP_OUTCOMES, type WeeklyFigures } from './types.js';

/** Plain-text mail stays readable at 78 columns (RFC 5322's advice). */
const TEXT_WIDTH = 78;

/** SNS and SES want a plain ASCII subject; SNS, under 100 characters. */
const MAX_SUBJECT = 99;

/** A word that is a link: cut in two, it would no longer open. */
const URL_WORD = /^<?https?:\/\//;

/**
 * Returns `text` wrapped at `width` columns. Leading spaces of `text` indent
 * the first line; continuation lines are indented by `indent` spaces. Words
 * longer than a line are cut, so no line is longer than `width`, except a
 * URL: it is never cut, and one too long for an indented line stands alone
 * on a line of its own, from the first column.
 */
const wrap = (text: string, width: number, indent = 0): string[] => {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  const prefix = (): string => (lines.length === 0 ? lead : pad);
  const room = (): number => width - prefix().length;
  const flush = (): void => {
    lines.push(prefix() + line);
    line = '';
  };
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length <= room()) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') flush();
    if (URL_WORD.test(word) && word.length > room()) {
      lines.push(word);
      continue;
    }
    let rest = word;
    while (rest.length > room()) {
      line = rest.slice(0, room());
      rest = rest.slice(room());
      flush();
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) flush();
  return lines;
};

/**
 * Returns `label: url` on one line, or, when that is too long, the label
 * and then the URL on a line of its own (indented when it fits): never cut,
 * since mail clients do not rejoin a URL broken across lines.
 */
const urlField = (label: string, url: string): string[] => {
  const plain = `${label}: ${url}`;
  if (plain.length <= TEXT_WIDTH) return [plain];
  const indented = `    ${url}`;
  return [`${label}:`, indented.length <= TEXT_WIDTH ? indented : url];
};

/** `label: value`, wrapped with a hanging indent. */
const field = (label: string, value: string): string[] =>
  wrap(`${label}: ${value}`, TEXT_WIDTH, 4);

const strip = (cells: string): string[] => {
  const lines: string[] = [];
  const width = TEXT_WIDTH - 4;
  for (let i = 0; i < cells.length; i += width) {
    lines.push(`    ${cells.slice(i, i + width)}`);
  }
  return lines;
};

/**
 * Returns the report as plain text, for email subscribers of the SNS topic
 * and mail clients that show no HTML: the same content as the HTML, with
 * the timeline as one mark per expected backup (`.` ok, `L` late, `F`
 * failed, `M` missed). No line is longer than 78 columns but a URL longer
 * than that, which stands alone on its line: a URL is never cut.
 *
 * @param figures - from `computeWeeklyFigures`
 */
const renderReportText = (figures: WeeklyFigures): string => {
  const { timezone } = figures;
  const out: string[] = [];
  const push = (...lines: string[]): void => {
    out.push(...lines);
  };
  push(
    ...wrap(
      `${figures.title}: backup compliance, week ${figures.weekLabel}`,
      TEXT_WIDTH
    ),
    ...wrap(formatWeek(figures), TEXT_WIDTH),
    '',
    ...field(
      'Compliance score',
      formatScore(figures.score, figures.scoreChange)
    ),
    ...field('Services', formatReporting(figures)),
    ...field('Backups', formatCounts(figures.totals)),
    ...field('Alerts', formatAlerts(figures.alerts, figures.alertsRecorded)),
    ...field('Unmapped resources', String(figures.unmapped.length)),
    '',
    ...wrap(
      `Timeline marks: ${BACKUP_OUTCOMES.map((o) => `${OUTCOME_TEXT[o].mark} ${OUTCOME_TEXT[o].label}`).join(', ')}`,
      TEXT_WIDTH
    )
  );
  for (const s of figures.services) {
    push(
      '',
      ...wrap(`== ${s.name} (${s.service}) ==`, TEXT_WIDTH),
      ...wrap(
        `${s.tier}, owner ${s.owner}, ${s.automation}, ${s.scheduleText}`,
        TEXT_WIDTH
      ),
      ...field(
        'Score',
        s.score === undefined
          ? 'n/a (nothing to measure)'
          : formatScore(s.score.score, s.scoreChange)
      ),
      ...(s.silent === undefined ? [] : field('SILENT', s.silent)),
      ...field(
        'Backups',
        s.resources.some((r) => r.scheduled)
          ? formatCounts(s)
          : 'not scheduled (watched by other checks)'
      )
    );
    for (const r of s.resources) {
      if (r.timeline.length === 0) continue;
      push(
        ...wrap(`  ${r.resourceArn}`, TEXT_WIDTH, 4),
        ...strip(r.timeline.map((c) => OUTCOME_TEXT[c.status].mark).join(''))
      );
      for (const run of problemRuns(r.timeline)) {
        push(
          ...wrap(`    - ${formatProblemRun(run, timezone)}`, TEXT_WIDTH, 6)
        );
      }
    }
    push(
      ...field('RPO', formatGap(s)),
      ...(s.recoverability ?? []).flatMap((line) => field('Recoverable', line)),
      ...field('Copies', formatCopies(s)),
      ...field(
        'Restore test',
        formatRestoreTest(s.restoreTest, s.rtoMs, timezone)
      ),
      ...field('Alerts', formatAlerts(s.alerts, figures.alertsRecorded)),
      ...urlField('Runbook', s.links.page),
      ...urlField('Manual backup', s.links.manualBackup),
      ...urlField('Recovery', s.links.recovery)
    );
  }
  if (figures.drills.length > 0) {
    push('', '== Disaster recovery drills ==');
    for (const d of figures.drills) {
      push(
        ...wrap(`- ${formatDrill(d, timezone)}`, TEXT_WIDTH, 2),
        ...urlField('  Runbook', d.link)
      );
    }
  }
  if (figures.alerts.entries.length > 0) {
    push('', '== Alerts this week ==');
    for (const a of figures.alerts.entries) {
      const when = [
        a.openedAt && `opened ${formatLocal(a.openedAt, timezone)}`,
        a.resolvedAt && `resolved ${formatLocal(a.resolvedAt, timezone)}`,
      ]
        .filter(Boolean)
        .join(', ');
      push(
        ...wrap(
          `- ${a.service} ${a.check} (${when}): ${a.summary} [${a.resource ?? 'several resources'}]`,
          TEXT_WIDTH,
          2
        )
      );
    }
  }
  if (figures.unmapped.length > 0) {
    push('', '== Resources no service claims ==');
    for (const u of figures.unmapped) {
      push(
        ...wrap(
          `- ${u.resourceArn} (${u.resourceType}): ${u.events} events${u.lastEventAt ? `, last ${formatLocal(u.lastEventAt, timezone)}` : ''}`,
          TEXT_WIDTH,
          2
        )
      );
    }
  }
  push(
    '',
    ...wrap(figures.scoreFormula, TEXT_WIDTH),
    '',
    ...wrap(
      `Generated ${formatLocal(figures.generatedAt, timezone)} by Backup Sentinel.`,
      TEXT_WIDTH
    ),
    ...urlField('Runbook', figures.runbookUrl)
  );
  return `${out.join('\n')}\n`;
};

/**
 * Returns the email subject: title, week, score and what broke, in plain
 * ASCII and under 100 characters (SNS rejects longer ones).
 *
 * @param figures - from `computeWeeklyFigures`
 */
const reportSubject = (figures: WeeklyFigures): string => {
  const score =
    figures.score === undefined
      ? 'no score'
      : `score ${figures.score}${figures.scoreChange === undefined ? '' : ` (${figures.scoreChange > 0 ? '+' : ''}${figures.scoreChange})`}`;
  const { failed, missed } = figures.totals;
  const tail = `backups ${figures.weekLabel}: ${score}, ${failed} failed, ${missed} missed`;
  const title = figures.title
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const room = MAX_SUBJECT - tail.length - 2;
  const head =
    title.length <= room
      ? title
      : `${title.slice(0, Math.max(0, room - 3))}...`;
  return head === '' || room < 4
    ? tail.slice(0, MAX_SUBJECT)
    : `${head}: ${tail}`;
};

export { MAX_SUBJECT, renderReportText, reportSubject, wrap };
