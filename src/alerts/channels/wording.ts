import {
  flatten,
  sectionFor,
  shortName,
  titleFor,
} from '../../checks/index.js';
import type {
  AlertRecord,
  CheckId,
  Finding,
  ReplicationFact,
  ResourceState,
  RestoreFact,
} from '../../model/index.js';
import {
  ARN_REGION,
  arnField,
  DRILLS_SERVICE,
  SEVERITIES,
  type Severity,
} from '../../model/index.js';
import type { Service } from '../../runbook/index.js';
import { describeSchedule, formatDuration } from '../../schedule/index.js';
import type { DeliveryContext } from '../types.js';
import type { DetailValue, PagerDutyLink } from './types.js';

/**
 * Returns the incident's root cause: its first finding (findings are kept
 * root cause first). An incident always has one; a stored one without
 * findings is a bug worth failing loudly on.
 *
 * @param alert - the incident
 */
const rootOf = (alert: AlertRecord): Finding => {
  const root = alert.findings[0];
  if (root === undefined) {
    throw new TypeError(`incident of ${alert.key.service} has no findings`);
  }
  return root;
};

/** The incident's resources, in the order its findings name them. */
const resourcesOf = (alert: AlertRecord): string[] => [
  ...new Set(alert.findings.map((f) => f.resource)),
];

/**
 * Returns the incident's one-line title, root cause first: the root
 * finding's summary, then the other checks failing with it (`Also failing:
 * Backup missed, RPO breached.`). A roll-up starts with how many resources
 * of the service fail.
 *
 * @param alert - the incident
 */
const incidentTitle = (alert: AlertRecord): string => {
  const root = rootOf(alert);
  const resources = resourcesOf(alert);
  const head =
    alert.key.resource === undefined
      ? `${alert.key.service}: ${resources.length} resources failing (${resources.map(shortName).join(', ')}). `
      : '';
  const others = [
    ...new Set(
      alert.findings.map((f) => f.check).filter((c) => c !== root.check)
    ),
  ].map(titleFor);
  if (others.length === 0) return `${head}${root.summary}`;
  const stop = /[.!?]$/.test(root.summary) ? '' : '.';
  return `${head}${root.summary}${stop} Also failing: ${others.join(', ')}.`;
};

/**
 * Returns the incident's severity: the most urgent of its failing checks'.
 *
 * @param alert - the incident
 */
const incidentSeverity = (alert: AlertRecord): Severity =>
  SEVERITIES[
    Math.min(...alert.findings.map((f) => SEVERITIES.indexOf(f.severity)))
  ] ?? rootOf(alert).severity;

/**
 * Returns when the incident was raised: the latest notification (a trigger
 * is owed at the instant it is recorded), else when it opened. Ages are
 * given as of this instant, not the clock at sending, so a retried or
 * replayed delivery says the same thing.
 */
const raisedAt = (alert: AlertRecord): Date =>
  alert.lastNotifiedAt ?? alert.openedAt ?? brokenSince(alert);

/**
 * Returns when the incident broke: the earliest since-time of its failing
 * checks. A root cause that joined later (a missed backup after the RPO
 * was already breached) must not make it read as newer than it is.
 */
const brokenSince = (alert: AlertRecord): Date =>
  new Date(Math.min(...alert.findings.map((f) => f.since.getTime())));

/**
 * Returns the time of the event a trigger reports: when the newest of the
 * failing checks began (for a new incident, when it broke).
 */
const eventTime = (alert: AlertRecord): Date =>
  new Date(Math.max(...alert.findings.map((f) => f.since.getTime())));

const MINUTE_MS = 60_000;

/** Every failing check of the incident, each with its own since-time. */
const failingChecks = (alert: AlertRecord): DetailValue[] => {
  const at = raisedAt(alert).getTime();
  return alert.findings.map((f) => {
    const ageMs = at - f.since.getTime();
    return {
      check: f.check,
      what: titleFor(f.check),
      ...(alert.key.resource === undefined && { resource: f.resource }),
      since: f.since.toISOString(),
      // Under a minute, "for 0 s" says nothing the time does not.
      ...(ageMs >= MINUTE_MS && { for: formatDuration(ageMs) }),
      severity: f.severity,
      summary: f.summary,
      ...evidenceOf(f),
    };
  });
};

/**
 * The finding's figures that are text (times, ids, AWS's whole message,
 * which the summary cuts short) or yes/no; its numbers are durations in
 * milliseconds, which the summary already gives in words.
 */
const evidenceOf = (finding: Finding): { evidence?: DetailValue } => {
  const entries = Object.entries(finding.detail).filter(
    ([, value]) => typeof value === 'string' || typeof value === 'boolean'
  );
  return entries.length === 0
    ? {}
    : { evidence: Object.fromEntries(entries) as DetailValue };
};

/**
 * Returns AWS's message behind a finding when its summary had to cut it
 * short, else undefined.
 */
const wholeMessage = (finding: Finding): string | undefined => {
  const message = finding.detail.message;
  if (typeof message !== 'string') return undefined;
  const flat = flatten(message);
  return finding.summary.includes(flat) ? undefined : flat;
};

/** A fact's time and its age as of `at`. */
const dated = (when: Date, at: Date): { at: string; age: string } => ({
  at: when.toISOString(),
  age: formatDuration(Math.max(0, at.getTime() - when.getTime())),
});

/** A fact's time and age, with what else it says, or `none seen`. */
const factOf = <F extends { at: Date }>(
  fact: F | undefined,
  at: Date,
  extra: (fact: F) => Record<string, DetailValue> = () => ({})
): DetailValue =>
  fact === undefined ? 'none seen' : { ...dated(fact.at, at), ...extra(fact) };

/**
 * What the state says about a replicated bucket: S3 reports only its
 * problems and their repair, never a recovery point or a job.
 */
const replicationFacts = (
  state: ResourceState,
  at: Date
): Record<string, DetailValue> => {
  const object = (fact: ReplicationFact): Record<string, DetailValue> => ({
    ...(fact.objectKey !== undefined && { object: fact.objectKey }),
    ...(fact.failureReason !== undefined && { reason: fact.failureReason }),
  });
  return {
    last_failed_replication: factOf(state.lastReplicationFailure, at, object),
    last_late_replication: factOf(state.lastReplicationLate, at, object),
    last_replicated_after_threshold: factOf(
      state.lastReplicationCaughtUp,
      at,
      object
    ),
    last_re_replication: factOf(state.lastReplicationRepair, at),
  };
};

/** What the state says about a DR scenario: its last drill and last failed one. */
const drillFacts = (
  state: ResourceState,
  at: Date
): Record<string, DetailValue> => {
  const took = (fact: RestoreFact): Record<string, DetailValue> =>
    fact.durationMs === undefined
      ? {}
      : { took: formatDuration(fact.durationMs) };
  return {
    last_drill: factOf(state.lastDrill, at, took),
    last_failed_drill: factOf(state.lastDrillFailure, at, took),
  };
};

/**
 * What the state says about one resource, in the terms of how it is
 * protected: a replicated bucket's replication, a DR scenario's drills,
 * anything else's last good point, job and restore test.
 */
const resourceFacts = (
  state: ResourceState,
  at: Date,
  service: Service | undefined
): Record<string, DetailValue> => {
  if (state.service === DRILLS_SERVICE) return drillFacts(state, at);
  if (service?.backup.automation === 's3-replication') {
    return replicationFacts(state, at);
  }
  return backupFacts(state, at);
};

/** What the state says about a backed-up resource: its last good point, the job, the last restore test. */
const backupFacts = (
  state: ResourceState,
  at: Date
): Record<string, DetailValue> => {
  const good = state.lastBackup;
  const failure = state.lastBackupFailure;
  const started = state.lastBackupStarted;
  const goodAt = good?.at.getTime() ?? Number.NEGATIVE_INFINITY;
  // The job that matters: a failure, or a start never finished, after the last good one.
  const job =
    failure !== undefined && failure.at.getTime() > goodAt
      ? failure
      : started !== undefined && started.at.getTime() > goodAt
        ? started
        : undefined;
  const restore = state.lastRestore;
  return {
    last_good_recovery_point:
      good === undefined
        ? 'none seen'
        : {
            ...dated(good.createdAt, at),
            ...(good.recoveryPointArn !== undefined && {
              arn: good.recoveryPointArn,
            }),
          },
    ...(job !== undefined && {
      job: {
        id: job.jobId ?? null,
        status: job.state.toUpperCase(),
        message: job.message ?? null,
        at: job.at.toISOString(),
      },
    }),
    last_restore_test:
      restore === undefined
        ? 'none seen'
        : {
            ...dated(restore.at, at),
            test: restore.restoreTest,
            ...(restore.durationMs !== undefined && {
              took: formatDuration(restore.durationMs),
            }),
          },
  };
};

/** The runbook's promises for the service: RPO, RTO, the expected window. */
const policyFacts = (service: Service): Record<string, DetailValue> => {
  const { backup, recovery } = service;
  return {
    rpo: formatDuration(recovery.rpoMs),
    rto: formatDuration(recovery.rtoMs),
    // S3 replicates continuously: no job has a window to start in.
    ...(backup.automation !== 's3-replication' && {
      expected_window: `${describeSchedule(backup.schedule, service.timezone)}: starts within ${formatDuration(backup.startWindowMs)}, completes within ${formatDuration(backup.completionWindowMs)}`,
    }),
    grace: formatDuration(service.graceMs),
    ...(recovery.restoreTestMs !== undefined && {
      restore_test_every: formatDuration(recovery.restoreTestMs),
    }),
  };
};

/**
 * Returns what a page says beyond its title, as PagerDuty's
 * `custom_details` (the SNS message prints the same): the incident key,
 * every failing check with its own since-time, the RPO and RTO, the
 * expected window and grace, and per resource the last good recovery point
 * and its age, the job and its status message, and the last restore test.
 * Times are ISO 8601 and durations human (`30 h 20 min`): no millisecond
 * count reaches a page.
 *
 * @param alert - the incident
 * @param context - its service and the states of its resources
 * @param key - its dedup key
 */
const incidentDetails = (
  alert: AlertRecord,
  context: DeliveryContext,
  key: string
): Record<string, DetailValue> => {
  const { service } = context;
  const at = raisedAt(alert);
  const root = rootOf(alert);
  const states = context.states.filter((s) =>
    alert.findings.some((f) => f.resource === s.resourceArn)
  );
  const perResource =
    alert.key.resource === undefined
      ? {
          resources: Object.fromEntries(
            states.map((s) => [s.resourceArn, resourceFacts(s, at, service)])
          ),
        }
      : states[0] === undefined
        ? {}
        : resourceFacts(states[0], at, service);
  return {
    incident: key,
    root_cause: titleFor(root.check),
    failing_checks: failingChecks(alert),
    ...(service !== undefined && {
      service: `${service.name} (${service.id})`,
      tier: service.tier,
      owner: service.owner,
      ...policyFacts(service),
    }),
    ...perResource,
    raised_at: at.toISOString(),
    runbook_section: root.runbookUrl,
    runbook_page: context.serviceUrl,
  };
};

/**
 * Returns the heading of the runbook section a check links to, as the
 * service's page spells it (`Manual backup`); the slug when the page lacks
 * it, and undefined when the check links to the page itself.
 */
const sectionName = (
  check: CheckId,
  context: DeliveryContext
): string | undefined => {
  const slug = sectionFor(check);
  if (slug === '') return undefined;
  return context.service?.sections.find((s) => s.slug === slug)?.text ?? slug;
};

const consoleHost = (region: string): string =>
  `https://${region}.console.aws.amazon.com`;

/**
 * Returns AWS console links for what the incident is about, where the
 * state names it: the AWS Backup job that failed or never finished, the
 * RDS snapshot that is the last good recovery point, the vault a copy
 * failed to reach.
 */
const consoleLinks = (
  alert: AlertRecord,
  context: DeliveryContext
): PagerDutyLink[] => {
  const automation = context.service?.backup.automation;
  const links: PagerDutyLink[] = [];
  for (const state of context.states) {
    const region = state.region || arnField(state.resourceArn, ARN_REGION);
    if (region === '') continue;
    const name = shortName(state.resourceArn);
    const goodAt = state.lastBackup?.at.getTime() ?? Number.NEGATIVE_INFINITY;
    const job = [state.lastBackupFailure, state.lastBackupStarted].find(
      (f) => f?.jobId !== undefined && f.at.getTime() > goodAt
    );
    if (automation === 'aws-backup' && job?.jobId !== undefined) {
      links.push({
        href: `${consoleHost(region)}/backup/home?region=${region}#/jobs/backup/details/${encodeURIComponent(job.jobId)}`,
        text: `AWS Backup job ${job.jobId} (${name})`,
      });
    }
    const point = state.lastBackup?.recoveryPointArn;
    const snapshot = point?.split(':snapshot:')[1];
    if (point?.startsWith('arn:aws:rds:') && snapshot !== undefined) {
      links.push({
        href: `${consoleHost(region)}/rds/home?region=${region}#db-snapshot:id=${encodeURIComponent(snapshot)}`,
        text: `Last good RDS snapshot ${snapshot}`,
      });
    }
    const vault = state.lastCopyFailure?.destinationVaultArn;
    const copyFailing = alert.findings.some(
      (f) => f.check === 'copy-failed' && f.resource === state.resourceArn
    );
    if (copyFailing && vault !== undefined) {
      const vaultRegion = arnField(vault, ARN_REGION) || region;
      links.push({
        href: `${consoleHost(vaultRegion)}/backup/home?region=${vaultRegion}#/backupvaults/details/${encodeURIComponent(shortName(vault))}`,
        text: `Backup vault ${shortName(vault)} (${vaultRegion})`,
      });
    }
  }
  return links;
};

/**
 * Returns the links of an incident: the runbook section that says what to
 * do about its root cause first, then the service's page (left out when it
 * is the same page), then AWS console pages for the job, the recovery
 * point or the vault where the state names one.
 *
 * @param alert - the incident
 * @param context - its service, runbook page and resource states
 */
const alertLinks = (
  alert: AlertRecord,
  context: DeliveryContext
): PagerDutyLink[] => {
  const root = rootOf(alert);
  const drill = alert.key.service === DRILLS_SERVICE;
  const page = context.service?.name;
  const section = sectionName(root.check, context);
  const first: PagerDutyLink = {
    href: root.runbookUrl,
    text: drill
      ? 'Runbook: Disaster recovery, this scenario'
      : page === undefined
        ? 'Runbook index'
        : section === undefined
          ? `Runbook: ${page}`
          : `Runbook: ${section} (${page})`,
  };
  const second: PagerDutyLink[] =
    context.serviceUrl === root.runbookUrl
      ? []
      : [
          {
            href: context.serviceUrl,
            text: drill
              ? 'Runbook: Disaster recovery (whole page)'
              : context.service === undefined
                ? 'Runbook index'
                : `Runbook: ${context.service.name} (service page)`,
          },
        ];
  return [first, ...second, ...consoleLinks(alert, context)];
};

/**
 * Returns `text` cut to `max` characters (code points, so an emoji is never
 * split in half), ending in `...` when cut.
 */
const truncate = (text: string, max: number): string => {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 3).join('')}...`;
};

export {
  alertLinks,
  brokenSince,
  eventTime,
  incidentDetails,
  incidentSeverity,
  incidentTitle,
  raisedAt,
  resourcesOf,
  rootOf,
  truncate,
  wholeMessage,
};
