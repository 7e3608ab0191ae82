import type { BackupRule, BackupSelection } from '@aws-sdk/client-backup';
import {
  CHECKS,
  openFinding,
  severityFor,
  shortName,
} from '../checks/index.js';
import {
  ARN_ACCOUNT,
  ARN_REGION,
  arnField,
  type Finding,
  type FindingDetail,
  UNMAPPED_SERVICE,
} from '../model/index.js';
import type { ExpectedCopy, Runbook, Service } from '../runbook/index.js';
import {
  arnMatches,
  matchResource,
  runbookIndexUrl,
} from '../runbook/index.js';
import {
  describeSchedule,
  dueTimesBetween,
  formatDuration,
} from '../schedule/index.js';
import type { PlanInventory, RegionInventory } from './types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** AWS Backup's defaults when a rule leaves a window out (8 hours, 7 days). */
const DEFAULT_START_WINDOW_MINUTES = 480;
const DEFAULT_COMPLETION_WINDOW_MINUTES = 10_080;

/** AWS Backup reads a rule's cron in UTC unless the rule names a zone. */
const DEFAULT_RULE_TIMEZONE = 'UTC';

/**
 * Two schedules are the same when they fall due at the same instants over
 * this span: a year covers monthly and yearly rules, and an hourly rule is
 * ~8,800 instants (milliseconds of work).
 */
const SCHEDULE_HORIZON_MS = 366 * DAY_MS;

/** Returns true when an ARN pattern can name a resource in `region`. */
const inRegion = (pattern: string, region: string): boolean => {
  const field = arnField(pattern, ARN_REGION);
  return field === '' || field.includes('*') || field === region;
};

/** Returns a schedule as people read it, or the raw text if it cannot be read. */
const scheduleText = (expression: string, timezone: string): string => {
  try {
    return describeSchedule(expression, timezone);
  } catch {
    return `${expression} (${timezone})`;
  }
};

/**
 * Returns true when two schedules fall due at the same instants over the
 * next year. An expression the schedule module cannot read differs from
 * any other.
 */
const sameSchedule = (
  a: { expression: string; timezone: string },
  b: { expression: string; timezone: string },
  now: Date
): boolean => {
  if (a.expression === b.expression && a.timezone === b.timezone) return true;
  const to = new Date(now.getTime() + SCHEDULE_HORIZON_MS);
  try {
    const x = dueTimesBetween(a.expression, a.timezone, now, to);
    const y = dueTimesBetween(b.expression, b.timezone, now, to);
    return (
      x.length === y.length &&
      x.every((t, i) => t.getTime() === y[i]?.getTime())
    );
  } catch {
    return false;
  }
};

const ruleSchedule = (rule: BackupRule) => ({
  expression: rule.ScheduleExpression ?? '',
  timezone: rule.ScheduleExpressionTimezone ?? DEFAULT_RULE_TIMEZONE,
});

/** Returns a drift finding for a service; `since` is unknown, so it is now. */
const driftFinding = (
  runbook: Runbook,
  service: Service,
  resource: string,
  summary: string,
  detail: FindingDetail,
  now: Date
): Finding =>
  openFinding(
    {
      service,
      state: { resourceArn: resource },
      links: runbook.links,
      // Drift summaries name the plan or resource themselves.
      subject: service.id,
    },
    CHECKS['config-drift'],
    now,
    summary,
    detail
  );

/** Returns true when a selection's ARNs pick the pattern out (NotResources win). */
const selects = (selection: BackupSelection, pattern: string): boolean =>
  (selection.Resources ?? []).some((s) => arnMatches(s, pattern)) &&
  !(selection.NotResources ?? []).some((n) => arnMatches(n, pattern));

/** Returns true when a selection and a runbook pattern can name one resource. */
const overlaps = (selection: BackupSelection, pattern: string): boolean =>
  (selection.Resources ?? []).some(
    (s) => arnMatches(s, pattern) || arnMatches(pattern, s)
  ) && !(selection.NotResources ?? []).some((n) => arnMatches(n, pattern));

/** Returns true when a selection picks resources by tag, which the audit cannot see. */
const byTags = (selection: BackupSelection): boolean => {
  const c = selection.Conditions;
  return (
    (selection.ListOfTags?.length ?? 0) > 0 ||
    [c?.StringEquals, c?.StringLike, c?.StringNotEquals, c?.StringNotLike].some(
      (list) => (list?.length ?? 0) > 0
    )
  );
};

/**
 * Returns the plans of a region that back up a service's resources: a
 * selection names them (wildcards either side), or a backup job the plan
 * created was for one of them (which catches tag-based selections).
 */
const plansOf = (
  runbook: Runbook,
  service: Service,
  inventory: RegionInventory
): PlanInventory[] => {
  const patterns = service.resources.filter((p) =>
    inRegion(p, inventory.region)
  );
  const byJob = new Set(
    inventory.backupJobs
      .filter(
        (j) =>
          j.ResourceArn !== undefined &&
          matchResource(runbook, j.ResourceArn)?.id === service.id
      )
      .map((j) => j.CreatedBy?.BackupPlanId)
  );
  return inventory.plans.filter(
    (plan) =>
      byJob.has(plan.planId) ||
      plan.selections.some(({ selection }) =>
        patterns.some((p) => overlaps(selection, p))
      )
  );
};

const describeCopy = ({ region, account }: ExpectedCopy): string =>
  [region ?? 'any region', account && `account ${account}`]
    .filter(Boolean)
    .join(' ');

const copyMatches = (expected: ExpectedCopy, vaultArn: string): boolean =>
  (expected.region === undefined ||
    expected.region === arnField(vaultArn, ARN_REGION)) &&
  (expected.account === undefined ||
    expected.account === arnField(vaultArn, ARN_ACCOUNT));

/** Compares one rule's windows, retention and copies with the runbook. */
const ruleDrift = (
  runbook: Runbook,
  service: Service,
  plan: PlanInventory,
  rule: BackupRule,
  region: string,
  now: Date
): Finding[] => {
  const where = `backup plan '${plan.plan.BackupPlanName}' rule '${rule.RuleName}'`;
  const base = {
    plan: plan.plan.BackupPlanName ?? plan.planId,
    planArn: plan.planArn,
    rule: rule.RuleName ?? null,
    region,
  };
  const findings: Finding[] = [];
  const add = (
    aspect: string,
    summary: string,
    expected: string,
    actual: string
  ): void => {
    findings.push(
      driftFinding(
        runbook,
        service,
        plan.planArn,
        `${where} ${summary}`,
        { aspect, expected, actual, ...base },
        now
      )
    );
  };
  const { backup } = service;
  const windows = [
    [
      'start-window',
      'start window',
      backup.startWindowMs,
      (rule.StartWindowMinutes ?? DEFAULT_START_WINDOW_MINUTES) * MINUTE_MS,
    ],
    [
      'completion-window',
      'completion window',
      backup.completionWindowMs,
      (rule.CompletionWindowMinutes ?? DEFAULT_COMPLETION_WINDOW_MINUTES) *
        MINUTE_MS,
    ],
  ] as const;
  for (const [aspect, label, expected, actual] of windows) {
    if (expected !== actual) {
      add(
        aspect,
        `has a ${label} of ${formatDuration(actual)}, the runbook says ${formatDuration(expected)}`,
        formatDuration(expected),
        formatDuration(actual)
      );
    }
  }
  const days = rule.Lifecycle?.DeleteAfterDays;
  // No lifecycle, or -1, keeps recovery points until someone deletes them.
  const keptMs = days === undefined || days < 0 ? undefined : days * DAY_MS;
  if (keptMs !== backup.retentionMs) {
    const actual = keptMs === undefined ? 'forever' : formatDuration(keptMs);
    add(
      'retention',
      `keeps recovery points ${actual === 'forever' ? actual : `for ${actual}`}, the runbook says ${formatDuration(backup.retentionMs)}`,
      formatDuration(backup.retentionMs),
      actual
    );
  }
  const vaults = (rule.CopyActions ?? [])
    .map((c) => c.DestinationBackupVaultArn)
    .filter((arn): arn is string => arn !== undefined);
  const missing = backup.copies.filter(
    (c) => !vaults.some((v) => copyMatches(c, v))
  );
  const extra = vaults.filter(
    (v) => !backup.copies.some((c) => copyMatches(c, v))
  );
  if (missing.length > 0 || extra.length > 0) {
    const actual =
      vaults
        .map(
          (v) =>
            `${arnField(v, ARN_REGION)} account ${arnField(v, ARN_ACCOUNT)}`
        )
        .join(', ') || 'none';
    const expected = backup.copies.map(describeCopy).join(', ') || 'none';
    const parts = [
      missing.length > 0 &&
        `copies to ${missing.map(describeCopy).join(', ')} missing`,
      extra.length > 0 &&
        `copies to ${extra.map((v) => arnField(v, ARN_REGION)).join(', ')} the runbook does not list`,
    ].filter(Boolean);
    add('copies', `has ${parts.join(' and ')}`, expected, actual);
  }
  return findings;
};

/**
 * Returns config-drift findings where an AWS Backup plan that backs up a
 * service's resources disagrees with the runbook. A rule matches the
 * runbook's schedule when it falls due at the same instants (so `?` versus
 * `*`, or the same time written in another zone, is no drift); with no such
 * rule the schedule is drift. The matching rules, or the plan's only rule,
 * are then compared on start and completion windows (AWS defaults 8 h and
 * 7 d when unset), retention (`Lifecycle.DeleteAfterDays`; none = kept
 * forever) and copy destinations (`CopyActions` regions and accounts against
 * `backup.copies`). Only `aws-backup` services are compared. Each finding's
 * `resource` is the plan ARN and its `detail` says expected and actual.
 *
 * @param runbook - the loaded runbook
 * @param inventory - what the collector read in one region
 * @param now - the audit instant (also each finding's `since`: the start of a drift is unknown)
 */
const checkPlanDrift = (
  runbook: Runbook,
  inventory: RegionInventory,
  now: Date
): Finding[] => {
  const findings: Finding[] = [];
  for (const service of runbook.services) {
    if (service.backup.automation !== 'aws-backup') continue;
    const expected = {
      expression: service.backup.schedule,
      timezone: service.timezone,
    };
    for (const plan of plansOf(runbook, service, inventory)) {
      const rules = plan.plan.Rules ?? [];
      const matching = rules.filter((r) =>
        sameSchedule(ruleSchedule(r), expected, now)
      );
      if (matching.length === 0) {
        const actual =
          rules
            .map((r) => {
              const s = ruleSchedule(r);
              return `'${r.RuleName}' ${scheduleText(s.expression, s.timezone)}`;
            })
            .join('; ') || 'no rules';
        const wanted = scheduleText(expected.expression, expected.timezone);
        findings.push(
          driftFinding(
            runbook,
            service,
            plan.planArn,
            `backup plan '${plan.plan.BackupPlanName}' has no rule that runs ${wanted} as the runbook says (rules: ${actual})`,
            {
              aspect: 'schedule',
              expected: `${expected.expression} ${expected.timezone} (${wanted})`,
              actual,
              plan: plan.plan.BackupPlanName ?? plan.planId,
              planArn: plan.planArn,
              rule: null,
              region: inventory.region,
            },
            now
          )
        );
      }
      const compared =
        matching.length > 0 ? matching : rules.length === 1 ? rules : [];
      for (const rule of compared) {
        findings.push(
          ...ruleDrift(runbook, service, plan, rule, inventory.region, now)
        );
      }
    }
  }
  return findings;
};

/**
 * Returns config-drift findings where RDS keeps automated backups for a
 * different time than the runbook's retention, for `rds-automated` services:
 * `BackupRetentionPeriod` in days from DescribeDBInstances (instances
 * outside a cluster) and DescribeDBClusters; 0 means automated backups are
 * off. `resource` is the instance or cluster ARN.
 *
 * @param runbook - the loaded runbook
 * @param inventory - what the collector read in one region
 * @param now - the audit instant (each finding's `since`)
 */
const checkRdsRetention = (
  runbook: Runbook,
  inventory: RegionInventory,
  now: Date
): Finding[] => {
  const targets = [
    ...inventory.dbInstances
      // A cluster member's backups follow its cluster's setting.
      .filter((i) => i.DBClusterIdentifier === undefined)
      .map((i) => ({ arn: i.DBInstanceArn, days: i.BackupRetentionPeriod })),
    ...inventory.dbClusters.map((c) => ({
      arn: c.DBClusterArn,
      days: c.BackupRetentionPeriod,
    })),
  ];
  const findings: Finding[] = [];
  for (const { arn, days } of targets) {
    if (arn === undefined || days === undefined) continue;
    const service = matchResource(runbook, arn);
    if (service === undefined || service.backup.automation !== 'rds-automated')
      continue;
    const expected = formatDuration(service.backup.retentionMs);
    const actualMs = days * DAY_MS;
    if (actualMs === service.backup.retentionMs) continue;
    const summary =
      days === 0
        ? `automated backups of ${shortName(arn)} are disabled (BackupRetentionPeriod 0), but the runbook relies on them (retention ${expected})`
        : `RDS keeps automated backups of ${shortName(arn)} for ${formatDuration(actualMs)}, the runbook says ${expected}`;
    findings.push(
      driftFinding(
        runbook,
        service,
        arn,
        summary,
        {
          aspect: days === 0 ? 'automated-backups-disabled' : 'retention',
          expected,
          actual: days === 0 ? 'disabled' : formatDuration(actualMs),
          backupRetentionPeriodDays: days,
          region: inventory.region,
        },
        now
      )
    );
  }
  return findings;
};

/** Returns the accounts the inventories show: the audited ones. */
const accountsSeen = (inventories: RegionInventory[]): Set<string> => {
  const accounts = new Set<string>();
  for (const inv of inventories) {
    for (const p of inv.plans) accounts.add(arnField(p.planArn, ARN_ACCOUNT));
    for (const j of inv.backupJobs) if (j.AccountId) accounts.add(j.AccountId);
    for (const i of inv.dbInstances) {
      if (i.DBInstanceArn) accounts.add(arnField(i.DBInstanceArn, ARN_ACCOUNT));
    }
  }
  accounts.delete('');
  return accounts;
};

/**
 * Returns the coverage findings between AWS Backup plans and the runbook:
 * - `unmapped-resource` for each ARN a selection names literally that no
 *   runbook service claims (wildcard selections are left to the
 *   unmapped-resource check, which sees the jobs they produce);
 * - `config-drift` for each resource pattern of an `aws-backup` service
 *   that no selection in its region picks out and no plan-created backup
 *   job touched. Patterns in regions or accounts not audited are not judged;
 *   tag-based selections cannot be evaluated and are counted in the detail.
 *
 * @param runbook - the loaded runbook
 * @param inventories - what the collector read, one per audited region
 * @param now - the audit instant (each finding's `since`)
 */
const checkCoverage = (
  runbook: Runbook,
  inventories: RegionInventory[],
  now: Date
): Finding[] => {
  const findings: Finding[] = [];
  const unclaimed = new Map<string, string[]>();
  for (const inv of inventories) {
    for (const plan of inv.plans) {
      for (const { selection } of plan.selections) {
        for (const arn of selection.Resources ?? []) {
          if (arn.includes('*') || matchResource(runbook, arn)) continue;
          const by = `${plan.plan.BackupPlanName}/${selection.SelectionName}`;
          unclaimed.set(arn, [...(unclaimed.get(arn) ?? []), by]);
        }
      }
    }
  }
  for (const [arn, selections] of unclaimed) {
    findings.push({
      service: UNMAPPED_SERVICE,
      resource: arn,
      check: 'unmapped-resource',
      severity: severityFor('unmapped-resource', 'standard'),
      status: 'open',
      since: now,
      summary: `${shortName(arn)}: backup plan selection ${selections.join(', ')} backs it up, but no runbook service claims it`,
      detail: {
        aspect: 'coverage',
        expected: 'claimed by a runbook service',
        actual: 'claimed by none',
        selections: selections.join(', '),
      },
      runbookUrl: runbookIndexUrl(runbook.links),
    });
  }

  const regions = new Set(inventories.map((i) => i.region));
  const accounts = accountsSeen(inventories);
  for (const service of runbook.services) {
    if (service.backup.automation !== 'aws-backup') continue;
    for (const pattern of service.resources) {
      const region = arnField(pattern, ARN_REGION);
      const account = arnField(pattern, ARN_ACCOUNT);
      const anyRegion = region === '' || region.includes('*');
      if (!anyRegion && !regions.has(region)) continue;
      if (account !== '' && !account.includes('*') && accounts.size > 0) {
        if (!accounts.has(account)) continue;
      }
      const relevant = inventories.filter(
        (inv) => anyRegion || inv.region === region
      );
      const selections = relevant.flatMap((inv) =>
        inv.plans.flatMap((p) => p.selections.map((s) => s.selection))
      );
      const selected =
        selections.some((s) => selects(s, pattern)) ||
        relevant.some((inv) =>
          inv.backupJobs.some(
            (j) =>
              j.CreatedBy?.BackupPlanId !== undefined &&
              j.ResourceArn !== undefined &&
              arnMatches(pattern, j.ResourceArn)
          )
        );
      if (selected) continue;
      const tagSelections = selections.filter(byTags).length;
      const tags =
        tagSelections > 0
          ? ` (${tagSelections} tag-based selection${tagSelections === 1 ? '' : 's'} could not be checked)`
          : '';
      findings.push(
        driftFinding(
          runbook,
          service,
          pattern,
          `no AWS Backup plan selects ${shortName(pattern)}, but the runbook says AWS Backup backs it up${tags}`,
          {
            aspect: 'coverage',
            expected: 'selected by a backup plan',
            actual: 'selected by none',
            regions: [...relevant.map((i) => i.region)].join(', '),
            tagSelections,
          },
          now
        )
      );
    }
  }
  return findings;
};

/**
 * Returns every drift and coverage finding of an audit: plan drift and RDS
 * retention per region, then coverage across all regions.
 *
 * @param runbook - the loaded runbook
 * @param inventories - what the collector read, one per audited region
 * @param now - the audit instant
 */
const findDrift = (
  runbook: Runbook,
  inventories: RegionInventory[],
  now: Date
): Finding[] => [
  ...inventories.flatMap((inv) => [
    ...checkPlanDrift(runbook, inv, now),
    ...checkRdsRetention(runbook, inv, now),
  ]),
  ...checkCoverage(runbook, inventories, now),
];

export {
  checkCoverage,
  checkPlanDrift,
  checkRdsRetention,
  findDrift,
  sameSchedule,
};
