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
 * - `notAfter`: the path is absent, or holds a time no later than ours.
 * - `present`: the path exists.
 * - `smallMap`: the path holds a map of fewer than `entries` entries.
 * - `either`: one of the conditions holds.
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
  | { kind: 'earlier'; path: Path; at: string }
  | { kind: 'notAfter'; path: Path; at: string }
  | { kind: 'present'; path: Path }
  | { kind: 'smallMap'; path: Path; entries: number }
  | { kind: 'either'; of: PlanCondition[] };

/** One attribute a plan writes; `ifAbsent` keeps a stored value. */
interface PlanSet {
  path: Path;
  value: ItemValue;
  ifAbsent?: boolean;
}

/** The changes one observation makes to a stored state item. */
interface StatePlan {
  set: PlanSet[];
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
  if (condition.kind === 'either') {
    return condition.of.some((c) => conditionHolds(item, c));
  }
  const stored = valueAt(item, condition.path);
  if (condition.kind === 'present') return stored !== undefined;
  if (condition.kind === 'smallMap') {
    // DynamoDB's size() of a missing attribute compares false.
    return (
      stored !== null &&
      typeof stored === 'object' &&
      !Array.isArray(stored) &&
      Object.keys(stored).length < condition.entries
    );
  }
  if (stored === undefined) return true;
  if (condition.kind === 'absent') return false;
  const at = valueAt(
    item,
    condition.kind === 'newer' ? condition.atPath : condition.path
  );
  if (typeof at !== 'string') return false;
  if (condition.kind === 'earlier') return at > condition.at;
  if (condition.kind === 'notAfter') return at <= condition.at;
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

/** The event an observation is of. */
type ObservedEvent = NonNullable<Observation['event']>;

/** The condition that an event is newer than the resource's newest one. */
const newerEvent = (event: ObservedEvent): PlanCondition =>
  newerThan(
    ['lastEventAt'],
    event.at,
    event.eventId,
    ['lastEventAt'],
    ['lastEventId']
  );

/** The writes that make an event the resource's newest one. */
const lastEventSets = (event: ObservedEvent): PlanSet[] => [
  { path: ['lastEventAt'], value: event.at },
  { path: ['lastEventId'], value: event.eventId },
];

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
    if (event !== undefined) plan.set.push(...lastEventSets(event));
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
    const newest = event && newerEvent(event);
    // The newest event says what the resource is, so any order agrees.
    if (event && newest && conditionHolds(current, newest)) {
      plan.conditions.push(newest);
      plan.set.push(
        ...lastEventSets(event),
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
  // an entry is dropped only while 8 newer ones are stored. Blind writes
  // (planBlindUpdate) add samples without dropping any; this trims them.
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

/**
 * Sizes a blind write may add before one read-and-replan trims the map to
 * the newest {@link RECENT_BACKUPS_KEPT}: one fallback per 8 backups
 * instead of one per backup once the map is full. Readers keep the 8
 * newest, so what a state says does not change (issue 18).
 */
const RECENT_BACKUPS_SLACK = 2 * RECENT_BACKUPS_KEPT;

const mapEntryGuard = (
  name: string,
  key: string,
  value: FactItem,
  plan: StatePlan
): void => {
  // DynamoDB cannot SET a.b while a does not exist: that takes a read.
  plan.conditions.push(
    { kind: 'present', path: [name] },
    newerThan([name, key], value.at, value.eventId)
  );
  plan.set.push({ path: [name, key], value });
};

/**
 * Returns the writes an observation of an event makes to a state item
 * without reading it, guessing the usual case: the event is the newest of
 * its resource, each of its facts the newest of its kind, and the maps it
 * adds to exist with room. Its conditions hold exactly when the guess is
 * right, and then it writes what {@link planStateUpdate} would have
 * planned from the stored item; when they fail, nothing is written and the
 * caller reads and replans (issue 18: one call instead of two).
 *
 * @param observation - what one event says; it must carry `event`
 */
const planBlindUpdate = (observation: Observation): StatePlan => {
  const { event, identity, seenAt, serviceId } = observation;
  const plan: StatePlan = { set: [], remove: [], conditions: [] };
  if (event !== undefined) {
    plan.conditions.push(
      { kind: 'notAfter', path: ['firstSeenAt'], at: seenAt },
      newerEvent(event)
    );
    plan.set.push(...lastEventSets(event));
  }
  plan.set.push(
    { path: ['firstSeenAt'], value: seenAt, ifAbsent: true },
    { path: ['resourceType'], value: identity.resourceType },
    { path: ['account'], value: identity.account },
    { path: ['region'], value: identity.region },
    // Written every time: rewriting the same mapping changes nothing.
    { path: ['GSI1PK'], value: serviceGsiPk(serviceId) },
    { path: ['GSI1SK'], value: resourcePk(observation.resourceArn) }
  );
  if (serviceId !== undefined) {
    plan.set.push({ path: ['service'], value: serviceId });
  } else {
    plan.remove.push(['service']);
  }
  for (const { name, value } of observation.facts) {
    plan.conditions.push(newerThan([name], value.at, value.eventId));
    plan.set.push({ path: [name], value });
  }
  if (observation.copy) {
    const { vault, value } = observation.copy;
    mapEntryGuard('copies', vault, value, plan);
  }
  if (observation.size) {
    const { key, sizeBytes } = observation.size;
    plan.conditions.push({
      kind: 'smallMap',
      path: ['recentBackups'],
      entries: RECENT_BACKUPS_SLACK,
    });
    plan.set.push({ path: ['recentBackups', key], value: sizeBytes });
  }
  if (observation.replicationObject) {
    const { key, value } = observation.replicationObject;
    mapEntryGuard('replicationObjects', key, value, plan);
    // A new object needs room; one already kept is updated in place.
    plan.conditions.push({
      kind: 'either',
      of: [
        {
          kind: 'smallMap',
          path: ['replicationObjects'],
          entries: REPLICATION_OBJECTS_KEPT,
        },
        { kind: 'present', path: ['replicationObjects', key] },
      ],
    });
  }
  return plan;
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
  for (const { path, value, ifAbsent } of plan.set) {
    const parent = parentOf(item, path);
    const name = path.at(-1) as string;
    if (ifAbsent === true && parent[name] !== undefined) continue;
    parent[name] = structuredClone(value);
  }
  for (const path of plan.remove) {
    delete parentOf(item, path)[path.at(-1) as string];
  }
  return item;
};

export type { Path, PlanCondition, PlanSet, StateItem, StatePlan };
export { applyPlan, conditionHolds, planBlindUpdate, planStateUpdate };
