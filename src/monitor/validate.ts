import type { AlertLogger } from '../alerts/index.js';
import {
  type RestoreTestJob,
  readRestoreTestJob,
  type SentinelEntry,
  sentinelEntry,
} from '../events/index.js';
import {
  matchResource,
  type Runbook,
  restoreTestingPlanName,
  restoreTestingSettings,
} from '../runbook/index.js';
import {
  judgeRestore,
  type Observed,
  type ValidationOutcome,
} from '../validation/index.js';

/** AWS Backup's restore jobs, as validation uses them. */
interface RestoreJobs {
  /** The restore metadata AWS Backup used (`GetRestoreJobMetadata`). */
  metadata(restoreJobId: string): Promise<Record<string, string>>;
  /**
   * Reports the outcome (`PutRestoreValidationResult`); it cannot be changed
   * later. Returns why AWS Backup refused it for good (a redelivered event
   * whose job already has a result, a job gone), undefined when accepted.
   */
  report(
    restoreJobId: string,
    outcome: ValidationOutcome
  ): Promise<string | undefined>;
}

/** What the validation function needs: AWS calls behind plain functions. */
interface ValidationDeps {
  runbook: Runbook;
  /** This deployment's restore testing plans start with it; undefined = none. */
  planPrefix: string | undefined;
  restoreJobs: RestoreJobs;
  /**
   * Reads the restored resource (and its source, where the comparison
   * needs it); undefined when no reader knows the resource type.
   */
  observe(
    job: RestoreTestJob,
    metadata: Record<string, string>
  ): Promise<Observed | undefined>;
  /** Puts the product's own event on the bus, where ingest takes it. */
  publish(entry: SentinelEntry): Promise<void>;
  logger?: AlertLogger;
}

/** What one validation did. */
type ValidationSummary =
  | {
      status: ValidationOutcome['status'];
      restoreJobId: string;
      service: string;
      message: string;
      /** Why AWS Backup refused the result, when it did. */
      refused?: string;
    }
  | { status: 'skipped'; restoreJobId?: string; reason: string };

/**
 * Returns the plan name a restore testing plan ARN carries:
 * `…:restore-testing-plan:<name>-<id>` (names hold no `-`).
 */
const planNameOf = (planArn: string): string => {
  const tail = planArn.slice(planArn.lastIndexOf(':') + 1);
  const dash = tail.indexOf('-');
  return dash === -1 ? tail : tail.slice(0, dash);
};

const durationSeconds = (job: RestoreTestJob): number | undefined =>
  job.creationDate === undefined || job.completionDate === undefined
    ? undefined
    : Math.max(
        0,
        (job.completionDate.getTime() - job.creationDate.getTime()) / 1000
      );

/**
 * Validates what one AWS Backup restore test restored: reads the restored
 * resource with read-only calls, judges it (`judgeRestore`), reports
 * SUCCESSFUL or FAILED to AWS Backup (`PutRestoreValidationResult`), and
 * records the outcome as the product's own Restore Report, which ingest
 * takes like any other: a failed validation is a failed restore test and
 * pages `restore-failed`; a restore slower than the RTO pages `rto-at-risk`.
 *
 * The report is timed at validation (`now`) and carries the restore job's
 * own duration, so it is newer than the job's COMPLETED event and a failed
 * validation outranks it, while the RTO is measured by the job alone.
 *
 * Tests of plans this deployment did not make, of resources no runbook
 * service claims, of services with `restoreTesting.validate: false`, and of
 * types no reader knows are skipped: left for whoever validates them.
 *
 * @param deps - the runbook, the plan prefix, AWS Backup, the readers, the bus
 * @param raw - the Restore Job State Change event, as EventBridge delivers it
 * @param now - the invocation's clock reading
 * @throws {Error} what AWS throws, so Lambda retries; nothing is reported
 *   to AWS Backup before the resource was read
 */
const runRestoreValidation = async (
  deps: ValidationDeps,
  raw: unknown,
  now: Date
): Promise<ValidationSummary> => {
  const skip = (reason: string, restoreJobId?: string): ValidationSummary => {
    deps.logger?.info('restore test not validated', { restoreJobId, reason });
    return {
      status: 'skipped',
      reason,
      ...(restoreJobId !== undefined && { restoreJobId }),
    };
  };
  const read = readRestoreTestJob(raw);
  if (!read.ok) {
    deps.logger?.warn('not a restore test event', { issues: read.issues });
    return skip(read.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
  const job = read.value;
  const { restoreJobId } = job;
  if (job.status !== 'COMPLETED')
    return skip(`status ${job.status}`, restoreJobId);
  const service =
    job.sourceResourceArn === undefined
      ? undefined
      : matchResource(deps.runbook, job.sourceResourceArn);
  if (service === undefined) {
    return skip('no runbook service claims the source resource', restoreJobId);
  }
  if (
    deps.planPrefix === undefined ||
    planNameOf(job.restoreTestingPlanArn) !==
      restoreTestingPlanName(deps.planPrefix, service.id)
  ) {
    return skip(`not ${service.id}'s restore testing plan`, restoreJobId);
  }
  const settings = restoreTestingSettings(service);
  if (!settings.validate) return skip('validation is off', restoreJobId);
  const metadata = await deps.restoreJobs.metadata(restoreJobId);
  const observed = await deps.observe(job, metadata);
  if (observed === undefined) {
    return skip(`no validation for ${job.resourceType}`, restoreJobId);
  }
  const outcome = judgeRestore(
    observed,
    settings.tolerance,
    job.backupSizeInBytes
  );
  // A retry cannot change what AWS Backup refused for good, and the report
  // below is still what the test proved (ingest drops it if redelivered).
  const refused = await deps.restoreJobs.report(restoreJobId, outcome);
  if (refused !== undefined) {
    deps.logger?.warn('AWS Backup refused the validation result', {
      restoreJobId,
      refused,
    });
  }
  const seconds = durationSeconds(job);
  const entry = sentinelEntry(
    'restore',
    {
      service: service.id,
      resource: job.sourceResourceArn,
      state: 'completed',
      jobId: restoreJobId,
      completedAt: now.toISOString(),
      ...(seconds !== undefined && { durationSeconds: seconds }),
      ...(job.createdResourceArn !== undefined && {
        target: job.createdResourceArn,
      }),
      test: true,
      validation: {
        status: outcome.status === 'SUCCESSFUL' ? 'passed' : 'failed',
        message: outcome.message,
      },
    },
    now
  );
  if (!entry.ok) {
    // Only a runbook or an AWS value past the report's limits gets here.
    deps.logger?.error('restore report refused', { issues: entry.issues });
  } else {
    await deps.publish(entry.entry);
  }
  deps.logger?.info('restore test validated', {
    restoreJobId,
    service: service.id,
    ...outcome,
  });
  return {
    ...outcome,
    restoreJobId,
    service: service.id,
    ...(refused !== undefined && { refused }),
  };
};

export type { RestoreJobs, ValidationDeps, ValidationSummary };
export { runRestoreValidation };
