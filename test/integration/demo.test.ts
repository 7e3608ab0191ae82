import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoIncident,
  type DemoResult,
  runDemo,
} from '../../demo/index.js';
import { run } from '../../src/cli/index.js';
import { captureIo } from '../helpers/captureIo.js';

// The simulated fortnight ends Monday 2026-11-23 00:00 UTC.
const NOW = new Date('2026-11-25T10:00:00.000Z');
const TICK_MS = 15 * 60_000;
const ROOT = new URL('../..', import.meta.url).pathname;

let dir: string;
let result: DemoResult;
let stdout: string;

/** The first 15-minute tick at or after an instant: when the evaluation runs. */
const nextTick = (at: Date, start: Date): number =>
  start.getTime() +
  Math.ceil((at.getTime() - start.getTime()) / TICK_MS) * TICK_MS;

const incident = (kind: DemoIncident['kind']): DemoIncident => {
  const found = result.scenario.incidents.find((i) => i.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} incident`);
  return found;
};

/**
 * The pages of the incident an injected problem belongs to, from the
 * injection to the incident's first resolution after it, by action;
 * `named`: the triggers that name its check (opening the incident, or
 * updating one already open).
 */
const pagesOf = (i: DemoIncident, action: string) => {
  const mine = result.pages.filter(
    (p) =>
      p.service === i.service &&
      p.resource === i.resourceArn &&
      p.at.getTime() >= i.at.getTime()
  );
  const end = mine.find((p) => p.action === 'resolved')?.at.getTime();
  return mine.filter(
    (p) =>
      (end === undefined || p.at.getTime() <= end) &&
      (action === 'named'
        ? p.checks.includes(i.check) &&
          (p.action === 'opened' || p.action === 'updated')
        : p.action === action)
  );
};

/** `sentinel report --json` on the events the demo wrote. */
const reportOnEvents = async (week: string, now: Date) => {
  const capture = captureIo(ROOT);
  await run(
    [
      'report',
      '--events',
      join(dir, 'events.jsonl'),
      '--week',
      week,
      '--now',
      now.toISOString(),
      '--json',
    ],
    capture.io
  );
  return JSON.parse(capture.stdout());
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sentinel-demo-'));
  const { io, stdout: out } = captureIo(ROOT);
  result = await runDemo(
    {
      days: 14,
      seed: 3,
      runbookDir: 'runbook',
      outDir: dir,
      io,
      progress: 'off',
    },
    NOW
  );
  stdout = out();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runDemo', () => {
  it('pages the failed RDS backup at once on PagerDuty and SNS, and resolves it with the on-demand backup', () => {
    // Prepare
    const failed = incident('failed-rds-backup');

    // Act
    const opened = pagesOf(failed, 'opened');
    const resolved = pagesOf(failed, 'resolved');

    // Assess
    expect(failed).toMatchObject({
      service: 'orders-db',
      check: 'backup-failed',
    });
    expect(opened.map((p) => p.channel).sort()).toEqual(['pagerduty', 'sns']);
    // Ingest pages it: at the failure event, not at the next tick.
    expect(opened.map((p) => p.at)).toEqual([failed.at, failed.at]);
    expect(opened[0]?.runbookUrl).toMatch(
      /^runbook\/services\/orders-db\.html#manual-backup$/
    );
    expect(resolved.map((p) => p.at)).toEqual([
      failed.resolvesAt,
      failed.resolvesAt,
    ]);
  });

  it('pages the missed EBS window once its deadline passes, in the incident its RPO breach opened, and resolves it with the late backup', () => {
    // Prepare
    const missed = incident('missed-backup-window');

    // Act
    const named = pagesOf(missed, 'named');
    const incidents = new Set(
      result.pages
        .filter((p) => p.service === 'app-servers')
        .map((p) => p.incident)
    );
    const resolved = pagesOf(missed, 'resolved');

    // Assess
    expect(missed).toMatchObject({
      service: 'app-servers',
      check: 'backup-missed',
    });
    expect(missed.resourceArn).toContain(':volume/');
    expect(named.map((p) => p.channel).sort()).toEqual(['pagerduty', 'sns']);
    expect(named[0]?.at.getTime()).toBe(
      nextTick(missed.at, result.scenario.start)
    );
    // The 28 h RPO ran out first: one incident, opened by it, updated
    // when the missed deadline passed (issue 17), not two pages.
    expect(named.map((p) => p.action)).toEqual(['updated', 'updated']);
    expect(incidents.size).toBe(1);
    expect(
      result.pages.find(
        (p) => p.service === 'app-servers' && p.action === 'opened'
      )?.check
    ).toBe('rpo-breached');
    expect(named[0]?.check).toBe('backup-missed');
    expect(resolved).toHaveLength(2);
    expect(resolved[0]?.at).toEqual(missed.resolvesAt);
  });

  it("pages the S3 replication failure at its second failing evaluation and resolves it only on the objects' replication", () => {
    // Prepare
    const replication = incident('replication-failure');
    const start = result.scenario.start;

    // Act
    const opened = pagesOf(replication, 'opened');
    const resolved = pagesOf(replication, 'resolved');

    // Assess
    expect(replication).toMatchObject({
      service: 'assets',
      check: 'replication-failed',
    });
    expect(opened.map((p) => p.channel).sort()).toEqual(['pagerduty', 'sns']);
    // failureThreshold 2: two scheduled evaluations, 15 minutes apart.
    expect(opened[0]?.at.getTime()).toBe(
      nextTick(replication.at, start) + TICK_MS
    );
    expect(opened[0]?.summary).toContain(
      '3 objects not replicated since S3 replication failed'
    );
    expect(opened[0]?.summary).toContain('DstPutObjectNotPermitted');
    expect(opened[0]?.runbookUrl).toMatch(
      /^runbook\/services\/assets\.html#manual-backup$/
    );
    // The evidence: S3 reports the 3 objects replicated; no quiet period.
    expect(resolved[0]?.at.getTime()).toBe(
      nextTick(replication.resolvesAt as Date, start)
    );
  });

  it('pages the restore test slower than the RTO and resolves it with the faster re-test', () => {
    // Prepare
    const slow = incident('slow-restore-test');

    // Act
    const opened = pagesOf(slow, 'opened');
    const resolved = pagesOf(slow, 'resolved');

    // Assess
    expect(slow).toMatchObject({ service: 'orders-db', check: 'rto-at-risk' });
    expect(opened.map((p) => p.channel).sort()).toEqual(['pagerduty', 'sns']);
    expect(opened[0]?.at).toEqual(slow.at);
    expect(opened[0]?.runbookUrl).toMatch(/#recovery$/);
    expect(resolved[0]?.at).toEqual(slow.resolvesAt);
  });

  it('pages the restore test whose validation failed and resolves it with the next passing test', () => {
    // Prepare
    const invalid = incident('failed-restore-validation');

    // Act
    const opened = pagesOf(invalid, 'opened');
    const resolved = pagesOf(invalid, 'resolved');

    // Assess
    expect(invalid).toMatchObject({
      service: 'carts',
      check: 'restore-failed',
    });
    expect(opened.map((p) => p.channel).sort()).toEqual(['pagerduty', 'sns']);
    expect(opened[0]?.at).toEqual(invalid.at);
    expect(opened[0]?.summary).toMatch(
      /restore test FAILED at .*validation failed: table awsbackup-restore-test-\w+ has [\d,]+ items, the source [\d,]+ when last counted/
    );
    expect(resolved[0]?.at).toEqual(invalid.resolvesAt);
  });

  it('reports the unmapped resource by email only, re-notifying daily while it stays unmapped', () => {
    // Prepare
    const unmapped = incident('unmapped-backup');

    // Act
    const opened = pagesOf(unmapped, 'opened');
    const renotified = pagesOf(unmapped, 're-notified');

    // Assess
    expect(unmapped).toMatchObject({
      service: 'unmapped',
      check: 'unmapped-resource',
    });
    expect(opened.map((p) => p.channel)).toEqual(['sns']);
    expect(renotified.length).toBeGreaterThan(0);
    expect(renotified.every((p) => p.channel === 'sns')).toBe(true);
    expect(pagesOf(unmapped, 'resolved')).toEqual([]);
  });

  it('finds every injected incident as expected and pages nothing else but its consequences', () => {
    // Prepare
    const checks = new Set(
      result.pages.flatMap((p) => p.checks.map((c) => `${p.service}/${c}`))
    );

    // Act
    const unexpected = result.outcomes.filter((o) => !o.asExpected);

    // Assess
    expect(unexpected).toEqual([]);
    // The missed window also runs past app-servers' 28 h RPO; the failed
    // script backup (its slot counted once, as failed) runs past
    // app-config's RPO; the missed Velero backup past eks-workloads' 8 h RPO.
    expect([...checks].sort()).toEqual([
      'app-config/backup-failed',
      'app-config/rpo-breached',
      'app-servers/backup-missed',
      'app-servers/rpo-breached',
      'assets/replication-failed',
      'carts/restore-failed',
      'eks-workloads/backup-missed',
      'eks-workloads/rpo-breached',
      'orders-db/backup-failed',
      'orders-db/rto-at-risk',
      'unmapped/unmapped-resource',
    ]);
  });

  it('pages the failed script backup at once and resolves it with the next success', () => {
    // Prepare
    const failed = incident('failed-script-backup');

    // Act
    const opened = pagesOf(failed, 'opened');
    const resolved = pagesOf(failed, 'resolved');

    // Assess
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((p) => p.at.getTime() === failed.at.getTime())).toBe(
      true
    );
    expect(opened[0]?.summary).toContain('AccessDeniedException');
    expect(resolved.map((p) => p.at)).toContain(failed.resolvesAt);
  });

  it('pages the missed Velero backup once its deadline passes and resolves it with the next one', () => {
    // Prepare
    const missed = incident('missed-velero-backup');

    // Act
    const opened = pagesOf(missed, 'opened');

    // Assess
    expect(opened.map((p) => p.at.getTime())).toEqual(
      opened.map(() => nextTick(missed.at, result.scenario.start))
    );
    expect(opened.length).toBeGreaterThan(0);
    expect(pagesOf(missed, 'resolved').length).toBeGreaterThan(0);
  });

  it('writes the events it replayed, manual restore tests and a DR drill among them', async () => {
    // Act
    const events = (await readFile(join(dir, 'events.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));

    // Assess
    const types = new Set(events.map((e) => e['detail-type'] ?? 'S3'));
    expect(types).toEqual(
      new Set([
        'Backup Job State Change',
        'Copy Job State Change',
        'Recovery Point State Change',
        'Restore Job State Change',
        'RDS DB Cluster Snapshot Event',
        'Backup Job Report',
        'Restore Report',
        'DR Drill Report',
        'S3',
      ])
    );
    const restores = events.filter(
      (e) => e['detail-type'] === 'Restore Report'
    );
    expect(restores.map((e) => e.detail.service)).toContain('catalog-db');
  });

  it('leaves events sentinel report scores every example service on', async () => {
    // Act
    const figures = await reportOnEvents('2026-11-16', NOW);

    // Assess
    expect(
      figures.services.map(
        (s: { service: string; score?: { score: number } }) => [
          s.service,
          typeof s.score?.score,
        ]
      )
    ).toEqual(
      figures.services.map((s: { service: string }) => [s.service, 'number'])
    );
    expect(figures.services).toHaveLength(11);
    expect(figures.reporting).toEqual({ services: 11, reporting: 11 });
    expect(figures.drills[0]).toMatchObject({
      scenario: 'region-failure-us-east-1-to-us-west-2',
      status: 'ok',
    });
    // Weekly restore tests, validated: the last validated one's result
    // and duration, and the one whose validation failed.
    const restoreTestOf = (id: string) =>
      figures.services.find((s: { service: string }) => s.service === id)
        .restoreTest;
    expect(restoreTestOf('orders-db').validated).toMatchObject({
      passed: true,
      durationMs: expect.any(Number),
      message: expect.stringMatching(
        /^validation passed: DB instance awsbackup-restore-test-\w+ is available at /
      ),
    });
    expect(restoreTestOf('carts')).toMatchObject({
      failed: 1,
      failedMessage: expect.stringMatching(/^validation failed: table /),
      validated: { passed: true },
    });
  });

  it("gives sentinel report on the events it wrote the demo's own scores", async () => {
    // Act: the week report.html covers, as of the simulation's end.
    const figures = await reportOnEvents(
      result.week.start.toISOString().slice(0, 10),
      result.scenario.end
    );

    // Assess: the same history read from a file, but for its incidents.
    const scores = (f: {
      score?: number;
      services: { service: string; score?: { score: number } }[];
    }) => [f.score, ...f.services.map((s) => [s.service, s.score?.score])];
    expect(scores(figures)).toEqual(scores(result.figures));
    expect(figures.alertsRecorded).toBe(false);
    expect(result.figures.alertsRecorded).toBe(true);
  });

  it('writes the runbook site, the weekly report and pages.jsonl', async () => {
    // Act
    const lines = (await readFile(join(dir, 'pages.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const report = await readFile(join(dir, 'report.html'), 'utf8');

    // Assess
    expect(existsSync(join(dir, 'runbook', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'runbook', 'services', 'orders-db.html'))).toBe(
      true
    );
    expect(report).toMatch(/^<!DOCTYPE html>/);
    expect(report).toContain('2026-W47');
    expect(lines).toHaveLength(result.pages.length);
    expect(lines[0]).toMatchObject({
      channel: expect.any(String),
      action: 'opened',
      request: expect.any(Object),
    });
  });

  it('prints the timeline and where the outputs are', () => {
    // Assess
    expect(stdout).toContain('Timeline of pages:');
    expect(stdout).toMatch(
      /OPENED\s+orders-db\s+backup-failed\s+pagerduty\+sns/
    );
    expect(stdout).toMatch(/RESOLVED\s+app-servers\s+backup-missed/);
    // Paths are printed relative to the working directory.
    expect(stdout).toContain(relative(ROOT, join(dir, 'pages.jsonl')));
    expect(result.evaluations).toBe(14 * 96 + 1);
  });
});
