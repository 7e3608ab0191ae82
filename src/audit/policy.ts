/**
 * Every IAM action `sentinel audit` performs, and nothing else: all of them
 * read-only. A test keeps this list equal to the commands the collector sends.
 */
const AUDIT_ACTIONS = [
  'backup:GetBackupPlan',
  'backup:GetBackupSelection',
  'backup:GetRestoreTestingPlan',
  'backup:GetRestoreTestingSelection',
  'backup:ListBackupJobs',
  'backup:ListBackupPlans',
  'backup:ListBackupSelections',
  'backup:ListCopyJobs',
  'backup:ListRecoveryPointsByResource',
  'backup:ListRestoreJobs',
  'backup:ListRestoreTestingPlans',
  'backup:ListRestoreTestingSelections',
  'rds:DescribeDBClusters',
  'rds:DescribeDBClusterSnapshots',
  'rds:DescribeDBInstances',
  'rds:DescribeDBSnapshots',
] as const;

/** One of {@link AUDIT_ACTIONS}. */
type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The minimal identity-based IAM policy the audit needs. These list and
 * describe actions support no resource-level scoping worth having here, so
 * the resource is `*`.
 */
const AUDIT_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'BackupSentinelAuditReadOnly',
      Effect: 'Allow',
      Action: [...AUDIT_ACTIONS],
      Resource: '*',
    },
  ],
} as const;

/**
 * Returns the IAM action an SDK command needs: the service prefix and the
 * command's name without `Command` (`ListBackupJobsCommand` ->
 * `backup:ListBackupJobs`).
 *
 * @param service - the IAM service prefix (`backup`, `rds`)
 * @param commandName - the SDK command class name
 */
const actionOfCommand = (service: string, commandName: string): string =>
  `${service}:${commandName.replace(/Command$/, '')}`;

export type { AuditAction };
export { AUDIT_ACTIONS, AUDIT_POLICY, actionOfCommand };
