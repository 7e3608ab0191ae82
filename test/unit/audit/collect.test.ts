import {
  BackupClient,
  BackupServiceException,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByResourceCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import {
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RDSServiceException,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditAccessDeniedError,
  type AuditClients,
  AuditCredentialsError,
  AuditError,
  classify,
  collectRegion,
} from '../../../src/audit/index.js';
import {
  aBackupJob,
  aCopyJob,
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
import { DAY, REGION } from '../../helpers/builders.js';

const SINCE = new Date(NOW.getTime() - 30 * DAY);

const backupMock = mockClient(BackupClient);
const rdsMock = mockClient(RDSClient);

const clients = (): AuditClients => ({
  backup: new BackupClient({ region: REGION }),
  rds: new RDSClient({ region: REGION }),
});

/** Every list answers one empty page unless a test says otherwise. */
const answerEmpty = (): void => {
  backupMock.onAnyCommand().resolves({});
  rdsMock.onAnyCommand().resolves({});
};

describe('collectRegion', () => {
  beforeEach(() => {
    backupMock.reset();
    rdsMock.reset();
    answerEmpty();
  });

  afterEach(() => {
    backupMock.reset();
    rdsMock.reset();
  });

  it('follows NextToken across pages of backup, copy and restore jobs', async () => {
    // Prepare: pages served by token, inputs recorded as sent (the SDK's
    // paginator reuses one input object).
    const sent: Record<string, unknown[]> = {
      jobs: [],
      copies: [],
      restores: [],
    };
    const byToken =
      <T>(log: unknown[], pages: Record<string, T>) =>
      (input: { NextToken?: string }): T => {
        log.push({ ...input });
        return pages[input.NextToken ?? 'first'] as T;
      };
    backupMock.on(ListBackupJobsCommand).callsFake(
      byToken(sent.jobs!, {
        first: { BackupJobs: [aBackupJob('2026-02-28')], NextToken: 'jobs-2' },
        'jobs-2': {
          BackupJobs: [aBackupJob('2026-03-01')],
          NextToken: 'jobs-3',
        },
        'jobs-3': { BackupJobs: [aBackupJob('2026-03-02')] },
      })
    );
    backupMock.on(ListCopyJobsCommand).callsFake(
      byToken(sent.copies!, {
        first: { CopyJobs: [aCopyJob('2026-02-28')], NextToken: 'c-2' },
        'c-2': { CopyJobs: [aCopyJob('2026-03-01')] },
      })
    );
    backupMock.on(ListRestoreJobsCommand).callsFake(
      byToken(sent.restores!, {
        first: { RestoreJobs: [aRestoreJob('2026-02-20')], NextToken: 'r-2' },
        'r-2': { RestoreJobs: [aRestoreJob('2026-02-27')] },
      })
    );

    // Act
    const inventory = await collectRegion(clients(), REGION, SINCE);

    // Assess
    expect(inventory.backupJobs.map((j) => j.BackupJobId)).toEqual([
      'job-2026-02-28',
      'job-2026-03-01',
      'job-2026-03-02',
    ]);
    expect(inventory.copyJobs).toHaveLength(2);
    expect(inventory.restoreJobs).toHaveLength(2);
    expect(sent.jobs).toMatchObject([
      { ByCreatedAfter: SINCE, NextToken: undefined },
      { ByCreatedAfter: SINCE, NextToken: 'jobs-2' },
      { ByCreatedAfter: SINCE, NextToken: 'jobs-3' },
    ]);
    expect(sent.copies).toMatchObject([
      { ByCreatedAfter: SINCE, NextToken: undefined },
      { ByCreatedAfter: SINCE, NextToken: 'c-2' },
    ]);
    expect(sent.restores).toMatchObject([
      { ByCreatedAfter: SINCE, NextToken: undefined },
      { ByCreatedAfter: SINCE, NextToken: 'r-2' },
    ]);
  });

  it('reads every page of recovery points of the watched resources with no completed job', async () => {
    // Prepare: orders-db has a completed job; billing only a failed one.
    const billing = 'arn:aws:rds:eu-west-1:111122223333:db:billing';
    backupMock.on(ListBackupJobsCommand).resolves({
      BackupJobs: [
        aBackupJob('2026-03-01'),
        aBackupJob('2026-03-01', {
          BackupJobId: 'job-billing',
          ResourceArn: billing,
          State: 'FAILED',
        }),
      ],
    });
    const tokens: (string | undefined)[] = [];
    backupMock.on(ListRecoveryPointsByResourceCommand).callsFake((input) => {
      tokens.push(input.NextToken);
      return input.NextToken === undefined
        ? { RecoveryPoints: [aRecoveryPoint('2026-01-10')], NextToken: 'rp-2' }
        : { RecoveryPoints: [aRecoveryPoint('2026-01-11')] };
    });

    // Act
    const inventory = await collectRegion(clients(), REGION, SINCE, [
      'arn:aws:rds:eu-west-1:111122223333:db:orders-prod',
      billing,
    ]);

    // Assess
    expect(inventory.recoveryPoints).toEqual([
      {
        resourceArn: billing,
        points: [aRecoveryPoint('2026-01-10'), aRecoveryPoint('2026-01-11')],
      },
    ]);
    expect(tokens).toEqual([undefined, 'rp-2']);
    expect(
      backupMock
        .commandCalls(ListRecoveryPointsByResourceCommand)
        .map((c) => c.args[0].input.ResourceArn)
    ).toEqual([billing, billing]);
  });

  it('follows Marker across pages of RDS snapshots and instances', async () => {
    // Prepare
    const markers: (string | undefined)[] = [];
    rdsMock.on(DescribeDBSnapshotsCommand).callsFake((input) => {
      markers.push(input.Marker);
      return input.Marker === undefined
        ? {
            DBSnapshots: [aDbSnapshot('orders-prod', '2026-03-01')],
            Marker: 'snap-2',
          }
        : { DBSnapshots: [aDbSnapshot('orders-prod', '2026-03-02')] };
    });
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [aDbInstance('orders-prod')],
        Marker: 'i-2',
      })
      .resolvesOnce({ DBInstances: [aDbInstance('billing')] });

    // Act
    const inventory = await collectRegion(clients(), REGION, SINCE);

    // Assess
    expect(inventory.dbSnapshots).toHaveLength(2);
    expect(inventory.dbInstances.map((i) => i.DBInstanceIdentifier)).toEqual([
      'orders-prod',
      'billing',
    ]);
    expect(markers).toEqual([undefined, 'snap-2']);
  });

  it('reads each plan with the resources of every selection', async () => {
    // Prepare
    backupMock
      .on(ListBackupPlansCommand)
      .resolvesOnce({
        BackupPlansList: [
          {
            BackupPlanId: PLAN_ID,
            BackupPlanArn: PLAN_ARN,
            BackupPlanName: 'orders-daily',
          },
        ],
        NextToken: 'plans-2',
      })
      .resolvesOnce({ BackupPlansList: [] });
    backupMock.on(GetBackupPlanCommand).resolves(aPlanOutput());
    backupMock
      .on(ListBackupSelectionsCommand)
      .resolvesOnce({
        BackupSelectionsList: [
          {
            SelectionId: 'selection-orders',
            SelectionName: 'orders-resources',
            BackupPlanId: PLAN_ID,
          },
        ],
        NextToken: 'sel-2',
      })
      .resolvesOnce({
        BackupSelectionsList: [
          {
            SelectionId: 'selection-more',
            SelectionName: 'more',
            BackupPlanId: PLAN_ID,
          },
        ],
      });
    backupMock
      .on(GetBackupSelectionCommand, { SelectionId: 'selection-orders' })
      .resolves(aSelectionOutput())
      .on(GetBackupSelectionCommand, { SelectionId: 'selection-more' })
      .resolves(
        aSelectionOutput(['arn:aws:rds:eu-west-1:111122223333:db:billing'])
      );

    // Act
    const inventory = await collectRegion(clients(), REGION, SINCE);

    // Assess
    expect(inventory.plans).toHaveLength(1);
    expect(inventory.plans[0]).toMatchObject({
      planId: PLAN_ID,
      planArn: PLAN_ARN,
      plan: { BackupPlanName: 'orders-daily' },
    });
    expect(
      inventory.plans[0]?.selections.map((s) => s.selection.Resources)
    ).toEqual([
      ['arn:aws:rds:eu-west-1:111122223333:db:orders-prod'],
      ['arn:aws:rds:eu-west-1:111122223333:db:billing'],
    ]);
    expect(
      backupMock.commandCalls(GetBackupPlanCommand)[0]?.args[0].input
    ).toEqual({ BackupPlanId: PLAN_ID });
  });

  it('sends only read-only commands', async () => {
    // Act
    await collectRegion(clients(), REGION, SINCE);

    // Assess
    const names = [...backupMock.calls(), ...rdsMock.calls()].map(
      (c) => (c.args[0] as object).constructor.name
    );
    expect(names.every((n) => /^(List|Get|Describe)/.test(n))).toBe(true);
    expect(
      rdsMock.commandCalls(DescribeDBClusterSnapshotsCommand)
    ).toHaveLength(1);
    expect(rdsMock.commandCalls(DescribeDBClustersCommand)).toHaveLength(1);
  });

  it('throws AuditCredentialsError (missing) when no credentials can be found', async () => {
    // Prepare
    const error = Object.assign(
      new Error('Could not load credentials from any providers'),
      { name: 'CredentialsProviderError' }
    );
    backupMock.on(ListBackupJobsCommand).rejects(error);

    // Act
    const collecting = collectRegion(clients(), REGION, SINCE);

    // Assess
    await expect(collecting).rejects.toThrow(AuditCredentialsError);
    await expect(collecting).rejects.toMatchObject({
      reason: 'missing',
      message: expect.stringContaining("'aws configure'"),
      cause: error,
    });
    expect(backupMock.commandCalls(ListCopyJobsCommand)).toHaveLength(0);
  });

  it('throws AuditCredentialsError (expired) for an expired session token', async () => {
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
    const collecting = collectRegion(clients(), REGION, SINCE);

    // Assess
    await expect(collecting).rejects.toMatchObject({
      name: 'AuditCredentialsError',
      reason: 'expired',
      message: expect.stringContaining("'aws sso login'"),
    });
  });

  it('throws AuditCredentialsError (expired) when the SSO token has run out', async () => {
    // Prepare
    backupMock
      .on(ListBackupJobsCommand)
      .rejects(
        Object.assign(
          new Error(
            "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile."
          ),
          { name: 'TokenProviderError' }
        )
      );

    // Act
    const collecting = collectRegion(clients(), REGION, SINCE);

    // Assess
    await expect(collecting).rejects.toMatchObject({ reason: 'expired' });
  });

  it('throws AuditAccessDeniedError naming the AWS Backup action refused', async () => {
    // Prepare
    backupMock.on(ListCopyJobsCommand).rejects(
      new BackupServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message:
          'User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: backup:ListCopyJobs',
      })
    );

    // Act
    const collecting = collectRegion(clients(), REGION, SINCE);

    // Assess
    await expect(collecting).rejects.toThrow(AuditAccessDeniedError);
    await expect(collecting).rejects.toMatchObject({
      action: 'backup:ListCopyJobs',
      region: REGION,
      message: expect.stringContaining(
        'lack the permission backup:ListCopyJobs in eu-west-1'
      ),
    });
  });

  it('throws AuditAccessDeniedError naming the RDS action refused', async () => {
    // Prepare
    rdsMock.on(DescribeDBInstancesCommand).rejects(
      new RDSServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'not authorized to perform: rds:DescribeDBInstances',
      })
    );

    // Act
    const collecting = collectRegion(clients(), REGION, SINCE);

    // Assess
    await expect(collecting).rejects.toMatchObject({
      name: 'AuditAccessDeniedError',
      action: 'rds:DescribeDBInstances',
    });
  });

  it('throws AuditError naming the action for any other failure', async () => {
    // Prepare
    backupMock.on(GetBackupPlanCommand).rejects(new Error('socket hang up'));
    backupMock
      .on(ListBackupPlansCommand)
      .resolves({ BackupPlansList: [{ BackupPlanId: PLAN_ID }] });

    // Act
    const collecting = collectRegion(clients(), REGION, SINCE);

    // Assess
    await expect(collecting).rejects.toThrow(
      new AuditError('backup:GetBackupPlan failed in eu-west-1: socket hang up')
    );
  });
});

describe('classify', () => {
  it('treats refused keys as invalid credentials', () => {
    // Prepare
    const error = Object.assign(new Error('The security token is invalid'), {
      name: 'UnrecognizedClientException',
    });

    // Act
    const classified = classify(error, 'backup:ListBackupJobs', REGION);

    // Assess
    expect(classified).toMatchObject({
      name: 'AuditCredentialsError',
      reason: 'invalid',
    });
  });
});
