import { createHash, randomUUID } from 'node:crypto';
import type {
  AlertKey,
  AlertRecord,
  BackupEvent,
  Heartbeat,
  HeldEvent,
  HistoryStore,
  InputIssue,
  RecordResult,
  RejectedInput,
  ResourceState,
  Transition,
  WeekScores,
} from '../model/index.js';
import type { PlainItem } from './attributes.js';
import { StoreError } from './errors.js';
import { type Observation, observeEvent, observeResource } from './facts.js';
import {
  alertFromItem,
  alertToItem,
  epochSeconds,
  eventFromItem,
  eventToItem,
  heartbeatFromItem,
  heartbeatToItem,
  heldFromItem,
  heldToItem,
  isPerCheckAlertItem,
  OPEN_INCIDENTS,
  rejectedFromItem,
  rejectedToItem,
  stateFromItem,
  transitionFromItem,
  transitionToItem,
  weekScoresFromItems,
  weekScoresToItems,
} from './items.js';
import {
  ACTIVE_ALERTS_PK,
  activeAlertSk,
  alertPk,
  EVENT_PREFIX,
  HEARTBEAT_SK,
  HELD_PK,
  HELD_PREFIX,
  heldSk,
  MONITOR_PK,
  monthsBetween,
  RESOURCE_SK,
  recoveryPointPk,
  rejectedPk,
  resourcePk,
  STATE_SK,
  serviceAlertsPrefix,
  serviceGsiPk,
  serviceRange,
  transitionPk,
  weekScoresPk,
} from './keys.js';
import {
  planBlindUpdate,
  planStateUpdate,
  type StateItem,
  type StatePlan,
} from './plan.js';

const activeIncidents = (items: PlainItem[]): AlertRecord[] =>
  items.filter((item) => !isPerCheckAlertItem(item)).map(alertFromItem);

/** How long event items live before DynamoDB TTL removes them. */
const DEFAULT_HISTORY_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;

// Each retry follows a concurrent write that moved a fact first, and
// re-plans from it; running out means heavy contention, which may pass.
const MAX_STATE_ATTEMPTS = 8;

/** A guard on a whole-item put. */
type PutCondition = { kind: 'absent' } | { kind: 'version'; version: number };

/** An inclusive sort-key range; `to` itself never matches a real key. */
interface SortKeyRange {
  from: string;
  to: string;
}

/**
 * The history's logic over a minimal item table. Subclasses supply the
 * table (DynamoDB, or memory); everything else, from keys to the rules
 * that move facts forward, is shared so both behave the same.
 */
abstract class ItemHistoryStore implements HistoryStore {
  protected readonly historyRetentionMs: number;

  constructor(historyRetentionMs = DEFAULT_HISTORY_RETENTION_MS) {
    this.historyRetentionMs = historyRetentionMs;
  }

  /**
   * Records an event once (a conditional put on its key), marks the
   * recovery points it proves are its resource's, and moves the resource's
   * facts forward, the writes side by side. A duplicate still re-applies
   * the facts: the update is idempotent, and this repairs a crash between
   * the writes.
   */
  async recordEvent(
    event: BackupEvent,
    serviceId: string | undefined,
    _now: Date
  ): Promise<RecordResult> {
    const item = eventToItem(event, serviceId, this.historyRetentionMs);
    const observation = observeEvent(event, serviceId);
    const expiresAt = epochSeconds(
      event.occurredAt.getTime() + this.historyRetentionMs
    );
    const [recorded, marked, moved] = await Promise.allSettled([
      this.putItem(item, { kind: 'absent' }),
      // The item as it was says whether events wait for this owner.
      Promise.all(
        observation.recoveryPoints.map((recoveryPointArn) =>
          this.mergeItem(
            recoveryPointPk(recoveryPointArn),
            RESOURCE_SK,
            { resourceArn: event.resourceArn, expiresAt },
            'old'
          )
        )
      ),
      this.moveStateForward(observation),
    ]);
    // Every write has settled; the first failure in this order is the one
    // reported, so the same outage always names the same operation.
    if (recorded.status === 'rejected') throw recorded.reason;
    if (marked.status === 'rejected') throw marked.reason;
    if (moved.status === 'rejected') throw moved.reason;
    return {
      outcome: recorded.value ? 'recorded' : 'duplicate',
      state: moved.value,
      waiting: observation.recoveryPoints.filter(
        (_, i) => marked.value[i]?.waiting === true
      ),
    };
  }

  /**
   * Writes the held event, then marks its recovery point as awaited. The
   * owner's write (recordEvent) and the mark go to the same item, so one
   * sees the other: either the mark finds the owner (returned here), or the
   * owner finds the mark and lists this event, written before it.
   */
  async holdEvent(
    event: BackupEvent,
    recoveryPointArn: string
  ): Promise<string | undefined> {
    await this.putItem(
      heldToItem(event, recoveryPointArn, this.historyRetentionMs)
    );
    const marker = await this.mergeItem(
      recoveryPointPk(recoveryPointArn),
      RESOURCE_SK,
      { waiting: true },
      'new'
    );
    const owner = marker?.resourceArn;
    return typeof owner === 'string' ? owner : undefined;
  }

  async listHeldEvents(recoveryPointArn?: string): Promise<HeldEvent[]> {
    const items =
      recoveryPointArn === undefined
        ? await this.queryIndex(HELD_PK)
        : await this.queryItems(recoveryPointPk(recoveryPointArn), {
            from: HELD_PREFIX,
            // '~' sorts after every ISO time that follows the prefix.
            to: `${HELD_PREFIX}~`,
          });
    return items.map(heldFromItem);
  }

  async releaseHeldEvent(held: HeldEvent): Promise<void> {
    await this.deleteItem(
      recoveryPointPk(held.recoveryPointArn),
      heldSk(held.event.occurredAt.toISOString(), held.event.id)
    );
  }

  async recordRejected(
    raw: string,
    issues: InputIssue[],
    now: Date
  ): Promise<void> {
    const digest = createHash('sha256').update(raw).digest('hex').slice(0, 16);
    await this.putItem(
      rejectedToItem(raw, issues, digest, this.historyRetentionMs, now)
    );
  }

  /**
   * Returns the inputs rejected on the UTC day of `day`, oldest first.
   *
   * @param day - any time on that day
   */
  async listRejected(day: Date): Promise<RejectedInput[]> {
    const items = await this.queryItems(rejectedPk(day.toISOString()));
    return items.map(rejectedFromItem);
  }

  async ensureResource(
    resourceArn: string,
    serviceId: string,
    now: Date
  ): Promise<ResourceState> {
    return this.moveStateForward(observeResource(resourceArn, serviceId, now));
  }

  async getResourceState(
    resourceArn: string
  ): Promise<ResourceState | undefined> {
    const item = await this.getItem(resourcePk(resourceArn), STATE_SK);
    return item && stateFromItem(item);
  }

  async listServiceStates(serviceId: string): Promise<ResourceState[]> {
    const items = await this.queryIndex(serviceGsiPk(serviceId));
    return items.map(stateFromItem);
  }

  async listUnmappedStates(): Promise<ResourceState[]> {
    const items = await this.queryIndex(serviceGsiPk(undefined));
    return items.map(stateFromItem);
  }

  async listEvents(
    resourceArn: string,
    from: Date,
    to: Date
  ): Promise<BackupEvent[]> {
    if (to.getTime() <= from.getTime()) return [];
    // SKs are `EVT#<occurredAt>#<id>`: `EVT#<to>` sorts before every key at
    // `to`, so BETWEEN gives from <= occurredAt < to.
    const items = await this.queryItems(resourcePk(resourceArn), {
      from: `${EVENT_PREFIX}${from.toISOString()}`,
      to: `${EVENT_PREFIX}${to.toISOString()}`,
    });
    return items.map(eventFromItem);
  }

  async findResourceByRecoveryPoint(
    recoveryPointArn: string
  ): Promise<string | undefined> {
    const item = await this.getItem(
      recoveryPointPk(recoveryPointArn),
      RESOURCE_SK
    );
    const resourceArn = item?.resourceArn;
    return typeof resourceArn === 'string' ? resourceArn : undefined;
  }

  async getAlert(key: AlertKey): Promise<AlertRecord | undefined> {
    const item = await this.getItem(alertPk(key), STATE_SK);
    return item && alertFromItem(item);
  }

  /**
   * Per-check alert items an earlier version left active are skipped: they
   * are not incidents, and reading them would stop every evaluation (the
   * README's upgrade note says how to close their pages).
   */
  async listActiveAlerts(): Promise<AlertRecord[]> {
    const items = await this.queryIndex(ACTIVE_ALERTS_PK);
    return activeIncidents(items);
  }

  async listServiceAlerts(serviceId: string): Promise<AlertRecord[]> {
    const items = await this.queryIndex(
      ACTIVE_ALERTS_PK,
      serviceAlertsPrefix(serviceId)
    );
    return activeIncidents(items);
  }

  async listServiceRangeAlerts(
    after: string | undefined,
    through: string | undefined
  ): Promise<AlertRecord[]> {
    const items = await this.queryIndex(
      ACTIVE_ALERTS_PK,
      serviceRange(after, through)
    );
    return activeIncidents(items);
  }

  /**
   * Compare-and-set. The stored version becomes `expectedVersion + 1` (1 for
   * a new alert), whatever `record.version` says, so a caller that forgets
   * to increment cannot break the guard.
   */
  async saveAlert(
    record: AlertRecord,
    expectedVersion: number | undefined
  ): Promise<boolean> {
    const version = (expectedVersion ?? 0) + 1;
    const saved = await this.putItem(
      alertToItem(record, version),
      expectedVersion === undefined
        ? { kind: 'absent' }
        : { kind: 'version', version: expectedVersion }
    );
    if (saved) await this.markIncident(record);
    return saved;
  }

  /**
   * Marks the alert on the state items of the resources it has findings
   * of: set while it is active with a finding open there, cleared
   * otherwise, so ingest knows from the state alone whether a resource is
   * in an incident (issue 18). Saves come only with transitions and
   * deliveries, not with every evaluation. A resource without a state item
   * gets none.
   */
  private async markIncident(record: AlertRecord): Promise<void> {
    const active = record.status !== 'resolved' || record.owed.length > 0;
    const open = new Map<string, boolean>();
    for (const finding of record.findings) {
      const isOpen = active && finding.status === 'open';
      open.set(
        finding.resource,
        (open.get(finding.resource) ?? false) || isOpen
      );
    }
    const id = activeAlertSk(record.key);
    const map = OPEN_INCIDENTS;
    const addMark: StatePlan = {
      set: [{ path: [map, id], value: true }],
      remove: [],
      conditions: [{ kind: 'present', path: [map] }],
    };
    await Promise.all(
      [...open].map(async ([resource, isOpen]) => {
        if (!isOpen) {
          await this.updateStateItem(resource, {
            set: [],
            remove: [[map, id]],
            conditions: [{ kind: 'present', path: [map] }],
          });
          return;
        }
        const added = await this.updateStateItem(resource, addMark);
        if (added !== undefined) return;
        // The first incident of the resource creates the map, on an item
        // that exists (a finding's resource has a state, but never make one).
        const created = await this.updateStateItem(resource, {
          set: [{ path: [map], value: { [id]: true } }],
          remove: [],
          conditions: [
            { kind: 'present', path: ['PK'] },
            { kind: 'absent', path: [map] },
          ],
        });
        // Another save created the map meanwhile: add to it.
        if (created === undefined) {
          await this.updateStateItem(resource, addMark);
        }
      })
    );
  }

  async recordTransitions(transitions: Transition[]): Promise<void> {
    await Promise.all(
      transitions.map((transition) =>
        this.putItem(transitionToItem(transition))
      )
    );
  }

  async listTransitions(from: Date, to: Date): Promise<Transition[]> {
    const range = { from: from.toISOString(), to: to.toISOString() };
    const months = monthsBetween(from, to);
    const pages = await Promise.all(
      months.map((month) => this.queryItems(transitionPk(month), range))
    );
    return pages.flat().map(transitionFromItem);
  }

  async writeHeartbeat(heartbeat: Heartbeat): Promise<void> {
    await this.putItem(heartbeatToItem(heartbeat));
  }

  async getHeartbeat(): Promise<Heartbeat | undefined> {
    const item = await this.getItem(MONITOR_PK, HEARTBEAT_SK);
    return item && heartbeatFromItem(item);
  }

  async saveWeekScores(
    weekStart: Date,
    scores: WeekScores,
    now: Date
  ): Promise<void> {
    const items = weekScoresToItems(
      weekStart,
      scores,
      this.historyRetentionMs,
      now,
      randomUUID().slice(0, 8)
    );
    await Promise.all(items.map((item) => this.putItem(item)));
  }

  async getWeekScores(weekStart: Date): Promise<WeekScores | undefined> {
    const items = await this.queryItems(weekScoresPk(weekStart.toISOString()));
    return weekScoresFromItems(items);
  }

  /**
   * Moves an event's facts forward with one conditional write planned
   * without reading (planBlindUpdate); when its guess is wrong (an event
   * out of order, a duplicate, a map to create or trim), and for a runbook
   * listing, reads the state item, plans the forward-only writes against it
   * and applies them under their conditions, re-reading and re-planning
   * when another writer got there first. Returns the state as the write
   * left it.
   *
   * @throws {StoreError} (retryable) when contention never lets a write through
   */
  protected async moveStateForward(
    observation: Observation
  ): Promise<ResourceState> {
    if (observation.event !== undefined) {
      const blind = await this.updateStateItem(
        observation.resourceArn,
        planBlindUpdate(observation)
      );
      if (blind !== undefined) return stateFromItem(blind);
    }
    const pk = resourcePk(observation.resourceArn);
    for (let attempt = 0; attempt < MAX_STATE_ATTEMPTS; attempt += 1) {
      const current = (await this.getItem(pk, STATE_SK)) as
        | StateItem
        | undefined;
      const plan = planStateUpdate(current, observation);
      // No plan: the observation is old news, so the item exists already.
      if (plan === undefined) return stateFromItem(current as StateItem);
      const updated = await this.updateStateItem(observation.resourceArn, plan);
      if (updated !== undefined) return stateFromItem(updated);
    }
    throw new StoreError(
      `state of ${observation.resourceArn} kept changing under ${MAX_STATE_ATTEMPTS} attempts`,
      { operation: 'recordEvent', retryable: true }
    );
  }

  /** Returns false when the condition failed; writes nothing then. */
  protected abstract putItem(
    item: PlainItem,
    condition?: PutCondition
  ): Promise<boolean>;

  /**
   * Sets `attributes` on an item (creating it if absent), leaving its other
   * attributes alone; returns the item as it was ('old') or became ('new').
   */
  protected abstract mergeItem(
    pk: string,
    sk: string,
    attributes: PlainItem,
    returning: 'old' | 'new'
  ): Promise<PlainItem | undefined>;

  protected abstract deleteItem(pk: string, sk: string): Promise<void>;

  protected abstract getItem(
    pk: string,
    sk: string
  ): Promise<PlainItem | undefined>;

  /** Items of one partition, by sort key; within `range` when given. */
  protected abstract queryItems(
    pk: string,
    range?: SortKeyRange
  ): Promise<PlainItem[]>;

  /**
   * Items whose GSI1PK is `gsi1pk`, by GSI1SK; when given, those whose
   * GSI1SK starts with `sk` (a string) or lies within it (a range).
   */
  protected abstract queryIndex(
    gsi1pk: string,
    sk?: string | SortKeyRange
  ): Promise<PlainItem[]>;

  /**
   * Applies a plan to a state item and returns the item as written;
   * undefined when one of the plan's conditions failed (nothing written).
   */
  protected abstract updateStateItem(
    resourceArn: string,
    plan: StatePlan
  ): Promise<StateItem | undefined>;
}

export type { PutCondition, SortKeyRange };
export { ItemHistoryStore };
