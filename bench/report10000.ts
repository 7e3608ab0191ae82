import { fileURLToPath } from 'node:url';
import type { Channel } from '../src/alerts/index.js';
import { DynamoDbHistoryStore } from '../src/history/index.js';
import { recoveryPointPk } from '../src/history/keys.js';
import {
  loadWeeklyFigures,
  runEvaluation,
  runIngest,
  runWeeklyReport,
} from '../src/monitor/index.js';
import {
  keptRunbook,
  type ReportMessage,
  type ReportSender,
  renderReport,
} from '../src/report/index.js';
import { startDynaliteProcess } from './dynalite.js';
import { buildFleet, DAY_MS, eventsOf, resourcesByService } from './fleet.js';
import {
  argument,
  countingClient,
  finish,
  loopbackClient,
  round,
  runChild,
} from './measure.js';
import { RecordingStore, writeAll } from './seed.js';

/**
 * Issue 18, report: the weekly report Lambda's whole run for 10,000
 * services (two resources each, as `report`'s 1,000), reads included:
 * `runWeeklyReport` with the DynamoDB store against dynalite (every
 * service's states, each resource's events of the three weeks it reads,
 * the transitions), the figures and the rendering, handed to a sender
 * that keeps the message. The run is timed in a process of its own after
 * one warm-up run in the same process, so `peak_rss_mb_report_10000` is
 * that process's: the report Lambda's.
 *
 * Seeding: 22 days of each resource's events go through `runIngest` into
 * an in-memory store one service at a time, each with a runbook of that
 * service alone (so seeding pays no fleet-wide ARN match per event), day
 * by day as `report` ingests them, then
 * one evaluation of the whole fleet opens the last day's alerts. Every item
 * is written to dynalite with BatchWriteItem but the recovery-point
 * mappings, which the report never reads.
 */

const SERVICES = Number(argument('services', '10000'));
const PER_SERVICE = Number(argument('per-service', '2'));
/** The run: Monday 08:00 UTC, serverless.yml's reportSchedule. */
const NOW = new Date('2026-11-02T08:00:00Z');
/** Sunday, the week's last day. */
const LAST_DAY = new Date('2026-11-01T12:00:00Z');
const DAYS = 22;
const SELF = fileURLToPath(import.meta.url);

const fleetOf = () => buildFleet(SERVICES * PER_SERVICE, 'r', PER_SERVICE);

const seed = async (endpoint: string, tableName: string): Promise<void> => {
  const fleet = fleetOf();
  const store = new RecordingStore();
  const members = resourcesByService(fleet);
  let events = 0;
  for (const service of fleet.runbook.services) {
    const runbook = { ...fleet.runbook, services: [service] };
    // Day by day, each at its evening, as the monitor receives them: a
    // copy or expiry naming only a recovery point is held a day at most.
    const byDay = new Map<number, unknown[]>();
    for (const resource of members.get(service.id) ?? []) {
      for (const event of eventsOf(resource, DAYS, LAST_DAY)) {
        const day = Math.floor(event.at.getTime() / DAY_MS);
        const raws = byDay.get(day) ?? [];
        raws.push(event.raw);
        byDay.set(day, raws);
        events += 1;
      }
    }
    for (const [day, raws] of [...byDay].sort(([a], [b]) => a - b)) {
      await runIngest(
        { store, runbook },
        raws,
        new Date((day + 1) * DAY_MS - 1000)
      );
    }
  }
  const silent: Channel = { name: 'sns', deliver: async () => {} };
  const evening = new Date(LAST_DAY.getTime() + DAY_MS / 2 - 1000);
  await runEvaluation(
    { store, runbook: fleet.runbook, channels: [silent] },
    evening
  );
  const recoveryPoints = recoveryPointPk('');
  const items = (await store.takeItems()).filter(
    (item) => !String(item.PK).startsWith(recoveryPoints)
  );
  const client = loopbackClient(endpoint);
  await writeAll(client, tableName, items);
  client.destroy();
  finish({}, { events, items: items.length });
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
    runbook: fleetOf().runbook,
    send: [sender],
  };
  const warmUp = performance.now();
  const summary = await runWeeklyReport(deps, NOW);
  const warmUpMs = performance.now() - warmUp;
  // The timed run is runWeeklyReport's two steps, timed apart: the reads
  // folded into the figures, then the rendering (and the send).
  takeUsage();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const figures = await loadWeeklyFigures(deps, summary.week, NOW);
  const loadedMs = performance.now() - start;
  const loadCpu = process.cpuUsage(cpuBefore);
  await sender.send(renderReport(figures));
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const message = kept[0];
  finish(
    { report_10000_services_s: round(ms / 1000) },
    {
      services: SERVICES,
      resources: SERVICES * PER_SERVICE,
      warmUpMs: round(warmUpMs, 4),
      ms: round(ms, 4),
      loadMs: round(loadedMs, 4),
      renderMs: round(ms - loadedMs, 4),
      // This process's CPU: the SDK's reads and the figures, then all.
      loadCpuMs: round((loadCpu.user + loadCpu.system) / 1000, 4),
      cpuMs: round((cpu.user + cpu.system) / 1000, 4),
      servicesInFull: figures.services.filter((s) => !keptRunbook(s)).length,
      usage: takeUsage(),
      summary,
      htmlKb: round(Buffer.byteLength(message?.html ?? '') / 1024),
      textKb: round(Buffer.byteLength(message?.text ?? '') / 1024),
    }
  );
};

const main = async (): Promise<void> => {
  const dynalite = await startDynaliteProcess();
  const table = [
    '--endpoint',
    dynalite.endpoint,
    '--table',
    dynalite.tableName,
    '--services',
    String(SERVICES),
    '--per-service',
    String(PER_SERVICE),
  ];
  const seedStart = performance.now();
  const seeded = await runChild(SELF, ['--seed', ...table]);
  const seedMs = performance.now() - seedStart;
  const measured = await runChild(SELF, ['--measure', ...table]);
  const dynaliteRssMb = round(await dynalite.stop(), 4);
  finish(
    {
      ...measured.values,
      peak_rss_mb_report_10000: measured.peakRssMb,
    },
    {
      seeded: { ...seeded.details, ms: round(seedMs, 3) },
      ...measured.details,
      dynaliteRssMb,
    }
  );
};

const endpoint = argument('endpoint', '');
const tableName = argument('table', '');
if (process.argv.includes('--seed')) {
  await seed(endpoint, tableName);
} else if (process.argv.includes('--measure')) {
  await measure(endpoint, tableName);
} else {
  await main();
}
