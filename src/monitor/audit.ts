import {
  type AuditDeps,
  type AuditResult,
  collectRegion,
  compareRestoreTesting,
  convertInventory,
  findDrift,
  type RegionInventory,
  type ServiceCompliance,
  serviceCompliance,
} from '../audit/index.js';
import { InMemoryHistoryStore } from '../history/index.js';
import {
  ARN_REGION,
  arnField,
  type Finding,
  SEVERITIES,
} from '../model/index.js';
import type { Runbook } from '../runbook/index.js';
import { matchResource } from '../runbook/index.js';
import { collectFindings } from './evaluate.js';
import { recordEvents } from './record.js';

const keyOf = (f: Finding): string => `${f.service}|${f.check}|${f.resource}`;

const bySeverity = (a: Finding, b: Finding): number =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
  a.service.localeCompare(b.service) ||
  a.check.localeCompare(b.check) ||
  a.resource.localeCompare(b.resource);

/** Runbook resources AWS Backup backs up, named by exact ARN in `region`. */
const watchedIn = (runbook: Runbook, region: string): string[] =>
  runbook.services
    .filter((s) => s.backup.automation === 'aws-backup')
    .flatMap((s) => s.resources)
    .filter(
      (arn) => !arn.includes('*') && arnField(arn, ARN_REGION) === region
    );

/**
 * Audits a live AWS account against the runbook, read-only: reads each
 * region (jobs created since `since`, plans, RDS snapshots and settings),
 * converts what it read into the monitor's events, builds resource state
 * with the in-memory history store, evaluates every check at `now` exactly
 * as the monitor would, and adds the plan drift and coverage findings.
 *
 * Runbook resources named by exact ARN in an audited region count as watched
 * from `since`, so a resource with no backup in the whole period is missed
 * and past its RPO, not merely new.
 *
 * @example
 * ```ts
 * const result = await runAudit(
 *   { runbook, clientsFor: awsClientFactory({ profile: 'prod' }), regions: ['eu-west-1'] },
 *   new Date(Date.now() - 30 * 86_400_000),
 *   new Date()
 * );
 * ```
 *
 * @param deps - the runbook, the client factory and the regions
 * @param since - the start of the audited period
 * @param now - the audit instant
 * @throws {AuditCredentialsError} when credentials are missing, expired or refused
 * @throws {AuditAccessDeniedError} when a permission is missing
 * @throws {AuditError} when any other read fails
 */
const runAudit = async (
  deps: AuditDeps,
  since: Date,
  now: Date
): Promise<AuditResult> => {
  const { runbook } = deps;
  const regions = [...new Set(deps.regions)];
  const inventories: RegionInventory[] = [];
  // One region after another: a credential problem surfaces once.
  for (const region of regions) {
    inventories.push(
      await collectRegion(
        deps.clientsFor(region),
        region,
        since,
        watchedIn(runbook, region)
      )
    );
  }
  const converted = inventories.map(convertInventory);
  const events = converted.flatMap((c) => c.events);

  const store = new InMemoryHistoryStore();
  const audited = new Set(regions);
  for (const service of runbook.services) {
    for (const arn of service.resources) {
      if (!arn.includes('*') && audited.has(arnField(arn, ARN_REGION))) {
        await store.ensureResource(arn, service.id, since);
      }
    }
  }
  await recordEvents({ store, runbook }, events, now);

  const checked = await collectFindings({ store, runbook }, now);
  const seen = new Set(checked.map(keyOf));
  // The checks' unmapped-resource finding says more than the coverage one.
  const drift = findDrift(runbook, inventories, now).filter(
    (f) => !seen.has(keyOf(f))
  );
  const findings = [...checked, ...drift].sort(bySeverity);

  const services: ServiceCompliance[] = [];
  for (const service of runbook.services) {
    const states = await store.listServiceStates(service.id);
    const own = events.filter(
      (e) => matchResource(runbook, e.resourceArn)?.id === service.id
    );
    services.push(
      serviceCompliance(service, states, own, findings, since, now)
    );
  }
  return {
    findings,
    services,
    regions,
    events: events.length,
    issues: converted.flatMap((c) => c.issues),
    restoreTesting: compareRestoreTesting(
      runbook,
      deps.restoreTestingPrefix ?? 'backup-sentinel-prod',
      inventories
    ),
  };
};

export { runAudit };
