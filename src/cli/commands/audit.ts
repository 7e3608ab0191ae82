import type { Command } from 'commander';
import {
  AUDIT_POLICY,
  AuditAccessDeniedError,
  AuditCredentialsError,
  type AuditResult,
  type RestoreTestingComparison,
  type ServiceCompliance,
} from '../../audit/index.js';
// Not in the checks index yet (asked for in the audit report).
import { formatUtc, shortName } from '../../checks/index.js';
import type { Finding } from '../../model/index.js';
import { ARN_REGION, AWS_REGION, arnField } from '../../model/index.js';
import {
  awsClientFactory,
  defaultRegion,
  runAudit,
} from '../../monitor/index.js';
import type { Runbook } from '../../runbook/index.js';
import { loadRunbookDir } from '../../runbook/index.js';
import {
  formatDuration,
  InvalidDurationError,
  parseDuration,
} from '../../schedule/index.js';
import { UsageError } from '../errors.js';
import { nodeVersionNotice } from '../nodeNotice.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface AuditOptions {
  since: string;
  region: string[];
  profile?: string;
  runbook: string;
  json: boolean;
  stage: string;
}

/** ListBackupJobs and its siblings return the last 30 days at most. */
const JOB_LIST_LIMIT_MS = 30 * 86_400_000;

const collect = (value: string, previous: string[]): string[] => [
  ...previous,
  value,
];

const parseSince = (value: string): number => {
  try {
    return parseDuration(value);
  } catch (error) {
    if (error instanceof InvalidDurationError) {
      throw new UsageError(
        `--since must be a duration such as 30d, 12h or 2w; got '${value}'`,
        { cause: error }
      );
    }
    throw error;
  }
};

/** Returns the regions the runbook's resource ARNs name, sorted. */
const runbookRegions = (runbook: Runbook): string[] =>
  [
    ...new Set(
      runbook.services.flatMap((s) =>
        s.resources
          .map((arn) => arnField(arn, ARN_REGION))
          .filter((region) => AWS_REGION.test(region))
      )
    ),
  ].sort();

/**
 * Returns the regions to read: `--region` as given, else those the
 * runbook's ARNs name, else the SDK's default region.
 */
const regionsToAudit = async (
  options: AuditOptions,
  runbook: Runbook
): Promise<string[]> => {
  const bad = options.region.find((r) => !AWS_REGION.test(r));
  if (bad !== undefined) {
    throw new UsageError(
      `--region must be an AWS region such as eu-west-1; got '${bad}'`
    );
  }
  if (options.region.length > 0) return options.region;
  const named = runbookRegions(runbook);
  if (named.length > 0) return named;
  const fallback = await defaultRegion({ profile: options.profile });
  if (fallback !== undefined) return [fallback];
  throw new UsageError(
    'no region to audit: pass --region, set AWS_REGION, or give the profile a region'
  );
};

/** Returns rows as columns padded to their widest cell; the last is left ragged. */
const table = (rows: string[][]): string => {
  const widths = rows[0]?.map((_, i) =>
    Math.max(...rows.map((r) => r[i]?.length ?? 0))
  );
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell.padEnd(widths?.[i] ?? 0)
        )
        .join('  ')
    )
    .join('\n');
};

/** Names a plan drift by the plan's name, which people know, not its id. */
const resourceCell = (f: Finding): string =>
  f.resource === f.detail.planArn && typeof f.detail.plan === 'string'
    ? `plan ${f.detail.plan}`
    : shortName(f.resource);

const findingRows = (findings: Finding[]): string[][] => [
  ['SERVICE', 'RESOURCE', 'CHECK', 'SEVERITY', 'SUMMARY'],
  ...findings.map((f) => [
    f.service,
    resourceCell(f),
    f.check,
    f.severity,
    f.summary,
  ]),
];

const complianceRows = (services: ServiceCompliance[]): string[][] => [
  [
    'SERVICE',
    'TIER',
    'RESOURCES',
    'SUCCEEDED',
    'FAILED',
    'LAST BACKUP',
    'AGE',
    'RPO',
    'WITHIN RPO',
  ],
  ...services.map((s) => [
    s.service,
    s.tier,
    String(s.resources),
    String(s.succeeded),
    String(s.failed),
    s.lastBackupAt === null ? 'never' : formatUtc(s.lastBackupAt),
    s.lastBackupAgeMs === null ? '-' : formatDuration(s.lastBackupAgeMs),
    formatDuration(s.rpoMs),
    s.withinRpo ? 'yes' : 'NO',
  ]),
];

const restoreTestingRows = (
  comparisons: RestoreTestingComparison[]
): string[][] => [
  ['service', 'restore testing plan', 'expected', 'deployed'],
  ...comparisons.map((c) => [
    c.service,
    c.expected.name,
    `${c.expected.schedule} ${c.expected.selections.join(' ')}`,
    c.status === 'missing'
      ? 'MISSING'
      : c.status === 'match'
        ? 'same'
        : `DIFFERS: ${c.differences.join('; ')}`,
  ]),
];

const printText = (result: AuditResult, write: (t: string) => void): void => {
  if (result.findings.length === 0) write('no open findings\n');
  else write(`${table(findingRows(result.findings))}\n`);
  write(`\n${table(complianceRows(result.services))}\n`);
  const comparisons = result.restoreTesting ?? [];
  if (comparisons.length > 0) {
    write(`\n${table(restoreTestingRows(comparisons))}\n`);
  }
};

/**
 * Registers `sentinel audit`: a read-only pass over a live AWS account. It
 * reads AWS Backup jobs, plans and selections and RDS snapshots and
 * settings, evaluates the runbook's checks on them at the current time,
 * adds plan drift and coverage findings, and prints the findings, each
 * service's figures and, per restore-tested service, the restore testing
 * plan the stage's deploy creates against the one deployed. Exits 0 with no open findings, 1 with some, 2 on bad
 * arguments or when the credentials cannot read the account (the minimal
 * IAM policy is printed when a permission is missing).
 *
 * @example
 * ```sh
 * sentinel audit --since 30d --region eu-west-1 --profile prod --json
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerAudit = (program: Command, context: CliContext): void => {
  program
    .command('audit')
    .description(
      'read-only audit of a live AWS account (AWS Backup jobs and plans, RDS snapshots) against the runbook'
    )
    .option('--since <duration>', 'how far back to read jobs', '30d')
    .option(
      '--region <region>',
      'a region to read (repeatable); default: the regions of the runbook ARNs, else AWS_REGION',
      collect,
      []
    )
    .option('--profile <name>', 'the AWS profile to use')
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option(
      '--stage <stage>',
      'the deployed stage whose restore testing plans are expected',
      'prod'
    )
    .option(
      '--json',
      'print {findings, services, restoreTesting} as JSON',
      false
    )
    .action(async (options: AuditOptions) => {
      const { io } = context;
      const notice =
        io.nodeVersion === undefined
          ? undefined
          : nodeVersionNotice(io.nodeVersion);
      if (notice !== undefined) io.stderr(notice);
      const now = io.now();
      const sinceMs = parseSince(options.since);
      const since = new Date(now.getTime() - sinceMs);
      const runbook = await loadRunbookDir(options.runbook, io);
      const regions = await regionsToAudit(options, runbook);
      if (sinceMs > JOB_LIST_LIMIT_MS) {
        io.stderr(
          'note: AWS Backup lists jobs of the last 30 days only; older jobs are not counted\n'
        );
      }
      let result: AuditResult;
      try {
        result = await runAudit(
          {
            runbook,
            clientsFor: awsClientFactory({ profile: options.profile }),
            regions,
            // serverless.yml names them after the service and stage.
            restoreTestingPrefix: `backup-sentinel-${options.stage}`,
          },
          since,
          now
        );
      } catch (error) {
        if (error instanceof AuditAccessDeniedError) {
          io.stderr(
            `sentinel: ${error.message}\nThe audit needs this read-only IAM policy:\n${JSON.stringify(AUDIT_POLICY, null, 2)}\n`
          );
          context.setExitCode(EXIT_CODES.usage);
          return;
        }
        if (error instanceof AuditCredentialsError) {
          throw new UsageError(error.message, { cause: error });
        }
        throw error;
      }
      for (const issue of result.issues) {
        io.stderr(
          `warning: ${issue.region}: ${issue.path}: ${issue.message} (item skipped)\n`
        );
      }
      if (options.json) {
        const { findings, services, restoreTesting } = result;
        io.stdout(
          `${JSON.stringify({ findings, services, restoreTesting }, null, 2)}\n`
        );
      } else {
        printText(result, io.stdout);
      }
      io.stderr(
        `audited ${result.regions.join(', ')} since ${formatUtc(since)}: ${result.events} events, ${result.findings.length} open findings\n`
      );
      context.setExitCode(
        result.findings.length > 0 ? EXIT_CODES.problems : EXIT_CODES.ok
      );
    });
};

export { registerAudit };
