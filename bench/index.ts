import { fork } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildResult } from './measure.js';

/**
 * `npm run bench` (issue 8): runs each measurement in a child process of
 * its own (its own peak RSS, no JIT or heap shared between measurements),
 * prints a table and writes bench/results.json. `npm run bench -- ingest
 * report` runs only the named measurements. Not part of `npm test`: nothing
 * here asserts a time.
 */

/** One measurement: a script under bench/ and its arguments. */
interface Measurement {
  name: string;
  script: string;
  args: string[];
  /** results.json key for the child's own peak RSS; undefined when the child names its own. */
  rssKey?: string;
}

const MEASUREMENTS: Measurement[] = [
  {
    name: 'ingest',
    script: 'ingest.ts',
    args: [],
    rssKey: 'peak_rss_mb_ingest',
  },
  {
    name: 'evaluate',
    script: 'evaluate.ts',
    args: ['--history', '10', '--sizes', '100,1000,10000'],
  },
  {
    name: 'evaluate-history',
    script: 'evaluate.ts',
    args: ['--history', '100', '--sizes', '100,1000'],
  },
  {
    name: 'report',
    script: 'report.ts',
    args: [],
    rssKey: 'peak_rss_mb_report',
  },
  { name: 'bundles', script: 'bundles.ts', args: [] },
  { name: 'match', script: 'match.ts', args: [] },
  // Issue 18: evaluation rounds in shards, and the report at 10,000 services.
  {
    name: 'evaluate-fanout',
    script: 'evaluateFanout.ts',
    args: ['--sizes', '10000,100000'],
  },
  {
    name: 'report-10000',
    script: 'report10000.ts',
    args: [],
  },
];

/** Issue 8's and issue 18's targets: the value must be at most this. */
const TARGETS: Record<string, number> = {
  dynamodb_calls_per_event: 2.2,
  ingest_vs_raw_put: 2.2,
  evaluate_10k_resources_s: 2,
  bundle_kb_ingest: 600,
  bundle_kb_evaluate: 600,
  bundle_kb_report: 600,
  bundle_kb_validate: 600,
  cold_load_vs_sdk: 1.5,
  report_1000_services_s: 3,
  // Issue 18: evaluation fan-out and the report.
  evaluate_100k_resources_s: 20,
  peak_rss_mb_evaluate_shard_10k: 400,
  peak_rss_mb_evaluate_shard_100k: 400,
  report_10000_services_s: 5,
  peak_rss_mb_report_10000: 1024,
};

const run = async (m: Measurement): Promise<ChildResult> => {
  const script = fileURLToPath(new URL(m.script, import.meta.url));
  const child = fork(script, m.args, {
    execArgv: ['--import', 'tsx'],
    // The code under test logs to stdout as in Lambda: not into the table.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result: ChildResult | undefined;
    child.once('message', (message) => {
      result = message as ChildResult;
    });
    child.once('exit', (code) =>
      result === undefined
        ? reject(new Error(`bench/${m.script} exited with ${code}`))
        : resolve(result)
    );
  });
};

const cell = (value: unknown): string =>
  typeof value === 'number' ? value.toLocaleString('en-US') : String(value);

/** The markdown table BENCHMARKS.md shows. */
const table = (values: Record<string, number>): string => {
  const rows = Object.entries(values).map(([key, value]) => {
    const target = TARGETS[key];
    const status =
      target === undefined ? '' : value <= target ? 'met' : '**missed**';
    return `| \`${key}\` | ${cell(value)} | ${target === undefined ? '' : `<= ${cell(target)}`} | ${status} |`;
  });
  return ['| key | value | target | |', '|---|---:|---:|---|', ...rows].join(
    '\n'
  );
};

const main = async (): Promise<void> => {
  // Every process here would warn that the SDK leaves Node 20 in 2027; the
  // project targets Node 20 on purpose (vitest.config.ts does the same).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !MEASUREMENTS.some((m) => m.name === w));
  if (unknown.length > 0) {
    throw new Error(
      `unknown measurement(s) ${unknown.join(', ')}; known: ${MEASUREMENTS.map((m) => m.name).join(', ')}`
    );
  }
  const chosen = MEASUREMENTS.filter(
    (m) => wanted.length === 0 || wanted.includes(m.name)
  );
  const machine = `${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
  console.log(`Backup Sentinel benchmarks on ${machine}\n`);
  const values: Record<string, number> = {};
  const details: Record<string, unknown> = {};
  const started = performance.now();
  for (const m of chosen) {
    const start = performance.now();
    process.stdout.write(`${m.name} ... `);
    const result = await run(m);
    Object.assign(values, result.values);
    if (m.rssKey !== undefined) values[m.rssKey] = result.peakRssMb;
    details[m.name] = result.details;
    console.log(`${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
  const path = fileURLToPath(new URL('results.json', import.meta.url));
  // A partial run keeps the other measurements' last values.
  const kept =
    wanted.length === 0
      ? {}
      : (JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as Record<
          string,
          number
        >);
  await writeFile(path, `${JSON.stringify({ ...kept, ...values }, null, 2)}\n`);
  console.log(`\n${table(values)}\n`);
  console.log(`details: ${JSON.stringify(details)}\n`);
  console.log(
    `wrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(0)} s`
  );
};

await main();
