import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Channel } from '../src/alerts/index.js';
import { InMemoryHistoryStore } from '../src/history/index.js';
import { runEvaluation, runIngest } from '../src/monitor/index.js';
import {
  computeWeeklyFigures,
  type FiguresInput,
  isoWeekContaining,
  keptRunbook,
  type ReportWeek,
  type ResourceHistory,
  renderReportHtml,
  renderReportText,
} from '../src/report/index.js';
import { buildFleet, DAY_MS, eventsOf } from './fleet.js';
import { argument, finish, median, round } from './measure.js';

/**
 * Issue 8, report: the weekly figures and the HTML email for 1,000
 * services (two resources each), over the history the report Lambda reads:
 * the week, the two weeks before it, and up to the run's instant. The
 * history is made by ingesting three weeks of events day by day into the
 * in-memory store, with an evaluation every day (so alerts open, resolve
 * and leave transitions); only the pure part the Lambda runs after its
 * reads is timed, as loadWeeklyFigures runs it when no report kept the
 * week before's scores (the most work): the week before's figures, the
 * week's (with the change in score), then the HTML. The
 * history is made in a child process, so the peak RSS is the report's:
 * the Lambda's after its reads.
 */

const SERVICES = 1000;
const PER_SERVICE = 2;
/** The run: Monday 08:00 UTC, serverless.yml's reportSchedule. */
const NOW = new Date('2026-11-02T08:00:00Z');
/** Sunday, the week's last day. */
const LAST_DAY = new Date('2026-11-01T12:00:00Z');
const DAYS = 22;
const RUNS = 5;

const SELF = fileURLToPath(import.meta.url);

/** What the Lambda holds after its reads. */
interface Prepared {
  input: FiguresInput;
  week: ReportWeek;
  before: ReportWeek;
  eventsIngested: number;
}

/**
 * Makes the history and writes what the report Lambda would have read, in
 * V8's serialisation (Dates survive), to `file`.
 */
const prepare = async (file: string): Promise<void> => {
  const fleet = buildFleet(SERVICES * PER_SERVICE, 'r', PER_SERVICE);
  const { runbook } = fleet;
  const store = new InMemoryHistoryStore();
  const silent: Channel = { name: 'sns', deliver: async () => {} };
  const byDay = new Map<number, unknown[]>();
  for (const resource of fleet.resources) {
    for (const event of eventsOf(resource, DAYS, LAST_DAY)) {
      const day = Math.floor(event.at.getTime() / DAY_MS);
      const raws = byDay.get(day) ?? [];
      raws.push(event.raw);
      byDay.set(day, raws);
    }
  }
  let events = 0;
  for (const [day, raws] of [...byDay].sort(([a], [b]) => a - b)) {
    const evening = new Date((day + 1) * DAY_MS - 1000);
    events += raws.length;
    await runIngest({ store, runbook }, raws, evening);
    await runEvaluation({ store, runbook, channels: [silent] }, evening);
  }

  const timezone = runbook.defaults.timezone;
  const week = isoWeekContaining(
    new Date(NOW.getTime() - 7 * DAY_MS),
    timezone
  );
  const before = isoWeekContaining(
    new Date(week.start.getTime() - 1),
    timezone
  );
  // loadWeeklyFigures's window: a week before the week before, up to now.
  const from = new Date(before.start.getTime() - 7 * DAY_MS);
  const to = new Date(NOW.getTime() + 1);
  const resources: ResourceHistory[] = [];
  for (const service of runbook.services) {
    for (const state of await store.listServiceStates(service.id)) {
      resources.push({
        state,
        events: await store.listEvents(state.resourceArn, from, to),
      });
    }
  }
  const transitions = await store.listTransitions(from, to);
  const prepared: Prepared = {
    input: { runbook, resources, transitions, timezone },
    week,
    before,
    eventsIngested: events,
  };
  await writeFile(file, serialize(prepared));
};

/** Prepares the input in a child, then times the pure part on it alone. */
const main = async (): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'sentinel-bench-report-'));
  const file = join(dir, 'input.v8');
  const child = fork(SELF, ['--prepare', file], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`preparing the report exited with ${code}`);
  const { input, week, before, eventsIngested } = deserialize(
    await readFile(file)
  ) as Prepared;
  await rm(dir, { recursive: true });
  const { resources, transitions, runbook } = input;

  const report = (): {
    html: string;
    text: string;
    figuresMs: number;
    htmlMs: number;
    textMs: number;
  } => {
    const start = performance.now();
    const previous = computeWeeklyFigures(input, before, NOW);
    const figures = computeWeeklyFigures({ ...input, previous }, week, NOW);
    const figuresMs = performance.now() - start;
    const html = renderReportHtml(figures);
    const htmlMs = performance.now() - start - figuresMs;
    const text = renderReportText(figures);
    const textMs = performance.now() - start - figuresMs - htmlMs;
    return { html, text, figuresMs, htmlMs, textMs };
  };
  // One warm-up run, then the median of the timed ones.
  const warm = report();
  const runs = Array.from({ length: RUNS }, report);
  const totals = runs.map((r) => r.figuresMs + r.htmlMs);
  const figures = computeWeeklyFigures(
    { ...input, previous: computeWeeklyFigures(input, before, NOW) },
    week,
    NOW
  );
  finish(
    { report_1000_services_s: round(median(totals) / 1000) },
    {
      services: runbook.services.length,
      resources: resources.length,
      eventsIngested,
      eventsInWindow: resources.reduce((n, r) => n + r.events.length, 0),
      transitions: transitions.length,
      week: figures.weekLabel,
      totals: figures.totals,
      score: figures.score,
      figuresMsMedian: round(median(runs.map((r) => r.figuresMs))),
      htmlMsMedian: round(median(runs.map((r) => r.htmlMs))),
      textMsMedian: round(median(runs.map((r) => r.textMs))),
      // Services that kept their runbook are listed in brief in a long email.
      servicesInFull: figures.services.filter((s) => !keptRunbook(s)).length,
      htmlKb: round(Buffer.byteLength(warm.html) / 1024),
      textKb: round(Buffer.byteLength(warm.text) / 1024),
    }
  );
};

if (process.argv.includes('--prepare')) {
  await prepare(argument('prepare', ''));
} else {
  await main();
}
