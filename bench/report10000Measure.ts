import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { mapLimit, REQUESTS_IN_FLIGHT } from '../src/concurrency.js';
import { DynamoDbHistoryStore } from '../src/history/index.js';
import { eventSk, resourcePk } from '../src/history/keys.js';
import { loadWeeklyFigures, runWeeklyReport } from '../src/monitor/index.js';
import {
  keptRunbook,
  previousIsoWeek,
  type ReportMessage,
  type ReportSender,
  renderReport,
  weekScoresOf,
} from '../src/report/index.js';
import { buildFleet, DAY_MS, type Fleet } from './fleet.js';
import {
  argument,
  countingClient,
  finish,
  loopbackClient,
  round,
} from './measure.js';

/**
 * The timed part of bench/report10000.ts: the weekly report Lambda's run,
 * in a process forked from a bundle built as the deploy builds
 * handlers/report.ts, so its peak RSS is what a report instance holds.
 */

const SERVICES = Number(argument('services', '10000'));
const PER_SERVICE = Number(argument('per-service', '2'));
/** The run: Monday 08:00 UTC, serverless.yml's reportSchedule. */
const NOW = new Date('2026-11-02T08:00:00Z');

/** The report bench's fleet: SERVICES services of PER_SERVICE resources. */
const reportFleet = (): Fleet =>
  buildFleet(SERVICES * PER_SERVICE, 'r', PER_SERVICE);

/** How many resources the read-cost probe queries, each twice. */
const PROBE_RESOURCES = 2000;

/**
 * What a read costs this process, apart from what is read: the CPU of one
 * resource's event Query made twice through a plain client, once counting
 * only (`Select: COUNT`: a request, its signing, HTTP and the SDK's
 * middleware, no items) and once returning the items (the same plus the
 * SDK's parsing of each item). The difference over the items is the cost
 * of one item; the report's time is about requests × the first plus items
 * × the second.
 */
const readCost = async (endpoint: string, tableName: string) => {
  const client = loopbackClient(endpoint);
  const resources = reportFleet()
    .resources.slice(0, PROBE_RESOURCES)
    .map((r) => r.arn);
  const range = (arn: string) => ({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': { S: resourcePk(arn) },
      ':from': {
        S: eventSk(new Date(NOW.getTime() - 28 * DAY_MS).toISOString(), ''),
      },
      ':to': { S: eventSk(NOW.toISOString(), '') },
    },
  });
  const cpuOf = async (select: 'COUNT' | 'ALL_ATTRIBUTES') => {
    let items = 0;
    const before = process.cpuUsage();
    await mapLimit(resources, REQUESTS_IN_FLIGHT, async (arn) => {
      const page = await client.send(
        new QueryCommand({ ...range(arn), Select: select })
      );
      items += page.Count ?? 0;
    });
    const used = process.cpuUsage(before);
    return { cpuMs: (used.user + used.system) / 1000, items };
  };
  await cpuOf('COUNT');
  const counted = await cpuOf('COUNT');
  const read = await cpuOf('ALL_ATTRIBUTES');
  client.destroy();
  return {
    requests: resources.length,
    items: read.items,
    cpuMsPerRequest: round(counted.cpuMs / resources.length, 3),
    cpuUsPerItem: round(((read.cpuMs - counted.cpuMs) * 1000) / read.items, 3),
  };
};

/** Runs the report as the Lambda does, once to warm up, once timed. */
const measure = async (endpoint: string, tableName: string): Promise<void> => {
  const { client, takeUsage } = countingClient(endpoint);
  const kept: ReportMessage[] = [];
  const sender: ReportSender = {
    name: 'bench',
    send: async (message) => {
      kept.splice(0, kept.length, message);
    },
  };
  const deps = {
    store: new DynamoDbHistoryStore({ client, tableName }),
    runbook: reportFleet().runbook,
    send: [sender],
  };
  // The warm-up is the Monday before's report, which keeps that week's
  // scores: the timed run then compares with them, as every report after
  // the first does.
  const warmUp = performance.now();
  await runWeeklyReport(deps, new Date(NOW.getTime() - 7 * DAY_MS));
  const warmUpMs = performance.now() - warmUp;
  const week = previousIsoWeek(NOW, deps.runbook.defaults.timezone);
  // The timed run is runWeeklyReport's steps, the reads folded into the
  // figures timed apart from the rest: keeping the scores, rendering and
  // sending.
  takeUsage();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const figures = await loadWeeklyFigures(deps, week, NOW);
  const loadedMs = performance.now() - start;
  const loadCpu = process.cpuUsage(cpuBefore);
  await deps.store.saveWeekScores(week.start, weekScoresOf(figures), NOW);
  await sender.send(renderReport(figures));
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const message = kept[0];
  const reads = await readCost(endpoint, tableName);
  finish(
    { report_10000_services_s: round(ms / 1000) },
    {
      services: SERVICES,
      resources: SERVICES * PER_SERVICE,
      warmUpMs: round(warmUpMs, 4),
      ms: round(ms, 4),
      loadMs: round(loadedMs, 4),
      keepAndRenderMs: round(ms - loadedMs, 4),
      // This process's CPU: the SDK's reads and the figures, then all.
      loadCpuMs: round((loadCpu.user + loadCpu.system) / 1000, 4),
      cpuMs: round((cpu.user + cpu.system) / 1000, 4),
      servicesInFull: figures.services.filter((s) => !keptRunbook(s)).length,
      usage: takeUsage(),
      reads,
      weekLabel: figures.weekLabel,
      score: figures.score,
      previousScore: figures.previousScore,
      subject: message?.subject,
      htmlKb: round(Buffer.byteLength(message?.html ?? '') / 1024),
      textKb: round(Buffer.byteLength(message?.text ?? '') / 1024),
    }
  );
};

if (process.argv.includes('--measure')) {
  await measure(argument('endpoint', ''), argument('table', ''));
}

export { PER_SERVICE, reportFleet, SERVICES };
