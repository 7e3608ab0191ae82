import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoScenario } from '../../../demo/index.js';
import { generateDemo } from '../../../demo/index.js';
import { normalise } from '../../../src/events/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import {
  loadRunbook,
  type Runbook,
  readRunbookDir,
} from '../../../src/runbook/index.js';
import { dueTimesBetween } from '../../../src/schedule/index.js';
import { matchesPattern } from '../../helpers/eventPattern.js';

// A Monday 00:00 UTC, as runDemo starts a period.
const START = new Date('2026-10-05T00:00:00.000Z');
const DAY_MS = 86_400_000;

const RULES_DIR = new URL('../../../rules/', import.meta.url);
const RULES = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, RULES_DIR), 'utf8')));

let runbook: Runbook;

beforeAll(async () => {
  const files = await readRunbookDir(
    new URL('../../../runbook', import.meta.url).pathname
  );
  const loaded = loadRunbook(files).runbook;
  if (loaded === undefined) throw new Error('the example runbook must load');
  runbook = loaded;
});

/** Every raw input of a scenario: envelopes, and the bodies inside SQS batches. */
const rawInputs = (scenario: DemoScenario): unknown[] =>
  scenario.deliveries.flatMap((d) =>
    d.kind === 'sqs'
      ? (d.event as { Records: { body: string }[] }).Records.map((r) =>
          JSON.parse(r.body)
        )
      : [d.event]
  );

const normalised = (scenario: DemoScenario): BackupEvent[] =>
  rawInputs(scenario).flatMap((raw) => {
    const result = normalise(raw);
    return result.ok ? result.value : [];
  });

const serviceById = (id: string) => {
  const service = runbook.services.find((s) => s.id === id);
  if (service === undefined) throw new Error(`no service ${id}`);
  return service;
};

describe('generateDemo', () => {
  it('produces inputs that all normalise without a rejection', () => {
    // Prepare
    const scenario = generateDemo(runbook, { days: 30, seed: 1 }, START);

    // Act
    const results = rawInputs(scenario).map((raw) => normalise(raw));

    // Assess
    expect(results.length).toBeGreaterThan(500);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('produces only EventBridge events that a rule in rules/ matches', () => {
    // Prepare
    const scenario = generateDemo(runbook, { days: 14, seed: 2 }, START);

    // Act
    const unmatched = scenario.deliveries
      .filter((d) => d.kind === 'eventbridge')
      .filter((d) => !RULES.some((rule) => matchesPattern(rule, d.event)));

    // Assess
    expect(unmatched).toEqual([]);
  });

  it('delivers inputs in time order, within the period', () => {
    // Prepare
    const scenario = generateDemo(runbook, { days: 14, seed: 3 }, START);

    // Act
    const times = scenario.deliveries.map((d) => d.at.getTime());

    // Assess
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(START.getTime());
    expect(times.at(-1)).toBeLessThan(START.getTime() + 14 * DAY_MS);
  });

  it('backs up every resource at each due time of its own schedule', () => {
    // Prepare
    const scenario = generateDemo(runbook, { days: 30, seed: 4 }, START);
    const events = normalised(scenario);
    const missed = scenario.incidents.find(
      (i) => i.kind === 'missed-backup-window'
    );

    // Act
    const gaps = scenario.resources
      .filter((r) => r.automation !== 's3-replication')
      .flatMap((resource) => {
        const { backup, timezone } = serviceById(resource.service);
        const starts = events
          .filter(
            (e) =>
              e.resourceArn === resource.arn &&
              (e.state === 'started' || e.startedAt !== undefined) &&
              (e.kind === 'backup' || e.kind === 'snapshot')
          )
          .map((e) => (e.startedAt ?? e.occurredAt).getTime());
        return dueTimesBetween(
          backup.schedule,
          timezone,
          scenario.start,
          scenario.end
        )
          .filter(
            (due) =>
              !starts.some(
                (t) =>
                  t >= due.getTime() && t < due.getTime() + backup.startWindowMs
              )
          )
          .map((due) => ({ resource: resource.arn, due: due.toISOString() }));
      });

    // Assess
    expect(missed).toBeDefined();
    // Only the injected missed window and missed Velero backup go without a job.
    const velero = scenario.incidents.find(
      (i) => i.kind === 'missed-velero-backup'
    );
    expect(gaps.map((g) => g.resource).sort()).toEqual(
      [missed?.resourceArn, velero?.resourceArn].sort()
    );
  });

  it('has the services backed up by scripts, Velero or hand report every resource they list', () => {
    // Prepare
    const reporting = runbook.services.filter((s) =>
      ['script', 'velero', 'manual'].includes(s.backup.automation)
    );

    // Act
    const scenario = generateDemo(runbook, { days: 14, seed: 5 }, START);
    const reported = new Set(
      normalised(scenario)
        .filter((e) => e.source === 'backup-sentinel' && e.kind === 'backup')
        .map((e) => e.resourceArn)
    );

    // Assess
    expect(reporting.length).toBeGreaterThan(0);
    expect([...reported].sort()).toEqual(
      reporting.flatMap((s) => s.resources).sort()
    );
  });

  it('copies each recovery point to every runbook destination within the completion window', () => {
    // Prepare
    const scenario = generateDemo(runbook, { days: 14, seed: 6 }, START);
    const events = normalised(scenario);

    // Act
    const uncopied = events
      .filter((e) => e.kind === 'backup' && e.state === 'completed')
      .filter((backup) => {
        const service = runbook.services.find((s) =>
          scenario.resources.some(
            (r) => r.arn === backup.resourceArn && r.service === s.id
          )
        );
        if (service === undefined || service.backup.copies.length === 0) {
          return false;
        }
        const deadline =
          backup.occurredAt.getTime() + service.backup.completionWindowMs;
        if (deadline >= scenario.end.getTime()) return false;
        return !service.backup.copies.every((expected) =>
          events.some(
            (copy) =>
              copy.kind === 'copy' &&
              copy.state === 'completed' &&
              copy.recoveryPointArn === backup.recoveryPointArn &&
              copy.destinationVaultArn?.split(':')[3] === expected.region &&
              copy.occurredAt.getTime() <= deadline
          )
        );
      });

    // Assess
    expect(uncopied).toEqual([]);
  });

  it('tests restores at least once per restoreTest period where the runbook asks', () => {
    // Prepare
    const scenario = generateDemo(runbook, { days: 60, seed: 7 }, START);
    const restores = normalised(scenario).filter(
      (e) => e.kind === 'restore' && e.state === 'completed'
    );

    // Act
    const overdue = scenario.resources
      .filter((r) => r.automation === 'aws-backup')
      .filter(
        (r) => serviceById(r.service).recovery.restoreTestMs !== undefined
      )
      .filter((r) => {
        const periodMs = serviceById(r.service).recovery.restoreTestMs ?? 0;
        const times = [
          scenario.start.getTime(),
          ...restores
            .filter((e) => e.resourceArn === r.arn)
            .map((e) => e.occurredAt.getTime()),
          scenario.end.getTime(),
        ].sort((a, b) => a - b);
        return times.some(
          (t, i) => i > 0 && t - (times[i - 1] ?? t) > periodMs
        );
      });

    // Assess
    expect(restores.length).toBeGreaterThan(0);
    expect(overdue).toEqual([]);
  });

  it('injects each incident once, in order, with the evidence that ends it', () => {
    // Prepare
    const days = 30;

    // Act
    const scenario = generateDemo(runbook, { days, seed: 8 }, START);

    // Assess
    expect(scenario.skipped).toEqual([]);
    expect(scenario.incidents.map((i) => [i.kind, i.check, i.service])).toEqual(
      [
        ['failed-rds-backup', 'backup-failed', 'orders-db'],
        ['failed-script-backup', 'backup-failed', 'app-config'],
        ['missed-backup-window', 'backup-missed', 'app-servers'],
        ['missed-velero-backup', 'backup-missed', 'eks-workloads'],
        ['failed-restore-validation', 'restore-failed', 'carts'],
        ['replication-failure', 'replication-failed', 'assets'],
        ['slow-restore-test', 'rto-at-risk', 'orders-db'],
        ['unmapped-backup', 'unmapped-resource', 'unmapped'],
      ]
    );
    for (const incident of scenario.incidents) {
      expect(incident.at.getTime()).toBeGreaterThan(START.getTime());
      if (incident.resolvesAt !== undefined) {
        expect(incident.resolvesAt.getTime()).toBeGreaterThan(
          incident.at.getTime()
        );
      }
    }
    expect(
      scenario.incidents.filter((i) => i.resolvesAt === undefined)
    ).toHaveLength(1);
  });

  it('writes the failure, the slow restore and the S3 failure as AWS reports them', () => {
    // Prepare
    const scenario = generateDemo(runbook, { days: 14, seed: 9 }, START);
    const events = normalised(scenario);
    const rto = serviceById('orders-db').recovery.rtoMs;

    // Act
    const failed = events.filter(
      (e) =>
        e.kind === 'backup' && e.state === 'failed' && e.source === 'aws.backup'
    );
    const slow = events.filter(
      (e) =>
        e.kind === 'restore' &&
        e.source === 'aws.backup' &&
        e.resourceArn === serviceById('orders-db').resources[0] &&
        e.restoreTest === true &&
        e.startedAt !== undefined &&
        e.occurredAt.getTime() - e.startedAt.getTime() > rto
    );
    const replication = events.filter(
      (e) => e.kind === 'replication' && e.state === 'failed'
    );

    // Assess
    expect(failed).toMatchObject([
      {
        resourceType: 'RDS',
        resourceArn: serviceById('orders-db').resources[0],
      },
    ]);
    expect(slow).toHaveLength(1);
    expect(replication).toHaveLength(3);
    expect(new Set(replication.map((e) => e.failureReason))).toEqual(
      new Set(['DstPutObjectNotPermitted'])
    );
    // The failures, then the same objects reported replicated: the evidence.
    expect(scenario.deliveries.filter((d) => d.kind === 'sqs')).toHaveLength(2);
    expect(
      events
        .filter((e) => e.kind === 'replication' && e.state === 'completed')
        .map((e) => e.jobId)
        .sort()
    ).toEqual(replication.map((e) => e.jobId).sort());
  });

  it('fails an RDS automated snapshot when no RDS resource is under AWS Backup, once per due time', () => {
    // Prepare
    const rdsOnly: Runbook = {
      ...runbook,
      services: runbook.services.map((s) =>
        s.id === 'orders-db'
          ? { ...s, backup: { ...s.backup, automation: 'rds-automated' } }
          : s
      ),
    };

    // Act
    const scenario = generateDemo(rdsOnly, { days: 14, seed: 10 }, START);
    const failed = scenario.incidents.find(
      (i) => i.kind === 'failed-rds-backup'
    );
    const snapshots = normalised(scenario).filter(
      (e) => e.kind === 'snapshot' && e.resourceArn === failed?.resourceArn
    );
    const started = snapshots.filter((e) => e.state === 'started');
    const completed = snapshots.filter((e) => e.state === 'completed');

    // Assess
    expect(failed).toMatchObject({ check: 'backup-failed' });
    expect(failed?.resolvesAt).toBeDefined();
    // One snapshot per daily due time; exactly one never completes.
    expect(started).toHaveLength(14);
    expect(completed).toHaveLength(13);
  });

  it('returns the same scenario for the same seed and another for another seed', () => {
    // Prepare
    const options = { days: 14, seed: 42 };

    // Act
    const first = generateDemo(runbook, options, START);
    const again = generateDemo(runbook, options, START);
    const other = generateDemo(runbook, { ...options, seed: 43 }, START);

    // Assess
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(first));
  });

  it.each([6, 367, 7.5])('rejects %s days', (days) => {
    // Act
    const act = () => generateDemo(runbook, { days, seed: 1 }, START);

    // Assess
    expect(act).toThrow(RangeError);
  });
});
