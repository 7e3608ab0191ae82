import { resolve } from 'node:path';
import {
  BackupClient,
  BackupServiceException,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
} from '@aws-sdk/client-backup';
import { RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_POLICY } from '../../../src/audit/index.js';
import { EXIT_CODES, run } from '../../../src/cli/index.js';
import {
  aBackupJob,
  aPlanOutput,
  aRule,
  aSelectionOutput,
  PLAN_ARN,
  PLAN_ID,
} from '../../helpers/auditResponses.js';
import { captureIo } from '../../helpers/captureIo.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/audit');

// The CLI builds real SDK clients; mocking the classes answers every
// instance's send() before credentials are ever resolved.
const backupMock = mockClient(BackupClient);
const rdsMock = mockClient(RDSClient);

const DAILY = ['2026-02-28', '2026-03-01', '2026-03-02'];

const serve = (jobs = DAILY.map((day) => aBackupJob(day))): void => {
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
  backupMock.on(GetBackupSelectionCommand).resolves(aSelectionOutput());
};

const audit = (...args: string[]) => {
  const capture = captureIo(FIXTURES);
  const code = run(['audit', '--runbook', 'runbook', ...args], capture.io);
  return { capture, code };
};

/** As {@link audit}, on a process that reports `nodeVersion`. */
const auditOn = (nodeVersion: string) => {
  const capture = captureIo(FIXTURES);
  const code = run(['audit', '--runbook', 'runbook'], {
    ...capture.io,
    nodeVersion,
  });
  return { capture, code };
};

describe('registerAudit', () => {
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

  it('prints no findings and the service figures, and exits 0', async () => {
    // Prepare
    serve();

    // Act
    const { capture, code } = audit('--since', '30d');

    // Assess
    expect(await code).toBe(EXIT_CODES.ok);
    expect(capture.stdout()).toBe(
      [
        'no open findings',
        '',
        'SERVICE    TIER      RESOURCES  SUCCEEDED  FAILED  LAST BACKUP           AGE         RPO   WITHIN RPO',
        'orders-db  critical  1          3          0       2026-03-02 02:05 UTC  6 h 55 min  27 h  yes',
        '',
      ].join('\n')
    );
    expect(capture.stderr()).toBe(
      'audited eu-west-1 since 2026-01-31 09:00 UTC: 3 events, 0 open findings\n'
    );
  });

  it('prints the findings as an aligned table and exits 1', async () => {
    // Prepare
    serve([
      aBackupJob('2026-03-01'),
      aBackupJob('2026-03-02', {
        State: 'FAILED',
        StatusMessage: 'Insufficient privileges to perform this action.',
        CompletionDate: new Date('2026-03-02T02:10:00Z'),
      }),
    ]);

    // Act
    const { capture, code } = audit();

    // Assess
    expect(await code).toBe(EXIT_CODES.problems);
    const lines = capture.stdout().split('\n');
    expect(lines[0]).toBe(
      'SERVICE    RESOURCE     CHECK          SEVERITY  SUMMARY'
    );
    expect(lines[1]).toMatch(
      /^orders-db {2}orders-prod {2}backup-failed {2}critical {2}orders-db \(orders-prod\): .*Insufficient privileges/
    );
    // The failed run is its slot's: failed, not also missed (issue 17).
    expect(lines[2]).toMatch(
      /^orders-db {2}orders-prod {2}rpo-breached {3}critical {2}.*30 h 55 min, 3 h 55 min over the 27 h RPO/
    );
    expect(capture.stdout()).toContain(
      'orders-db  critical  1          1          1       2026-03-01 02:05 UTC  30 h 55 min  27 h  NO'
    );
  });

  it('notes an old Node once, in one line, before anything else', async () => {
    // Prepare
    serve();

    // Act
    const old = auditOn('v20.20.2');
    const current = auditOn('v22.11.0');
    await Promise.all([old.code, current.code]);

    // Assess
    const lines = old.capture.stderr().split('\n');
    expect(lines[0]).toMatch(/^sentinel: note: .*Node 22 or later.*v20\.20\.2/);
    expect(lines.filter((l) => l.includes('Node 22'))).toHaveLength(1);
    expect(current.capture.stderr()).not.toContain('Node 22');
  });

  it('names a drifting plan by its name in the resource column', async () => {
    // Prepare
    serve();
    backupMock
      .on(GetBackupPlanCommand)
      .resolves(aPlanOutput([aRule({ Lifecycle: { DeleteAfterDays: 7 } })]));

    // Act
    const { capture, code } = audit();

    // Assess
    expect(await code).toBe(EXIT_CODES.problems);
    expect(capture.stdout().split('\n')[1]).toBe(
      "orders-db  plan orders-daily  config-drift  critical  orders-db: backup plan 'orders-daily' rule 'DailyBackups' keeps recovery points for 7 d, the runbook says 35 d"
    );
  });

  it('prints {findings, services, restoreTesting} with --json', async () => {
    // Prepare
    serve([aBackupJob('2026-03-01')]);

    // Act
    const { capture, code } = audit('--json');

    // Assess
    expect(await code).toBe(EXIT_CODES.problems);
    const printed = JSON.parse(capture.stdout());
    expect(Object.keys(printed)).toEqual([
      'findings',
      'services',
      'restoreTesting',
    ]);
    expect(printed.findings.map((f: { check: string }) => f.check)).toEqual([
      'backup-missed',
      'rpo-breached',
    ]);
    expect(printed.services[0]).toMatchObject({
      service: 'orders-db',
      succeeded: 1,
      lastBackupAt: '2026-03-01T02:05:00.000Z',
      withinRpo: false,
    });
  });

  it("reads the regions of the runbook's ARNs by default", async () => {
    // Prepare
    serve();

    // Act
    const { code } = audit();

    // Assess
    expect(await code).toBe(EXIT_CODES.ok);
    const regions = await Promise.all(
      backupMock
        .calls()
        .map((c) => (c.thisValue as BackupClient).config.region())
    );
    expect(new Set(regions)).toEqual(new Set(['eu-west-1']));
  });

  it('reads each --region given', async () => {
    // Prepare
    serve();

    // Act
    const { capture, code } = audit(
      '--region',
      'eu-west-1',
      '--region',
      'eu-central-1'
    );

    // Assess
    expect(await code).toBe(EXIT_CODES.ok);
    const regions = await Promise.all(
      backupMock
        .commandCalls(ListBackupJobsCommand)
        .map((c) => (c.thisValue as BackupClient).config.region())
    );
    expect(regions).toEqual(['eu-west-1', 'eu-central-1']);
    expect(capture.stderr()).toContain('audited eu-west-1, eu-central-1');
  });

  it('names the missing permission, prints the IAM policy and exits 2 on AccessDenied', async () => {
    // Prepare
    serve();
    backupMock.on(GetBackupPlanCommand).rejects(
      new BackupServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'not authorized to perform: backup:GetBackupPlan',
      })
    );

    // Act
    const { capture, code } = audit();

    // Assess
    expect(await code).toBe(EXIT_CODES.usage);
    const stderr = capture.stderr();
    expect(stderr).toContain(
      'sentinel: access denied: the credentials lack the permission backup:GetBackupPlan in eu-west-1'
    );
    const policy = stderr.slice(stderr.indexOf('{'));
    expect(JSON.parse(policy)).toEqual(AUDIT_POLICY);
    expect(capture.stdout()).toBe('');
  });

  it('says how to configure credentials when there are none, and exits 2', async () => {
    // Prepare
    backupMock.on(ListBackupJobsCommand).rejects(
      Object.assign(
        new Error('Could not load credentials from any providers'),
        {
          name: 'CredentialsProviderError',
        }
      )
    );

    // Act
    const { capture, code } = audit('--profile', 'prod');

    // Assess
    expect(await code).toBe(EXIT_CODES.usage);
    expect(capture.stderr()).toMatch(
      /^sentinel: no AWS credentials found \(Could not load credentials from any providers\)\. Configure them with 'aws configure'/
    );
  });

  it('says to log in again when the token has expired, and exits 2', async () => {
    // Prepare
    backupMock.on(ListBackupJobsCommand).rejects(
      new BackupServiceException({
        name: 'ExpiredTokenException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'The security token included in the request is expired',
      })
    );

    // Act
    const { capture, code } = audit();

    // Assess
    expect(await code).toBe(EXIT_CODES.usage);
    expect(capture.stderr()).toContain('aws sso login');
  });

  it.each([
    [
      ['--since', 'a month'],
      "--since must be a duration such as 30d, 12h or 2w; got 'a month'",
    ],
    [
      ['--region', 'west'],
      "--region must be an AWS region such as eu-west-1; got 'west'",
    ],
  ])('rejects %j with exit 2', async (args, message) => {
    // Act
    const { capture, code } = audit(...args);

    // Assess
    expect(await code).toBe(EXIT_CODES.usage);
    expect(capture.stderr()).toBe(`sentinel: ${message}\n`);
    expect(backupMock.calls()).toHaveLength(0);
  });

  it('notes that AWS Backup lists 30 days of jobs when --since reaches further', async () => {
    // Prepare
    serve();

    // Act
    const { capture, code } = audit('--since', '90d');

    // Assess
    expect(await code).toBe(EXIT_CODES.ok);
    expect(capture.stderr()).toContain(
      'note: AWS Backup lists jobs of the last 30 days only'
    );
  });
});
