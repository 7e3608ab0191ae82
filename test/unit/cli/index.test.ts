import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, run } from '../../../src/cli/index.js';
import { captureIo } from '../../helpers/captureIo.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/runbook');
const REPO = resolve(import.meta.dirname, '../../..');

describe('run', () => {
  it('prints the program help and returns 0 for --help', async () => {
    // Prepare
    const capture = captureIo(FIXTURES);

    // Act
    const code = await run(['--help'], capture.io);

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    expect(capture.stdout()).toContain('Usage: sentinel');
    expect(capture.stdout()).toMatch(/lint \[options\]/);
    expect(capture.stdout()).toMatch(/build \[options\]/);
  });

  it.each(['--version', '-V'])(
    'prints the version for %s and returns 0',
    async (flag) => {
      // Prepare
      const capture = captureIo(FIXTURES);

      // Act
      const code = await run([flag], capture.io);

      // Assess
      expect(code).toBe(EXIT_CODES.ok);
      expect(capture.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
    }
  );

  it.each(['lint', 'build'])(
    'prints help for %s --help and returns 0',
    async (command) => {
      // Prepare
      const capture = captureIo(FIXTURES);

      // Act
      const code = await run([command, '--help'], capture.io);

      // Assess
      expect(code).toBe(EXIT_CODES.ok);
      expect(capture.stdout()).toContain(
        `Usage: sentinel ${command} [options]`
      );
      expect(capture.stdout()).toContain('--runbook <dir>');
    }
  );

  it.each([
    ['an unknown command', ['lnit'], /unknown command 'lnit'/],
    ['an unknown option', ['lint', '--stric'], /unknown option '--stric'/],
    ['a missing option value', ['lint', '--runbook'], /argument missing/],
    ['an excess argument', ['lint', 'runbook'], /too many arguments/],
    ['no command', [], /Usage: sentinel/],
  ])('returns 2 for %s', async (_, argv, stderr) => {
    // Prepare
    const capture = captureIo(FIXTURES);

    // Act
    const code = await run(argv, capture.io);

    // Assess
    expect(code).toBe(EXIT_CODES.usage);
    expect(capture.stderr()).toMatch(stderr);
  });

  it('returns 0 for a runbook without problems', async () => {
    // Prepare
    const capture = captureIo(FIXTURES);

    // Act
    const code = await run(
      ['lint', '--runbook', 'valid', '--strict'],
      capture.io
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    expect(capture.stdout()).toBe('');
    expect(capture.stderr()).toBe('no problems (4 files checked)\n');
  });

  it('returns 1 for a runbook with errors', async () => {
    // Prepare
    const capture = captureIo(join(FIXTURES, 'broken'));

    // Act
    const code = await run(['lint', '--runbook', 'unknown-key'], capture.io);

    // Assess
    expect(code).toBe(EXIT_CODES.problems);
    expect(capture.stderr()).toBe('1 error, 0 warnings (2 files checked)\n');
  });

  it('returns 2 with a clear message for a folder that does not exist', async () => {
    // Prepare
    const capture = captureIo(FIXTURES);

    // Act
    const code = await run(['lint', '--runbook', 'nowhere'], capture.io);

    // Assess
    expect(code).toBe(EXIT_CODES.usage);
    expect(capture.stderr()).toMatch(
      /^sentinel: runbook folder .*nowhere does not exist\n$/
    );
  });

  it("reads ./runbook when --runbook isn't given", async () => {
    // Prepare
    const cwd = await mkdtemp(join(tmpdir(), 'sentinel-cli-'));
    await cp(join(FIXTURES, 'valid'), join(cwd, 'runbook'), {
      recursive: true,
    });
    const capture = captureIo(cwd);

    // Act
    const code = await run(['lint'], capture.io);

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    expect(capture.stderr()).toContain('4 files checked');
    await rm(cwd, { recursive: true, force: true });
  });

  it('turns a fault of its own into one line and exit 70, not a stack trace', async () => {
    // Prepare: a stdout that breaks as no real one should.
    const capture = captureIo(FIXTURES);
    const io = {
      ...capture.io,
      stdout: () => {
        throw new TypeError('stdout is broken');
      },
    };

    // Act
    const code = await run(['lint', '--runbook', FIXTURES], io);

    // Assess
    expect(code).toBe(EXIT_CODES.internal);
    expect(capture.stderr()).toBe(
      'sentinel: internal error: stdout is broken\n  This is a bug in sentinel; please report it with the command you ran.\n'
    );
  });

  it('stops quietly when its reader closes the pipe early', async () => {
    // Prepare: output that keeps coming after the reader quits, as with
    // `sentinel replay ... | head -1`.
    const writer = [
      "import { nodeIo } from './src/cli/nodeIo.ts';",
      'const io = nodeIo();',
      "setInterval(() => io.stdout('x'.repeat(65536)), 5);",
    ].join('\n');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', writer],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    // Act
    const code = await new Promise<number | null>((done) =>
      child.on('close', done)
    );

    // Assess
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});
