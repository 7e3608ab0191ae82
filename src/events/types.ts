import type {
  BackupEvent,
  EventKind,
  EventState,
  HistoryStore,
  InputIssue,
  ResourceState,
} from '../model/index.js';
import type { Runbook } from '../runbook/index.js';

/** Result of normalising one raw input: events, or a typed rejection with the reason. */
type NormaliseResult =
  | { ok: true; value: BackupEvent[] }
  | { ok: false; issues: InputIssue[] };

/** What one RDS EventID means to the monitor (see `RDS_EVENTS`). */
interface RdsEventMeaning {
  /** The RDS SourceType the catalogue lists the EventID under. */
  sourceType: 'DB_INSTANCE' | 'SNAPSHOT' | 'CLUSTER_SNAPSHOT';
  kind: EventKind;
  state: EventState;
  /** The catalogue message (placeholders in angle brackets). */
  meaning: string;
  docUrl: string;
}

/** An event recorded for the first time, and its resource's state after it. */
interface RecordedEvent {
  event: BackupEvent;
  state: ResourceState;
}

/** What `runIngest` needs. */
interface IngestDeps {
  store: HistoryStore;
  runbook: Runbook;
  /**
   * Called once per run with the newly recorded (non-duplicate) events, in
   * the order recorded, so a failure can be paged at once. Its errors
   * propagate; the scheduled evaluation still catches anything a retry
   * would skip as a duplicate.
   */
  onRecorded?: (recorded: RecordedEvent[], now: Date) => Promise<void>;
}

/** One input `runIngest` could not understand (kept by the store). */
interface IngestRejection {
  /** Position of the input in the list given to `runIngest`. */
  index: number;
  issues: InputIssue[];
}

/**
 * What one `runIngest` run did. `recorded` and `duplicates` count events;
 * `rejected` and `ignored` count inputs (an ignored input is valid but says
 * nothing the monitor tracks, such as a job that was only CREATED).
 */
interface IngestSummary {
  recorded: number;
  duplicates: number;
  rejected: number;
  ignored: number;
  rejections: IngestRejection[];
}

export type {
  IngestDeps,
  IngestRejection,
  IngestSummary,
  NormaliseResult,
  RdsEventMeaning,
  RecordedEvent,
};
