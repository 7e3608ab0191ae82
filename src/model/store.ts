import type { AlertKey, AlertRecord, Transition } from './alerts.js';
import type { BackupEvent, InputIssue } from './events.js';
import type { Heartbeat, ResourceState } from './state.js';

/** An input normalisation rejected, as kept for people to inspect. */
interface RejectedInput {
  receivedAt: Date;
  /** The raw text, cut at the store's limit (100,000 characters). */
  raw: string;
  /** Length of the raw text before any cut. */
  rawLength: number;
  issues: InputIssue[];
}

/** An event kept until its recovery point's owner is known. */
interface HeldEvent {
  event: BackupEvent;
  recoveryPointArn: string;
}

/** What recordEvent did: a redelivered event is a `duplicate` and changes nothing. */
type RecordOutcome = 'recorded' | 'duplicate';

/** What recordEvent did, and the resource's state as its write left it. */
interface RecordResult {
  outcome: RecordOutcome;
  state: ResourceState;
  /**
   * Recovery points the event proved are its resource's, for which events
   * are held (see `holdEvent`): they can be attributed now.
   */
  waiting: string[];
}

/**
 * The compliance scores one weekly report sent: the next week's report
 * shows its change from these, as they were sent, and need not read and
 * fold the week before again (issue 18).
 */
interface WeekScores {
  /** The overall score; undefined when no service owed anything. */
  score?: number;
  /** Each runbook service's score; undefined when it owed nothing. */
  services: { service: string; score?: number }[];
}

/**
 * The backup history. Implemented by the DynamoDB store (production) and the
 * in-memory store (CLI replay and unit tests above the store); both pass the
 * same contract tests.
 */
interface HistoryStore {
  /** Records an event once and moves the resource's facts forward. */
  recordEvent(
    event: BackupEvent,
    serviceId: string | undefined,
    now: Date
  ): Promise<RecordResult>;
  /** Keeps an input we could not understand, with the reasons. */
  recordRejected(raw: string, issues: InputIssue[], now: Date): Promise<void>;
  /**
   * Creates a state item for a runbook resource never seen, so RPO counts
   * from now; returns the resource's state.
   */
  ensureResource(
    resourceArn: string,
    serviceId: string,
    now: Date
  ): Promise<ResourceState>;
  getResourceState(resourceArn: string): Promise<ResourceState | undefined>;
  /** States of one service's resources (GSI1 Query). */
  listServiceStates(serviceId: string): Promise<ResourceState[]>;
  /** States of resources no service claims. */
  listUnmappedStates(): Promise<ResourceState[]>;
  /** Events of one resource with from <= occurredAt < to, oldest first. */
  listEvents(resourceArn: string, from: Date, to: Date): Promise<BackupEvent[]>;
  /** The resource a recovery point was taken of, from a recorded backup job. */
  findResourceByRecoveryPoint(
    recoveryPointArn: string
  ): Promise<string | undefined>;
  /**
   * Keeps an event that names only a recovery point no recorded event has
   * owned yet, until one does (recordEvent then lists the recovery point in
   * `waiting`). Returns the owner when one was recorded meanwhile: the
   * caller records the event now and releases it.
   */
  holdEvent(
    event: BackupEvent,
    recoveryPointArn: string
  ): Promise<string | undefined>;
  /** The events held for one recovery point, or for all, oldest first. */
  listHeldEvents(recoveryPointArn?: string): Promise<HeldEvent[]>;
  /** Forgets a held event, once it is recorded. */
  releaseHeldEvent(held: HeldEvent): Promise<void>;
  getAlert(key: AlertKey): Promise<AlertRecord | undefined>;
  /**
   * Every alert that is not resolved, and every resolved one that still owes
   * deliveries (a resolution that failed to go out must be retried).
   */
  listActiveAlerts(): Promise<AlertRecord[]>;
  /**
   * The active alerts (as listActiveAlerts) of one service: its resources'
   * incidents and its roll-up.
   */
  listServiceAlerts(serviceId: string): Promise<AlertRecord[]>;
  /**
   * The active alerts (as listActiveAlerts) of the services whose ids sort
   * after `after` and up to and including `through` (an end left undefined
   * is open), in one read: an evaluation shard's services' incidents at
   * once rather than one Query per service (issue 18).
   */
  listServiceRangeAlerts(
    after: string | undefined,
    through: string | undefined
  ): Promise<AlertRecord[]>;
  /**
   * Saves an alert if its stored version still equals `expectedVersion`
   * (undefined = must not exist). Returns false when another invocation got
   * there first.
   */
  saveAlert(
    record: AlertRecord,
    expectedVersion: number | undefined
  ): Promise<boolean>;
  /** Appends alert transitions (the audit trail the weekly report reads). */
  recordTransitions(transitions: Transition[]): Promise<void>;
  /** Transitions with from <= at < to, oldest first. */
  listTransitions(from: Date, to: Date): Promise<Transition[]>;
  writeHeartbeat(heartbeat: Heartbeat): Promise<void>;
  getHeartbeat(): Promise<Heartbeat | undefined>;
  /**
   * Keeps the scores a weekly report sent for the week that starts at
   * `weekStart`; the newest save of a week is the one read (older ones
   * expire with the history).
   */
  saveWeekScores(weekStart: Date, scores: WeekScores, now: Date): Promise<void>;
  /** The newest whole save of the week that starts at `weekStart`, if any. */
  getWeekScores(weekStart: Date): Promise<WeekScores | undefined>;
}

export type {
  HeldEvent,
  HistoryStore,
  RecordOutcome,
  RecordResult,
  RejectedInput,
  WeekScores,
};
