export type { AwsOperations, AwsServiceModel } from './awsCommands.js';
export { awsServiceModel, awsServicesCalled } from './awsCommands.js';
export {
  loadBundledRunbook,
  RUNBOOK_DEFINE,
  RunbookCompileError,
} from './bundled.js';
export { serviceChangeDates } from './changeDates.js';
export { compileRunbook } from './compile.js';
export type { DiagnosticCode } from './diagnostics.js';
export {
  DIAGNOSTIC_CODES,
  DIAGNOSTIC_SEVERITY,
  sortDiagnostics,
} from './diagnostics.js';
export { RunbookReadError } from './errors.js';
export type {
  LintDirOptions,
  LintedDir,
  PrintedDiagnostic,
} from './folder.js';
export {
  formatDiagnostic,
  lintDir,
  loadRunbookDir,
  summarise,
} from './folder.js';
export type { DependencyPath, RestoreOrder, RestoreWave } from './graph.js';
export { dependencyPathMs, findCycle, restoreOrder } from './graph.js';
export type { Home } from './home.js';
export { runbookHome } from './home.js';
export {
  disasterRecoveryUrl,
  runbookIndexUrl,
  runbookUrl,
} from './links.js';
export type { LintOptions } from './lint.js';
export { lintRunbook } from './lint.js';
export { loadRunbook } from './loader.js';
export { arnMatches, matchResource } from './match.js';
export type { LineColumn } from './position.js';
export { lineColumn } from './position.js';
export { readRunbookDir } from './readDir.js';
export type {
  RestoreTestingPlanSpec,
  RestoreTestingPlans,
  RestoreTestingSelectionSpec,
  RestoreTestingSettings,
  UntestedResource,
} from './restoreTesting.js';
export {
  restoreTestingPlanName,
  restoreTestingPlans,
  restoreTestingSettings,
} from './restoreTesting.js';

export type { BuildSiteOptions, SiteFile } from './site/index.js';
export {
  buildSite,
  escapeHtml,
  UnsafePathError,
  UnsafeServiceIdError,
  writeUnder,
} from './site/index.js';
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
} from './types.js';
export {
  AUTOMATIONS,
  CATEGORIES,
  RESTORE_TEST_TYPES,
  SELF_REPORTED,
  TIERS,
} from './types.js';
