import { join, relative, resolve } from 'node:path';
import { formatUtc } from '../src/checks/index.js';
import {
  createMonitorDeps,
  loadConfig,
  loadWeeklyFigures,
  runEvaluation,
  runIngestHandler,
} from '../src/monitor/index.js';
import {
  isoWeekContaining,
  previousIsoWeek,
  type ReportWeek,
  renderReportHtml,
  type WeeklyFigures,
} from '../src/report/index.js';
import {
  buildSite,
  loadRunbookDir,
  type Runbook,
  runbookHome,
  serviceChangeDates,
  writeUnder,
} from '../src/runbook/index.js';
import { startDemoTable } from './dynalite.js';
import { generateDemo } from './generate.js';
import { createPageDecoder } from './pages.js';
import { createProgress, type ProgressMode } from './progress.js';
import { createRandom } from './random.js';
import {
  type PagerDutyReceiver,
  type SnsReceiver,
  startPagerDutyReceiver,
  startSnsReceiver,
  startSsmReceiver,
} from './receivers/index.js';
import { type StaticServer, serveDirectory } from './serve.js';
import {
  buildTimeline,
  formatOutcomes,
  formatTimeline,
  type IncidentOutcome,
  incidentOutcomes,
} from './timeline.js';
import type { DemoDelivery, DemoIo, DemoPage, DemoScenario } from './types.js';

/** The evaluate Lambda's schedule: every 15 minutes. */
const TICK_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** Dummy credentials: the loopback SSM checks its signatures against them. */
const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7DEMODEMO',
  secretAccessKey: 'demo-secret-access-key-for-loopback-only',
};

/** Options of {@link runDemo}. */
interface DemoRunOptions {
  /** Simulated days (7 to 366). */
  days: number;
  /** Seeds the events; equal seeds and `now` give equal pages. */
  seed: number;
  /** The runbook folder, relative to `io.cwd`. */
  runbookDir: string;
  /** Where to write runbook/, report.html, pages.jsonl and events.jsonl, relative to `io.cwd`. */
  outDir: string;
  /** Serve `outDir` on 127.0.0.1 at this port (0 = any) once done. */
  serve?: { port: number };
  io: DemoIo;
  progress: ProgressMode;
}

/** What one demo run did. */
interface DemoResult {
  scenario: DemoScenario;
  /** Every page the receivers accepted, in time order. */
  pages: DemoPage[];
  outcomes: IncidentOutcome[];
  /** Absolute paths of what was written. */
  files: { site: string; report: string; pages: string; events: string };
  /** The week report.html covers: the last simulated one. */
  week: ReportWeek;
  /** The figures report.html shows. */
  figures: WeeklyFigures;
  /** Evaluations run (one per 15-minute tick) and ingest invocations. */
  evaluations: number;
  ingests: number;
  /** Real time the simulation took. */
  elapsedMs: number;
  /** Set when `serve` was asked for; stop it to end. */
  server?: StaticServer;
}

/**
 * Sets environment variables for the AWS SDK clients the handlers'
 * factories build (endpoints, credentials, quiet Powertools) and returns
 * what undoes it. The factories take no endpoint: the SDK reads
 * AWS_ENDPOINT_URL_<SERVICE> itself, as DESIGN.md intends for loopback runs.
 */
const setSdkEnvironment = (
  values: Record<string, string | undefined>
): (() => void) => {
  const saved = Object.fromEntries(
    Object.keys(values).map((name) => [name, process.env[name]])
  );
  const apply = (vars: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  return () => apply(saved);
};

/** The routing key each PagerDuty route's SSM parameter holds in the demo. */
const routingKeys = (
  runbook: Runbook,
  seed: number
): Record<string, string> => {
  const random = createRandom(seed ^ 0x5eed);
  const keys: Record<string, string> = {};
  for (const route of Object.values(runbook.alerts)) {
    if (route.pagerduty !== undefined) keys[route.pagerduty] ??= random.hex(32);
  }
  return keys;
};

/**
 * The link template of the demo's own built site (`outDir/runbook/`):
 * relative to `outDir`, where report.html and pages.jsonl are, or under the
 * served site's base URL.
 */
const siteLinks = (base: string): string =>
  `${base}runbook/services/{service}.html#{section}`;

/** Pages in a stable order, so equal seeds give equal files. */
const byTimeAndKey = (a: DemoPage, b: DemoPage): number =>
  a.at.getTime() - b.at.getTime() ||
  a.channel.localeCompare(b.channel) ||
  a.incident.localeCompare(b.incident) ||
  a.action.localeCompare(b.action);

/** Collects what the receivers got since the last call, as pages at `at`. */
const pageCollector = (sns: SnsReceiver, pagerDuty: PagerDutyReceiver) => {
  const decoder = createPageDecoder();
  const pages: DemoPage[] = [];
  let snsSeen = 0;
  let pagerDutySeen = 0;
  const collect = (at: Date): void => {
    for (const publish of sns.published.slice(snsSeen)) {
      const page = decoder.sns(publish, at);
      if (page !== undefined) pages.push(page);
    }
    snsSeen = sns.published.length;
    for (const request of pagerDuty.requests.slice(pagerDutySeen)) {
      if (request.status !== 202) continue;
      const page = decoder.pagerDuty(request.body, at);
      if (page !== undefined) pages.push(page);
    }
    pagerDutySeen = pagerDuty.requests.length;
  };
  return { pages, collect };
};

/**
 * Returns the raw events of the deliveries, one JSON object a line as
 * `sentinel replay` and `sentinel report` read them: each EventBridge
 * envelope, and the S3 notification body of each SQS message.
 */
const eventLines = (deliveries: DemoDelivery[]): string =>
  deliveries
    .flatMap((d) =>
      d.kind === 'sqs'
        ? (d.event as { Records: { body: string }[] }).Records.map(
            (r) => r.body
          )
        : [JSON.stringify(d.event)]
    )
    .map((line) => `${line}\n`)
    .join('');

/**
 * Runs the embedded demo: the example fleet's events for `days` simulated
 * days, replayed through the real ingest handler code (one EventBridge
 * envelope per invocation, S3 notifications as SQS batches) and the real
 * evaluation at every 15-minute tick, against dynalite (in memory, in this
 * process) and loopback SNS, PagerDuty (HTTPS) and SSM receivers. The
 * dependencies come from the same factories as the Lambda handlers
 * (`loadConfig`, `createMonitorDeps`), given a DynamoDBClient that hands its requests to
 * dynalite in-process instead of over a loopback socket (see dynalite.ts),
 * which keeps a month under 30 s. Where a handler
 * reads the clock, the demo passes simulated time.
 *
 * The simulated period ends at the start of the ISO week containing `now`
 * (Monday 00:00 in the runbook's zone), so its last week is a whole week
 * for the report. Every runbook link in pages and the report points at the
 * demo's own built site: relative to `outDir`, or, with `serve`, at the
 * served site (the server starts first, so its URL is known). Writes `outDir/runbook/` (the built site),
 * `outDir/report.html` (that week's compliance report) and
 * `outDir/events.jsonl` (the raw events it replayed, for `sentinel replay`
 * and `sentinel report`), `outDir/pages.jsonl` (each page the receivers accepted, decoded, in time
 * order); prints progress on stderr and the timeline on stdout.
 *
 * @example
 * ```ts
 * const result = await runDemo(
 *   { days: 30, seed: 1, runbookDir: 'runbook', outDir: 'out', io, progress: 'tty' },
 *   io.now()
 * );
 * ```
 *
 * @param options - days, seed, folders, serving, I/O and progress mode
 * @param now - the real instant the period ends before
 * @throws {UsageError} when the runbook folder cannot be read
 * @throws {RunbookCompileError} when the runbook has lint errors
 * @throws {RangeError} when `days` is out of range
 */
const runDemo = async (
  options: DemoRunOptions,
  now: Date
): Promise<DemoResult> => {
  const { io, days, seed } = options;
  const written = await loadRunbookDir(options.runbookDir, io);
  const out = resolve(io.cwd, options.outDir);
  const server =
    options.serve === undefined
      ? undefined
      : await serveDirectory(out, options.serve.port);
  const runbook: Runbook = { ...written, links: siteLinks(server?.url ?? '') };
  const timezone = runbook.defaults.timezone;
  const end = isoWeekContaining(now, timezone).start;
  const clock = (): number => performance.now();
  const began = clock();

  // Node 20 is this project's target; the SDK's notice about it is noise here.
  const restoreWarning = setSdkEnvironment({
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const stops: (() => Promise<void>)[] = [];
  let restoreEnvironment = (): void => {};
  try {
    const scenario = generateDemo(
      runbook,
      { days, seed },
      new Date(end.getTime() - days * DAY_MS)
    );
    const home = runbookHome(runbook);
    const table = await startDemoTable({
      region: home.region,
      credentials: CREDENTIALS,
    });
    stops.push(table.stop);
    const sns = await startSnsReceiver();
    stops.push(sns.stop);
    const pagerDuty = await startPagerDutyReceiver();
    stops.push(pagerDuty.stop);
    const ssm = await startSsmReceiver(routingKeys(runbook, seed), CREDENTIALS);
    stops.push(ssm.stop);
    restoreEnvironment = setSdkEnvironment({
      // The factories get the in-process DynamoDB client; one built anyway
      // would fail on a closed loopback port, never reach AWS.
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: undefined,
      AWS_REGION: home.region,
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    // What serverless.yml would set on the functions.
    const config = loadConfig({
      TABLE_NAME: table.tableName,
      AWS_REGION: home.region,
      ALERTS_TOPIC_ARN: `arn:aws:sns:${home.region}:${home.account}:backup-sentinel-alerts`,
      PAGERDUTY_SERVER: pagerDuty.server,
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    // As the handlers build them, with the client that reaches dynalite
    // in-process and an HTTPS agent that trusts the loopback PagerDuty.
    const deps = createMonitorDeps(config, runbook, {
      dynamoDb: table.client,
      channels: { pagerDutyAgent: pagerDuty.agent },
    });

    const progress = createProgress(options.progress, io.stderr, clock);
    const { pages, collect } = pageCollector(sns, pagerDuty);
    const { deliveries } = scenario;
    let next = 0;
    let evaluations = 0;
    for (
      let tick = scenario.start.getTime();
      tick <= scenario.end.getTime();
      tick += TICK_MS
    ) {
      for (; next < deliveries.length; next += 1) {
        const delivery = deliveries[next];
        if (delivery === undefined || delivery.at.getTime() > tick) break;
        await runIngestHandler(deps, delivery.event, undefined, delivery.at);
        collect(delivery.at);
      }
      const at = new Date(tick);
      await runEvaluation(deps, at);
      evaluations += 1;
      collect(at);
      progress.update(
        at,
        Math.floor((tick - scenario.start.getTime()) / DAY_MS),
        days,
        pages.length
      );
    }
    progress.finish();
    pages.sort(byTimeAndKey);

    const siteDir = join(out, 'runbook');
    const lastChanged = await serviceChangeDates(
      runbook,
      resolve(io.cwd, options.runbookDir)
    );
    // The site's own links to each page's source keep the runbook's.
    for (const file of await buildSite(written, { lastChanged })) {
      await writeUnder(siteDir, file.path, file.content);
    }
    const week = previousIsoWeek(scenario.end, timezone);
    const figures = await loadWeeklyFigures(
      { store: deps.store, runbook },
      week,
      scenario.end
    );
    const reportFile = join(out, 'report.html');
    await writeUnder(out, 'report.html', renderReportHtml(figures));
    const pagesFile = join(out, 'pages.jsonl');
    await writeUnder(
      out,
      'pages.jsonl',
      pages.map((p) => `${JSON.stringify(p)}\n`).join('')
    );
    const eventsFile = join(out, 'events.jsonl');
    await writeUnder(out, 'events.jsonl', eventLines(deliveries));
    const elapsedMs = clock() - began;
    const outcomes = incidentOutcomes(scenario.incidents, pages);
    const result: DemoResult = {
      scenario,
      pages,
      outcomes,
      files: {
        site: siteDir,
        report: reportFile,
        pages: pagesFile,
        events: eventsFile,
      },
      week,
      figures,
      evaluations,
      ingests: deliveries.length,
      elapsedMs,
    };
    printSummary(result, options, io);
    if (server !== undefined) result.server = server;
    return result;
  } catch (error) {
    await server?.stop();
    throw error;
  } finally {
    restoreEnvironment();
    restoreWarning();
    await Promise.allSettled(stops.map((stop) => stop()));
  }
};

/** Prints the timeline, the incident check and where the outputs are. */
const printSummary = (
  result: DemoResult,
  options: DemoRunOptions,
  io: DemoIo
): void => {
  const { scenario, pages } = result;
  const rel = (path: string): string => relative(io.cwd, path) || '.';
  io.stdout(
    [
      `Backup Sentinel demo: ${options.days} simulated days, ${scenario.start.toISOString().slice(0, 10)} to ${scenario.end.toISOString().slice(0, 10)}, seed ${options.seed}`,
      `${scenario.resources.length} resources, ${result.ingests} ingest invocations, ${result.evaluations} evaluations (every 15 simulated minutes), ${pages.length} pages, ${(result.elapsedMs / 1000).toFixed(1)} s`,
      'Times are simulated: the demo passes each handler the simulated clock where the Lambda reads new Date().',
      '',
      'Timeline of pages:',
      '',
    ].join('\n')
  );
  io.stdout(formatTimeline(buildTimeline(pages)));
  io.stdout('\nInjected incidents:\n');
  io.stdout(formatOutcomes(result.outcomes));
  for (const s of scenario.skipped) {
    io.stdout(` -- ${s.kind}: not injected (${s.reason})\n`);
  }
  io.stdout(
    [
      '',
      'Wrote:',
      `  ${rel(result.files.site)}/index.html   the runbook site`,
      `  ${rel(result.files.report)}          weekly compliance report, week of ${formatUtc(result.week.start)}`,
      `  ${rel(result.files.pages)}           every page the receivers got, one JSON object a line`,
      `  ${rel(result.files.events)}          the events replayed, for sentinel replay and sentinel report`,
      '',
    ].join('\n')
  );
};

export type { DemoResult, DemoRunOptions };
export { runDemo };
