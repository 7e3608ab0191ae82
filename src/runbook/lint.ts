import { formatDuration, maxIntervalMs } from '../schedule/index.js';
import { type AwsOperations, checkAwsCommands } from './awsCommands.js';
import { diagnostic, sortDiagnostics } from './diagnostics.js';
import { dependencyPathMs } from './graph.js';
import { type LocatedService, parseRunbook } from './loader.js';
import { markdownText } from './markdownText.js';
import { restoreTestingPlans } from './restoreTesting.js';
import { checkScheduleClaims } from './scheduleClaims.js';
import type { Diagnostic, RunbookFiles } from './types.js';

/** What lint needs from outside: optional, because it costs a load. */
interface LintOptions {
  /**
   * The AWS SDK clients' operations (`loadAwsOperations`); without them,
   * `aws` commands in code blocks are not checked.
   */
  awsOperations?: AwsOperations;
}

const DISASTER_RECOVERY = 'disaster-recovery.md';

// Lint has no clock. maxIntervalMs looks a whole year ahead, so it sees both
// DST changes from any start; a fixed start keeps lint output reproducible.
const SCHEDULE_REFERENCE = new Date('2026-01-01T00:00:00Z');

// Checks over the dependency graph would measure a wrong graph.
const GRAPH_ERRORS = new Set([
  'duplicate-id',
  'unknown-dependency',
  'dependency-cycle',
]);

const checkRpo = ({ service, source }: LocatedService): Diagnostic[] => {
  const { backup, recovery, file } = service;
  const intervalMs = maxIntervalMs(
    backup.schedule,
    service.timezone,
    SCHEDULE_REFERENCE
  );
  // A schedule with no further runs has no interval to compare.
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) return [];
  const worstMs = intervalMs + backup.startWindowMs + backup.completionWindowMs;
  if (worstMs <= recovery.rpoMs) return [];
  return [
    diagnostic(
      'rpo-unachievable',
      file,
      source.valueRange(['recovery', 'rpo']),
      `RPO ${formatDuration(recovery.rpoMs)} cannot be met: backups up to ${formatDuration(intervalMs)} apart plus a ${formatDuration(backup.startWindowMs)} start window and a ${formatDuration(backup.completionWindowMs)} completion window leave recovery points up to ${formatDuration(worstMs)} old`
    ),
  ];
};

const checkRetention = ({ service, source }: LocatedService): Diagnostic[] => {
  const { backup, recovery, file } = service;
  if (backup.retentionMs >= recovery.rpoMs) return [];
  return [
    diagnostic(
      'retention-below-rpo',
      file,
      source.valueRange(['backup', 'retention']),
      `retention ${formatDuration(backup.retentionMs)} is shorter than the RPO ${formatDuration(recovery.rpoMs)}: recovery points expire before the next one is due`
    ),
  ];
};

const checkRestoreTest = ({ service, source }: LocatedService): Diagnostic[] =>
  service.tier !== 'critical' || service.recovery.restoreTestMs !== undefined
    ? []
    : [
        diagnostic(
          'restore-test-missing',
          service.file,
          source.keyRange(['recovery']),
          'critical service without recovery.restoreTest: add one (e.g. restoreTest: 30d) so untested backups are flagged'
        ),
      ];

const checkRestoreTesting = ({
  service,
  source,
}: LocatedService): Diagnostic[] =>
  restoreTestingPlans({ services: [service] }, '').untested.map((untested) => {
    const index = service.resources.indexOf(untested.resource);
    const range = source.valueRange(['resources', index]);
    return untested.reason === 'unsupported-type'
      ? diagnostic(
          'restore-test-unsupported',
          service.file,
          range,
          `AWS Backup restore testing cannot restore ${untested.resourceType} resources, so no restore testing plan tests '${untested.resource}': restore it by hand or in a DR drill and report it with \`sentinel ping ${service.id} --kind restore\``
        )
      : diagnostic(
          'restore-test-unselectable',
          service.file,
          range,
          `restore testing selects resources by exact ARN or by tag, so no restore testing plan tests '${untested.resource}': list the exact ARN, or set recovery.restoreTesting.tags to the tags its backups carry`
        );
  });

const checkReplicationMetrics = ({
  service,
  source,
}: LocatedService): Diagnostic[] =>
  service.backup.automation !== 's3-replication' ||
  service.backup.replication !== undefined
    ? []
    : [
        diagnostic(
          'replication-lag-unmeasured',
          service.file,
          source.valueRange(['backup', 'automation']),
          "replication lag cannot be measured: S3 publishes it per replication rule, so list each rule under backup.replication (destination bucket, its region, rule id) and turn on the rules' replication metrics"
        ),
      ];

const checkRto = (
  located: LocatedService,
  all: LocatedService[]
): Diagnostic[] => {
  const { service, source } = located;
  const services = all.map((s) => s.service);
  const { path, totalMs } = dependencyPathMs(services, service.id);
  if (totalMs <= service.recovery.rtoMs) return [];
  return [
    diagnostic(
      'rto-below-dependencies',
      service.file,
      source.valueRange(['recovery', 'rto']),
      `RTO ${formatDuration(service.recovery.rtoMs)} is shorter than restoring its dependencies first: ${path.join(' -> ')} takes ${formatDuration(totalMs)}`
    ),
  ];
};

const checkBody = (
  located: LocatedService,
  options: LintOptions
): Diagnostic[] => {
  const { service, bodyOffset, bodyLine } = located;
  const text = markdownText(service.body, bodyOffset, bodyLine);
  return [
    ...checkScheduleClaims(service, text, SCHEDULE_REFERENCE),
    ...(options.awsOperations === undefined
      ? []
      : checkAwsCommands(service.file, text.code, options.awsOperations)),
  ];
};

/** The DR page has commands too, and no front matter. */
const checkDisasterRecovery = (
  files: RunbookFiles,
  options: LintOptions
): Diagnostic[] => {
  const page = files.files.find((f) => f.path === DISASTER_RECOVERY);
  if (page === undefined || options.awsOperations === undefined) return [];
  const { code } = markdownText(page.content, 0, 1);
  return checkAwsCommands(page.path, code, options.awsOperations);
};

/**
 * Returns every problem in a runbook folder, sorted by file and position:
 * the loader's errors plus warnings about policies that cannot hold (an RPO
 * the schedule cannot meet, retention shorter than the RPO, a critical
 * service never restore-tested, an RTO shorter than its dependencies'
 * restore) and about text that contradicts them (a deadline or window in
 * `## Backup` that the schedule disagrees with; with `awsOperations`, an
 * `aws` command whose operation the service's SDK client does not have).
 * Pure: the caller reads the files and loads the clients.
 *
 * @param files - the runbook folder's files, paths relative to it
 * @param options - `awsOperations`: check `aws` commands against them
 */
const lintRunbook = (
  files: RunbookFiles,
  options: LintOptions = {}
): Diagnostic[] => {
  const { diagnostics, services } = parseRunbook(files);
  const graphSound = !diagnostics.some((d) => GRAPH_ERRORS.has(d.code));
  const warnings = services.flatMap((located) => [
    ...checkRpo(located),
    ...checkRetention(located),
    ...checkRestoreTest(located),
    ...checkRestoreTesting(located),
    ...checkReplicationMetrics(located),
    ...(graphSound ? checkRto(located, services) : []),
    ...checkBody(located, options),
  ]);
  return sortDiagnostics([
    ...diagnostics,
    ...warnings,
    ...checkDisasterRecovery(files, options),
  ]);
};

export type { LintOptions };
export { lintRunbook };
