export { runAudit } from './audit.js';
export type { AwsClientOptions } from './auditClients.js';
export { awsClientFactory, defaultRegion } from './auditClients.js';
export { createChannels } from './channels.js';
export type { ClientOverrides } from './clients.js';
export { createMonitorDeps } from './clients.js';
export type {
  ChannelsConfig,
  Config,
  LogLevel,
  ReportConfig,
} from './config.js';
export { ConfigError, loadConfig } from './config.js';
export { invocationDeadline, RESERVE_MS } from './deadline.js';
export { InvalidStepError, RoundIncompleteError } from './errors.js';
export {
  collectFindings,
  evaluateRecorded,
  evaluateResources,
  evaluateShard,
  finishEvaluation,
  planEvaluation,
  runEvaluation,
  watchFromHistoryStart,
} from './evaluate.js';
export { createEvaluationDeps } from './evaluateClients.js';
export { addSummary, emptySummary, runIngest } from './ingest.js';
export { runEvaluationStep } from './lambdaEvaluate.js';
export type { IngestHandlerDeps } from './lambdaIngest.js';
export { runIngestHandler } from './lambdaIngest.js';
export type { Recorded } from './record.js';
export { HOLD_LIMIT_MS, recordEvents, settleHeldEvents } from './record.js';
export type { ReplicationLagReader } from './replicationMetrics.js';
export { cloudWatchReplicationLag } from './replicationMetrics.js';
export type { FiguresSource } from './report.js';
export { loadWeeklyFigures, runWeeklyReport } from './report.js';
export {
  createReportDeps,
  createReportSenders,
} from './reportClients.js';
export type { Reporter, ReporterOptions } from './reporter.js';
export { createReporter, ReportNotSentError } from './reporter.js';
export {
  PATTERN_RESOURCES,
  planShards,
  SHARD_RESOURCES,
  shardServices,
} from './shards.js';
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
} from './types.js';
export type {
  RestoreJobs,
  ValidationDeps,
  ValidationSummary,
} from './validate.js';
export { runRestoreValidation } from './validate.js';
export type { ValidationClientOverrides } from './validateClients.js';
export { createValidationDeps } from './validateClients.js';
