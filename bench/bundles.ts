import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { lambdaBuild, REPO } from './lambdaBuild.js';
import { finish, median, round } from './measure.js';

/**
 * Issue 8, bundles: each Lambda's minified bundle, built with the deploy's
 * own esbuild options (build/esbuild.config.cjs, the serverless-esbuild
 * `config:` file), and the time to load it in a fresh node process against
 * the time to load a bare `@aws-sdk/client-dynamodb`, median of 9.
 */

const FUNCTIONS = ['ingest', 'evaluate', 'report', 'validate'] as const;
const LOADS = 9;

/** The largest inputs of a bundle, by bytes they left in the output. */
const largestInputs = (
  metafile: Metafile,
  count: number
): Record<string, number> => {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const name = match?.[1] ?? path.split('/').slice(0, 2).join('/');
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return Object.fromEntries(
    [...bytes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, n]) => [name, round(n / 1024)])
  );
};

// Times the import alone; node's own start-up is the same for every load.
const LOADER = `
const start = performance.now();
await import(process.argv[1]);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, rssKb: process.resourceUsage().maxRSS }));
`;

/** What a handler's module scope needs (loadConfig); nothing is called. */
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'backup-sentinel-bench-history',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:bench-alerts',
  REPORTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:bench-reports',
  POWERTOOLS_LOG_LEVEL: 'WARN',
};

const run = promisify(execFile);

/** Loads `target` in a fresh node; returns the import's ms and the peak RSS. */
const load = async (
  target: string
): Promise<{ ms: number; wallMs: number; rssMb: number }> => {
  const start = performance.now();
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', LOADER, target],
    { cwd: REPO, env: LAMBDA_ENV }
  );
  const wallMs = performance.now() - start;
  const { ms, rssKb } = JSON.parse(stdout) as { ms: number; rssKb: number };
  return { ms, wallMs, rssMb: rssKb / 1024 };
};

const main = async (): Promise<void> => {
  const { options, outputFileExtension } = lambdaBuild();
  const outdir = await mkdtemp(join(tmpdir(), 'sentinel-bench-bundles-'));
  const values: Record<string, number> = {};
  const contents: Record<string, Record<string, number>> = {};
  const bundles = new Map<string, string>();
  for (const fn of FUNCTIONS) {
    // One build per function, as serverless-esbuild does (package.individually).
    const result = await build({
      ...options,
      entryPoints: [join(REPO, 'handlers', `${fn}.ts`)],
      outdir,
      outExtension: { '.js': outputFileExtension },
      metafile: true,
      logLevel: 'silent',
    });
    const file = join(outdir, `${fn}${outputFileExtension}`);
    bundles.set(fn, pathToFileURL(file).href);
    values[`bundle_kb_${fn}`] = round((await stat(file)).size / 1024, 4);
    contents[fn] = largestInputs(result.metafile, 8);
  }

  const targets = ['@aws-sdk/client-dynamodb', ...bundles.values()];
  const names = ['sdk', ...bundles.keys()];
  const loads = new Map<
    string,
    { ms: number[]; wallMs: number[]; rssMb: number[] }
  >(names.map((n) => [n, { ms: [], wallMs: [], rssMb: [] }]));
  // Interleaved, so a slow moment of the machine hits every target alike.
  for (let round = 0; round < LOADS; round += 1) {
    for (const [i, target] of targets.entries()) {
      const result = await load(target);
      const entry = loads.get(names[i] as string);
      entry?.ms.push(result.ms);
      entry?.wallMs.push(result.wallMs);
      entry?.rssMb.push(result.rssMb);
    }
  }
  await rm(outdir, { recursive: true });

  const sdkMs = median(loads.get('sdk')?.ms ?? []);
  const details: Record<string, unknown> = { contents, loads: {} };
  let worst = 0;
  for (const name of names) {
    const entry = loads.get(name);
    if (entry === undefined) continue;
    const ms = median(entry.ms);
    (details.loads as Record<string, unknown>)[name] = {
      importMsMedian: round(ms),
      processWallMsMedian: round(median(entry.wallMs)),
    };
    values[`peak_rss_mb_cold_load_${name}`] = round(Math.max(...entry.rssMb));
    if (name === 'sdk') continue;
    values[`cold_load_vs_sdk_${name}`] = round(ms / sdkMs);
    worst = Math.max(worst, ms / sdkMs);
  }
  values.cold_load_vs_sdk = round(worst);
  finish(values, details);
};

await main();
