import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compileRunbook,
  loadBundledRunbook,
  RUNBOOK_DEFINE,
  RunbookCompileError,
  readRunbookDir,
} from '../../../src/runbook/index.js';

const globals = globalThis as Record<string, unknown>;

afterEach(() => {
  delete globals[RUNBOOK_DEFINE];
});

describe('compileRunbook', () => {
  it('refuses a runbook with lint errors, naming each with its position', async () => {
    const files = await readRunbookDir(
      'test/fixtures/runbook/broken/missing-key'
    );
    const error = (() => {
      try {
        compileRunbook(files);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RunbookCompileError);
    const compileError = error as RunbookCompileError;
    expect(compileError.diagnostics.length).toBeGreaterThan(0);
    expect(compileError.message).toMatch(/services\/[\w-]+\.md:\d+:\d+: .+\[/);
  });

  it('bundles a runbook that a bundle then loads without reading files', async () => {
    const files = await readRunbookDir('runbook');
    const result = await build({
      stdin: {
        contents:
          "import { loadBundledRunbook } from './src/runbook/bundled.ts';\n" +
          'export const ids = loadBundledRunbook().services.map((s) => s.id);',
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      define: compileRunbook(files),
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toContain('readFile');
    const dir = await mkdtemp(join(tmpdir(), 'sentinel-bundle-'));
    const file = join(dir, 'bundle.mjs');
    await writeFile(file, code);
    const module = await import(pathToFileURL(file).href);
    expect(module.ids).toContain('orders-db');
    expect(module.ids.length).toBe(
      files.files.filter((f) => f.path.startsWith('services/')).length
    );
  });
});

describe('loadBundledRunbook', () => {
  it('says how to fix a bundle built without the runbook', () => {
    expect(() => loadBundledRunbook()).toThrow(/no runbook in this bundle/);
  });

  it('loads the runbook set on globalThis by an in-process runner', async () => {
    const files = await readRunbookDir('runbook');
    globals[RUNBOOK_DEFINE] = JSON.parse(
      compileRunbook(files)[RUNBOOK_DEFINE]!
    );
    const runbook = loadBundledRunbook();
    expect(runbook.title).toBeTruthy();
    expect(runbook.services.every((s) => s.body === '')).toBe(true);
    expect(runbook.disasterRecovery).toBeUndefined();
  });

  it('revives silence dates, which JSON carries as strings', async () => {
    // Prepare
    const files = await readRunbookDir('runbook');
    const silenced = {
      ...files,
      files: files.files.map((f) =>
        f.path === 'services/orders-db.md'
          ? {
              ...f,
              content: f.content.replace(
                /^---\n/,
                '---\nsilences:\n  - { until: 2026-12-01T06:00:00Z, reason: engine upgrade }\n'
              ),
            }
          : f
      ),
    };
    globals[RUNBOOK_DEFINE] = JSON.parse(
      compileRunbook(silenced)[RUNBOOK_DEFINE]!
    );

    // Act
    const orders = loadBundledRunbook().services.find(
      (s) => s.id === 'orders-db'
    );

    // Assess
    expect(orders?.silences).toEqual([
      { until: new Date('2026-12-01T06:00:00Z'), reason: 'engine upgrade' },
    ]);
  });
});
