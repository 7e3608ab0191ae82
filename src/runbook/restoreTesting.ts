import { createHash } from 'node:crypto';
import { resourceTypeOf } from '../model/index.js';
import { maxIntervalMs } from '../schedule/index.js';
import {
  RESTORE_TEST_TYPES,
  type RestoreTestType,
  type Runbook,
  type Service,
} from './types.js';

/** A service's restore testing settings with the defaults filled in. */
interface RestoreTestingSettings {
  validate: boolean;
  vaults: string[];
  tolerance: number;
  tags: Record<string, string>;
  metadata: Partial<Record<RestoreTestType, Record<string, string>>>;
}

/** One `AWS::Backup::RestoreTestingSelection`: one resource type of a service. */
interface RestoreTestingSelectionSpec {
  /** Unique within the plan: letters, digits and underscores. */
  name: string;
  resourceType: RestoreTestType;
  /** Exact ARNs, or `['*']` with {@link tags} narrowing it. */
  resourceArns: string[];
  /** The service's resources (ARN patterns) of this type: what the tests restore. */
  sources: string[];
  /** Tags a resource's latest recovery point must carry (StringEquals); {} = none. */
  tags: Record<string, string>;
  /** Restore metadata overrides, as AWS Backup takes them. */
  metadata: Record<string, string>;
  /** How long the restored resource is kept for validation; undefined = not validated. */
  validationWindowHours?: number;
}

/** One `AWS::Backup::RestoreTestingPlan`: one runbook service. */
interface RestoreTestingPlanSpec {
  service: string;
  /** Letters, digits and underscores, at most 50, unique per account and region. */
  name: string;
  /** When tests start, derived from `recovery.restoreTest`; UTC. */
  schedule: string;
  /** The longest gap between two scheduled tests. */
  scheduleGapMs: number;
  startWindowHours: number;
  /** How old a recovery point may be to be tested: the RPO, in whole days. */
  selectionWindowDays: number;
  /** Vault names or ARNs from the runbook; [] = every vault. */
  vaults: string[];
  selections: RestoreTestingSelectionSpec[];
}

/** Why a resource of an eligible service gets no restore test. */
interface UntestedResource {
  service: string;
  resource: string;
  reason: 'unsupported-type' | 'pattern-without-tags';
  resourceType: string;
}

/** The plans a runbook asks for, and the resources none of them can test. */
interface RestoreTestingPlans {
  plans: RestoreTestingPlanSpec[];
  untested: UntestedResource[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** AWS Backup's default, and long enough for a test to wait out a busy vault. */
const START_WINDOW_HOURS = 24;

/** Restore testing's limits (AWS Backup developer guide, restore testing quotas). */
const MAX_NAME = 50;
const MAX_ARNS_PER_SELECTION = 30;
const MAX_VALIDATION_WINDOW_HOURS = 168;
const MAX_SELECTION_WINDOW_DAYS = 365;

const DEFAULT_TOLERANCE = 0.1;

// Lint has no clock: gaps are measured over the year from a fixed start.
const SCHEDULE_REFERENCE = new Date('2026-01-01T00:00:00Z');

const isRestoreTestType = (type: string): type is RestoreTestType =>
  (RESTORE_TEST_TYPES as readonly string[]).includes(type);

/**
 * Returns a service's restore testing settings with the defaults filled
 * in: validation on, every vault, a 10 % tolerance, no tags, no overrides.
 *
 * @param service - a runbook service
 */
const restoreTestingSettings = (service: Service): RestoreTestingSettings => {
  const written = service.recovery.restoreTesting;
  return {
    validate: written?.validate ?? true,
    vaults: written?.vaults ?? [],
    tolerance: written?.tolerance ?? DEFAULT_TOLERANCE,
    tags: written?.tags ?? {},
    metadata: written?.metadata ?? {},
  };
};

/**
 * Returns true when AWS Backup restore testing is generated for the
 * service: it is backed up by AWS Backup and the runbook asks for restore
 * tests.
 *
 * @param service - a runbook service
 */
const isRestoreTested = (service: Service): boolean =>
  service.backup.automation === 'aws-backup' &&
  service.recovery.restoreTestMs !== undefined;

const hash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 6);

/**
 * Returns a restore testing name: letters, digits and underscores, at most
 * 50 characters, not ending in `_`; a longer one keeps its start and gains
 * a hash of the whole, so two long names stay apart.
 */
const restoreTestingName = (raw: string): string => {
  const clean = raw.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (clean.length <= MAX_NAME) return clean;
  const suffix = `_${hash(raw)}`;
  return `${clean.slice(0, MAX_NAME - suffix.length).replace(/_+$/, '')}${suffix}`;
};

/**
 * Returns the name of a service's restore testing plan: the deployment's
 * prefix (stack and stage) and the service id.
 *
 * @param prefix - e.g. `backup_sentinel_prod`
 * @param serviceId - the runbook service id
 */
const restoreTestingPlanName = (prefix: string, serviceId: string): string =>
  restoreTestingName(`${prefix}_${serviceId}`);

/** Cron schedules from the longest gap to the shortest, at 06:MM UTC. */
const scheduleCandidates = (minute: number): string[] => [
  `cron(${minute} 6 1 1,4,7,10 ? *)`,
  `cron(${minute} 6 1 * ? *)`,
  `cron(${minute} 6 1,15 * ? *)`,
  `cron(${minute} 6 ? * TUE *)`,
  `cron(${minute} 6 * * ? *)`,
];

/**
 * Returns the schedule of a service's tests: the least frequent of
 * quarterly, monthly, twice a month, weekly and daily whose longest gap,
 * plus the start window, the RTO and the validation window a test may
 * take, still fits `recovery.restoreTest`; daily when none does. The
 * minute comes from the service id, so plans do not all start at once.
 */
const scheduleFor = (
  service: Service,
  restoreTestMs: number,
  validationWindowHours: number | undefined
): { schedule: string; gapMs: number } => {
  const minute = Number.parseInt(hash(service.id), 16) % 60;
  const slackMs =
    (START_WINDOW_HOURS + (validationWindowHours ?? 0)) * HOUR_MS +
    service.recovery.rtoMs;
  const candidates = scheduleCandidates(minute).map((schedule) => ({
    schedule,
    gapMs: maxIntervalMs(schedule, 'UTC', SCHEDULE_REFERENCE),
  }));
  return (
    candidates.find((c) => c.gapMs + slackMs <= restoreTestMs) ??
    (candidates.at(-1) as { schedule: string; gapMs: number })
  );
};

const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

/** Returns the selections of one service, and what they cannot test. */
const selectionsFor = (
  service: Service,
  settings: RestoreTestingSettings,
  validationWindowHours: number | undefined
): {
  selections: RestoreTestingSelectionSpec[];
  untested: UntestedResource[];
} => {
  const byTags = Object.keys(settings.tags).length > 0;
  const arnsByType = new Map<RestoreTestType, string[]>();
  const untested: UntestedResource[] = [];
  for (const resource of service.resources) {
    const resourceType = resourceTypeOf(resource);
    if (!isRestoreTestType(resourceType)) {
      untested.push({
        service: service.id,
        resource,
        reason: 'unsupported-type',
        resourceType,
      });
      continue;
    }
    if (resource.includes('*') && !byTags) {
      untested.push({
        service: service.id,
        resource,
        reason: 'pattern-without-tags',
        resourceType,
      });
      continue;
    }
    arnsByType.set(resourceType, [
      ...(arnsByType.get(resourceType) ?? []),
      resource,
    ]);
  }
  const selections = [...arnsByType].flatMap(([resourceType, arns]) => {
    // Selecting by tag takes every resource of the type whose recovery
    // point carries the tags: AWS Backup forbids ARNs beside conditions.
    const groups = byTags
      ? [['*']]
      : Array.from(
          { length: Math.ceil(arns.length / MAX_ARNS_PER_SELECTION) },
          (_, i) =>
            arns.slice(
              i * MAX_ARNS_PER_SELECTION,
              (i + 1) * MAX_ARNS_PER_SELECTION
            )
        );
    return groups.map(
      (resourceArns, i): RestoreTestingSelectionSpec => ({
        name: restoreTestingName(
          i === 0 ? resourceType : `${resourceType}_${i + 1}`
        ),
        resourceType,
        resourceArns,
        sources: arns,
        tags: settings.tags,
        metadata: settings.metadata[resourceType] ?? {},
        ...(validationWindowHours !== undefined && { validationWindowHours }),
      })
    );
  });
  return { selections, untested };
};

/**
 * Returns the restore testing plans a runbook asks for: one per `aws-backup`
 * service with `recovery.restoreTest`, with one selection per resource type
 * it lists, and the resources no plan can test (a type restore testing
 * cannot restore, a pattern with no tags to select it by). A service with
 * nothing to test gets no plan. Pure: the names take the caller's prefix.
 *
 * @param runbook - the loaded runbook
 * @param prefix - the deployment's name prefix, e.g. `backup_sentinel_prod`
 */
const restoreTestingPlans = (
  runbook: Pick<Runbook, 'services'>,
  prefix: string
): RestoreTestingPlans => {
  const plans: RestoreTestingPlanSpec[] = [];
  const untested: UntestedResource[] = [];
  for (const service of runbook.services) {
    const { restoreTestMs } = service.recovery;
    if (!isRestoreTested(service) || restoreTestMs === undefined) continue;
    const settings = restoreTestingSettings(service);
    // The restored resource is kept for as long as the RTO allows a
    // restore to take, so validation fits inside the recovery it proves.
    const validationWindowHours = settings.validate
      ? clamp(
          Math.ceil(service.recovery.rtoMs / HOUR_MS),
          1,
          MAX_VALIDATION_WINDOW_HOURS
        )
      : undefined;
    const found = selectionsFor(service, settings, validationWindowHours);
    untested.push(...found.untested);
    if (found.selections.length === 0) continue;
    const { schedule, gapMs } = scheduleFor(
      service,
      restoreTestMs,
      validationWindowHours
    );
    plans.push({
      service: service.id,
      name: restoreTestingPlanName(prefix, service.id),
      schedule,
      scheduleGapMs: gapMs,
      startWindowHours: START_WINDOW_HOURS,
      selectionWindowDays: clamp(
        Math.ceil(service.recovery.rpoMs / DAY_MS),
        1,
        MAX_SELECTION_WINDOW_DAYS
      ),
      vaults: settings.vaults,
      selections: found.selections,
    });
  }
  return { plans, untested };
};

export type {
  RestoreTestingPlanSpec,
  RestoreTestingPlans,
  RestoreTestingSelectionSpec,
  RestoreTestingSettings,
  UntestedResource,
};
export { restoreTestingPlanName, restoreTestingPlans, restoreTestingSettings };
