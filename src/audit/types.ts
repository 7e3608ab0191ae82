import type {
  BackupClient,
  BackupJob,
  BackupPlan,
  BackupSelection,
  CopyJob,
  RecoveryPointByResource,
  RestoreJobsListMember,
  RestoreTestingPlanForGet,
  RestoreTestingSelectionForGet,
} from '@aws-sdk/client-backup';
import type {
  DBCluster,
  DBClusterSnapshot,
  DBInstance,
  DBSnapshot,
  RDSClient,
} from '@aws-sdk/client-rds';
import type { Finding, InputIssue } from '../model/index.js';
import type { Runbook, Tier } from '../runbook/index.js';

/** The SDK clients the audit reads one region through. */
interface AuditClients {
  backup: BackupClient;
  rds: RDSClient;
}

/** Returns the clients for one region; tests inject mocked ones. */
type AuditClientFactory = (region: string) => AuditClients;

/** One AWS Backup plan as GetBackupPlan returned it, with its selections. */
interface PlanInventory {
  planId: string;
  planArn: string;
  /** The plan body (name and rules), as GetBackupPlan returned it. */
  plan: BackupPlan;
  /** The selections of the plan, as GetBackupSelection returned them. */
  selections: { selectionId: string; selection: BackupSelection }[];
}

/** One restore testing plan as GetRestoreTestingPlan returned it, with its selections. */
interface RestoreTestingInventory {
  plan: RestoreTestingPlanForGet;
  selections: RestoreTestingSelectionForGet[];
}

/** A runbook resource's recovery points, as ListRecoveryPointsByResource gave them. */
interface ResourceRecoveryPoints {
  resourceArn: string;
  points: RecoveryPointByResource[];
}

/**
 * Everything the audit read in one region, as the APIs returned it: the
 * converters and drift checks are pure functions of this.
 */
interface RegionInventory {
  region: string;
  backupJobs: BackupJob[];
  copyJobs: CopyJob[];
  restoreJobs: RestoreJobsListMember[];
  dbSnapshots: DBSnapshot[];
  clusterSnapshots: DBClusterSnapshot[];
  dbInstances: DBInstance[];
  dbClusters: DBCluster[];
  plans: PlanInventory[];
  /**
   * Recovery points of the watched resources with no completed backup job
   * in the period: their newest backup may be older than the period.
   */
  recoveryPoints: ResourceRecoveryPoints[];
  /** The region's AWS Backup restore testing plans; undefined = not read. */
  restoreTestingPlans?: RestoreTestingInventory[];
}

/**
 * One runbook service's restore testing: the plan Backup Sentinel deploys
 * for it against the one deployed, by plan name.
 */
interface RestoreTestingComparison {
  service: string;
  /** The expected plan's name, schedule and selections (by resource type). */
  expected: { name: string; schedule: string; selections: string[] };
  /** undefined = no plan of that name in the audited regions. */
  deployed?: { name: string; schedule: string; selections: string[] };
  /** `match`, `missing`, or `differs` with the differences in words. */
  status: 'match' | 'missing' | 'differs';
  differences: string[];
}

/** An API item the converters could not turn into an event, located by path. */
interface AuditIssue extends InputIssue {
  region: string;
}

/** How one service fared over the audited period. */
interface ServiceCompliance {
  service: string;
  tier: Tier;
  /** Resources of the service the audit knows (from events or the runbook). */
  resources: number;
  /** Backup jobs and snapshots that completed in the period. */
  succeeded: number;
  /** Backup jobs that failed, were aborted, expired or completed partially. */
  failed: number;
  /**
   * The newest backup of the service's stalest resource: the figure that
   * decides the RPO. Null when some resource has no backup at all.
   */
  lastBackupAt: Date | null;
  lastBackupAgeMs: number | null;
  rpoMs: number;
  /** True when every resource's newest backup is within the RPO. */
  withinRpo: boolean;
}

/** What `runAudit` needs. */
interface AuditDeps {
  runbook: Runbook;
  /** Builds the clients of one region. */
  clientsFor: AuditClientFactory;
  /** The regions to read, each once. */
  regions: string[];
  /** The deployment whose restore testing plans are expected, e.g. `backup-sentinel-prod`. */
  restoreTestingPrefix?: string;
}

/** What one audit found. */
interface AuditResult {
  /** Open findings: the checks' and the drift checks', ordered by severity. */
  findings: Finding[];
  /** One entry per runbook service, in runbook order. */
  services: ServiceCompliance[];
  regions: string[];
  /** Events converted from the API responses. */
  events: number;
  /** API items that could not be converted (never fatal). */
  issues: AuditIssue[];
  /** Each restore-tested service's expected restore testing plan against the deployed one. */
  restoreTesting?: RestoreTestingComparison[];
}

export type {
  AuditClientFactory,
  AuditClients,
  AuditDeps,
  AuditIssue,
  AuditResult,
  PlanInventory,
  RegionInventory,
  ResourceRecoveryPoints,
  RestoreTestingComparison,
  RestoreTestingInventory,
  ServiceCompliance,
};
