import type { BackupJob } from '@aws-sdk/client-backup';
import {
  BackupClient,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListRecoveryPointsByResourceCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AuditClientFactory,
  AuditDeps,
} from '../../../src/audit/index.js';
import { runAudit } from '../../../src/monitor/index.js';
import {
  aBackupJob,
  aDbInstance,
  aDbSnapshot,
  aPlanOutput,
  aRecoveryPoint,
  aRestoreJob,
  aSelectionOutput,
  NOW,
  PLAN_ARN,
  PLAN_ID,
} from '../../helpers/auditResponses.js';
import {
  ACCOUNT,
  aRunbook,
  aService,
  DAY,
  HOUR,
  ORDERS_DB_ARN,
  REGION,
} from '../../helpers/builders.js';

const SINCE = new Date(NOW.getTime() - 30 * DAY);

const backupMock = mockClient(BackupClient);
const rdsMock = mockClient(RDSClient);

const factory: AuditClientFactory = (region) => ({
  backup: new BackupClient({ region }),
  rds: new RDSClient({ region }),
});

const deps = (overrides: Partial<AuditDeps> = {}): AuditDeps => ({
  runbook: aRunbook(),
  clientsFor: factory,
  regions: [REGION],
  ...overrides,
});

/** Serves one plan selecting `resources`, and `jobs` as the backup jobs. */
const serve = (
  jobs: BackupJob[],
  resources: string[] = [ORDERS_DB_ARN]
): void => {
  backupMock.on(ListBackupJobsCommand).resolves({ BackupJobs: jobs });
  backupMock.on(ListBackupPlansCommand).resolves({
    BackupPlansList: [{ BackupPlanId: PLAN_ID, BackupPlanArn: PLAN_ARN }],
  });
  backupMock.on(GetBackupPlanCommand).resolves(aPlanOutput());
  backupMock.on(ListBackupSelectionsCommand).resolves({
    BackupSelectionsList: [
      { SelectionId: 'selection-orders', BackupPlanId: PLAN_ID },
    ],
  });
  backupMock
    .on(GetBackupSelectionCommand)
    .resolves(aSelectionOutput(resources));
};

const DAILY = ['2026-02-28', '2026-03-01', '2026-03-02'];

describe('runAudit', () => {
  beforeEach(() => {
    backupMock.reset();
    rdsMock.reset();
    backupMock.onAnyCommand().resolves({});
    rdsMock.onAnyCommand().resolves({});
  });

  afterEach(() => {
    backupMock.reset();
    rdsMock.reset();
  });

  it('returns no findings and full figures for a service that kept its promises', async () => {
    // Prepare
    serve(DAILY.map((day) => aBackupJob(day)));

    // Act
    const result = await runAudit(deps(), SINCE, NOW);

    // Assess
    expect(result.findings).toEqual([]);
    expect(result.services).toEqual([
      {
        service: 'orders-db',
        tier: 'critical',
        resources: 1,
        succeeded: 3,
        failed: 0,
        lastBackupAt: new Date('2026-03-02T02:05:00Z'),
        lastBackupAgeMs: NOW.getTime() - Date.parse('2026-03-02T02:05:00Z'),
        rpoMs: 26 * HOUR,
        withinRpo: true,
      },
    ]);
    expect(result).toMatchObject({ regions: [REGION], events: 3, issues: [] });
  });

  it('reports a failed job and the RPO with the same checks as the monitor', async () => {
    // Prepare: today's backup failed, yesterday's (31 h old) is the newest.
    serve([
      aBackupJob('2026-02-28'),
      aBackupJob('2026-03-01'),
      aBackupJob('2026-03-02', {
        State: 'FAILED',
        StatusMessage: 'Insufficient privileges to perform this action.',
        CompletionDate: new Date('2026-03-02T02:10:00Z'),
      }),
    ]);

    // Act
    const result = await runAudit(deps(), SINCE, NOW);

    // Assess
    // The failed run is its slot's: failed, not also missed (issue 17).
    expect(result.findings.map((f) => [f.check, f.severity])).toEqual([
      ['backup-failed', 'critical'],
      ['rpo-breached', 'critical'],
    ]);
    expect(result.findings[0]?.summary).toContain(
      'Insufficient privileges to perform this action.'
    );
    expect(result.services[0]).toMatchObject({
      succeeded: 2,
      failed: 1,
      lastBackupAt: new Date('2026-03-01T02:05:00Z'),
      withinRpo: false,
    });
  });

  it('holds a runbook resource with no backup in the period to its RPO from the period start', async () => {
    // Prepare
    serve([]);

    // Act
    const result = await runAudit(deps(), SINCE, NOW);

    // Assess
    expect(result.findings.map((f) => f.check)).toEqual([
      'backup-missed',
      'rpo-breached',
    ]);
    expect(result.findings[1]?.detail).toMatchObject({
      firstSeenAt: SINCE.toISOString(),
    });
    expect(result.services[0]).toMatchObject({
      lastBackupAt: null,
      lastBackupAgeMs: null,
      withinRpo: false,
    });
  });

  it('counts the RPO from a recovery point older than the period', async () => {
    // Prepare: no job in 30 days; the newest snapshot is from mid-January.
    serve([]);
    backupMock.on(ListRecoveryPointsByResourceCommand).resolves({
      RecoveryPoints: [
        aRecoveryPoint('2026-01-14'),
        aRecoveryPoint('2026-01-15'),
        aRecoveryPoint('2026-01-16', { Status: 'PARTIAL' }),
      ],
    });

    // Act
    const result = await runAudit(deps(), SINCE, NOW);

    // Assess
    const rpo = result.findings.find((f) => f.check === 'rpo-breached');
    expect(rpo?.summary).toContain('no backup since 2026-01-15 02:05 UTC');
    expect(rpo?.detail).toMatchObject({
      lastBackupCreatedAt: '2026-01-15T02:05:00.000Z',
    });
    expect(result.services[0]).toMatchObject({
      lastBackupAt: new Date('2026-01-15T02:05:00Z'),
      withinRpo: false,
    });
    expect(
      backupMock
        .commandCalls(ListRecoveryPointsByResourceCommand)
        .map((c) => c.args[0].input.ResourceArn)
    ).toEqual([ORDERS_DB_ARN]);
  });

  it('reads no recovery points for a resource with a completed job in the period', async () => {
    // Prepare
    serve(DAILY.map((day) => aBackupJob(day)));

    // Act
    await runAudit(deps(), SINCE, NOW);

    // Assess
    expect(
      backupMock.commandCalls(ListRecoveryPointsByResourceCommand)
    ).toHaveLength(0);
  });

  it('reports a resource a plan backs up but no service claims once', async () => {
    // Prepare
    const carts = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/carts`;
    serve(
      [
        ...DAILY.map((day) => aBackupJob(day)),
        aBackupJob('2026-03-02', {
          BackupJobId: 'carts-job',
          ResourceArn: carts,
          ResourceType: 'DynamoDB',
        }),
      ],
      [ORDERS_DB_ARN, carts]
    );

    // Act
    const result = await runAudit(deps(), SINCE, NOW);

    // Assess
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      service: 'unmapped',
      resource: carts,
      check: 'unmapped-resource',
    });
  });

  it('adds drift findings after the checks, most severe first', async () => {
    // Prepare
    serve(DAILY.map((day) => aBackupJob(day)));
    backupMock.on(GetBackupPlanCommand).resolves(
      aPlanOutput([
        {
          RuleName: 'DailyBackups',
          TargetBackupVaultName: 'Default',
          ScheduleExpression: 'cron(0 2 ? * * *)',
          StartWindowMinutes: 60,
          CompletionWindowMinutes: 120,
          Lifecycle: { DeleteAfterDays: 7 },
        },
      ])
    );
    const runbook = aRunbook({
      services: [
        aService(),
        aService({
          id: 'billing-db',
          tier: 'standard',
          resources: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:billing`],
          backup: { automation: 'rds-automated', retentionMs: 7 * DAY },
        }),
      ],
    });
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [aDbInstance('billing', { BackupRetentionPeriod: 0 })],
    });
    rdsMock.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [aDbSnapshot('billing', '2026-03-02')],
    });

    // Act
    const result = await runAudit(deps({ runbook }), SINCE, NOW);

    // Assess
    expect(
      result.findings.map((f) => [
        f.service,
        f.check,
        f.severity,
        f.detail.aspect,
      ])
    ).toEqual([
      ['orders-db', 'config-drift', 'critical', 'retention'],
      ['billing-db', 'config-drift', 'warning', 'automated-backups-disabled'],
    ]);
    expect(result.services[1]).toMatchObject({
      service: 'billing-db',
      succeeded: 1,
      lastBackupAt: new Date('2026-03-02T03:10:00Z'),
    });
  });

  it('attributes a restore that names only its recovery point to the backed-up resource', async () => {
    // Prepare: a restore test required every 7 days, done 3 days ago.
    serve(DAILY.map((day) => aBackupJob(day)));
    backupMock.on(ListRestoreJobsCommand).resolves({
      RestoreJobs: [
        aRestoreJob('2026-02-28', {
          SourceResourceArn: undefined,
          CompletionDate: new Date('2026-02-28T12:00:00Z'),
        }),
      ],
    });
    const runbook = aRunbook({
      services: [aService({ recovery: { restoreTestMs: 7 * DAY } })],
    });

    // Act
    const result = await runAudit(deps({ runbook }), SINCE, NOW);

    // Assess: the 8-hour restore is slower than the 4-hour RTO, which only
    // an attributed restore can show.
    expect(result.findings.map((f) => [f.check, f.resource])).toEqual([
      ['rto-at-risk', ORDERS_DB_ARN],
    ]);
  });

  it('reads every region once, in order', async () => {
    // Prepare
    const regions: string[] = [];
    const clientsFor: AuditClientFactory = (region) => {
      regions.push(region);
      return factory(region);
    };
    serve(DAILY.map((day) => aBackupJob(day)));

    // Act
    const result = await runAudit(
      deps({ clientsFor, regions: [REGION, 'eu-central-1', REGION] }),
      SINCE,
      NOW
    );

    // Assess
    expect(regions).toEqual([REGION, 'eu-central-1']);
    expect(result.regions).toEqual([REGION, 'eu-central-1']);
  });

  it('keeps items it cannot convert as issues and audits the rest', async () => {
    // Prepare
    serve([
      ...DAILY.map((day) => aBackupJob(day)),
      aBackupJob('2026-03-02', {
        BackupJobId: 'odd',
        State: 'MELTED' as 'FAILED',
      }),
    ]);

    // Act
    const result = await runAudit(deps(), SINCE, NOW);

    // Assess
    expect(result.issues).toEqual([
      {
        region: REGION,
        path: 'BackupJobs.3.State',
        message: "unknown value 'MELTED'",
      },
    ]);
    expect(result.findings).toEqual([]);
  });
});
