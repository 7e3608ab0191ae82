export { classify, collectRegion } from './collect.js';
export { serviceCompliance } from './compliance.js';
export {
  convertBackupJob,
  convertClusterSnapshot,
  convertCopyJob,
  convertDbSnapshot,
  convertInventory,
  convertRecoveryPoints,
  convertRestoreJob,
} from './convert.js';
export {
  checkCoverage,
  checkPlanDrift,
  checkRdsRetention,
  findDrift,
  sameSchedule,
} from './drift.js';
export type { CredentialsProblem } from './errors.js';
export {
  AuditAccessDeniedError,
  AuditCredentialsError,
  AuditError,
} from './errors.js';
export type { AuditAction } from './policy.js';
export { AUDIT_ACTIONS, AUDIT_POLICY, actionOfCommand } from './policy.js';
export { compareRestoreTesting } from './restoreTesting.js';
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
} from './types.js';
