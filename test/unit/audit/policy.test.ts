import {
  BackupClient,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetRestoreTestingPlanCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
} from '@aws-sdk/client-backup';
import { RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AUDIT_POLICY,
  actionOfCommand,
} from '../../../src/audit/index.js';
import { runAudit } from '../../../src/monitor/index.js';
import {
  aPlanOutput,
  aSelectionOutput,
  NOW,
  PLAN_ARN,
  PLAN_ID,
} from '../../helpers/auditResponses.js';
import { aRunbook, DAY, REGION } from '../../helpers/builders.js';

const backupMock = mockClient(BackupClient);
const rdsMock = mockClient(RDSClient);

describe('AUDIT_POLICY', () => {
  afterEach(() => {
    backupMock.reset();
    rdsMock.reset();
  });

  it('grants exactly the actions of the commands a whole audit sends', async () => {
    // Prepare: a plan with a selection, so every kind of read happens.
    backupMock.onAnyCommand().resolves({});
    rdsMock.onAnyCommand().resolves({});
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
    backupMock.on(ListRestoreTestingPlansCommand).resolves({
      RestoreTestingPlans: [
        {
          RestoreTestingPlanName: 'backup_sentinel_prod_orders_db',
          RestoreTestingPlanArn: `arn:aws:backup:${REGION}:111122223333:restore-testing-plan:backup_sentinel_prod_orders_db-1`,
          ScheduleExpression: 'cron(0 6 1 * ? *)',
          CreationTime: NOW,
        },
      ],
    });
    backupMock.on(GetRestoreTestingPlanCommand).resolves({
      RestoreTestingPlan: {
        RestoreTestingPlanName: 'backup_sentinel_prod_orders_db',
        RestoreTestingPlanArn: `arn:aws:backup:${REGION}:111122223333:restore-testing-plan:backup_sentinel_prod_orders_db-1`,
        ScheduleExpression: 'cron(0 6 1 * ? *)',
        CreationTime: NOW,
        RecoveryPointSelection: {},
      },
    });
    backupMock.on(ListRestoreTestingSelectionsCommand).resolves({
      RestoreTestingSelections: [
        {
          RestoreTestingPlanName: 'backup_sentinel_prod_orders_db',
          RestoreTestingSelectionName: 'RDS',
          ProtectedResourceType: 'RDS',
          IamRoleArn: 'arn:aws:iam::111122223333:role/restore',
          CreationTime: NOW,
        },
      ],
    });

    // Act
    await runAudit(
      {
        runbook: aRunbook(),
        clientsFor: (region) => ({
          backup: new BackupClient({ region }),
          rds: new RDSClient({ region }),
        }),
        regions: [REGION],
      },
      new Date(NOW.getTime() - 30 * DAY),
      NOW
    );

    // Assess
    const sent = new Set([
      ...backupMock
        .calls()
        .map((c) => actionOfCommand('backup', c.args[0].constructor.name)),
      ...rdsMock
        .calls()
        .map((c) => actionOfCommand('rds', c.args[0].constructor.name)),
    ]);
    expect([...sent].sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('is one read-only statement over all resources', () => {
    // Act
    const [statement, ...rest] = AUDIT_POLICY.Statement;

    // Assess
    expect(rest).toEqual([]);
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect(
      statement.Action.every((a) => /^(backup|rds):(List|Get|Describe)/.test(a))
    ).toBe(true);
  });
});

describe('actionOfCommand', () => {
  it('returns the IAM action of an SDK command', () => {
    // Act
    const action = actionOfCommand('backup', 'ListBackupJobsCommand');

    // Assess
    expect(action).toBe('backup:ListBackupJobs');
  });
});
