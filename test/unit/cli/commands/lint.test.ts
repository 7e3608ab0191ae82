import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, run } from '../../../../src/cli/index.js';
import { captureIo } from '../../../helpers/captureIo.js';

const BROKEN = resolve(import.meta.dirname, '../../../fixtures/runbook/broken');
const CASES = (await readdir(BROKEN, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('registerLint', () => {
  it('has a broken runbook for every error class and crash case', () => {
    // Assess
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)('prints the expected problems for broken/%s', async (name) => {
    // Prepare
    const capture = captureIo(BROKEN);
    const expected = await readFile(
      join(BROKEN, name, 'expected-output.txt'),
      'utf8'
    );

    // Act
    const code = await run(['lint', '--runbook', name, '--strict'], capture.io);

    // Assess
    expect(capture.stdout()).toBe(expected);
    expect(code).toBe(EXIT_CODES.problems);
  });

  it('returns 0 for warnings without --strict and 1 with it', async () => {
    // Prepare
    const argv = ['lint', '--runbook', 'policy-warnings'];

    // Act
    const lenient = await run(argv, captureIo(BROKEN).io);
    const strict = await run([...argv, '--strict'], captureIo(BROKEN).io);

    // Assess
    expect(lenient).toBe(EXIT_CODES.ok);
    expect(strict).toBe(EXIT_CODES.problems);
  });

  it('prints the problems as JSON with --json', async () => {
    // Prepare
    const capture = captureIo(BROKEN);

    // Act
    const code = await run(
      ['lint', '--runbook', 'unknown-dependency', '--json'],
      capture.io
    );

    // Assess
    expect(code).toBe(EXIT_CODES.problems);
    expect(JSON.parse(capture.stdout())).toMatchObject([
      {
        path: join('unknown-dependency', 'services', 'orders-db.md'),
        line: 19,
        column: 13,
        severity: 'error',
        code: 'unknown-dependency',
      },
    ]);
  });

  it('prints paths as the user reached the folder', async () => {
    // Prepare
    const capture = captureIo(resolve(BROKEN, '..'));

    // Act
    await run(['lint', '--runbook', './broken/id-mismatch/'], capture.io);

    // Assess
    expect(capture.stdout()).toMatch(
      /^broken\/id-mismatch\/services\/orders-db\.md:2:5: /
    );
  });
});
