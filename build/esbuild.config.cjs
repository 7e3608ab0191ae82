// serverless-esbuild's `config:` file: it calls this with the serverless
// instance (variables already resolved) and passes the options to esbuild,
// once per function, so every function gets its own tree-shaken bundle.
const { readFile } = require('node:fs/promises');
const path = require('node:path');
const { loadDeployRunbook } = require('./deploy.cjs');

const SERVICE_DIR = path.join(__dirname, '..');

/**
 * ESM output, like the sources ("type": "module"). Bundled CommonJS
 * dependencies (parts of the AWS SDK, pdjs) still call require() for Node
 * built-ins, which esbuild's ESM shim cannot do without a real `require`.
 */
const CREATE_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Compiles the runbook into the bundle through `define`. esbuild awaits an
 * async setup, and options changed in setup apply to the build, so a runbook
 * that does not lint fails the build with the lint report.
 */
const runbookPlugin = (dir, links) => ({
  name: 'sentinel-runbook',
  async setup(build) {
    const { define } = await loadDeployRunbook(dir, links);
    build.initialOptions.define = { ...build.initialOptions.define, ...define };
  },
});

/** The AWS SDK clients' schema files (one module of every shape a client knows). */
const SDK_SCHEMAS =
  /@aws-sdk[\\/]client-[a-z0-9-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/**
 * Lets esbuild drop the shapes a bundle never uses. The SDK's schemas name
 * traits with computed keys (`{ [_xN]: "volumeSet" }`, `_xN` a constant
 * string); esbuild cannot prove such a key free of side effects, so it kept
 * every shape of every imported client: 550 KB of EC2's alone. Writing each
 * constant's string in its place changes nothing at run time and lets
 * tree-shaking work: EC2's DescribeVolumes and DescribeInstances shrink
 * from 711 KB to 186 KB (issue 19).
 */
const sdkSchemasPlugin = {
  name: 'sentinel-sdk-schemas',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMAS }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const constants = new Map(
        [...text.matchAll(/^const (_\w+) = ("[^"\n\\]*");$/gm)].map((m) => [
          m[1],
          m[2],
        ])
      );
      return {
        contents: text.replace(/\[(_\w+)\]:/g, (key, name) =>
          constants.has(name) ? `[${constants.get(name)}]:` : key
        ),
        loader: 'js',
      };
    });
  },
};

/**
 * serverless-esbuild joins its work folder to the service folder and, after
 * packaging, deletes it; a folder of one's own (SENTINEL_ESBUILD_WORK_FOLDER,
 * absolute or relative) lets concurrent packagings (tests, a developer) run.
 */
const workFolder = (folder) =>
  folder === undefined || folder === ''
    ? '.esbuild'
    : path.relative(SERVICE_DIR, path.resolve(SERVICE_DIR, folder));

module.exports = (serverless) => {
  const { runbookDir, runbookLinks } = serverless.service.custom.sentinel;
  return {
    bundle: true,
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    platform: 'node',
    // Lambda runs nodejs24.x; node20 output also runs on the local Node 20.
    target: 'node20',
    format: 'esm',
    outputFileExtension: '.mjs',
    // Prefer ESM entry points: they tree-shake; CJS ones do not.
    mainFields: ['module', 'main'],
    banner: { js: CREATE_REQUIRE_BANNER },
    // The AWS SDK v3 is bundled, not taken from the runtime: the version we
    // test is the version that runs, and tree-shaking makes it smaller.
    external: [],
    exclude: [],
    // Size: each alias replaces code a Lambda never runs (see the files).
    alias: {
      'cross-fetch': path.join(__dirname, 'fetch.mjs'),
      '@aws-sdk/credential-provider-node': path.join(
        __dirname,
        'credentials.mjs'
      ),
    },
    plugins: [runbookPlugin(runbookDir, runbookLinks), sdkSchemasPlugin],
    outputWorkFolder: workFolder(process.env.SENTINEL_ESBUILD_WORK_FOLDER),
  };
};
