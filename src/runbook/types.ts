import type { DiagnosticCode } from './diagnostics.js';

/** Service categories a runbook must cover. */
const CATEGORIES = [
  'database',
  'file-storage',
  'application-state',
  'infrastructure',
  'logs',
] as const;
type Category = (typeof CATEGORIES)[number];

/** Service tiers; severity of findings follows the tier. */
const TIERS = ['critical', 'high', 'standard'] as const;
type Tier = (typeof TIERS)[number];

/** How the backups of a service are taken. */
const AUTOMATIONS = [
  'aws-backup',
  'rds-automated',
  's3-replication',
  'velero',
  'script',
  'manual',
] as const;
type Automation = (typeof AUTOMATIONS)[number];

/**
 * Automations whose jobs report themselves (`sentinel ping`, `run`,
 * `velero`): one job backs up the whole service, and its reports may name
 * resources by any id.
 */
const SELF_REPORTED: readonly Automation[] = ['script', 'velero', 'manual'];

/** An expected copy of each recovery point, in another region and/or account. */
interface ExpectedCopy {
  region?: string;
  account?: string;
}

/**
 * The resource types AWS Backup restore testing can restore, as its
 * `ProtectedResourceType` names them.
 */
const RESTORE_TEST_TYPES = [
  'Aurora',
  'DocumentDB',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'FSx',
  'Neptune',
  'RDS',
  'S3',
] as const;
type RestoreTestType = (typeof RESTORE_TEST_TYPES)[number];

/**
 * One S3 replication rule of an `s3-replication` service: where its
 * CloudWatch replication metrics are (they are per rule, in the
 * destination bucket's region).
 */
interface ReplicationRule {
  /** The destination bucket's name. */
  destination: string;
  /** The destination bucket's region, where S3 publishes the rule's metrics. */
  region: string;
  /** The replication rule's id (`ID` in the bucket's replication configuration). */
  rule: string;
  /** The source bucket's name; undefined = the service's first bucket. */
  source?: string;
}

/** The `backup:` block of a service, durations resolved to milliseconds. */
interface BackupPolicy {
  /** AWS `cron(...)` or `rate(...)` expression, evaluated in {@link Service.timezone}. */
  schedule: string;
  startWindowMs: number;
  completionWindowMs: number;
  retentionMs: number;
  storage: string;
  automation: Automation;
  copies: ExpectedCopy[];
  /** `s3-replication` only: the rules whose lag CloudWatch measures; undefined = none named. */
  replication?: ReplicationRule[];
}

/**
 * How AWS Backup restore testing tests an `aws-backup` service with
 * `restoreTest` (`recovery.restoreTesting`), as written; `restoreTesting()`
 * fills in the defaults.
 */
interface RestoreTesting {
  /** Validate what each test restored (and report the result to AWS Backup); default true. */
  validate?: boolean;
  /**
   * Vaults whose recovery points are tested: names in the service's
   * region, or vault ARNs (wildcards allowed); default every vault.
   */
  vaults?: string[];
  /**
   * How far a restored table's item count, a volume's or file system's
   * size or a bucket's bytes may fall short of the source's, as a fraction
   * (0.1 = 10 %); default 0.1.
   */
  tolerance?: number;
  /**
   * Tags the resources' latest recovery points carry: when set, tests
   * select by them instead of by ARN, so resource patterns are tested too.
   */
  tags?: Record<string, string>;
  /**
   * Restore metadata overrides by resource type, as AWS Backup takes them:
   * lists already JSON-encoded (`'["sg-1"]'`).
   */
  metadata?: Partial<Record<RestoreTestType, Record<string, string>>>;
}

/** The `recovery:` block of a service, durations resolved to milliseconds. */
interface RecoveryObjectives {
  rtoMs: number;
  rpoMs: number;
  /** Longest allowed time between two completed restore tests; undefined = not required. */
  restoreTestMs?: number;
  /** How AWS Backup restore testing runs the tests; undefined = the defaults. */
  restoreTesting?: RestoreTesting;
  /**
   * The restore phase after a total outage: every service of phase 1 is
   * restored before any of phase 2, and so on; undefined = phase 1.
   */
  phase?: number;
}

/** A period during which a service's findings are recorded but not paged. */
interface Silence {
  until: Date;
  reason: string;
}

/** A Markdown heading found in a service body, with the slug GitHub gives it. */
interface Section {
  level: number;
  text: string;
  slug: string;
  /** 1-based line in the whole `.md` file. */
  line: number;
}

/** One runbook entry: `runbook/services/<id>.md`, resolved against runbook.yml defaults. */
interface Service {
  id: string;
  name: string;
  category: Category;
  tier: Tier;
  owner: string;
  /** ARN patterns; `*` matches any run of characters. */
  resources: string[];
  backup: BackupPolicy;
  recovery: RecoveryObjectives;
  dependsOn: string[];
  /** Name of an alert route in runbook.yml, if the service pages anyone. */
  alerts?: string;
  /** Consecutive failing evaluations before an alert opens (default 1). */
  failureThreshold: number;
  silences: Silence[];
  /** Effective grace, renotify period and time zone (service value or runbook default). */
  graceMs: number;
  renotifyMs: number;
  timezone: string;
  sections: Section[];
  /** The Markdown body after the front matter. */
  body: string;
  /** Path of the file relative to the runbook folder, e.g. `services/orders-db.md`. */
  file: string;
}

/** A named alert route from runbook.yml. */
interface AlertRoute {
  /** SSM parameter name holding the PagerDuty routing key (never the key itself). */
  pagerduty?: string;
  /** Also publish to the alerts SNS topic. */
  sns: boolean;
}

/** runbook.yml defaults, resolved. */
interface RunbookDefaults {
  graceMs: number;
  renotifyMs: number;
  timezone: string;
}

/** The whole runbook: runbook.yml plus every service file. */
/** A disaster scenario of disaster-recovery.md that is drilled on a schedule. */
interface DrillScenario {
  /** The slug of its `##` heading in disaster-recovery.md. */
  id: string;
  /** The heading's text. */
  title: string;
  /** The longest allowed time between two drills. */
  everyMs: number;
  /** The services the drill restores; every service when runbook.yml names none. */
  services: string[];
  /**
   * What the drill is measured against: runbook.yml's `rto`, else the
   * critical path, the slowest chain of dependencies' RTOs among its services.
   */
  rtoMs: number;
}

/** DR drills (runbook.yml `drills`). */
interface Drills {
  /** The alert route of `drill-overdue`; undefined = none. */
  alerts?: string;
  scenarios: DrillScenario[];
}

interface Runbook {
  title: string;
  /** Deep-link template with `{service}` and `{section}` placeholders. */
  links: string;
  defaults: RunbookDefaults;
  alerts: Record<string, AlertRoute>;
  services: Service[];
  /** Markdown of runbook/disaster-recovery.md, when present. */
  disasterRecovery?: string;
  /** The scenarios drilled on a schedule; none when runbook.yml sets no `drills`. */
  drills: Drills;
}

/** One file of a runbook folder, as text. */
interface RunbookFile {
  /** Path relative to the runbook folder, `/`-separated: `runbook.yml`, `services/orders-db.md`. */
  path: string;
  content: string;
}

/** The files of a runbook folder; the loader reads nothing else. */
interface RunbookFiles {
  /** The folder the files were read from, as the user gave it. */
  root: string;
  files: RunbookFile[];
}

/** How bad a lint diagnostic is; the severity of each code is fixed in diagnostics.ts. */
type Severity = 'error' | 'warning';

/** One lint problem, located in one file. */
interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** Path relative to the runbook folder. */
  file: string;
  /** Start and end offsets into the whole file (front matter offsets already shifted). */
  range: [number, number];
  message: string;
  /** The `yaml` library's error code, kept for `yaml-syntax` diagnostics. */
  yamlCode?: string;
}

/** The result of loading a runbook: the runbook itself only when there is no error. */
interface LoadResult {
  runbook?: Runbook;
  diagnostics: Diagnostic[];
}

export type {
  AlertRoute,
  Automation,
  BackupPolicy,
  Category,
  Diagnostic,
  DrillScenario,
  Drills,
  ExpectedCopy,
  LoadResult,
  RecoveryObjectives,
  ReplicationRule,
  RestoreTesting,
  RestoreTestType,
  Runbook,
  RunbookDefaults,
  RunbookFile,
  RunbookFiles,
  Section,
  Service,
  Severity,
  Silence,
  Tier,
};
export { AUTOMATIONS, CATEGORIES, RESTORE_TEST_TYPES, SELF_REPORTED, TIERS };
