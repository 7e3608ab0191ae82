import {
  type RestoreTestingPlanSpec,
  type Runbook,
  restoreTestingPlans,
} from '../runbook/index.js';
import type {
  RegionInventory,
  RestoreTestingComparison,
  RestoreTestingInventory,
} from './types.js';

const selectionsOf = (plan: RestoreTestingPlanSpec): string[] =>
  plan.selections.map((s) => s.resourceType).sort();

/** Returns in words how a deployed plan differs from the expected one. */
const differencesOf = (
  expected: RestoreTestingPlanSpec,
  deployed: RestoreTestingInventory
): string[] => {
  const { plan, selections } = deployed;
  const differences: string[] = [];
  if (plan.ScheduleExpression !== expected.schedule) {
    differences.push(
      `schedule ${plan.ScheduleExpression ?? 'none'}, expected ${expected.schedule}`
    );
  }
  const window = plan.RecoveryPointSelection?.SelectionWindowDays;
  if (window !== expected.selectionWindowDays) {
    differences.push(
      `selection window ${window ?? 'default'} days, expected ${expected.selectionWindowDays}`
    );
  }
  for (const want of expected.selections) {
    const got = selections.find(
      (s) => s.ProtectedResourceType === want.resourceType
    );
    if (got === undefined) {
      differences.push(`no ${want.resourceType} selection`);
      continue;
    }
    const arns = [...(got.ProtectedResourceArns ?? [])].sort().join(', ');
    if (arns !== [...want.resourceArns].sort().join(', ')) {
      differences.push(
        `${want.resourceType} selects ${arns || 'nothing'}, expected ${want.resourceArns.join(', ')}`
      );
    }
    if (got.ValidationWindowHours !== want.validationWindowHours) {
      differences.push(
        `${want.resourceType} validation window ${got.ValidationWindowHours ?? 'none'} h, expected ${want.validationWindowHours ?? 'none'}`
      );
    }
  }
  return differences;
};

/**
 * Returns, for every service the runbook restore tests, the restore testing
 * plan Backup Sentinel deploys for it against the plan of that name the
 * audited regions hold: missing, matching, or how it differs (schedule,
 * selection window, selections and their resources and validation windows).
 * Pure.
 *
 * @param runbook - the runbook
 * @param prefix - the deployment's plan name prefix (`backup-sentinel-prod`)
 * @param inventories - what the audit read, region by region
 */
const compareRestoreTesting = (
  runbook: Pick<Runbook, 'services'>,
  prefix: string,
  inventories: readonly RegionInventory[]
): RestoreTestingComparison[] => {
  const deployed = new Map(
    inventories
      .flatMap((i) => i.restoreTestingPlans ?? [])
      .map((p) => [p.plan.RestoreTestingPlanName, p])
  );
  return restoreTestingPlans(runbook, prefix).plans.map((expected) => {
    const found = deployed.get(expected.name);
    const summary = {
      name: expected.name,
      schedule: expected.schedule,
      selections: selectionsOf(expected),
    };
    if (found === undefined) {
      return {
        service: expected.service,
        expected: summary,
        status: 'missing',
        differences: [],
      };
    }
    const differences = differencesOf(expected, found);
    return {
      service: expected.service,
      expected: summary,
      deployed: {
        name: expected.name,
        schedule: found.plan.ScheduleExpression ?? '',
        selections: found.selections
          .map((s) => s.ProtectedResourceType ?? '')
          .sort(),
      },
      status: differences.length === 0 ? 'match' : 'differs',
      differences,
    };
  });
};

export { compareRestoreTesting };
