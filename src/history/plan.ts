import type { ItemValue, PlainItem } from './attributes.js';
import {
  type FactItem,
  type Observation,
  RECENT_BACKUPS_KEPT,
  REPLICATION_OBJECTS_KEPT,
} from './facts.js';
import { resourcePk, STATE_SK, serviceGsiPk } from './keys.js';

/** A document path inside an item: `['copies', vaultArn, 'at']`. */
type Path = readonly string[];

/**
 * A guard a write carries, so a fact only ever moves forward even when
 * another writer changed the item between our read and our write.
 * - `absent`: the path does not exist.
 * - `newer`: the path is absent, or its (at, eventId) is below ours.
 * - `earlier`: the path is absent, or holds a time after ours.
 */
type PlanCondition =
  | { kind: 'absent'; path: Path }
  | {
      kind: 'newer';
      path: Path;
      atPath: Path;
      idPath: Path;
      at: string;
      eventId: string;
    }
  | { kind: 'earlier'; path: Path; at: string };

/** The changes one observation makes to a stored state item. */
interface StatePlan {
  set: { path: Path; value: ItemValue }[];
  remove: Path[];
  conditions: PlanCondition[];
}

/** A resource's state item, in plain form. */
interface StateItem extends PlainItem {
  PK: string;
  SK: string;
}

const valueAt = (item: PlainItem | undefined, path: Path): unknown => {
  let value: unknown = item;
  for (const name of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return undefined;
    }
    value = (value as PlainItem)[name];
  }
  return value;
};

/**
 * Returns whether a condition holds for an item, exactly as DynamoDB would
 * evaluate its compiled form.
 *
 * @param item - the stored item; undefined = not stored
 * @param condition - the guard
 */
const conditionHolds = (
  item: PlainItem | undefined,
  condition: PlanCondition
): boolean => {
  if (valueAt(item, condition.path) === undefined) return true;
  if (condition.kind === 'absent') return false;
  const at = valueAt(
    item,
    condition.kind === 'newer' ? condition.atPath : condition.path
  );
  if (typeof at !== 'string') return false;
  if (condition.kind === 'earlier') return at > condition.at;
  if (at !== condition.at) return at < condition.at;
  const eventId = valueAt(item, condition.idPath);
  return typeof eventId === 'string' && eventId < condition.eventId;
};

const newerThan = (
  path: Path,
  at: string,
  eventId: string,
  atPath: Path = [...path, 'at'],
  idPath: Path = [...path, 'eventId']
): PlanCondition => ({ kind: 'newer', path, atPath, idPath, at, eventId });

const planIdentity = (
  current: StateItem | undefined,
  observation: Observation,
  plan: StatePlan
): void => {
  const { event, identity, seenAt, serviceId } = observation;
  if (current === undefined) {
    plan.conditions.push({ kind: 'absent', path: ['PK'] });
    // No resourceArn attribute: it is the PK's suffix, and every byte of a
    // state item is read 10,000 times per evaluation.
    plan.set.push(
      { path: ['firstSeenAt'], value: seenAt },
      { path: ['resourceType'], value: identity.resourceType },
      { path: ['account'], value: identity.account },
      { path: ['region'], value: identity.region }
    );
    if (event !== undefined) {
      plan.set.push(
        { path: ['lastEventAt'], value: event.at },
        { path: ['lastEventId'], value: event.eventId }
      );
    }
  } else {
    const earlier: PlanCondition = {
      kind: 'earlier',
      path: ['firstSeenAt'],
      at: seenAt,
    };
    if (conditionHolds(current, earlier)) {
      plan.conditions.push(earlier);
      plan.set.push({ path: ['firstSeenAt'], value: seenAt });
    }
    const newest =
      event &&
      newerThan(
        ['lastEventAt'],
        event.at,
        event.eventId,
        ['lastEventAt'],
        ['lastEventId']
      );
    // The newest event says what the resource is, so any order agrees.
    if (event && newest && conditionHolds(current, newest)) {
      plan.conditions.push(newest);
      plan.set.push(
        { path: ['lastEventAt'], value: event.at },
        { path: ['lastEventId'], value: event.eventId },
        { path: ['resourceType'], value: identity.resourceType },
        { path: ['account'], value: identity.account },
        { path: ['region'], value: identity.region }
      );
    }
  }
  // The latest runbook mapping wins: a resource claimed later leaves the
  // unmapped partition.
  const gsiPk = serviceGsiPk(serviceId);
  if (current?.GSI1PK !== gsiPk) {
    plan.set.push(
      { path: ['GSI1PK'], value: gsiPk },
      { path: ['GSI1SK'], value: resourcePk(observation.resourceArn) }
    );
    if (serviceId !== undefined) {
      plan.set.push({ path: ['service'], value: serviceId });
    } else if (current?.service !== undefined) {
      plan.remove.push(['service']);
    }
  }
};

const planMapEntry = (
  current: StateItem | undefined,
  name: string,
  key: string,
  value: FactItem,
  plan: StatePlan
): void => {
  // DynamoDB cannot SET a.b while a does not exist: create the map whole.
  if (valueAt(current, [name]) === undefined) {
    plan.conditions.push({ kind: 'absent', path: [name] });
    plan.set.push({ path: [name], value: { [key]: value } });
    return;
  }
  const guard = newerThan([name, key], value.at, value.eventId);
  if (conditionHolds(current, guard)) {
    plan.conditions.push(guard);
    plan.set.push({ path: [name, key], value });
  }
};

const planSizes = (
  current: StateItem | undefined,
  size: { key: string; sizeBytes: number },
  plan: StatePlan
): void => {
  const stored = valueAt(current, ['recentBackups']);
  if (stored === undefined) {
    plan.conditions.push({ kind: 'absent', path: ['recentBackups'] });
    plan.set.push({
      path: ['recentBackups'],
      value: { [size.key]: size.sizeBytes },
    });
    return;
  }
  const keys = Object.keys(stored as PlainItem);
  if (keys.includes(size.key)) return;
  // Keys are `<at>#<eventId>`, so string order is time order. The stored map
  // always holds the 8 newest samples seen, whatever the delivery order:
  // an entry is dropped only while 8 newer ones are stored.
  const kept = new Set(
    [...keys, size.key].sort().reverse().slice(0, RECENT_BACKUPS_KEPT)
  );
  if (!kept.has(size.key)) return;
  plan.set.push({ path: ['recentBackups', size.key], value: size.sizeBytes });
  for (const key of keys) {
    if (!kept.has(key)) plan.remove.push(['recentBackups', key]);
  }
};

/**
 * Plans one object's replication event into `replicationObjects` (newest
 * event per object). With {@link REPLICATION_OBJECTS_KEPT} objects kept, a
 * new one takes the place of the longest-replicated one; when every kept
 * object is still failing, a new failure moves `lastReplicationOverflow`
 * instead (only a reported re-replication clears it), and a replication
 * of an object not kept is dropped: it is no evidence for any kept failure.
 */
const planReplicationObject = (
  current: StateItem | undefined,
  entry: { key: string; value: FactItem },
  plan: StatePlan
): void => {
  const name = 'replicationObjects';
  const stored = valueAt(current, [name]) as PlainItem | undefined;
  const keys = stored === undefined ? [] : Object.keys(stored);
  if (stored === undefined || keys.includes(entry.key)) {
    planMapEntry(current, name, entry.key, entry.value, plan);
    return;
  }
  if (keys.length >= REPLICATION_OBJECTS_KEPT) {
    const at = (key: string): string =>
      String((stored[key] as PlainItem | undefined)?.at ?? '');
    const replicated = keys
      .filter((key) => (stored[key] as PlainItem).state === 'completed')
      .sort((a, b) => (at(a) < at(b) ? -1 : 1));
    const room = replicated[0];
    if (room === undefined) {
      if (entry.value.state !== 'failed') return;
      const guard = newerThan(
        ['lastReplicationOverflow'],
        entry.value.at,
        entry.value.eventId
      );
      if (conditionHolds(current, guard)) {
        plan.conditions.push(guard);
        plan.set.push({
          path: ['lastReplicationOverflow'],
          value: { ...entry.value, objectKey: entry.key },
        });
      }
      return;
    }
    plan.remove.push([name, room]);
  }
  plan.conditions.push({ kind: 'absent', path: [name, entry.key] });
  plan.set.push({ path: [name, entry.key], value: entry.value });
};

/**
 * Returns the writes that move a stored state forward by one observation,
 * each guarded by the condition that made it a step forward; undefined when
 * nothing would change (a redelivered event).
 *
 * @param current - the stored state item; undefined = none yet
 * @param observation - what one event or runbook listing says
 */
const planStateUpdate = (
  current: StateItem | undefined,
  observation: Observation
): StatePlan | undefined => {
  const plan: StatePlan = { set: [], remove: [], conditions: [] };
  planIdentity(current, observation, plan);
  for (const { name, value } of observation.facts) {
    const guard = newerThan([name], value.at, value.eventId);
    if (conditionHolds(current, guard)) {
      plan.conditions.push(guard);
      plan.set.push({ path: [name], value });
    }
  }
  if (observation.copy) {
    const { vault, value } = observation.copy;
    planMapEntry(current, 'copies', vault, value, plan);
  }
  if (observation.size) planSizes(current, observation.size, plan);
  if (observation.replicationObject) {
    planReplicationObject(current, observation.replicationObject, plan);
  }
  return plan.set.length === 0 && plan.remove.length === 0 ? undefined : plan;
};

const parentOf = (item: PlainItem, path: Path): PlainItem => {
  let parent: PlainItem = item;
  for (const name of path.slice(0, -1)) {
    const child = parent[name];
    if (child === null || typeof child !== 'object' || Array.isArray(child)) {
      throw new Error(`path ${path.join('.')} has no map at ${name}`);
    }
    parent = child;
  }
  return parent;
};

/**
 * Returns a copy of the item with the plan applied, or undefined when one of
 * its conditions fails (as DynamoDB would reject the write).
 *
 * @param current - the stored item; undefined = not stored
 * @param resourceArn - the resource, for the keys of a new item
 * @param plan - from {@link planStateUpdate}
 */
const applyPlan = (
  current: StateItem | undefined,
  resourceArn: string,
  plan: StatePlan
): StateItem | undefined => {
  if (
    !plan.conditions.every((condition) => conditionHolds(current, condition))
  ) {
    return undefined;
  }
  const item: StateItem = current
    ? structuredClone(current)
    : { PK: resourcePk(resourceArn), SK: STATE_SK };
  for (const { path, value } of plan.set) {
    parentOf(item, path)[path.at(-1) as string] = structuredClone(value);
  }
  for (const path of plan.remove) {
    delete parentOf(item, path)[path.at(-1) as string];
  }
  return item;
};

export type { Path, PlanCondition, StateItem, StatePlan };
export { applyPlan, conditionHolds, planStateUpdate };
