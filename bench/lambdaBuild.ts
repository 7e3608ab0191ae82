import { createRequire } from 'node:module';
import { basename, extname, join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';

/**
 * The esbuild options the deploy uses for a Lambda (build/esbuild.config.cjs,
 * serverless-esbuild's `config:` file), for the benches that build what
 * Lambda runs: the bundles themselves, and bench processes that should
 * start as a bundled Lambda does rather than under tsx.
 */

const REPO = join(import.meta.dirname, '..');

// serverless-esbuild's own options, which it strips before calling esbuild
// (node_modules/serverless-esbuild/dist/bundle.js).
const PLUGIN_ONLY: ReadonlySet<string> = new Set([
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
]);

/** esbuild's options for one Lambda, and the bundle's file extension. */
interface LambdaBuild {
  options: BuildOptions;
  outputFileExtension: string;
}

/** The options serverless-esbuild would pass to esbuild for serverless.yml. */
const lambdaBuild = (): LambdaBuild => {
  const require = createRequire(import.meta.url);
  const config = require('../build/esbuild.config.cjs') as (
    serverless: unknown
  ) => Record<string, unknown>;
  // serverless.yml's defaults: runbookDir `runbook`, no link override.
  const all = config({
    service: {
      custom: { sentinel: { runbookDir: 'runbook', runbookLinks: '' } },
    },
  });
  return {
    options: Object.fromEntries(
      Object.entries(all).filter(([key]) => !PLUGIN_ONLY.has(key))
    ) as BuildOptions,
    outputFileExtension: String(all.outputFileExtension),
  };
};

/**
 * Bundles a bench script as the deploy bundles a handler, into `outdir`,
 * and returns the bundle's path: a process forked from it starts and holds
 * memory as a Lambda instance would, without tsx's loader and its thread.
 *
 * @param entry - the script's path
 * @param outdir - where the bundle goes
 */
const bundleScript = async (entry: string, outdir: string): Promise<string> => {
  const { options, outputFileExtension } = lambdaBuild();
  await build({
    ...options,
    entryPoints: [entry],
    outdir,
    outExtension: { '.js': outputFileExtension },
    logLevel: 'silent',
  });
  return join(
    outdir,
    `${basename(entry, extname(entry))}${outputFileExtension}`
  );
};

export type { LambdaBuild };
export { bundleScript, lambdaBuild, REPO };
