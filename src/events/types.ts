import type {
  BackupEvent,
  EventKind,
  EventState,
  InputIssue,
} from '../model/index.js';

/**
 * Result of normalising one raw input: events, or a typed rejection with
 * the reason. A valid input that says nothing the monitor tracks gives no
 * events and says why (`ignored`).
 */
type NormaliseResult =
  | { ok: true; value: BackupEvent[]; ignored?: string }
  | { ok: false; issues: InputIssue[] };

/** What one RDS EventID means to the monitor (see `RDS_EVENTS`). */
interface RdsEventMeaning {
  /** The RDS SourceType the catalogue lists the EventID under. */
  sourceType: 'DB_INSTANCE' | 'SNAPSHOT' | 'CLUSTER_SNAPSHOT';
  kind: EventKind;
  state: EventState;
  /** The catalogue message (placeholders in angle brackets). */
  meaning: string;
  /** Other wordings AWS's own example events use for it. */
  observed?: readonly string[];
  docUrl: string;
}

/**
 * An RDS snapshot or cluster-snapshot event the catalogue documents and the
 * monitor deliberately ignores (see `RDS_IGNORED_EVENTS`).
 */
interface RdsIgnoredEvent {
  /** Absent where the catalogue lists the message without an EventID. */
  eventId?: string;
  sourceType: 'SNAPSHOT' | 'CLUSTER_SNAPSHOT';
  /** The catalogue message (placeholders in angle brackets). */
  message: string;
  /** Why the monitor has no use for it. */
  why: string;
}

export type { NormaliseResult, RdsEventMeaning, RdsIgnoredEvent };
