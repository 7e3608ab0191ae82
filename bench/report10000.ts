import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel } from '../src/alerts/index.js';
import { recoveryPointPk } from '../src/history/keys.js';
import { runEvaluation, runIngest } from '../src/monitor/index.js';
import { startDynaliteProcess } from './dynalite.js';
import { DAY_MS, eventsOf, resourcesByService } from './fleet.js';
import { bundleScript } from './lambdaBuild.js';
import {
  argument,
  finish,
  loopbackClient,
  round,
  runChild,
} from './measure.js';
import { PER_SERVICE, reportFleet, SERVICES } from './report10000Measure.js';
import { RecordingStore, writeAll } from './seed.js';

/**
 * Issue 18, report: the weekly report Lambda's whole run for 10,000
 * services (two resources each, as `report`'s 1,000), reads included:
 * `runWeeklyReport` with the DynamoDB store against dynalite (every
 * service's states, each resource's events of the three weeks it reads,
 * the transitions), the figures and the rendering, handed to a sender
 * that keeps the message. The run is timed in a process of its own
 * (bench/report10000Measure.ts, forked from its bundle) after a warm-up
 * run in the same process (the Monday before's report, which keeps its
 * scores for the timed run to compare with), so
 * `peak_rss_mb_report_10000` is that process's: the report Lambda's.
 *
 * Seeding: 22 days of each resource's events go through `runIngest` into
 * an in-memory store one service at a time, each with a runbook of that
 * service alone (so seeding pays no fleet-wide ARN match per event), day
 * by day as `report` ingests them, then
 * one evaluation of the whole fleet opens the last day's alerts. Every item
 * is written to dynalite with BatchWriteItem but the recovery-point
 * mappings, which the report never reads.
 */

/** Sunday, the week's last day. */
const LAST_DAY = new Date('2026-11-01T12:00:00Z');
const DAYS = 22;
const SELF = fileURLToPath(import.meta.url);
const MEASURE = fileURLToPath(
  new URL('report10000Measure.ts', import.meta.url)
);

const seed = async (endpoint: string, tableName: string): Promise<void> => {
  const fleet = reportFleet();
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

const main = async (): Promise<void> => {
  const dynalite = await startDynaliteProcess();
  const table = [
    ...dynalite.tableArgs,
    '--services',
    String(SERVICES),
    '--per-service',
    String(PER_SERVICE),
  ];
  const seedStart = performance.now();
  const seeded = await runChild(SELF, ['--seed', ...table]);
  const seedMs = performance.now() - seedStart;
  const outdir = await mkdtemp(join(tmpdir(), 'sentinel-bench-report-'));
  const measured = await runChild(await bundleScript(MEASURE, outdir), [
    '--measure',
    ...table,
  ]);
  await rm(outdir, { recursive: true });
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
} else {
  await main();
}
