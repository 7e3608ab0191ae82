import {
  type BackupSelection,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetRestoreTestingPlanCommand,
  GetRestoreTestingSelectionCommand,
  paginateListBackupJobs,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListCopyJobs,
  paginateListRecoveryPointsByResource,
  paginateListRestoreJobs,
  paginateListRestoreTestingPlans,
  paginateListRestoreTestingSelections,
  type RestoreTestingSelectionForGet,
} from '@aws-sdk/client-backup';
import {
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
} from '@aws-sdk/client-rds';
import {
  AuditAccessDeniedError,
  AuditCredentialsError,
  AuditError,
} from './errors.js';
import type { AuditAction } from './policy.js';
import type {
  AuditClients,
  PlanInventory,
  RegionInventory,
  RestoreTestingInventory,
} from './types.js';

// Error names as the SDK sets them: credential providers throw
// CredentialsProviderError/TokenProviderError before any request; JSON
// services (AWS Backup) answer ...Exception, query services (RDS) the bare code.
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken']);
const INVALID = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
]);
const PROVIDER_ERRORS = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
]);

/**
 * Returns the error to throw for a failed read: credential and permission
 * problems as their own classes with advice, anything else as an AuditError
 * naming the action and region. The original is kept as `cause`.
 */
const classify = (
  error: unknown,
  action: AuditAction,
  region: string
): AuditError => {
  if (!(error instanceof Error)) {
    return new AuditError(`${action} failed in ${region}: ${String(error)}`, {
      cause: error,
    });
  }
  const { name } = error;
  // AWS's sentences end in a period; ours wrap them in parentheses.
  const message = error.message.replace(/\.$/, '');
  if (
    EXPIRED.has(name) ||
    (PROVIDER_ERRORS.has(name) && /expired/i.test(message))
  ) {
    return new AuditCredentialsError(
      'expired',
      `the AWS session has expired (${message}). Refresh it with 'aws sso login' (with --profile NAME if you use a profile) or fetch new temporary credentials, then run the audit again`,
      { cause: error }
    );
  }
  if (PROVIDER_ERRORS.has(name)) {
    return new AuditCredentialsError(
      'missing',
      `no AWS credentials found (${message}). Configure them with 'aws configure' or 'aws configure sso', then set AWS_PROFILE or pass --profile NAME; environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) work too`,
      { cause: error }
    );
  }
  if (INVALID.has(name)) {
    return new AuditCredentialsError(
      'invalid',
      `AWS does not accept these credentials (${name}: ${message}). Check which identity they belong to with 'aws sts get-caller-identity'`,
      { cause: error }
    );
  }
  if (DENIED.has(name)) {
    return new AuditAccessDeniedError(
      action,
      region,
      `access denied: the credentials lack the permission ${action} in ${region} (${message})`,
      { cause: error }
    );
  }
  return new AuditError(`${action} failed in ${region}: ${message}`, {
    cause: error,
  });
};

/** Runs one read, turning its failure into an error that names the action. */
const guard = async <T>(
  action: AuditAction,
  region: string,
  read: () => Promise<T>
): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    throw classify(error, action, region);
  }
};

/** Returns the items of every page of a paginator. */
const drain = async <P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined
): Promise<T[]> => {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
};

/**
 * Reads one plan's body and the resources each of its selections names;
 * undefined when AWS returns no body (nothing to compare).
 */
const readPlan = async (
  { backup }: AuditClients,
  region: string,
  planId: string
): Promise<PlanInventory | undefined> => {
  const got = await guard('backup:GetBackupPlan', region, () =>
    backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }))
  );
  if (got.BackupPlan === undefined) return undefined;
  const listed = await guard('backup:ListBackupSelections', region, () =>
    drain(
      paginateListBackupSelections(
        { client: backup },
        { BackupPlanId: planId }
      ),
      (page) => page.BackupSelectionsList
    )
  );
  // ListBackupSelections gives names only; the resources are in each body.
  const selections: PlanInventory['selections'] = [];
  for (const { SelectionId } of listed) {
    if (SelectionId === undefined) continue;
    const body = await guard('backup:GetBackupSelection', region, () =>
      backup.send(
        new GetBackupSelectionCommand({
          BackupPlanId: planId,
          SelectionId,
        })
      )
    );
    const selection: BackupSelection | undefined = body.BackupSelection;
    if (selection !== undefined) {
      selections.push({ selectionId: SelectionId, selection });
    }
  }
  return {
    planId,
    planArn: got.BackupPlanArn ?? planId,
    plan: got.BackupPlan,
    selections,
  };
};

/** Reads every restore testing plan of the region with its selections. */
const readRestoreTestingPlans = async (
  { backup }: AuditClients,
  region: string
): Promise<RestoreTestingInventory[]> => {
  const listed = await guard('backup:ListRestoreTestingPlans', region, () =>
    drain(
      paginateListRestoreTestingPlans({ client: backup }, {}),
      (p) => p.RestoreTestingPlans
    )
  );
  const plans: RestoreTestingInventory[] = [];
  for (const { RestoreTestingPlanName: name } of listed) {
    if (name === undefined) continue;
    const got = await guard('backup:GetRestoreTestingPlan', region, () =>
      backup.send(
        new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: name })
      )
    );
    if (got.RestoreTestingPlan === undefined) continue;
    const names = await guard(
      'backup:ListRestoreTestingSelections',
      region,
      () =>
        drain(
          paginateListRestoreTestingSelections(
            { client: backup },
            { RestoreTestingPlanName: name }
          ),
          (p) => p.RestoreTestingSelections
        )
    );
    const selections: RestoreTestingSelectionForGet[] = [];
    for (const { RestoreTestingSelectionName: selection } of names) {
      if (selection === undefined) continue;
      const body = await guard(
        'backup:GetRestoreTestingSelection',
        region,
        () =>
          backup.send(
            new GetRestoreTestingSelectionCommand({
              RestoreTestingPlanName: name,
              RestoreTestingSelectionName: selection,
            })
          )
      );
      if (body.RestoreTestingSelection !== undefined) {
        selections.push(body.RestoreTestingSelection);
      }
    }
    plans.push({ plan: got.RestoreTestingPlan, selections });
  }
  return plans;
};

/**
 * Reads what the audit needs from one region, read-only: AWS Backup jobs
 * created after `since` (backup, copy, restore), backup plans with their
 * selections, restore testing plans with theirs, and RDS snapshots,
 * instances and clusters. Every list is
 * followed to its last page. For each `watched` resource without a
 * completed backup job since then, its recovery points too: its newest
 * backup may be older than the period, and the RPO counts from it.
 *
 * @param clients - the region's SDK clients
 * @param region - the region the clients point at
 * @param since - jobs created before this are not read
 * @param watched - runbook resources (exact ARNs) that AWS Backup backs up
 * @throws {AuditCredentialsError} when credentials are missing, expired or refused
 * @throws {AuditAccessDeniedError} when a permission is missing; names the action
 * @throws {AuditError} when any other read fails
 */
const collectRegion = async (
  clients: AuditClients,
  region: string,
  since: Date,
  watched: string[] = []
): Promise<RegionInventory> => {
  const { backup, rds } = clients;
  // A fresh input each: the SDK's paginators write NextToken into it.
  const created = () => ({ ByCreatedAfter: since });
  // Credentials are resolved by the first request: read one list alone so
  // a missing login fails once, not once per concurrent request.
  const backupJobs = await guard('backup:ListBackupJobs', region, () =>
    drain(
      paginateListBackupJobs({ client: backup }, created()),
      (p) => p.BackupJobs
    )
  );
  const backedUp = new Set(
    backupJobs.filter((j) => j.State === 'COMPLETED').map((j) => j.ResourceArn)
  );
  const [
    copyJobs,
    restoreJobs,
    planIds,
    dbSnapshots,
    clusterSnapshots,
    dbInstances,
    dbClusters,
    recoveryPoints,
  ] = await Promise.all([
    guard('backup:ListCopyJobs', region, () =>
      drain(
        paginateListCopyJobs({ client: backup }, created()),
        (p) => p.CopyJobs
      )
    ),
    guard('backup:ListRestoreJobs', region, () =>
      drain(
        paginateListRestoreJobs({ client: backup }, created()),
        (p) => p.RestoreJobs
      )
    ),
    guard('backup:ListBackupPlans', region, () =>
      drain(
        paginateListBackupPlans({ client: backup }, {}),
        (p) => p.BackupPlansList
      )
    ),
    guard('rds:DescribeDBSnapshots', region, () =>
      drain(
        paginateDescribeDBSnapshots({ client: rds }, {}),
        (p) => p.DBSnapshots
      )
    ),
    guard('rds:DescribeDBClusterSnapshots', region, () =>
      drain(
        paginateDescribeDBClusterSnapshots({ client: rds }, {}),
        (p) => p.DBClusterSnapshots
      )
    ),
    guard('rds:DescribeDBInstances', region, () =>
      drain(
        paginateDescribeDBInstances({ client: rds }, {}),
        (p) => p.DBInstances
      )
    ),
    guard('rds:DescribeDBClusters', region, () =>
      drain(
        paginateDescribeDBClusters({ client: rds }, {}),
        (p) => p.DBClusters
      )
    ),
    Promise.all(
      watched
        .filter((arn) => !backedUp.has(arn))
        .map(async (resourceArn) => ({
          resourceArn,
          points: await guard(
            'backup:ListRecoveryPointsByResource',
            region,
            () =>
              drain(
                paginateListRecoveryPointsByResource(
                  { client: backup },
                  { ResourceArn: resourceArn }
                ),
                (p) => p.RecoveryPoints
              )
          ),
        }))
    ),
  ]);
  const plans: PlanInventory[] = [];
  for (const { BackupPlanId } of planIds) {
    if (BackupPlanId === undefined) continue;
    const plan = await readPlan(clients, region, BackupPlanId);
    if (plan !== undefined) plans.push(plan);
  }
  const restoreTestingPlans = await readRestoreTestingPlans(clients, region);
  return {
    region,
    backupJobs,
    copyJobs,
    restoreJobs,
    dbSnapshots,
    clusterSnapshots,
    dbInstances,
    dbClusters,
    plans,
    recoveryPoints,
    restoreTestingPlans,
  };
};

export { classify, collectRegion };
