import { type Command, Option } from 'commander';
import {
  JOB_STATES,
  type ReportKind,
  SENTINEL_DETAIL_TYPES,
  VALIDATION_STATUSES,
} from '../../events/index.js';
import {
  loadRunbookDir,
  type Runbook,
  SELF_REPORTED,
} from '../../runbook/index.js';
import { parseDuration } from '../../schedule/index.js';
import { UsageError } from '../errors.js';
import { parseInstant } from '../instant.js';
import {
  deliver,
  entryOf,
  type ReportTarget,
  resourcesOf,
  serviceNamed,
} from '../reports.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface PingOptions extends ReportTarget {
  state: (typeof JOB_STATES)[number];
  kind: ReportKind;
  resource?: string;
  jobId?: string;
  size?: string;
  message?: string;
  at?: string;
  started?: string;
  duration?: string;
  location?: string;
  target?: string;
  validation?: (typeof VALIDATION_STATUSES)[number];
  validationMessage?: string;
  real: boolean;
  restored: string[];
  runbook: string;
}

const collect = (value: string, previous: string[]): string[] => [
  ...previous,
  value,
];

const durationSeconds = (flag: string, value: string): number => {
  try {
    return parseDuration(value) / 1000;
  } catch (cause) {
    throw new UsageError(
      `${flag} must be a duration such as 25m or 1h30m; got '${value}'`,
      { cause }
    );
  }
};

const wholeBytes = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new UsageError(
      `--size must be a whole number of bytes; got '${value}'`
    );
  }
  return n;
};

/** `--started`, else `--at` less `--duration`: when the job began. */
const startOf = (options: PingOptions, at: Date): Date | undefined => {
  if (options.started !== undefined) {
    return parseInstant('--started', options.started);
  }
  if (options.duration === undefined) return undefined;
  return new Date(
    at.getTime() - durationSeconds('--duration', options.duration) * 1000
  );
};

/**
 * `--restored orders-db=25m`, `--restored network:arn:…=1h`,
 * `--restored carts=failed`: a service restored in a drill, with how long
 * after the drill's start it was back (or that it was not). A drill
 * restores a whole service: without a resource, every one the service
 * lists is restored. A pattern stands for itself only where the service's
 * jobs report themselves; elsewhere its real resources report under their
 * own ARNs, so the drill must name which.
 */
const restoredService = (runbook: Runbook, value: string) => {
  const at = value.lastIndexOf('=');
  if (at <= 0) {
    throw new UsageError(
      `--restored must be SERVICE=DURATION or SERVICE=failed, e.g. orders-db=25m; got '${value}'`
    );
  }
  const [id = '', given] = value.slice(0, at).split(/:(.*)/s);
  const service = serviceNamed(runbook, id);
  const outcome = value.slice(at + 1);
  const restored =
    outcome === 'failed'
      ? { ok: false }
      : { restoredInSeconds: durationSeconds('--restored', outcome) };
  const patterned = service.resources.some((r) => r.includes('*'));
  if (
    given === undefined &&
    patterned &&
    !SELF_REPORTED.includes(service.backup.automation)
  ) {
    throw new UsageError(
      `--restored ${service.id} names a pattern: say which as ${service.id}:RESOURCE=${outcome} (${service.resources.join(', ')})`
    );
  }
  const resources =
    given === undefined
      ? service.resources
      : resourcesOf(runbook, service, given);
  return resources.map((resource) => ({
    service: service.id,
    resource,
    ...restored,
  }));
};

/** A restore report's detail: the common fields and the restore's own. */
const restoreDetail = (
  common: Record<string, unknown>,
  options: PingOptions
): Record<string, unknown> => ({
  ...common,
  ...(options.target !== undefined && { target: options.target }),
  ...(options.real && { test: false }),
  ...(options.validation !== undefined && {
    validation: {
      status: options.validation,
      ...(options.validationMessage !== undefined && {
        message: options.validationMessage,
      }),
    },
  }),
});

/** A drill report's detail: the scenario, its times, the services restored. */
const drillDetail = (
  runbook: Runbook,
  scenario: string,
  options: PingOptions,
  startedAt: Date,
  at: Date
): Record<string, unknown> => {
  if (options.state === 'partial') {
    throw new UsageError('a drill is started, completed or failed');
  }
  if (!runbook.drills.scenarios.some((s) => s.id === scenario)) {
    const known = runbook.drills.scenarios.map((s) => s.id);
    throw new UsageError(
      `no drilled scenario '${scenario}'; runbook.yml drills ${known.length === 0 ? 'none' : known.join(', ')}`
    );
  }
  return {
    scenario,
    state: options.state,
    startedAt: startedAt.toISOString(),
    ...(options.state !== 'started' && { completedAt: at.toISOString() }),
    ...(options.restored.length > 0 && {
      services: options.restored.flatMap((r) => restoredService(runbook, r)),
    }),
    ...(options.message !== undefined && { message: options.message }),
  };
};

/** The reports' details, from the flags: one per resource the job covers. */
const detailsOf = (
  runbook: Runbook,
  name: string,
  options: PingOptions,
  at: Date
): Record<string, unknown>[] => {
  const startedAt = startOf(options, at);
  if (options.kind === 'drill') {
    return [drillDetail(runbook, name, options, startedAt ?? at, at)];
  }
  const done = options.state !== 'started';
  const service = serviceNamed(runbook, name);
  return resourcesOf(runbook, service, options.resource).map((resource) => {
    const common = {
      service: service.id,
      resource,
      state: options.state,
      ...(options.jobId !== undefined && { jobId: options.jobId }),
      ...(startedAt !== undefined || !done
        ? { startedAt: (startedAt ?? at).toISOString() }
        : {}),
      ...(done && { completedAt: at.toISOString() }),
      ...(options.message !== undefined && { message: options.message }),
    };
    return options.kind === 'backup'
      ? {
          ...common,
          ...(options.size !== undefined && {
            sizeBytes: wholeBytes(options.size),
          }),
          ...(options.location !== undefined && {
            location: options.location,
          }),
        }
      : restoreDetail(common, options);
  });
};

/**
 * Registers `sentinel ping`: reports a job outside AWS Backup, RDS and S3
 * (a script, a Velero backup, a person's restore test, a DR drill) as the
 * product's own EventBridge event, so the monitor watches it like any other.
 * It refuses a service the runbook lacks and a resource the service does not
 * claim. `--print` prints the event as EventBridge delivers it, one JSON
 * line that `sentinel replay` takes, and sends nothing.
 *
 * @example
 * ```sh
 * sentinel ping network --state completed --size 18432 --print >> events.jsonl
 * sentinel ping catalog-db --kind restore --state completed --duration 42m --validation passed
 * sentinel ping region-failure-us-east-1-to-us-west-2 --kind drill --state completed \
 *   --started 2026-11-07T08:00:00Z --restored orders-db=25m --restored catalog-db=48m
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerPing = (program: Command, context: CliContext): void => {
  program
    .command('ping')
    .description(
      'report a backup, restore (test) or DR drill done outside AWS Backup, RDS and S3'
    )
    .argument(
      '<service>',
      'the runbook service (for --kind drill: the disaster-recovery.md scenario)'
    )
    .addOption(
      new Option('--state <state>', 'what happened')
        .choices(JOB_STATES)
        .makeOptionMandatory()
    )
    .addOption(
      new Option('--kind <kind>', 'what kind of job')
        .choices(Object.keys(SENTINEL_DETAIL_TYPES))
        .default('backup')
    )
    .option(
      '--resource <id>',
      "what was backed up or restored: an ARN or id the service's resources match (default: its only one)"
    )
    .option('--job-id <id>', 'the job: reporting it again changes nothing')
    .option('--size <bytes>', 'the backup size in bytes')
    .option('--message <text>', 'what people should read')
    .option('--at <time>', 'when it started or ended (ISO 8601; default now)')
    .option('--started <time>', 'when a finished job started (ISO 8601)')
    .option('--duration <d>', 'how long a finished job took (e.g. 42m)')
    .option('--location <where>', 'backup: where it went (recovery point, key)')
    .option('--target <what>', 'restore: what it was restored into')
    .addOption(
      new Option(
        '--validation <status>',
        'restore: what validation found'
      ).choices(VALIDATION_STATUSES)
    )
    .option('--validation-message <text>', 'restore: what validation said')
    .option('--real', 'restore: a real restore, not a test', false)
    .option(
      '--restored <service=duration>',
      'drill: a service restored, and how long after the start (repeat)',
      collect,
      []
    )
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option(
      '--print',
      'print the event as EventBridge delivers it and send nothing',
      false
    )
    .option('--bus <name>', 'the event bus (default: the default bus)')
    .option('--profile <name>', 'AWS profile to send with')
    .option('--region <region>', 'AWS region to send to')
    .option('--account <id>', '--print: the account the event shows')
    .action(async (name: string, options: PingOptions) => {
      const { io } = context;
      const at =
        options.at === undefined ? io.now() : parseInstant('--at', options.at);
      const runbook = await loadRunbookDir(options.runbook, io);
      const entries = detailsOf(runbook, name, options, at).map((detail) =>
        entryOf(options.kind, detail, at)
      );
      await deliver(runbook, entries, options, io);
      context.setExitCode(EXIT_CODES.ok);
    });
};

export { registerPing };
