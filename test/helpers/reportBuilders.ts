import type {
  BackupEvent,
  CheckId,
  Transition,
} from '../../src/model/index.js';
import type {
  FiguresInput,
  ReportWeek,
  ResourceHistory,
} from '../../src/report/index.js';
import {
  aBackupEvent,
  aResourceState,
  aRunbook,
  DAY,
  HOUR,
  MINUTE,
  ORDERS_DB_ARN,
} from './builders.js';

// The week under test: Monday 2026-11-02 to Monday 2026-11-09 (UTC), and
// the report runs on that Monday at 08:00. aService()'s orders-db is due
// daily at 02:00 UTC with a deadline 3.5 h later.
const WEEK: ReportWeek = {
  start: new Date('2026-11-02T00:00:00Z'),
  end: new Date('2026-11-09T00:00:00Z'),
};
const NOW = new Date('2026-11-09T08:00:00Z');

/** The due time of orders-db on day `day` (0 = Monday) of {@link WEEK}. */
const dueOn = (day: number, week: ReportWeek = WEEK): Date =>
  new Date(week.start.getTime() + day * DAY + 2 * HOUR);

/**
 * Returns an AWS Backup job event for orders-db: created `startAfterMs`
 * after `due` (default 5 min) and finished `tookMs` later (default 20 min).
 */
const aJob = (
  due: Date,
  options: {
    state?: BackupEvent['state'];
    startAfterMs?: number;
    tookMs?: number;
    resourceArn?: string;
    message?: string;
  } = {}
): BackupEvent => {
  const startedAt = new Date(
    due.getTime() + (options.startAfterMs ?? 5 * MINUTE)
  );
  const completedAt = new Date(
    startedAt.getTime() + (options.tookMs ?? 20 * MINUTE)
  );
  const resourceArn = options.resourceArn ?? ORDERS_DB_ARN;
  const tag = `${resourceArn}-${startedAt.toISOString()}-${options.state ?? 'completed'}`;
  return aBackupEvent({
    id: `evt-${tag}`,
    state: options.state ?? 'completed',
    resourceArn,
    jobId: `job-${tag}`,
    recoveryPointArn: `arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-${startedAt.getTime()}`,
    startedAt,
    completedAt,
    occurredAt: completedAt,
    ...(options.message !== undefined && { message: options.message }),
  });
};

/** Returns orders-db's history with the given events, first seen 2026-10-01. */
const anOrdersDb = (events: BackupEvent[]): ResourceHistory => ({
  state: aResourceState(),
  events: [...events].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()
  ),
});

/** Returns a figures input: aRunbook() with the given resources. */
const anInput = (overrides: Partial<FiguresInput> = {}): FiguresInput => ({
  runbook: aRunbook(),
  resources: [],
  transitions: [],
  ...overrides,
});

/** Returns a transition of orders-prod's incident at `at`, `check` its root cause. */
const aTransition = (
  from: Transition['from'],
  to: Transition['to'],
  at: Date,
  check: CheckId = 'backup-failed',
  service = 'orders-db',
  resource = ORDERS_DB_ARN
): Transition => ({
  alertKey: { service, resource },
  from,
  to,
  reason: 'test',
  at,
  findings: [
    {
      service,
      resource,
      check,
      severity: 'critical',
      status: to === 'resolved' ? 'resolved' : 'open',
      since: new Date(at.getTime() - HOUR),
      summary: `${check} on orders-prod`,
      detail: {},
      runbookUrl:
        'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup',
    },
  ],
});

export { aJob, anInput, anOrdersDb, aTransition, dueOn, NOW, WEEK };
