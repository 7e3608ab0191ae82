import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TAIL_CHARS, TAIL_LINES } from '../../../../src/cli/wrap.js';

const REPO = resolve(import.meta.dirname, '../../../..');
const SESSIONS =
  'arn:aws:elasticache:us-east-1:111122223333:replicationgroup:shop-sessions-prod';

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `sentinel run` as its own process, as a scheduler would. */
const start = (
  args: string[],
  env: Record<string, string> = {}
): { child: ChildProcess; ended: Promise<Ended> } => {
  const child = spawn(process.execPath, ['bin/sentinel.js', 'run', ...args], {
    cwd: REPO,
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ended = new Promise<Ended>((done) => {
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
  return { child, ended };
};

/** The reports `--print` wrote, in order. */
const reports = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map(
      (line) =>
        JSON.parse(line) as {
          'detail-type': string;
          detail: Record<string, unknown>;
        }
    );

const node = (script: string): string[] => [process.execPath, '-e', script];

describe('sentinel run', () => {
  it('reports started, then completed with the duration, and exits 0', async () => {
    // Act
    const { ended } = start([
      'sessions',
      '--print',
      '--',
      ...node("console.log('dump written')"),
    ]);
    const { code, stdout } = await ended;

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('dump written');
    const [started, completed] = reports(stdout);
    expect(started?.detail).toMatchObject({
      service: 'sessions',
      resource: SESSIONS,
      state: 'started',
    });
    expect(completed?.detail).toMatchObject({
      service: 'sessions',
      resource: SESSIONS,
      state: 'completed',
      jobId: started?.detail.jobId,
      // One job, one start: both reports say the same.
      startedAt: started?.detail.startedAt,
      message: expect.stringMatching(/exit code 0 after/),
    });
  });

  it('reports failed with the exit code and the end of stderr, and exits with the code', async () => {
    // Act
    const { ended } = start([
      'sessions',
      '--print',
      '--',
      ...node(
        "console.error('connecting'); console.error('NOAUTH Authentication required'); process.exit(3)"
      ),
    ]);
    const { code, stdout, stderr } = await ended;

    // Assess
    expect(code).toBe(3);
    expect(stderr).toContain('NOAUTH Authentication required');
    const failed = reports(stdout).at(-1);
    expect(failed?.detail).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(
        /exit code 3 after .*; stderr: connecting\nNOAUTH Authentication required$/
      ),
    });
  });

  it('keeps only the last lines of stderr, and few enough characters', async () => {
    // Act
    const { ended } = start([
      'sessions',
      '--print',
      '--',
      ...node(
        "for (let i = 1; i <= 200; i++) console.error('line ' + i + ' ' + 'x'.repeat(150)); process.exit(1)"
      ),
    ]);
    const { stdout } = await ended;

    // Assess
    const message = String(reports(stdout).at(-1)?.detail.message);
    const tail = message.slice(message.indexOf('; stderr: ') + 10);
    expect(tail.length).toBeLessThanOrEqual(TAIL_CHARS);
    expect(tail.split('\n').length).toBeLessThanOrEqual(TAIL_LINES);
    expect(tail).toMatch(/line 200 x+$/);
    expect(tail).not.toContain('line 180 ');
  });

  it('forwards SIGTERM to the command and exits with what the command exits with', async () => {
    // Prepare: the command finishes cleanly when asked to stop.
    const { child, ended } = start([
      'sessions',
      '--print',
      '--',
      ...node(
        "process.on('SIGTERM', () => { console.log('stopping cleanly'); process.exit(7); }); console.log('ready'); setInterval(() => {}, 1000);"
      ),
    ]);
    await new Promise<void>((ready) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) ready();
      });
    });

    // Act
    child.kill('SIGTERM');
    const { code, stdout } = await ended;

    // Assess
    expect(stdout).toContain('stopping cleanly');
    expect(code).toBe(7);
    expect(reports(stdout).at(-1)?.detail).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('exit code 7'),
    });
  });

  it('exits 128 + the signal when the command is killed by it', async () => {
    // Prepare
    const { child, ended } = start([
      'sessions',
      '--print',
      '--',
      ...node("console.log('ready'); setInterval(() => {}, 1000);"),
    ]);
    await new Promise<void>((ready) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) ready();
      });
    });

    // Act
    child.kill('SIGINT');
    const { code, stdout } = await ended;

    // Assess
    expect(code).toBe(130);
    expect(reports(stdout).at(-1)?.detail).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('killed by SIGINT'),
    });
  });

  it('exits 127 for a command that cannot be run', async () => {
    // Act
    const { ended } = start([
      'sessions',
      '--print',
      '--',
      'no-such-backup-tool',
    ]);
    const { code, stdout } = await ended;

    // Assess
    expect(code).toBe(127);
    expect(reports(stdout).at(-1)?.detail).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('ENOENT'),
    });
  });

  it("warns when a report cannot be sent and still exits with the command's code", async () => {
    // Prepare: nothing listens on port 9.
    const env = {
      AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://127.0.0.1:9',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_MAX_ATTEMPTS: '1',
    };

    // Act
    const { ended } = start(
      ['sessions', '--', ...node("console.log('dump written')")],
      env
    );
    const { code, stdout, stderr } = await ended;

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('dump written');
    expect(stderr).toMatch(/could not report 'started' for sessions/);
    expect(stderr).toMatch(/could not report 'completed' for sessions/);
  });
});
