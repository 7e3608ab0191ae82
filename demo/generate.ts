import {
  deliveredEvent,
  type ReportKind,
  readVeleroBackup,
  sentinelEntry,
} from '../src/events/index.js';
import { UNMAPPED_SERVICE } from '../src/model/index.js';
import type { Automation, Runbook, Service } from '../src/runbook/index.js';
import {
  matchResource,
  restoreTestingPlanName,
  restoreTestingSettings,
  runbookHome,
} from '../src/runbook/index.js';
import { dueTimesBetween, nextDueAt } from '../src/schedule/index.js';
import { judgeRestore, type Observed } from '../src/validation/index.js';
import {
  type BackupJob,
  type BackupPlanRef,
  type BackupSetting,
  backupJobCompleted,
  backupJobFailed,
  backupJobRunning,
  copyJobCompleted,
  type EventBridgeEnvelope,
  envelopeTime,
  type ReplicatedObject,
  rdsAutomatedSnapshot,
  recoveryPointCompleted,
  replicationCaughtUpNotification,
  replicationFailedNotification,
  restoreTestCompleted,
  sqsBatch,
} from './awsEvents.js';
import {
  arnParts,
  copiedRecoveryPointArn,
  demoFleet,
  recoveryPointArn,
  restoredResourceArn,
} from './fleet.js';
import { createRandom, type Random } from './random.js';
import type {
  DeliveryKind,
  DemoDelivery,
  DemoIncident,
  DemoResource,
  DemoScenario,
  IncidentKind,
} from './types.js';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The shortest and longest simulations: a week shows every incident, a year is plenty. */
const MIN_DAYS = 7;
const MAX_DAYS = 366;

/** Minutes a backup of each type runs. */
const BACKUP_MINUTES: Record<string, [number, number]> = {
  RDS: [6, 18],
  Aurora: [8, 20],
  EBS: [3, 12],
  EC2: [8, 20],
  DynamoDB: [2, 8],
  EFS: [5, 15],
  S3: [5, 25],
};

const TIER_RANK = { critical: 0, high: 1, standard: 2 } as const;

/**
 * The day of the last simulated week (0 = its first) each incident happens
 * on: the weeks before are quiet, and the last one, which the weekly
 * report covers, has them all.
 */
const INCIDENT_DAY: Record<IncidentKind, number> = {
  'failed-rds-backup': 1,
  'missed-backup-window': 2,
  'replication-failure': 3,
  'slow-restore-test': 4,
  'failed-restore-validation': 3,
  'unmapped-backup': 5,
  'failed-script-backup': 2,
  'missed-velero-backup': 3,
};

/** The automations whose jobs AWS itself reports: the others report themselves. */
const OBSERVABLE_JOBS: readonly Automation[] = ['aws-backup', 'rds-automated'];

/** The day of the last simulated week the DR drill is held on. */
const DRILL_DAY = 5;

/** Options of {@link generateDemo}. */
interface GenerateOptions {
  /** Simulated days, 7 to 366. */
  days: number;
  /** Seeds every random choice: equal seeds give equal scenarios. */
  seed: number;
}

interface Pending {
  at: Date;
  seq: number;
  kind: DeliveryKind;
  event: unknown;
}

/** A recovery point the fleet has, for restores to start from. */
interface Point {
  arn: string;
  createdAt: Date;
  sizeBytes: number;
}

/** Everything the generator threads through. */
interface Context {
  runbook: Runbook;
  random: Random;
  home: { account: string; region: string };
  setting: BackupSetting;
  plan: BackupPlanRef;
  /** The id AWS Backup appends to the demo's restore testing plan names. */
  restoreTestingPlanId: string;
  queueArn: string;
  start: Date;
  end: Date;
  pending: Pending[];
  points: Map<string, Point[]>;
  /** `arn@due` of due times an incident already emitted the backup for. */
  handled: Set<string>;
}

const later = (at: Date, ms: number): Date => new Date(at.getTime() + ms);

const between = (random: Random, lowMs: number, highMs: number): number =>
  random.int(lowMs, highMs);

const serviceOf = (ctx: Context, resource: DemoResource): Service => {
  const service = ctx.runbook.services.find((s) => s.id === resource.service);
  if (service === undefined) {
    throw new Error(`the fleet names unknown service ${resource.service}`);
  }
  return service;
};

/**
 * Queues one input for ingest. EventBridge delivers an envelope a few
 * seconds after its `time`; what would arrive after the end is dropped, as
 * the monitor would not have seen it yet.
 */
const deliver = (
  ctx: Context,
  at: Date,
  event: unknown,
  kind: DeliveryKind = 'eventbridge'
): Date | undefined => {
  if (at.getTime() >= ctx.end.getTime()) return undefined;
  ctx.pending.push({ at, seq: ctx.pending.length, kind, event });
  return at;
};

/** Delivers an EventBridge envelope 1-4 s after its whole-second `time`. */
const deliverEnvelope = (
  ctx: Context,
  envelope: Pick<EventBridgeEnvelope, 'time'>
): Date | undefined =>
  deliver(
    ctx,
    later(
      new Date(envelope.time),
      between(ctx.random, SECOND_MS, 4 * SECOND_MS)
    ),
    envelope
  );

/** The envelope `time` of something that happened at `at`, a little later. */
const stamp = (ctx: Context, at: Date, maxMs: number): Date =>
  new Date(envelopeTime(later(at, between(ctx.random, 0, maxMs))));

const jitteredSize = (random: Random, sizeBytes: number): number =>
  Math.round(sizeBytes * (0.97 + random.next() * 0.06));

/** How one AWS Backup job of the demo ends. */
type JobOutcome = { state: 'completed' } | { state: 'failed'; message: string };

/** When ingest gets a job's outcome, and when the last of its copies has landed too. */
interface JobDelivery {
  at: Date;
  /** undefined: a copy lands after the demo ends (or the job failed). */
  recoverableAt?: Date;
}

/**
 * Emits one AWS Backup job: RUNNING, then COMPLETED with its recovery point
 * (a Recovery Point State Change and one copy per runbook destination
 * follow), or FAILED. Returns when ingest gets the COMPLETED or FAILED event,
 * and when it gets the last copy: the point is recoverable from then on.
 */
const backupJob = (
  ctx: Context,
  resource: DemoResource,
  createdAt: Date,
  startBy: Date,
  onDemand: boolean,
  outcome: JobOutcome
): JobDelivery | undefined => {
  const { random, setting } = ctx;
  const service = serviceOf(ctx, resource);
  const job: BackupJob = {
    jobId: random.uuid(),
    resourceArn: resource.arn,
    resourceType: resource.resourceType,
    plan: onDemand ? undefined : ctx.plan,
    createdAt,
    startBy,
    sizeBytes: jitteredSize(random, resource.sizeBytes),
  };
  const [low, high] = BACKUP_MINUTES[resource.resourceType] ?? [5, 15];
  const runMs = between(random, low * MINUTE_MS, high * MINUTE_MS);
  const runningAt = stamp(ctx, createdAt, 90 * SECOND_MS);
  deliverEnvelope(
    ctx,
    backupJobRunning(
      setting,
      random.uuid(),
      job,
      runningAt,
      random.int(5, 20),
      later(createdAt, runMs)
    )
  );
  if (outcome.state === 'failed') {
    const failedAt = later(createdAt, between(random, 2 * MINUTE_MS, runMs));
    const at = deliverEnvelope(
      ctx,
      backupJobFailed(
        setting,
        random.uuid(),
        job,
        outcome.message,
        failedAt,
        stamp(ctx, failedAt, 0)
      )
    );
    return at === undefined ? undefined : { at };
  }
  const completedAt = later(createdAt, runMs);
  const point = recoveryPointArn(resource, job.jobId, ctx.home, random);
  const delivered = deliverEnvelope(
    ctx,
    backupJobCompleted(
      setting,
      random.uuid(),
      job,
      point,
      completedAt,
      stamp(ctx, completedAt, 0)
    )
  );
  deliverEnvelope(
    ctx,
    recoveryPointCompleted(
      setting,
      random.uuid(),
      job,
      point,
      completedAt,
      Math.ceil(service.backup.retentionMs / DAY_MS),
      stamp(ctx, completedAt, 40 * SECOND_MS)
    )
  );
  if (delivered !== undefined) {
    const points = ctx.points.get(resource.arn) ?? [];
    points.push({ arn: point, createdAt, sizeBytes: job.sizeBytes });
    ctx.points.set(resource.arn, points);
  }
  // Copies finish well inside the completion window the copy check allows.
  const latestCopyEnd = later(
    completedAt,
    Math.max(service.backup.completionWindowMs - MINUTE_MS, 10 * MINUTE_MS)
  );
  let recoverableAt = delivered;
  for (const expected of service.backup.copies) {
    const destination = {
      account: expected.account ?? ctx.home.account,
      region: expected.region ?? ctx.home.region,
    };
    const copyJobId = random.uuid().toUpperCase();
    const copyCreatedAt = later(
      completedAt,
      between(random, 2 * MINUTE_MS, 8 * MINUTE_MS)
    );
    const copyCompletedAt = new Date(
      Math.min(
        copyCreatedAt.getTime() +
          between(random, 6 * MINUTE_MS, 25 * MINUTE_MS),
        latestCopyEnd.getTime()
      )
    );
    const landed = deliverEnvelope(
      ctx,
      copyJobCompleted(
        setting,
        random.uuid(),
        job,
        {
          copyJobId,
          sourceRecoveryPointArn: point,
          destinationVaultArn: `arn:aws:backup:${destination.region}:${destination.account}:backup-vault:dr-vault`,
          destinationRecoveryPointArn: copiedRecoveryPointArn(
            resource,
            copyJobId,
            destination,
            random
          ),
          createdAt: copyCreatedAt,
          completedAt: copyCompletedAt,
        },
        stamp(ctx, copyCompletedAt, 10 * SECOND_MS)
      )
    );
    recoverableAt =
      landed === undefined || recoverableAt === undefined
        ? undefined
        : new Date(Math.max(landed.getTime(), recoverableAt.getTime()));
  }
  if (delivered === undefined) return undefined;
  return { at: delivered, ...(recoverableAt && { recoverableAt }) };
};

/** When AWS Backup creates the job of a scheduled due time: minutes into the start window. */
const scheduledStart = (ctx: Context, service: Service, due: Date): Date =>
  later(
    due,
    between(
      ctx.random,
      MINUTE_MS,
      Math.min(8 * MINUTE_MS, service.backup.startWindowMs / 2)
    )
  );

/**
 * Emits an RDS automated (cluster) snapshot: the "creating" event and,
 * unless `completes` is false, the "created" one. Returns when ingest gets
 * the last of them.
 */
const rdsSnapshot = (
  ctx: Context,
  resource: DemoResource,
  due: Date,
  completes: boolean
): Date | undefined => {
  const { random, home } = ctx;
  const { region, resource: name } = arnParts(resource.arn);
  const cluster = resource.resourceType === 'Aurora';
  const owner = name.replace(/^(db|cluster):/, '');
  const createdAt = later(due, between(random, 0, 10 * MINUTE_MS));
  const minute = createdAt.toISOString().slice(0, 16).replace(/[T:]/g, '-');
  const identifier = `rds:${owner}-${minute}`;
  const snapshot = {
    sourceType: cluster ? ('CLUSTER_SNAPSHOT' as const) : ('SNAPSHOT' as const),
    snapshotArn: `arn:aws:rds:${region}:${home.account}:${cluster ? 'cluster-snapshot' : 'snapshot'}:${identifier}`,
    identifier,
  };
  const started = deliverEnvelope(
    ctx,
    rdsAutomatedSnapshot(
      home.account,
      region,
      random.uuid(),
      snapshot,
      'started',
      createdAt
    )
  );
  if (!completes) return started;
  const [low, high] = BACKUP_MINUTES[resource.resourceType] ?? [5, 15];
  const completedAt = later(
    createdAt,
    between(random, low * MINUTE_MS, high * MINUTE_MS)
  );
  return deliverEnvelope(
    ctx,
    rdsAutomatedSnapshot(
      home.account,
      region,
      random.uuid(),
      snapshot,
      'completed',
      completedAt
    )
  );
};

/** The deployment the demo's restore testing plans belong to. */
const DEMO_STAGE = 'backup-sentinel-demo';

/**
 * Returns what the validation function would read about a restored
 * resource: usable and holding what the backup held, or, for a broken
 * restore, a table short of most of its items (any other type: gone).
 */
const observedOf = (
  resource: DemoResource,
  createdArn: string,
  sizeBytes: number,
  healthy: boolean
): Observed => {
  const id = createdArn.slice(
    Math.max(createdArn.lastIndexOf(':'), createdArn.lastIndexOf('/')) + 1
  );
  const items = Math.round(sizeBytes / 2048);
  if (!healthy) {
    return resource.resourceType === 'DynamoDB'
      ? {
          kind: 'table',
          id,
          status: 'ACTIVE',
          itemCount: Math.round(items / 40),
          sourceItemCount: items,
        }
      : { kind: 'missing', id, what: resource.resourceType };
  }
  const gib = Math.max(1, Math.ceil(sizeBytes / 1024 ** 3));
  switch (resource.resourceType) {
    case 'RDS':
      return {
        kind: 'db-instance',
        id,
        status: 'available',
        endpoint: `${id}.demo.rds.amazonaws.com`,
      };
    case 'Aurora':
      return {
        kind: 'db-cluster',
        id,
        status: 'available',
        endpoint: `${id}.cluster-demo.rds.amazonaws.com`,
      };
    case 'DynamoDB':
      return {
        kind: 'table',
        id,
        status: 'ACTIVE',
        itemCount: items,
        sourceItemCount: items,
      };
    case 'EBS':
      return {
        kind: 'volume',
        id,
        state: 'available',
        sizeGiB: gib,
        expectedSizeGiB: gib,
      };
    case 'EC2':
      return { kind: 'instance', id, state: 'running' };
    case 'EFS':
      return { kind: 'file-system', id, state: 'available', sizeBytes };
    default:
      return {
        kind: 'bucket',
        id,
        objects: items,
        bytes: sizeBytes,
        truncated: false,
      };
  }
};

/**
 * Emits a completed restore test of the resource's newest recovery point
 * made before `createdAt`, taking `durationMs`, and, where the runbook
 * validates its tests, the Restore Report the validation function puts on
 * the bus 1-3 minutes later: judged by the same `judgeRestore`, failed
 * when `healthy` is false. Returns when ingest gets the job's COMPLETED
 * event and the report, or undefined when there is no recovery point yet.
 */
const restoreTest = (
  ctx: Context,
  resource: DemoResource,
  createdAt: Date,
  durationMs: number,
  healthy = true
): { completed: Date; validated?: Date } | undefined => {
  const { random } = ctx;
  const point = (ctx.points.get(resource.arn) ?? [])
    .filter((p) => p.createdAt.getTime() < createdAt.getTime())
    .at(-1);
  if (point === undefined) return undefined;
  const service = serviceOf(ctx, resource);
  const completedAt = later(createdAt, durationMs);
  const restoreJobId = random.uuid().toUpperCase();
  const createdResourceArn = restoredResourceArn(resource, ctx.home, random);
  const completed = deliverEnvelope(
    ctx,
    restoreTestCompleted(
      ctx.setting,
      random.uuid(),
      {
        restoreJobId,
        recoveryPointArn: point.arn,
        sourceResourceArn: resource.arn,
        resourceType: resource.resourceType,
        createdResourceArn,
        sizeBytes: point.sizeBytes,
        createdAt,
        completedAt,
        restoreTestingPlanArn: `arn:aws:backup:${ctx.home.region}:${ctx.home.account}:restore-testing-plan:${restoreTestingPlanName(DEMO_STAGE, service.id)}-${ctx.restoreTestingPlanId}`,
      },
      stamp(ctx, completedAt, 10 * SECOND_MS)
    )
  );
  if (completed === undefined) return undefined;
  const settings = restoreTestingSettings(service);
  if (!settings.validate) return { completed };
  const outcome = judgeRestore(
    observedOf(resource, createdResourceArn, point.sizeBytes, healthy),
    settings.tolerance,
    point.sizeBytes
  );
  const validatedAt = later(
    completedAt,
    between(random, MINUTE_MS, 3 * MINUTE_MS)
  );
  const validated = report(
    ctx,
    'restore',
    {
      service: service.id,
      resource: resource.arn,
      state: 'completed',
      jobId: restoreJobId,
      completedAt: validatedAt.toISOString(),
      durationSeconds: durationMs / 1000,
      target: createdResourceArn,
      test: true,
      validation: {
        status: outcome.status === 'SUCCESSFUL' ? 'passed' : 'failed',
        message: outcome.message,
      },
    },
    validatedAt
  );
  return { completed, ...(validated !== undefined && { validated }) };
};

const byTier =
  (ctx: Context) =>
  (a: DemoResource, b: DemoResource): number =>
    TIER_RANK[serviceOf(ctx, a).tier] - TIER_RANK[serviceOf(ctx, b).tier];

/** The start of the incident's day in the last simulated week. */
const incidentDay = (ctx: Context, kind: IncidentKind): Date =>
  later(ctx.end, (INCIDENT_DAY[kind] - 7) * DAY_MS);

const dueKey = (arn: string, due: Date): string => `${arn}@${due.getTime()}`;

const firstDueFrom = (service: Service, from: Date): Date | undefined =>
  nextDueAt(service.backup.schedule, service.timezone, later(from, -1));

/** The special handling of one resource's due times. */
interface DueOverride {
  target: DemoResource;
  due: Date;
  /** Emits something instead of the normal backup. */
  emit: () => void;
}

/**
 * Plans the failed RDS backup: the scheduled job FAILS, the on-call starts
 * an on-demand backup about an hour later (the runbook's manual-backup
 * section) and its completion resolves the page. An RDS instance or cluster
 * under AWS Backup is preferred; with RDS automated backups only, the
 * snapshot starts and never completes (RDS sends no failure event), and the
 * next one resolves it.
 */
const planFailedBackup = (
  ctx: Context,
  fleet: DemoResource[],
  incidents: DemoIncident[]
): DueOverride | string => {
  const isRds = (r: DemoResource) => ['RDS', 'Aurora'].includes(r.resourceType);
  const target =
    fleet
      .filter((r) => r.automation === 'aws-backup' && isRds(r))
      .sort(byTier(ctx))[0] ??
    fleet.filter((r) => r.automation === 'rds-automated' && isRds(r))[0];
  if (target === undefined) return 'no RDS or Aurora resource in the runbook';
  const service = serviceOf(ctx, target);
  const due = firstDueFrom(service, incidentDay(ctx, 'failed-rds-backup'));
  if (due === undefined) return `${service.id} has no due backup`;
  return {
    target,
    due,
    emit: () => {
      if (target.automation === 'rds-automated') {
        const started = rdsSnapshot(ctx, target, due, false);
        const next = firstDueFrom(service, later(due, MINUTE_MS));
        if (next !== undefined) ctx.handled.add(dueKey(target.arn, next));
        const resolvedBy =
          next === undefined ? undefined : rdsSnapshot(ctx, target, next, true);
        if (started === undefined) return;
        incidents.push({
          kind: 'failed-rds-backup',
          check: 'backup-failed',
          service: service.id,
          resourceArn: target.arn,
          at: later(started, service.backup.completionWindowMs),
          ...(resolvedBy !== undefined && { resolvesAt: resolvedBy }),
          description: `${service.id}: the automated snapshot of ${due.toISOString()} starts and never completes; the next one resolves it`,
        });
        return;
      }
      const createdAt = scheduledStart(ctx, service, due);
      const failed = backupJob(
        ctx,
        target,
        createdAt,
        later(due, service.backup.startWindowMs),
        false,
        {
          state: 'failed',
          message: `The DB instance ${arnParts(target.arn).resource.replace(/^(db|cluster):/, '')} is in the storage-full state; a snapshot cannot be taken.`,
        }
      );
      if (failed === undefined) return;
      const retryAt = later(
        failed.at,
        between(ctx.random, 50 * MINUTE_MS, 70 * MINUTE_MS)
      );
      const resolved = backupJob(
        ctx,
        target,
        retryAt,
        later(retryAt, HOUR_MS),
        true,
        { state: 'completed' }
      );
      incidents.push({
        kind: 'failed-rds-backup',
        check: 'backup-failed',
        service: service.id,
        resourceArn: target.arn,
        at: failed.at,
        ...(resolved !== undefined && { resolvesAt: resolved.at }),
        description: `${service.id}: the scheduled AWS Backup job of ${due.toISOString()} FAILS (storage full); an on-demand backup an hour later resolves it`,
      });
    },
  };
};

/**
 * Plans the missed backup window: no job at all for one due time of an EBS
 * volume (else an EC2 instance, else any AWS Backup resource), then a late
 * on-demand backup some 30 minutes after the deadline passed, which
 * resolves the page once its copies have landed (the RPO counts the newest
 * recoverable point).
 */
const planMissedWindow = (
  ctx: Context,
  fleet: DemoResource[],
  incidents: DemoIncident[],
  taken: DemoResource | undefined
): DueOverride | string => {
  const candidates = fleet.filter(
    (r) => r.automation === 'aws-backup' && r !== taken
  );
  const target =
    candidates.find((r) => r.resourceType === 'EBS') ??
    candidates.find((r) => r.resourceType === 'EC2') ??
    candidates[0];
  if (target === undefined)
    return 'no other AWS Backup resource in the runbook';
  const service = serviceOf(ctx, target);
  const due = firstDueFrom(service, incidentDay(ctx, 'missed-backup-window'));
  if (due === undefined) return `${service.id} has no due backup`;
  const { startWindowMs, completionWindowMs } = service.backup;
  const deadline = later(
    due,
    startWindowMs + completionWindowMs + service.graceMs
  );
  return {
    target,
    due,
    emit: () => {
      const lateAt = later(
        deadline,
        between(ctx.random, 25 * MINUTE_MS, 45 * MINUTE_MS)
      );
      const resolved = backupJob(
        ctx,
        target,
        lateAt,
        later(lateAt, HOUR_MS),
        true,
        { state: 'completed' }
      );
      if (deadline.getTime() >= ctx.end.getTime()) return;
      incidents.push({
        kind: 'missed-backup-window',
        check: 'backup-missed',
        service: service.id,
        resourceArn: target.arn,
        at: deadline,
        ...(resolved?.recoverableAt !== undefined && {
          resolvesAt: resolved.recoverableAt,
        }),
        description: `${service.id}: no job starts for the ${target.resourceType} backup due ${due.toISOString()}; a late on-demand backup after the deadline resolves it once its copies have landed`,
      });
    },
  };
};

/** Delivers S3 notification bodies as one SQS batch, 5-20 s after the last. */
const deliverBatch = (
  ctx: Context,
  messages: { at: Date; body: string }[]
): Date | undefined => {
  const { random } = ctx;
  const last = messages.at(-1)?.at ?? ctx.end;
  const deliveredAt = later(last, between(random, 5, 20) * SECOND_MS);
  return deliver(
    ctx,
    deliveredAt,
    sqsBatch(
      ctx.queueArn,
      ctx.home.region,
      messages.map((m) => ({
        messageId: random.uuid(),
        receiptHandle: `AQEB${Buffer.from(random.hex(96), 'hex').toString('base64')}`,
        body: m.body,
        senderId: `AIDA${random.hex(16).toUpperCase()}`,
        sentAt: m.at,
        receivedAt: deliveredAt,
      }))
    ),
    'sqs'
  );
};

/**
 * Emits the S3 replication failure: three objects fail with
 * DstPutObjectNotPermitted within two minutes, delivered as one SQS batch.
 * S3 never retries them, so the page stays open until there is evidence:
 * 4-8 hours later the on-call has fixed the role and re-replicated them,
 * and S3 reports each object as replicated after its threshold.
 */
const replicationFailure = (
  ctx: Context,
  fleet: DemoResource[],
  incidents: DemoIncident[]
): string | undefined => {
  const target = fleet.find((r) => r.automation === 's3-replication');
  if (target === undefined) return 'no S3 replication resource in the runbook';
  const { random } = ctx;
  const service = serviceOf(ctx, target);
  const bucketName = arnParts(target.arn).resource;
  const first = later(
    incidentDay(ctx, 'replication-failure'),
    14 * HOUR_MS + between(random, 0, 30 * MINUTE_MS)
  );
  const owner = `A${random.hex(13).toUpperCase()}`;
  const objects: ReplicatedObject[] = [0, 1, 2].map((n) => {
    const failedAt = later(first, n * between(random, 20, 60) * SECOND_MS);
    return {
      bucketName,
      bucketArn: target.arn,
      ownerPrincipalId: owner,
      key: `products/sku-${random.int(10_000, 99_999)}/front view.jpg`,
      size: random.int(80_000, 900_000),
      eTag: random.hex(32),
      versionId: random.hex(32),
      sequencer: random.hex(18).toUpperCase(),
      requestId: random.hex(16).toUpperCase(),
      hostId: Buffer.from(random.hex(56), 'hex').toString('base64'),
      replicationRuleId: `${bucketName}-to-dr`,
      destinationBucketArn: `arn:aws:s3:::${bucketName}-dr`,
      requestedAt: later(failedAt, -between(random, 10, 20) * SECOND_MS),
      reportedAt: failedAt,
    };
  });
  const delivered = deliverBatch(
    ctx,
    objects.map((o) => ({
      at: o.reportedAt,
      body: JSON.stringify(
        replicationFailedNotification(ctx.home.region, {
          ...o,
          failureReason: 'DstPutObjectNotPermitted',
        })
      ),
    }))
  );
  if (delivered === undefined) return undefined;
  const fixedAt = later(delivered, between(random, 4 * HOUR_MS, 8 * HOUR_MS));
  const replicated = deliverBatch(
    ctx,
    objects.map((o, n) => {
      const reportedAt = later(fixedAt, n * between(random, 5, 30) * SECOND_MS);
      return {
        at: reportedAt,
        body: JSON.stringify(
          replicationCaughtUpNotification(ctx.home.region, {
            ...o,
            sequencer: random.hex(18).toUpperCase(),
            requestId: random.hex(16).toUpperCase(),
            requestedAt: fixedAt,
            reportedAt,
          })
        ),
      };
    })
  );
  incidents.push({
    kind: 'replication-failure',
    check: 'replication-failed',
    service: service.id,
    resourceArn: target.arn,
    at: delivered,
    ...(replicated !== undefined && { resolvesAt: replicated }),
    description: `${service.id}: 3 objects fail to replicate (DstPutObjectNotPermitted); S3 never retries them, so it stays open until S3 reports the 3 re-replicated objects`,
  });
  return undefined;
};

/**
 * Returns the restore-test resource and the two tests of the slow-restore
 * incident: one RTO + 20-40 min long, then a re-test within the RTO a day
 * later, which resolves the page.
 */
const planSlowRestore = (
  ctx: Context,
  fleet: DemoResource[],
  preferred: DemoResource | undefined
): { target: DemoResource; slowAt: Date; retestAt: Date } | string => {
  const tested = fleet.filter(
    (r) =>
      r.automation === 'aws-backup' &&
      serviceOf(ctx, r).recovery.restoreTestMs !== undefined
  );
  const target =
    tested.find((r) => r === preferred) ??
    [...tested].sort(
      (a, b) =>
        serviceOf(ctx, a).recovery.rtoMs - serviceOf(ctx, b).recovery.rtoMs
    )[0];
  if (target === undefined) {
    return 'no AWS Backup resource with restore tests in the runbook';
  }
  const slowAt = later(
    incidentDay(ctx, 'slow-restore-test'),
    6 * HOUR_MS + between(ctx.random, 0, HOUR_MS)
  );
  return { target, slowAt, retestAt: later(slowAt, DAY_MS) };
};

/** A resource whose regular restore tests an incident's own tests replace. */
interface QuietTests {
  target: DemoResource;
  from: Date;
  to: Date;
}

/**
 * Returns the restore test whose validation fails, a day apart from its
 * passing re-test: a validated AWS Backup resource other than the slow
 * restore's, a DynamoDB table when there is one (its restored copy holds
 * a fortieth of the items).
 */
const planFailedValidation = (
  ctx: Context,
  fleet: DemoResource[],
  slowTarget: DemoResource | undefined
): QuietTests | string => {
  const tested = fleet.filter(
    (r) =>
      r.automation === 'aws-backup' &&
      r !== slowTarget &&
      serviceOf(ctx, r).recovery.restoreTestMs !== undefined &&
      restoreTestingSettings(serviceOf(ctx, r)).validate
  );
  const target = tested.find((r) => r.resourceType === 'DynamoDB') ?? tested[0];
  if (target === undefined) {
    return 'no other validated AWS Backup resource with restore tests in the runbook';
  }
  const from = later(
    incidentDay(ctx, 'failed-restore-validation'),
    9 * HOUR_MS + between(ctx.random, 0, HOUR_MS)
  );
  return { target, from, to: later(from, DAY_MS) };
};

/**
 * Emits the regular restore tests of every AWS Backup resource whose
 * service requires them: weekly from a seeded first day, as the restore
 * testing plans' schedules run them in the demo, each taking 30-60 % of
 * the RTO. Tests that would land within a day of an incident's own tests
 * of the same resource are left out so they don't blur it.
 */
const regularRestoreTests = (
  ctx: Context,
  fleet: DemoResource[],
  quiet: QuietTests[]
): void => {
  const { random } = ctx;
  for (const resource of fleet) {
    const service = serviceOf(ctx, resource);
    const periodMs = service.recovery.restoreTestMs;
    if (resource.automation !== 'aws-backup' || periodMs === undefined) {
      continue;
    }
    const intervalMs = 7 * DAY_MS;
    let at = later(
      ctx.start,
      random.int(1, 3) * DAY_MS + 7 * HOUR_MS + between(random, 0, HOUR_MS)
    );
    while (at.getTime() < ctx.end.getTime()) {
      const blurs = quiet.some(
        (q) =>
          q.target === resource &&
          at.getTime() > q.from.getTime() - DAY_MS &&
          at.getTime() < q.to.getTime() + DAY_MS
      );
      const { rtoMs } = service.recovery;
      const durationMs = Math.round(rtoMs * (0.3 + random.next() * 0.3));
      if (!blurs) restoreTest(ctx, resource, at, durationMs);
      at = later(at, intervalMs);
    }
  }
};

/**
 * Emits the daily backups of a resource no runbook service claims (a table
 * the backup plan picked up by its tag), from its incident day on.
 */
const unmappedBackups = (
  ctx: Context,
  incidents: DemoIncident[]
): string | undefined => {
  const { random, home } = ctx;
  let arn = `arn:aws:dynamodb:${home.region}:${home.account}:table/shop-wishlists-prod`;
  while (matchResource(ctx.runbook, arn) !== undefined) {
    arn = `arn:aws:dynamodb:${home.region}:${home.account}:table/unlisted-${random.hex(8)}`;
  }
  const resource: DemoResource = {
    service: UNMAPPED_SERVICE,
    arn,
    resourceType: 'DynamoDB',
    automation: 'aws-backup',
    sizeBytes: random.int(200_000_000, 900_000_000),
  };
  let first: Date | undefined;
  for (
    let day = incidentDay(ctx, 'unmapped-backup');
    day.getTime() < ctx.end.getTime();
    day = later(day, DAY_MS)
  ) {
    const createdAt = later(
      day,
      3 * HOUR_MS + 30 * MINUTE_MS + between(random, 0, 20 * MINUTE_MS)
    );
    const job: BackupJob = {
      jobId: random.uuid(),
      resourceArn: arn,
      resourceType: resource.resourceType,
      plan: ctx.plan,
      createdAt,
      startBy: later(createdAt, HOUR_MS),
      sizeBytes: jitteredSize(random, resource.sizeBytes),
    };
    const completedAt = later(
      createdAt,
      between(random, 2 * MINUTE_MS, 8 * MINUTE_MS)
    );
    const delivered = deliverEnvelope(
      ctx,
      backupJobCompleted(
        ctx.setting,
        random.uuid(),
        job,
        recoveryPointArn(resource, job.jobId, home, random),
        completedAt,
        stamp(ctx, completedAt, 0)
      )
    );
    first ??= delivered;
  }
  if (first === undefined) return 'the period ends before its first backup';
  incidents.push({
    kind: 'unmapped-backup',
    check: 'unmapped-resource',
    service: UNMAPPED_SERVICE,
    resourceArn: arn,
    at: first,
    description: `a DynamoDB table no runbook service claims (${arn.split('/').at(-1)}) starts being backed up daily; it stays unmapped until the runbook claims it`,
  });
  return undefined;
};

/**
 * Delivers one of the product's own reports as EventBridge would, a few
 * seconds after `at`: what `sentinel ping`, `run` and `velero` put on the
 * bus for jobs outside AWS Backup, RDS and S3.
 */
const report = (
  ctx: Context,
  kind: ReportKind,
  detail: Record<string, unknown>,
  at: Date
): Date | undefined => {
  const built = sentinelEntry(kind, detail, at);
  if (!built.ok) {
    throw new Error(
      `the demo built a report ingest would reject: ${built.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
    );
  }
  return deliverEnvelope(
    ctx,
    deliveredEvent(built.entry, {
      id: ctx.random.uuid(),
      account: ctx.home.account,
      region: ctx.home.region,
    })
  );
};

/** How one reported job of the demo ends. */
type ReportedOutcome =
  | { state: 'completed' }
  | { state: 'failed'; message: string };

/** A Velero Backup as `kubectl get backup -o json` prints it (test/fixtures/velero). */
const veleroBackup = (
  name: string,
  startedAt: Date,
  completedAt: Date,
  outcome: ReportedOutcome,
  items: number
) => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: {
    name,
    namespace: 'velero',
    creationTimestamp: envelopeTime(startedAt),
    labels: { 'velero.io/schedule-name': name.replace(/-\d{14}$/, '') },
  },
  status: {
    phase: outcome.state === 'completed' ? 'Completed' : 'Failed',
    startTimestamp: envelopeTime(startedAt),
    completionTimestamp: envelopeTime(completedAt),
    progress: { totalItems: items, itemsBackedUp: items },
    ...(outcome.state === 'failed' && { failureReason: outcome.message }),
  },
});

/**
 * Emits one job of a script, Velero or a person for a due time: `started`
 * when it begins, then `completed` or `failed` for each resource of its
 * service, as `sentinel run` reports them. Velero jobs are read from the
 * Backup object, as `sentinel velero` reads them. Returns when ingest gets
 * the outcome.
 */
const reportedJob = (
  ctx: Context,
  service: Service,
  resources: DemoResource[],
  due: Date,
  outcome: ReportedOutcome
): Date | undefined => {
  const { random } = ctx;
  const startedAt = later(
    due,
    between(
      random,
      MINUTE_MS,
      Math.min(service.backup.startWindowMs, 20 * MINUTE_MS)
    )
  );
  const endedAt = later(
    startedAt,
    between(random, 2 * MINUTE_MS, 15 * MINUTE_MS)
  );
  const stamp = startedAt.toISOString().replace(/\D/g, '').slice(0, 14);
  const jobId = `${service.id}-${stamp}`;
  const velero =
    service.backup.automation === 'velero'
      ? readVeleroBackup(
          veleroBackup(
            `shop-prod-${stamp}`,
            startedAt,
            endedAt,
            outcome,
            random.int(600, 900)
          )
        )
      : undefined;
  if (velero !== undefined && !velero.ok) {
    throw new Error('the demo built a Velero Backup it cannot read');
  }
  // When ingest gets the first resource's outcome: the incident's page.
  let done: Date | undefined;
  for (const resource of resources) {
    const common = { service: service.id, resource: resource.arn };
    if (velero?.ok === true) {
      const at = report(
        ctx,
        'backup',
        { ...common, ...velero.report },
        endedAt
      );
      done ??= at;
      continue;
    }
    report(
      ctx,
      'backup',
      {
        ...common,
        state: 'started',
        jobId,
        startedAt: startedAt.toISOString(),
      },
      startedAt
    );
    const at = report(
      ctx,
      'backup',
      {
        ...common,
        jobId,
        startedAt: startedAt.toISOString(),
        completedAt: endedAt.toISOString(),
        ...(outcome.state === 'completed'
          ? {
              state: 'completed',
              sizeBytes: jitteredSize(random, resource.sizeBytes),
            }
          : { state: 'failed', message: outcome.message }),
      },
      endedAt
    );
    done ??= at;
  }
  return done;
};

/**
 * Emits every job of the services that report themselves (scripts, Velero,
 * people), with two incidents on fixed days of the last week: a script
 * backup that fails (the next night's success resolves it) and a
 * Velero backup that never runs (the next slot's resolves it).
 */
const reportedBackups = (
  ctx: Context,
  fleet: DemoResource[],
  incidents: DemoIncident[],
  skipped: DemoScenario['skipped']
): void => {
  const reporting = ctx.runbook.services.filter(
    (s) =>
      s.backup.automation === 'script' ||
      s.backup.automation === 'velero' ||
      s.backup.automation === 'manual'
  );
  const scripted = reporting.find((s) => s.backup.automation === 'script');
  const velero = reporting.find((s) => s.backup.automation === 'velero');
  const failDue =
    scripted &&
    firstDueFrom(scripted, incidentDay(ctx, 'failed-script-backup'));
  const missDue =
    velero && firstDueFrom(velero, incidentDay(ctx, 'missed-velero-backup'));
  if (failDue === undefined) {
    skipped.push({
      kind: 'failed-script-backup',
      reason: 'no script-backed service in the runbook',
    });
  }
  if (missDue === undefined) {
    skipped.push({
      kind: 'missed-velero-backup',
      reason: 'no Velero-backed service in the runbook',
    });
  }
  for (const service of reporting) {
    const resources = fleet.filter((r) => r.service === service.id);
    const dues = dueTimesBetween(
      service.backup.schedule,
      service.timezone,
      ctx.start,
      ctx.end
    );
    let open: DemoIncident | undefined;
    for (const due of dues) {
      if (service === velero && due.getTime() === missDue?.getTime()) {
        const { startWindowMs, completionWindowMs } = service.backup;
        const deadline = later(
          due,
          startWindowMs + completionWindowMs + service.graceMs
        );
        if (deadline.getTime() < ctx.end.getTime()) {
          open = {
            kind: 'missed-velero-backup',
            check: 'backup-missed',
            service: service.id,
            resourceArn: resources[0]?.arn ?? '',
            at: deadline,
            description: `${service.id}: the Velero backup due ${due.toISOString()} never runs; the next one resolves it`,
          };
          incidents.push(open);
        }
        continue;
      }
      const fails =
        service === scripted && due.getTime() === failDue?.getTime();
      const done = reportedJob(
        ctx,
        service,
        resources,
        due,
        fails
          ? {
              state: 'failed',
              message:
                'export script exited 1: AccessDeniedException on the first read',
            }
          : { state: 'completed' }
      );
      if (fails && done !== undefined) {
        open = {
          kind: 'failed-script-backup',
          check: 'backup-failed',
          service: service.id,
          resourceArn: resources[0]?.arn ?? '',
          at: done,
          description: `${service.id}: the scripted backup due ${due.toISOString()} fails; the next night's success resolves it`,
        };
        incidents.push(open);
      } else if (open !== undefined && done !== undefined) {
        open.resolvesAt = done;
        open = undefined;
      }
    }
  }
};

/**
 * Emits the restore tests people and scripts report (`sentinel ping --kind
 * restore`) for the services AWS Backup does not restore-test: every half
 * period from a seeded first day, each within the RTO and validated.
 */
const reportedRestoreTests = (ctx: Context, fleet: DemoResource[]): void => {
  const { random } = ctx;
  for (const service of ctx.runbook.services) {
    const periodMs = service.recovery.restoreTestMs;
    if (service.backup.automation === 'aws-backup' || periodMs === undefined) {
      continue;
    }
    const resources = fleet.filter((r) => r.service === service.id);
    const intervalMs = Math.max(Math.floor(periodMs / 2), DAY_MS);
    let at = later(ctx.start, random.int(1, 4) * DAY_MS + 10 * HOUR_MS);
    while (at.getTime() < ctx.end.getTime()) {
      const durationMs = Math.round(
        service.recovery.rtoMs * (0.3 + random.next() * 0.3)
      );
      for (const resource of resources) {
        report(
          ctx,
          'restore',
          {
            service: service.id,
            resource: resource.arn,
            state: 'completed',
            completedAt: later(at, durationMs).toISOString(),
            durationSeconds: Math.round(durationMs / 1000),
            validation: {
              status: 'passed',
              message: 'row counts and checksums match',
            },
          },
          later(at, durationMs)
        );
      }
      at = later(at, intervalMs);
    }
  }
};

/**
 * Emits the DR drill of the first drilled scenario on its day of the last
 * week: started, then completed with each of its services' own restore
 * time, all at 60-90 % of their RTOs (so the drill keeps its critical
 * path), as `sentinel ping --kind drill` reports it.
 */
const drill = (ctx: Context, fleet: DemoResource[]): void => {
  const scenario = ctx.runbook.drills.scenarios[0];
  if (scenario === undefined) return;
  const { random } = ctx;
  const startedAt = later(
    later(ctx.end, (DRILL_DAY - 7) * DAY_MS),
    8 * HOUR_MS
  );
  const scale = 0.6 + random.next() * 0.3;
  const services = scenario.services.flatMap((id) => {
    const service = ctx.runbook.services.find((s) => s.id === id);
    const resource =
      fleet.find((r) => r.service === id && !r.arn.includes('*')) ??
      fleet.find((r) => r.service === id);
    if (service === undefined || resource === undefined) return [];
    const tookMs = service.recovery.rtoMs * scale;
    return [
      {
        service: id,
        resource: resource.arn,
        restoredInSeconds: Math.round(tookMs / 1000),
      },
    ];
  });
  // The scenario's critical path, at the same pace.
  const completedAt = later(startedAt, scenario.rtoMs * scale + 10 * MINUTE_MS);
  const common = { scenario: scenario.id, startedAt: startedAt.toISOString() };
  report(ctx, 'drill', { ...common, state: 'started' }, startedAt);
  report(
    ctx,
    'drill',
    {
      ...common,
      state: 'completed',
      completedAt: completedAt.toISOString(),
      services,
      message: 'game day: traffic moved to us-west-2 for one hour',
    },
    completedAt
  );
};

/**
 * Returns a simulated period of AWS events for the runbook's fleet, in the
 * shapes AWS delivers them, with five incidents injected on fixed days of
 * its last week (the one the weekly report covers; with `start` on a
 * Monday, Tuesday to Saturday): a failed RDS backup, a missed backup
 * window, an S3 replication failure, a restore test slower than its RTO,
 * and backups of a resource no service claims.
 *
 * Each resource backs up on its service's own schedule: AWS Backup jobs
 * (RUNNING, COMPLETED, the recovery point, one copy per runbook
 * destination), RDS automated snapshots (creating, created), and restore
 * tests where `recovery.restoreTest` asks for them. Services backed up by
 * scripts, Velero or by hand send AWS nothing, so they get no events (and
 * the checks do not hold them to a schedule until one is seen). Only
 * events the rules in rules/*.json let through are produced.
 *
 * @param runbook - the loaded runbook
 * @param options - days (7 to 366) and seed
 * @param start - the first instant of the period
 * @throws {RangeError} when `days` is not a whole number from 7 to 366
 */
const generateDemo = (
  runbook: Runbook,
  options: GenerateOptions,
  start: Date
): DemoScenario => {
  const { days, seed } = options;
  if (!Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) {
    throw new RangeError(
      `days must be a whole number from ${MIN_DAYS} to ${MAX_DAYS}, got ${days}`
    );
  }
  const random = createRandom(seed);
  const home = runbookHome(runbook);
  const planId = random.uuid();
  const ctx: Context = {
    runbook,
    random,
    home,
    setting: {
      ...home,
      vaultName: 'prod-vault',
      vaultArn: `arn:aws:backup:${home.region}:${home.account}:backup-vault:prod-vault`,
      iamRoleArn: `arn:aws:iam::${home.account}:role/service-role/AWSBackupDefaultServiceRole`,
    },
    plan: {
      backupPlanId: planId,
      backupPlanArn: `arn:aws:backup:${home.region}:${home.account}:backup-plan:${planId}`,
      backupPlanVersion: Buffer.from(random.uuid()).toString('base64'),
      backupPlanRuleId: random.uuid(),
    },
    restoreTestingPlanId: random.uuid(),
    queueArn: `arn:aws:sqs:${home.region}:${home.account}:backup-sentinel-replication`,
    start,
    end: later(start, days * DAY_MS),
    pending: [],
    points: new Map(),
    handled: new Set(),
  };
  const fleet = demoFleet(runbook, random);
  const incidents: DemoIncident[] = [];
  const skipped: DemoScenario['skipped'] = [];

  const overrides = new Map<string, DueOverride>();
  const failed = planFailedBackup(ctx, fleet, incidents);
  const failedTarget = typeof failed === 'string' ? undefined : failed.target;
  if (typeof failed === 'string') {
    skipped.push({ kind: 'failed-rds-backup', reason: failed });
  } else overrides.set(dueKey(failed.target.arn, failed.due), failed);
  const missed = planMissedWindow(ctx, fleet, incidents, failedTarget);
  if (typeof missed === 'string') {
    skipped.push({ kind: 'missed-backup-window', reason: missed });
  } else overrides.set(dueKey(missed.target.arn, missed.due), missed);

  reportedBackups(ctx, fleet, incidents, skipped);
  reportedRestoreTests(ctx, fleet);
  drill(ctx, fleet);

  for (const resource of fleet) {
    const service = serviceOf(ctx, resource);
    if (!OBSERVABLE_JOBS.includes(resource.automation)) continue;
    const dues = dueTimesBetween(
      service.backup.schedule,
      service.timezone,
      ctx.start,
      ctx.end
    );
    for (const due of dues) {
      const override = overrides.get(dueKey(resource.arn, due));
      if (ctx.handled.has(dueKey(resource.arn, due))) continue;
      if (override !== undefined) {
        override.emit();
      } else if (resource.automation === 'rds-automated') {
        rdsSnapshot(ctx, resource, due, true);
      } else {
        backupJob(
          ctx,
          resource,
          scheduledStart(ctx, service, due),
          later(due, service.backup.startWindowMs),
          false,
          { state: 'completed' }
        );
      }
    }
  }

  const replication = replicationFailure(ctx, fleet, incidents);
  if (replication !== undefined) {
    skipped.push({ kind: 'replication-failure', reason: replication });
  }

  const slow = planSlowRestore(ctx, fleet, failedTarget);
  const invalid = planFailedValidation(
    ctx,
    fleet,
    typeof slow === 'string' ? undefined : slow.target
  );
  regularRestoreTests(ctx, fleet, [
    ...(typeof slow === 'string'
      ? []
      : [{ target: slow.target, from: slow.slowAt, to: slow.retestAt }]),
    ...(typeof invalid === 'string' ? [] : [invalid]),
  ]);
  if (typeof invalid === 'string') {
    skipped.push({ kind: 'failed-restore-validation', reason: invalid });
  } else {
    const { target, from, to } = invalid;
    const { rtoMs } = serviceOf(ctx, target).recovery;
    const failedTest = restoreTest(ctx, target, from, rtoMs / 2, false);
    const retest = restoreTest(ctx, target, to, rtoMs / 2);
    if (failedTest?.validated === undefined) {
      skipped.push({
        kind: 'failed-restore-validation',
        reason: 'no recovery point to restore, or the period ends first',
      });
    } else {
      incidents.push({
        kind: 'failed-restore-validation',
        check: 'restore-failed',
        service: target.service,
        resourceArn: target.arn,
        at: failedTest.validated,
        ...(retest !== undefined && { resolvesAt: retest.completed }),
        description: `${target.service}: a restore test completes but its validation fails (the restored copy lacks most of the data); the next day's test passes and resolves it`,
      });
    }
  }
  if (typeof slow === 'string') {
    skipped.push({ kind: 'slow-restore-test', reason: slow });
  } else {
    const { target, slowAt, retestAt } = slow;
    const { rtoMs } = serviceOf(ctx, target).recovery;
    const slowDone = restoreTest(
      ctx,
      target,
      slowAt,
      rtoMs + between(random, 20 * MINUTE_MS, 40 * MINUTE_MS)
    );
    const retestDone = restoreTest(
      ctx,
      target,
      retestAt,
      Math.round(rtoMs * 0.5)
    );
    if (slowDone === undefined) {
      skipped.push({
        kind: 'slow-restore-test',
        reason: 'no recovery point to restore, or the period ends first',
      });
    } else {
      incidents.push({
        kind: 'slow-restore-test',
        check: 'rto-at-risk',
        service: target.service,
        resourceArn: target.arn,
        at: slowDone.completed,
        ...(retestDone !== undefined && { resolvesAt: retestDone.completed }),
        description: `${target.service}: a restore test takes longer than the ${Math.round(rtoMs / MINUTE_MS)} min RTO; a re-test a day later within the RTO resolves it`,
      });
    }
  }

  const unmapped = unmappedBackups(ctx, incidents);
  if (unmapped !== undefined) {
    skipped.push({ kind: 'unmapped-backup', reason: unmapped });
  }

  const deliveries: DemoDelivery[] = [...ctx.pending]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq)
    .map(({ at, kind, event }) => ({ at, kind, event }));
  return {
    start: ctx.start,
    end: ctx.end,
    resources: fleet,
    deliveries,
    incidents: incidents.sort((a, b) => a.at.getTime() - b.at.getTime()),
    skipped,
  };
};

export type { GenerateOptions };
export { generateDemo, MAX_DAYS, MIN_DAYS };
