import type { AlertDeps, AlertSummary, Channel } from '../alerts/index.js';
import type {
  BackupEvent,
  Finding,
  HistoryStore,
  InputIssue,
  RecordOutcome,
  ResourceState,
} from '../model/index.js';
import type { ReportSender, ReportWeek } from '../report/index.js';
import type { Runbook } from '../runbook/index.js';
import type { ReplicationLagReader } from './replicationMetrics.js';

/**
 * Where the monitor's figures go; Powertools' `Metrics` satisfies it
 * (`publishStoredMetrics` flushes them as one EMF log line).
 */
interface MetricsSink {
  addMetric(name: string, unit: 'Count', value: number): unknown;
  publishStoredMetrics(): unknown;
}

/**
 * What ingest and evaluation work with: the store, the runbook, the
 * channels (none for a replay), and optionally a logger, metrics and a
 * route policy.
 */
interface MonitorDeps extends Omit<AlertDeps, 'channels'> {
  /** Where pages go; none (a replay, an audit) still moves the alerts. */
  channels?: Channel[];
  metrics?: MetricsSink;
  /** S3 replication lag from CloudWatch; only the scheduled evaluation reads it. */
  replicationLag?: ReplicationLagReader;
}

/** A finding with the dedup key of the incident it is paged under. */
interface IncidentFinding extends Finding {
  /** `backup-sentinel/<service>/<resource>`, or `backup-sentinel/<service>` for a roll-up. */
  incident: string;
}

/** What one evaluation did. */
interface EvaluationSummary extends AlertSummary {
  services: number;
  resources: number;
}

/**
 * One shard of an evaluation round: the runbook services whose ids sort
 * after `after` (exclusive) and up to `through` (inclusive); either end
 * missing is open. Shard 0 also evaluates the DR scenarios, unmapped
 * resources and incidents of services the runbook no longer lists.
 */
interface ShardSpec {
  index: number;
  after?: string;
  through?: string;
}

/** A round's shards, in order (what the plan step returns). */
interface EvaluationPlan {
  shards: ShardSpec[];
}

/** What one shard did. */
interface ShardSummary extends EvaluationSummary {
  shard: number;
  /** Incidents of the shard's services left open. */
  openAlerts: number;
}

/**
 * A shard that did not report: the name of the error Step Functions caught.
 * Its cause (message and stack) stays in the shard's own log, so the
 * round's payload stays small however many shards fail.
 */
interface ShardFailure {
  shard: number;
  failed: true;
  error: string;
}

/** What the finish step receives: the plan and what each shard returned. */
interface EvaluationRound extends EvaluationPlan {
  results: (ShardSummary | ShardFailure)[];
}

/** An event recorded for the first time, and its resource's state after it. */
interface RecordedEvent {
  event: BackupEvent;
  state: ResourceState;
  outcome: RecordOutcome;
}

/** One input `runIngest` could not understand (kept by the store). */
interface IngestRejection {
  /** Position of the input in the list given to `runIngest`. */
  index: number;
  issues: InputIssue[];
}

/**
 * What one `runIngest` run did. `recorded` and `duplicates` count events;
 * `rejected` and `ignored` count inputs (an ignored input is valid but says
 * nothing the monitor tracks, such as a job that was only CREATED).
 */
interface IngestSummary {
  recorded: number;
  duplicates: number;
  /** Events held until the event that owns their recovery point arrives. */
  held: number;
  rejected: number;
  ignored: number;
  rejections: IngestRejection[];
  /** Why each ignored input says nothing tracked, by its position. */
  ignores: { index: number; reason: string }[];
}

/** What `runWeeklyReport` needs. */
interface ReportDeps {
  store: HistoryStore;
  runbook: Runbook;
  send: ReportSender[];
  /** The zone the week runs in; default the runbook's `defaults.timezone`. */
  timezone?: string;
}

/** What one weekly report run did. */
interface ReportRunSummary {
  week: ReportWeek;
  weekLabel: string;
  score?: number;
  subject: string;
  /** Names of the senders that accepted the report. */
  sent: string[];
}

export type {
  EvaluationPlan,
  EvaluationRound,
  EvaluationSummary,
  IncidentFinding,
  IngestRejection,
  IngestSummary,
  MetricsSink,
  MonitorDeps,
  RecordedEvent,
  ReportDeps,
  ReportRunSummary,
  ShardFailure,
  ShardSpec,
  ShardSummary,
};
