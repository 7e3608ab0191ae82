import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES, run } from '../../src/cli/index.js';
import type { WeeklyFigures } from '../../src/report/index.js';
import { captureIo } from '../helpers/captureIo.js';

const REPO = resolve(import.meta.dirname, '../..');
const RUNBOOK = 'test/fixtures/runbook/valid';
const EVENTS = join(REPO, 'test/fixtures/events');
const ORDERS_DB = 'arn:aws:rds:us-east-1:111122223333:db:orders-db';

type Envelope = { id: string; time: string; detail: Record<string, unknown> };

const fixture = async <T>(path: string): Promise<T> =>
  JSON.parse(await readFile(join(EVENTS, path), 'utf8')) as T;

/**
 * A documented AWS Backup job event moved onto the fixture runbook's
 * orders-db, created and completed at the given times.
 */
const ordersJob = async (
  state: 'COMPLETED' | 'FAILED',
  created: string,
  completed: string
): Promise<string> => {
  const event = await fixture<Envelope>(
    state === 'COMPLETED'
      ? 'aws-backup/backup-job-state-change.COMPLETED.rds-instance.BUILT.json'
      : 'aws-backup/backup-job-state-change.FAILED.json'
  );
  return JSON.stringify({
    ...event,
    id: `${state}-${created}`,
    time: completed,
    account: '111122223333',
    region: 'us-east-1',
    detail: {
      ...event.detail,
      backupJobId: `job-${created}`,
      resourceArn: ORDERS_DB,
      resourceType: 'RDS',
      creationDate: created,
      completionDate: completed,
    },
  });
};

/**
 * The week of Monday 2026-11-02 (UTC): Wednesday has no backup, Friday's
 * failed, Saturday's completed after its 05:30 deadline; plus a line that is
 * not JSON, one that is no event, and an S3 replication failure of a bucket
 * no service claims.
 */
const weekOfEvents = async (): Promise<string[]> => {
  const replication = await fixture<{
    Records: { eventTime: string }[];
  }>(
    's3/s3-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json'
  );
  replication.Records[0]!.eventTime = '2026-11-04T14:22:08.114Z';
  return [
    await ordersJob(
      'COMPLETED',
      '2026-11-02T02:05:00Z',
      '2026-11-02T02:30:00Z'
    ),
    await ordersJob(
      'COMPLETED',
      '2026-11-03T02:05:00Z',
      '2026-11-03T02:30:00Z'
    ),
    '{"this is": not json',
    await ordersJob(
      'COMPLETED',
      '2026-11-05T02:05:00Z',
      '2026-11-05T02:30:00Z'
    ),
    JSON.stringify({ hello: 'world' }),
    await ordersJob('FAILED', '2026-11-06T02:05:00Z', '2026-11-06T02:10:00Z'),
    await ordersJob(
      'COMPLETED',
      '2026-11-07T02:05:00Z',
      '2026-11-07T07:10:00Z'
    ),
    await ordersJob(
      'COMPLETED',
      '2026-11-08T02:05:00Z',
      '2026-11-08T02:30:00Z'
    ),
    JSON.stringify(replication),
  ];
};

const report = async (file: string, ...args: string[]) => {
  const capture = captureIo(REPO);
  const code = await run(
    [
      'report',
      '--runbook',
      RUNBOOK,
      '--events',
      file,
      '--now',
      '2026-11-09T08:00:00Z',
      ...args,
    ],
    capture.io
  );
  return { code, ...capture };
};

describe('registerReport', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-report-'));
    file = join(dir, 'events.jsonl');
    await writeFile(file, `${(await weekOfEvents()).join('\n')}\n`);
  });

  it('prints the figures per service as JSON', async () => {
    // Act
    const { code, stdout } = await report(
      file,
      '--week',
      '2026-11-04',
      '--json'
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    const figures = JSON.parse(stdout()) as WeeklyFigures;
    expect(figures.weekLabel).toBe('2026-W45');
    expect(figures.week).toEqual({
      start: '2026-11-02T00:00:00.000Z',
      end: '2026-11-09T00:00:00.000Z',
    });
    const orders = figures.services.find((s) => s.service === 'orders-db');
    expect(orders).toMatchObject({
      service: 'orders-db',
      expected: 7,
      succeeded: 5,
      failed: 1,
      missed: 1,
      late: 1,
    });
    expect(orders?.timeline.map((c) => c.status)).toEqual([
      'ok',
      'ok',
      'missed',
      'ok',
      'failed',
      'late',
      'ok',
    ]);
    expect(figures.unmapped.map((u) => u.resourceArn)).toEqual([
      'arn:aws:s3:::acme-invoices',
    ]);
    // Worst first: no service scores below the first.
    const scores = figures.services.map((s) => s.score?.score ?? 101);
    expect(scores[0]).toBe(Math.min(...scores));
  });

  it('reports bad lines with their line numbers and counts the rest', async () => {
    // Act
    const { code, stderr } = await report(
      file,
      '--week',
      '2026-11-04',
      '--json'
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    expect(stderr()).toMatch(new RegExp(`${file}:3: not valid JSON`));
    expect(stderr()).toMatch(new RegExp(`${file}:5: `));
    expect(stderr()).toContain('7 events recorded');
  });

  it('prints the text report within 78 columns, URLs whole on their own lines, and writes the HTML', async () => {
    // Prepare
    const out = join(dir, 'nested', 'report.html');

    // Act
    const { code, stdout } = await report(
      file,
      '--week',
      '2026-11-08',
      '--out',
      out
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    const text = stdout();
    expect(text).toContain('backup compliance, week 2026-W45');
    expect(text).toContain('\n    ..M.FL.\n');
    const long = text
      .split('\n')
      .filter((line) => line.length > 78 && !/^https:\/\/\S+$/.test(line));
    expect(long).toEqual([]);
    expect(text).toMatch(
      /\n(?: {4})?https:\/\/github\.com\/\S+\/orders-db\.md#manual-backup\n/
    );
    const html = await readFile(out, 'utf8');
    // orders-db's 7 backups, and the 6 daily ones (02:00) network never
    // reported once the history began, at 02:30 on Monday.
    expect(html.match(/<td data-status="/g)?.length).toBe(13);
    expect(text).toContain(
      'SILENT: never reported: no aws-backup backup has reached the monitor'
    );
    // An events file raised no incident: the counts are unknown, not 0.
    expect(text).toContain(
      'Alerts: not known: an events file holds no incidents'
    );
    expect(text).not.toMatch(/Alerts: +0 opened/);
    expect(html).toContain(
      'Alerts: not known: an events file holds no incidents'
    );
  });

  it('reports the week before as empty but well-formed', async () => {
    // Act
    const { code, stdout } = await report(
      file,
      '--week',
      '2026-10-28',
      '--json'
    );

    // Assess
    expect(code).toBe(EXIT_CODES.ok);
    const figures = JSON.parse(stdout()) as WeeklyFigures;
    expect(figures.weekLabel).toBe('2026-W44');
    // The file's history starts on 2 November: that week nothing was
    // watched yet, so neither service owed a backup.
    const expected = Object.fromEntries(
      figures.services.map((s) => [s.service, s.expected])
    );
    expect(expected).toEqual({ network: 0, 'orders-db': 0 });
  });

  it('rejects a week that is not a date', async () => {
    // Act
    const { code, stderr } = await report(file, '--week', 'last week');

    // Assess
    expect(code).toBe(EXIT_CODES.usage);
    expect(stderr()).toContain('--week must be a date');
  });
});
