/**
 * Stable check ids: used in incidents, reports and PagerDuty `class` (the
 * root cause). In the order in which one causes the next, so an incident is
 * named after its root cause: backups turned off before a failed run, a
 * failed run before a missed one, a missed one before the RPO it breaks.
 */
const CHECK_IDS = [
  'config-drift',
  'backup-failed',
  'backup-missed',
  'rpo-breached',
  'replication-failed',
  'replication-late',
  'replication-lag',
  'retention-violated',
  'copy-failed',
  'backup-size-anomaly',
  'restore-failed',
  'rto-at-risk',
  'restore-test-overdue',
  'drill-overdue',
  'unmapped-resource',
] as const;
type CheckId = (typeof CHECK_IDS)[number];

/** Severities, most urgent first; the names PagerDuty Events API v2 accepts. */
const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
type Severity = (typeof SEVERITIES)[number];

/** Checks report `open` findings; the alert lifecycle records `resolved` ones. */
const FINDING_STATUSES = ['open', 'resolved'] as const;
type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * Figures behind a finding, for machines (`sentinel replay --json`, the
 * stored incidents). Pages do not show them: their details are ISO times
 * and human durations (alerts/channels/wording.ts).
 */
type FindingDetail = Record<string, string | number | boolean | null>;

/** One broken promise of the runbook (DESIGN.md). */
interface Finding {
  service: string;
  resource: string;
  check: CheckId;
  severity: Severity;
  status: FindingStatus;
  /** When the problem began (e.g. the deadline that passed, the failed job's end). */
  since: Date;
  /** One line a person understands at 3 a.m. */
  summary: string;
  detail: FindingDetail;
  /** Deep link to the runbook section that says what to do. */
  runbookUrl: string;
}

/** The `service` of findings about resources no runbook service claims. */
const UNMAPPED_SERVICE = 'unmapped';

/**
 * The `service` of DR drills: each drilled scenario of disaster-recovery.md
 * is a resource `drill:<scenario>` of it.
 */
const DRILLS_SERVICE = 'disaster-recovery';

export type { CheckId, Finding, FindingDetail, FindingStatus, Severity };
export {
  CHECK_IDS,
  DRILLS_SERVICE,
  FINDING_STATUSES,
  SEVERITIES,
  UNMAPPED_SERVICE,
};
