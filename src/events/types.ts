import type {
  BackupEvent,
  EventKind,
  EventState,
  InputIssue,
} from '../model/index.js';

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

export type { NormaliseResult, RdsEventMeaning };
