import type {
  BackupEvent,
  CheckId,
  ResourceState,
  Transition,
} from '../model/index.js';
import type { Automation, Runbook, Service, Tier } from '../runbook/index.js';

/** What became of one expected backup. */
const BACKUP_OUTCOMES = ['ok', 'late', 'failed', 'missed'] as const;
type BackupOutcome = (typeof BACKUP_OUTCOMES)[number];

/**
 * Where a resource's restore tests stand at the end of the week.
 * `not-required`: the runbook sets no `restoreTest`.
 * `slow`: in date, but the measured restore took longer than the RTO.
 * `never`: none seen, and the period has passed since the monitor first
 * knew the resource. `not-yet-due`: none seen, but the period has not.
 */
const RESTORE_TEST_STATUSES = [
  'ok',
  'slow',
  'overdue',
  'never',
  'not-yet-due',
  'not-required',
] as const;
type RestoreTestStatus = (typeof RESTORE_TEST_STATUSES)[number];

/** A week: `start` included, `end` excluded, both UTC instants. */
interface ReportWeek {
  start: Date;
  end: Date;
}

/** One expected backup: a due time whose deadline fell in the week. */
interface TimelineCell {
  resourceArn: string;
  dueAt: Date;
  /** due + start window + completion window + grace. */
  deadline: Date;
  status: BackupOutcome;
  /** The counted backup's recovery point creation (ok and late only). */
  createdAt?: Date;
  completedAt?: Date;
  /** AWS's message of the failure (failed only). */
  message?: string;
}

/** Longest gap between recovery points, and the share of time within RPO. */
interface GapFigures {
  longestGapMs: number;
  /** Start of the longest gap: a recovery point, or when counting began. */
  from: Date;
  to: Date;
  /** 0..1 of the monitored part of the week during which the RPO held. */
  withinRpoShare: number;
  /** False when the gap starts at the week's start because nothing older was known. */
  anchored: boolean;
}

/**
 * S3 replication problems of a bucket over the week. A problem (a failed
 * object, or one past the replication threshold) lasts as the checks hold
 * it open: until an object replicates after it, or max(RPO, 24 h) passes.
 */
interface ReplicationFigures {
  /** OperationFailedReplication notifications in the week. */
  failed: number;
  /** OperationMissedThreshold notifications in the week. */
  late: number;
  /** The distinct failure reasons S3 gave, at most 3. */
  reasons: string[];
  /** 0..1 of the monitored part of the week with no problem open. */
  withinRpoShare: number;
}

/** Copies of the week's recovery points to the runbook's destinations. */
interface CopyFigures {
  /** Recovery points made in the week × destinations in the runbook. */
  expected: number;
  /** Of those, the (recovery point, destination) pairs with a completed copy. */
  actual: number;
  /** Copy jobs that failed, aborted or partly failed in the week. */
  failed: number;
}

/** The newest completed restore test at the end of the week. */
interface RestoreTestFigures {
  status: RestoreTestStatus;
  /** The runbook's `restoreTest` period. */
  restoreTestMs?: number;
  lastAt?: Date;
  /** How long the restore took (creation to completion), when AWS said. */
  durationMs?: number;
  /** Age of the last test at the end of the week (or at `now`). */
  ageMs?: number;
  /** Restore tests that failed or were aborted in the week. */
  failed: number;
  /**
   * The newest test whose restored resource was validated, passed or
   * failed, with what validation said; undefined = none in the period read.
   */
  validated?: {
    at: Date;
    passed: boolean;
    /** How long the restore took, when known. */
    durationMs?: number;
    message: string;
  };
  /** What the newest test that failed in the week said. */
  failedMessage?: string;
}

/** Counts of expected backups; `expected = succeeded + failed + missed`. */
interface BackupCounts {
  expected: number;
  /** ok + late. */
  succeeded: number;
  failed: number;
  missed: number;
  /** Succeeded, but completed after the deadline. */
  late: number;
  /** succeeded / expected; undefined when nothing was expected. */
  successRate?: number;
}

/** One resource of a service over the week. */
interface ResourceFigures extends BackupCounts {
  resourceArn: string;
  resourceType: string;
  /** False when the schedule does not apply (manual, S3 replication, not yet seen). */
  scheduled: boolean;
  /** Undefined where backups are not watched (S3 replication, not yet seen). */
  gap?: GapFigures;
  copies: CopyFigures;
  restoreTest: RestoreTestFigures;
  timeline: TimelineCell[];
  /** S3 replication services only. */
  replication?: ReplicationFigures;
}

/** An alert that opened or resolved in the week. */
interface AlertEntry {
  service: string;
  /** The incident's root cause. */
  check: CheckId;
  /** Undefined for a service's roll-up of several resources. */
  resource?: string;
  summary: string;
  openedAt?: Date;
  resolvedAt?: Date;
  /** resolvedAt - openedAt (or the finding's `since` when it opened earlier than known). */
  timeToResolveMs?: number;
}

/** Alerts opened and resolved in the week. */
interface AlertFigures {
  opened: number;
  resolved: number;
  /** Mean time to resolve of the alerts resolved in the week. */
  meanTimeToResolveMs?: number;
  longestTimeToResolveMs?: number;
  entries: AlertEntry[];
}

/** A compliance score (0..100) and the sub-scores (0..1) it was made of. */
interface ScoreBreakdown {
  score: number;
  /** Backups on time (late ones count half). */
  backups?: number;
  /** Share of the week within RPO. */
  rpo?: number;
  /** Copies made of those expected. */
  copies?: number;
  /** Restore tests in date and within RTO. */
  restoreTests?: number;
}

/** Deep links into the runbook for one service. */
interface ServiceLinks {
  page: string;
  manualBackup: string;
  recovery: string;
}

/** One runbook service over the week. */
interface ServiceFigures extends BackupCounts {
  service: string;
  name: string;
  tier: Tier;
  owner: string;
  automation: Automation;
  schedule: string;
  /** `daily at 02:00 UTC`. */
  scheduleText: string;
  rpoMs: number;
  rtoMs: number;
  /** Longest gap over the service's resources; undefined when none is watched. */
  longestGapMs?: number;
  /** Mean over watched resources; for S3 replication, the replication share. */
  withinRpoShare?: number;
  /** S3 replication services only: their buckets' problems, summed. */
  replication?: ReplicationFigures;
  /**
   * Resources whose newest recoverable point is not their newest backup,
   * at generation time, each with both ages and why (`newestRecoverable`).
   */
  recoverability?: string[];
  copies: CopyFigures;
  /** The worst restore-test standing among the resources. */
  restoreTest: RestoreTestFigures;
  alerts: AlertFigures;
  resources: ResourceFigures[];
  /** Every resource's cells, by due time. */
  timeline: TimelineCell[];
  /** Undefined when nothing about the service could be measured. */
  score?: ScoreBreakdown;
  /** Score points against the week before, when both weeks have one. */
  scoreChange?: number;
  links: ServiceLinks;
  /**
   * Why the service counts as silent: nothing it owes reached the monitor
   * this week (S3 replication, which reports only problems, never is).
   */
  silent?: string;
}

/** Where one drilled DR scenario stands at the end of the week. */
interface DrillFigures {
  /** The heading slug of disaster-recovery.md. */
  scenario: string;
  title: string;
  everyMs: number;
  /** What the drill is measured against: runbook.yml's rto, else the critical path. */
  rtoMs: number;
  /**
   * `ok`: in date and within the RTO; `slow`: in date, slower; `overdue`:
   * the last completed drill is older than `every`; `never`: none since
   * the monitor knew the scenario, for longer than `every`; `not-yet-due`.
   */
  status: 'ok' | 'slow' | 'overdue' | 'never' | 'not-yet-due';
  lastAt?: Date;
  durationMs?: number;
  /** Drills that failed in the week. */
  failed: number;
  link: string;
}

/** A resource no runbook service claims, with backup events in the week. */
interface UnmappedFigures {
  resourceArn: string;
  resourceType: string;
  account: string;
  region: string;
  events: number;
  lastEventAt?: Date;
}

/** Everything the weekly report says, ready to render or print as JSON. */
interface WeeklyFigures {
  title: string;
  /** The zone the week runs in (Monday 00:00 to Monday 00:00). */
  timezone: string;
  week: ReportWeek;
  /** `2026-W44`. */
  weekLabel: string;
  /** When the figures were computed; deadlines after it are not counted yet. */
  generatedAt: Date;
  totals: BackupCounts;
  /** Tier-weighted compliance score 0..100; undefined when no service has one. */
  score?: number;
  previousScore?: number;
  scoreChange?: number;
  scoreFormula: string;
  services: ServiceFigures[];
  /** How many services reported this week, of how many the runbook has. */
  reporting: { services: number; reporting: number };
  /** The drilled DR scenarios of runbook.yml. */
  drills: DrillFigures[];
  alerts: AlertFigures;
  /**
   * False when no incident was ever raised for this history (`sentinel
   * report` on an events file): the alert counts are then unknown, not 0.
   */
  alertsRecorded: boolean;
  unmapped: UnmappedFigures[];
  /** The runbook's front page. */
  runbookUrl: string;
}

/** One resource's state and its events around the week. */
interface ResourceHistory {
  state: ResourceState;
  /**
   * The resource's events, oldest first: the week, the time before it that
   * anchors gaps and early due times, and after it up to `now` (a late
   * backup completes after its deadline).
   */
  events: BackupEvent[];
}

/** What {@link computeWeeklyFigures} reads. */
interface FiguresInput {
  runbook: Runbook;
  resources: ResourceHistory[];
  /** Alert transitions; those before the week only match resolutions to openings. */
  transitions: Transition[];
  /** The week before, for the change in score. */
  previous?: WeeklyFigures;
  /** The zone the week runs in; default the runbook's `defaults.timezone`. */
  timezone?: string;
}

/** What `foldWeeklyFigures` needs besides the histories. */
interface FoldInput {
  runbook: Runbook;
  /** Alert transitions; those before the week only match resolutions to openings. */
  transitions: Transition[];
  /** The zone the weeks run in; default the runbook's `defaults.timezone`. */
  timezone?: string;
}

/**
 * Figures built one service at a time (`foldWeeklyFigures`): a service's
 * histories can be let go once folded in.
 */
interface WeeklyFiguresFold {
  /** Folds in one runbook service's resources, all of them at once. */
  addService: (service: Service, resources: ResourceHistory[]) => void;
  /** Folds in the drilled DR scenarios' histories. */
  addDrills: (resources: ResourceHistory[]) => void;
  /** Folds in a resource no runbook service claims, in listing order. */
  addUnowned: (resource: ResourceHistory) => void;
  /** Returns the week's figures, with the change from the week before. */
  finish: () => WeeklyFigures;
}

/** How the HTML email is laid out. */
interface ReportRenderOptions {
  /** Width of the email's body table in CSS pixels (default 640). */
  widthPx?: number;
  /**
   * Size the email should stay under, in bytes (default 100,000: Gmail
   * clips a message over 102 KB). Over it, services with nothing to report
   * are listed in brief, without their strips.
   */
  maxBytes?: number;
}

/** A rendered report, ready for any sender. */
interface ReportMessage {
  /** At most 100 printable ASCII characters (SNS's limit). */
  subject: string;
  text: string;
  html: string;
}

/** Delivers a rendered report (SNS topic, SES email). */
interface ReportSender {
  readonly name: string;
  /** Resolves once the service accepted the message; throws otherwise. */
  send(message: ReportMessage): Promise<void>;
}

export type {
  AlertEntry,
  AlertFigures,
  BackupCounts,
  BackupOutcome,
  CopyFigures,
  DrillFigures,
  FiguresInput,
  FoldInput,
  GapFigures,
  ReplicationFigures,
  ReportMessage,
  ReportRenderOptions,
  ReportSender,
  ReportWeek,
  ResourceFigures,
  ResourceHistory,
  RestoreTestFigures,
  RestoreTestStatus,
  ScoreBreakdown,
  ServiceFigures,
  ServiceLinks,
  TimelineCell,
  UnmappedFigures,
  WeeklyFigures,
  WeeklyFiguresFold,
};
export { BACKUP_OUTCOMES };
