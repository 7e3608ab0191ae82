import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, run } from '../../../../src/cli/index.js';
import { captureIo } from '../../../helpers/captureIo.js';

const REPO = resolve(import.meta.dirname, '../../../..');
const FIXTURES = join(REPO, 'test/fixtures/events/aws-backup');
const CARTS = 'arn:aws:dynamodb:us-east-1:111122223333:table/shop-carts-prod';

type Envelope = { id: string; time: string; detail: Record<string, unknown> };

/** A documented backup job event, moved onto the example runbook's carts table. */
const cartsJob = async (
  fixture: string,
  id: string,
  created: string,
  completed: string
): Promise<Envelope> => {
  const event = JSON.parse(
    await readFile(join(FIXTURES, fixture), 'utf8')
  ) as Envelope;
  return {
    ...event,
    id,
    time: completed,
    detail: {
      ...event.detail,
      backupJobId: `job-${id}`,
      resourceArn: CARTS,
      creationDate: created,
      completionDate: completed,
    },
  };
};

const writeEvents = async (lines: string[]): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'sentinel-replay-'));
  const file = join(dir, 'events.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
};

const failedThenCompleted = async (): Promise<string[]> => {
  const failed = await cartsJob(
    'backup-job-state-change.FAILED.dynamodb-table.BUILT.json',
    'failed-1',
    '2026-11-20T06:00:00.000Z',
    '2026-11-20T06:04:00.000Z'
  );
  const completed = await cartsJob(
    'backup-job-state-change.COMPLETED.dynamodb-table.BUILT.json',
    'completed-1',
    '2026-11-20T18:00:00.000Z',
    '2026-11-20T18:05:00.000Z'
  );
  return [JSON.stringify(completed), JSON.stringify(failed)];
};

const replay = async (
  file: string,
  at: string,
  json = true,
  extra: string[] = []
) => {
  const capture = captureIo(REPO);
  const code = await run(
    [
      'replay',
      '--events',
      file,
      '--at',
      at,
      ...(json ? ['--json'] : []),
      ...extra,
    ],
    capture.io
  );
  return { code, ...capture };
};

/** A fixture moved onto the example runbook's orders database. */
const ordersProd = async (path: string): Promise<string> =>
  JSON.stringify(
    JSON.parse(
      (
        await readFile(join(REPO, 'test/fixtures/events', path), 'utf8')
      ).replaceAll(':db:orders-db', ':db:orders-prod')
    )
  );

describe('registerReplay', () => {
  it('prints the failed backup as an open finding with its runbook link', async () => {
    // Prepare
    const file = await writeEvents(await failedThenCompleted());

    // Act
    const { code, stdout } = await replay(file, '2026-11-20T12:00:00Z');

    // Assess
    const findings = JSON.parse(stdout()) as Record<string, unknown>[];
    const failed = findings.find((f) => f.check === 'backup-failed');
    expect(failed).toMatchObject({
      service: 'carts',
      resource: CARTS,
      status: 'open',
      since: '2026-11-20T06:04:00.000Z',
    });
    expect(failed?.runbookUrl).toMatch(/services\/carts\.md#manual-backup$/);
    expect(code).toBe(EXIT_CODES.problems);
  });

  it('counts a service that never reported as missed from the first event, not from --at', async () => {
    // Prepare: only the carts table reports, from 20 November on.
    const file = await writeEvents(await failedThenCompleted());

    // Act
    const { stdout, stderr } = await replay(file, '2026-11-23T12:00:00Z');

    // Assess
    const findings = JSON.parse(stdout()) as {
      service: string;
      check: string;
      since: string;
    }[];
    const silent = findings.filter((f) => f.service === 'catalog-db');
    expect(silent.map((f) => f.check).sort()).toEqual([
      'backup-missed',
      'rpo-breached',
    ]);
    for (const finding of silent) {
      expect(Date.parse(finding.since)).toBeGreaterThan(
        Date.parse('2026-11-20T06:04:00Z')
      );
      expect(Date.parse(finding.since)).toBeLessThan(
        Date.parse('2026-11-23T12:00:00Z')
      );
    }
    expect(stderr()).toContain(
      'watching every listed resource since 2026-11-20 06:04 UTC'
    );
  });

  it('ignores events after --at and sees them at a later --at', async () => {
    // Prepare: the completion at 18:05 resolves the failure, but only later.
    const file = await writeEvents(await failedThenCompleted());

    // Act
    const before = await replay(file, '2026-11-20T18:04:59Z');
    const after = await replay(file, '2026-11-20T19:00:00Z');

    // Assess
    const checks = (out: string) =>
      (JSON.parse(out) as { check: string; service: string }[])
        .filter((f) => f.service === 'carts')
        .map((f) => f.check);
    expect(checks(before.stdout())).toContain('backup-failed');
    expect(checks(after.stdout())).not.toContain('backup-failed');
    expect(before.stderr()).toContain('1 after --at left out');
  });

  it('counts a duplicate once and gives the same findings in any order', async () => {
    // Prepare
    const lines = await failedThenCompleted();
    const once = await writeEvents(lines);
    const twice = await writeEvents([...lines, ...lines].reverse());

    // Act
    const a = await replay(once, '2026-11-20T12:00:00Z');
    const b = await replay(twice, '2026-11-20T12:00:00Z');

    // Assess
    expect(b.stdout()).toBe(a.stdout());
    expect(b.stderr()).toContain('1 events recorded, 1 duplicates');
  });

  it('names each bad line with its number and still uses the others', async () => {
    // Prepare
    const [completed, failed] = await failedThenCompleted();
    const file = await writeEvents([
      failed!,
      '{"not": "an event"',
      '{"hello": "world"}',
      completed!,
    ]);

    // Act
    const { stdout, stderr } = await replay(file, '2026-11-20T12:00:00Z');

    // Assess
    expect(stderr()).toMatch(/events\.jsonl:2: not valid JSON/);
    expect(stderr()).toMatch(/events\.jsonl:3: .+/);
    expect(stdout()).toContain('backup-failed');
  });

  it('reports bad lines in line order and counts the unreadable ones as rejected', async () => {
    // Prepare
    const [completed] = await failedThenCompleted();
    const file = await writeEvents([
      '{"hello": "world"}',
      'not json',
      completed!,
      '{"source": "aws.backup", "detail-type": "toString"}',
    ]);

    // Act
    const { stderr } = await replay(file, '2026-11-20T19:00:00Z');

    // Assess
    const lines = stderr()
      .split('\n')
      .filter((l) => l.includes('events.jsonl:'))
      .map((l) => Number(/events\.jsonl:(\d+):/.exec(l)?.[1]));
    expect(lines).toEqual([1, 2, 4]);
    expect(stderr()).toContain('3 rejected');
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it("gives the same findings --one-by-one as in one batch when RDS reports AWS Backup's snapshot before the job", async () => {
    // Prepare
    const file = await writeEvents(
      await Promise.all(
        [
          'rds/rds-db-snapshot-event.RDS-EVENT-0040.awsbackup-job.orders-db.BUILT.json',
          'rds/rds-db-snapshot-event.RDS-EVENT-0042.awsbackup-job.orders-db.BUILT.json',
          'aws-backup/backup-job-state-change.COMPLETED.rds-instance.BUILT.json',
        ].map(ordersProd)
      )
    );

    // Act
    const batch = await replay(file, '2024-05-01T06:00:00Z');
    const oneByOne = await replay(file, '2024-05-01T06:00:00Z', true, [
      '--one-by-one',
    ]);

    // Assess
    expect(oneByOne.stdout()).toBe(batch.stdout());
    expect(batch.stdout()).not.toContain('unmapped-resource');
    expect(oneByOne.stderr()).toContain(
      '3 events recorded, 0 duplicates, 0 rejected, 0 held'
    );
  });

  it('prints findings for people without --json', async () => {
    // Prepare
    const file = await writeEvents(await failedThenCompleted());

    // Act
    const { stdout } = await replay(file, '2026-11-20T12:00:00Z', false);

    // Assess
    expect(stdout()).toMatch(
      /^ERROR backup-failed: .*\n {2}service: {2}carts\n {2}resource: arn:aws:dynamodb:.*shop-carts-prod\n {2}since: {4}2026-11-20 06:04 UTC\n {2}incident: backup-sentinel\/carts\/arn:aws:dynamodb:.*shop-carts-prod\n {2}runbook: {2}https:\/\/\S+#manual-backup$/m
    );
  });

  it.each([
    ['a date without a time', '2026-11-20'],
    ['no zone', '2026-11-20T12:00:00'],
    ['not a time', 'yesterday'],
  ])('refuses --at with %s as a usage error', async (_case, at) => {
    // Prepare
    const file = await writeEvents(await failedThenCompleted());

    // Act
    const { code, stderr } = await replay(file, at);

    // Assess
    expect(code).toBe(EXIT_CODES.usage);
    expect(stderr()).toContain('--at must be an ISO 8601 time');
  });

  it('says which events file it cannot read', async () => {
    // Act
    const { code, stderr } = await replay(
      '/nonexistent/events.jsonl',
      '2026-11-20T12:00:00Z'
    );

    // Assess
    expect(code).toBe(EXIT_CODES.usage);
    expect(stderr()).toContain(
      'cannot read events file /nonexistent/events.jsonl'
    );
  });

  it('leaves out the records of an SNS-wrapped S3 notification that are after --at', async () => {
    // Prepare
    const wrapped = JSON.parse(
      await readFile(
        join(
          REPO,
          'test/fixtures/events/s3/sns-notification.Replication-OperationFailedReplication.acme-invoices.BUILT.json'
        ),
        'utf8'
      )
    ) as { Message: string };
    const body = JSON.parse(wrapped.Message) as {
      Records: { eventTime: string }[];
    };
    const [record] = body.Records;
    const later = { ...record, eventTime: '2024-05-03T18:00:00.000Z' };
    const file = await writeEvents([
      JSON.stringify({
        ...wrapped,
        Message: JSON.stringify({ Records: [record, later] }),
      }),
    ]);

    // Act
    const { code, stderr } = await replay(file, '2024-05-03T15:00:00Z');

    // Assess
    expect(code).not.toBe(EXIT_CODES.internal);
    expect(stderr()).toContain('1 events recorded');
    expect(stderr()).not.toMatch(/internal error|\n\s+at /);
  });
});
