import type {
  BackupFact,
  CopyFact,
  Fact,
  Heartbeat,
  HeldEvent,
  RecoveryPointFact,
  RejectedInput,
  ReplicationFact,
  ResourceState,
  RestoreFact,
  SizeSample,
  WeekScores,
} from '../model/index.js';
import {
  ALERT_STATUSES,
  type AlertKey,
  type AlertRecord,
  type BackupEvent,
  CHANNELS,
  CHECK_IDS,
  DELIVERY_ACTIONS,
  EVENT_KINDS,
  EVENT_SOURCES,
  EVENT_STATES,
  FINDING_STATUSES,
  type Finding,
  type FindingDetail,
  type InputIssue,
  type OwedDelivery,
  SEVERITIES,
  type Transition,
} from '../model/index.js';
import type { ItemValue, PlainItem } from './attributes.js';
import { StoreError } from './errors.js';
import {
  RECENT_BACKUPS_KEPT,
  type ScalarFact,
  UNKNOWN_VAULT,
} from './facts.js';
import {
  ACTIVE_ALERTS_PK,
  activeAlertSk,
  alertPk,
  eventSk,
  HEARTBEAT_SK,
  HELD_PK,
  heldSk,
  MONITOR_PK,
  recoveryPointPk,
  rejectedPk,
  resourceArnOf,
  resourcePk,
  STATE_SK,
  transitionPk,
  transitionSk,
  weekScoresPk,
  weekScoresSk,
} from './keys.js';

/**
 * The state item's map of the active incidents its resource has a finding
 * in, keyed by alert id (see `ItemHistoryStore.saveAlert`).
 */
const OPEN_INCIDENTS = 'openIncidents';

/** Rejected inputs are kept whole up to this many characters (item limit 400 KB). */
const MAX_RAW_LENGTH = 100_000;

const iso = (date: Date): string => date.toISOString();
const isoOrUndefined = (date: Date | undefined): string | undefined =>
  date && iso(date);
const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

const isMap = (value: unknown): value is PlainItem =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads typed attributes, naming the item and attribute when one is wrong. */
class ItemReader {
  constructor(
    private readonly item: PlainItem,
    private readonly where: string
  ) {}

  optStr(name: string): string | undefined {
    return this.typed(name, 'string', (v) => typeof v === 'string') as
      | string
      | undefined;
  }

  str(name: string): string {
    return this.required(name, this.optStr(name));
  }

  optNum(name: string): number | undefined {
    return this.typed(name, 'number', (v) => typeof v === 'number') as
      | number
      | undefined;
  }

  num(name: string): number {
    return this.required(name, this.optNum(name));
  }

  optBool(name: string): boolean | undefined {
    return this.typed(name, 'boolean', (v) => typeof v === 'boolean') as
      | boolean
      | undefined;
  }

  optStrList(name: string): string[] | undefined {
    return this.typed(
      name,
      'list of strings',
      (v) => Array.isArray(v) && v.every((e) => typeof e === 'string')
    ) as string[] | undefined;
  }

  optDate(name: string): Date | undefined {
    const value = this.optStr(name);
    if (value === undefined) return undefined;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) this.fail(name, 'is not an ISO time');
    return date;
  }

  date(name: string): Date {
    return this.required(name, this.optDate(name));
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.str(name);
    if (!(values as readonly string[]).includes(value)) {
      this.fail(name, `is not one of ${values.join(', ')}`);
    }
    return value as T;
  }

  optMap(name: string): PlainItem | undefined {
    return this.typed(name, 'map', isMap) as PlainItem | undefined;
  }

  reader(name: string): ItemReader {
    return new ItemReader(
      this.required(name, this.optMap(name)),
      `${this.where}.${name}`
    );
  }

  optReader(name: string): ItemReader | undefined {
    const map = this.optMap(name);
    return map && new ItemReader(map, `${this.where}.${name}`);
  }

  readers(name: string): ItemReader[] {
    const list = this.item[name] ?? [];
    if (!Array.isArray(list) || !list.every(isMap)) {
      return this.fail(name, 'is not a list of maps');
    }
    return list.map(
      (entry, index) => new ItemReader(entry, `${this.where}.${name}[${index}]`)
    );
  }

  entries(): [string, ItemValue | undefined][] {
    return Object.entries(this.item);
  }

  private typed(
    name: string,
    type: string,
    test: (value: unknown) => boolean
  ): unknown {
    const value = this.item[name];
    if (value === undefined) return undefined;
    if (!test(value)) this.fail(name, `is not a ${type}`);
    return value;
  }

  private required<T>(name: string, value: T | undefined): T {
    return value === undefined ? this.fail(name, 'is missing') : value;
  }

  private fail(name: string, problem: string): never {
    throw new StoreError(`stored item ${this.where}: ${name} ${problem}`, {
      operation: 'decode',
      retryable: false,
    });
  }
}

const readerFor = (item: PlainItem): ItemReader =>
  new ItemReader(item, `${String(item.PK)}/${String(item.SK)}`);

/**
 * Returns the event item: keyed by resource, time and event id so a
 * redelivery hits the same key, with its TTL.
 *
 * @param event - the normalised event
 * @param serviceId - the service that claimed the resource; undefined = unmapped
 * @param retentionMs - how long the history keeps the event
 */
const eventToItem = (
  event: BackupEvent,
  serviceId: string | undefined,
  retentionMs: number
): PlainItem => ({
  PK: resourcePk(event.resourceArn),
  SK: eventSk(iso(event.occurredAt), event.id),
  id: event.id,
  source: event.source,
  kind: event.kind,
  state: event.state,
  resourceArn: event.resourceArn,
  resourceType: event.resourceType,
  jobId: event.jobId,
  recoveryPointArn: event.recoveryPointArn,
  occurredAt: iso(event.occurredAt),
  startedAt: isoOrUndefined(event.startedAt),
  completedAt: isoOrUndefined(event.completedAt),
  sizeBytes: event.sizeBytes,
  message: event.message,
  account: event.account,
  region: event.region,
  detailType: event.detailType,
  rdsEventId: event.rdsEventId,
  restoreTest: event.restoreTest,
  destinationVaultArn: event.destinationVaultArn,
  ownedRecoveryPoints: event.ownedRecoveryPoints,
  deleteAt: isoOrUndefined(event.deleteAt),
  recoveryPointCreatedAt: isoOrUndefined(event.recoveryPointCreatedAt),
  failureReason: event.failureReason,
  claimedBy: event.claimedBy,
  service: serviceId,
  expiresAt: epochSeconds(event.occurredAt.getTime() + retentionMs),
});

/**
 * Returns the event an event item holds.
 *
 * @param item - an event item
 * @throws {StoreError} when the item is malformed
 */
const eventFromItem = (item: PlainItem): BackupEvent => {
  const r = readerFor(item);
  return dropUndefined({
    id: r.str('id'),
    source: r.oneOf('source', EVENT_SOURCES),
    kind: r.oneOf('kind', EVENT_KINDS),
    state: r.oneOf('state', EVENT_STATES),
    resourceArn: r.str('resourceArn'),
    resourceType: r.str('resourceType'),
    jobId: r.optStr('jobId'),
    recoveryPointArn: r.optStr('recoveryPointArn'),
    occurredAt: r.date('occurredAt'),
    startedAt: r.optDate('startedAt'),
    completedAt: r.optDate('completedAt'),
    sizeBytes: r.optNum('sizeBytes'),
    message: r.optStr('message'),
    account: r.str('account'),
    region: r.str('region'),
    detailType: r.str('detailType'),
    rdsEventId: r.optStr('rdsEventId'),
    restoreTest: r.optBool('restoreTest'),
    destinationVaultArn: r.optStr('destinationVaultArn'),
    ownedRecoveryPoints: r.optStrList('ownedRecoveryPoints'),
    deleteAt: r.optDate('deleteAt'),
    recoveryPointCreatedAt: r.optDate('recoveryPointCreatedAt'),
    failureReason: r.optStr('failureReason'),
    claimedBy: r.optStr('claimedBy'),
  });
};

// Domain objects leave the store without `key: undefined` entries, so
// deep equality does not depend on which store produced them. Copying beats
// `delete`, which drops V8 objects into slow dictionary mode.
const dropUndefined = <T extends object>(value: T): T => {
  const result = {} as T;
  for (const key in value) {
    if (value[key] !== undefined) result[key] = value[key];
  }
  return result;
};

const readFact = (r: ItemReader): Fact =>
  dropUndefined({
    at: r.date('at'),
    eventId: r.str('eventId'),
    state: r.oneOf('state', EVENT_STATES),
    jobId: r.optStr('jobId'),
    message: r.optStr('message'),
  });

const readBackupFact = (r: ItemReader): BackupFact =>
  dropUndefined({
    ...readFact(r),
    createdAt: r.date('createdAt'),
    recoveryPointArn: r.optStr('recoveryPointArn'),
    sizeBytes: r.optNum('sizeBytes'),
  });

const readRecoveryPointFact = (r: ItemReader): RecoveryPointFact =>
  dropUndefined({
    ...readFact(r),
    recoveryPointArn: r.str('recoveryPointArn'),
    createdAt: r.date('createdAt'),
    deleteAt: r.optDate('deleteAt'),
  });

const readCopyFact = (r: ItemReader): CopyFact =>
  dropUndefined({
    ...readFact(r),
    destinationVaultArn: r.optStr('destinationVaultArn'),
    sourceRecoveryPointArn: r.optStr('sourceRecoveryPointArn'),
  });

const readRestoreFact = (r: ItemReader): RestoreFact =>
  dropUndefined({
    ...readFact(r),
    recoveryPointArn: r.optStr('recoveryPointArn'),
    startedAt: r.optDate('startedAt'),
    durationMs: r.optNum('durationMs'),
    restoreTest: r.optBool('restoreTest') ?? false,
  });

const readReplicationFact = (r: ItemReader): ReplicationFact =>
  dropUndefined({
    ...readFact(r),
    failureReason: r.optStr('failureReason'),
    objectKey: r.optStr('objectKey'),
  });

const FACT_READERS = {
  lastBackup: readBackupFact,
  lastBackupFailure: readFact,
  lastBackupStarted: readFact,
  lastRecoveryPoint: readRecoveryPointFact,
  lastRecoveryPointRemoved: readRecoveryPointFact,
  lastCopyFailure: readCopyFact,
  lastRestore: readRestoreFact,
  lastRestoreFailure: readRestoreFact,
  lastReplicationFailure: readReplicationFact,
  lastReplicationLate: readReplicationFact,
  lastReplicationCaughtUp: readReplicationFact,
  lastReplicationOverflow: readReplicationFact,
  lastReplicationRepair: readFact,
  lastConfigChange: readFact,
  lastDrill: readRestoreFact,
  lastDrillFailure: readRestoreFact,
} as const satisfies Record<ScalarFact, (r: ItemReader) => Fact>;

const readRecentBackups = (r: ItemReader | undefined): SizeSample[] =>
  (r?.entries() ?? [])
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .slice(0, RECENT_BACKUPS_KEPT)
    .map(([key, sizeBytes]) => {
      if (typeof sizeBytes !== 'number') {
        throw new StoreError(`stored size ${key} is not a number`, {
          operation: 'decode',
          retryable: false,
        });
      }
      // Keys are `<at>#<eventId>`; ISO times hold no '#'.
      return { at: new Date(key.slice(0, key.indexOf('#'))), sizeBytes };
    });

const readCopies = (r: ItemReader | undefined): CopyFact[] =>
  r === undefined
    ? []
    : r
        .entries()
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([vault]) => {
          const copy = readCopyFact(r.reader(vault));
          if (vault !== UNKNOWN_VAULT) copy.destinationVaultArn = vault;
          return copy;
        });

const readReplicationObjects = (
  r: ItemReader | undefined
): ReplicationFact[] =>
  r === undefined
    ? []
    : r
        .entries()
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([objectKey]) => ({
          ...readReplicationFact(r.reader(objectKey)),
          objectKey,
        }));

/**
 * Returns the resource state a state item holds.
 *
 * @param item - a state item
 * @throws {StoreError} when the item is malformed
 */
const stateFromItem = (item: PlainItem): ResourceState => {
  const r = readerFor(item);
  const state: ResourceState = {
    resourceArn: resourceArnOf(r.str('PK')),
    resourceType: r.str('resourceType'),
    service: r.optStr('service'),
    account: r.str('account'),
    region: r.str('region'),
    firstSeenAt: r.date('firstSeenAt'),
    lastEventAt: r.optDate('lastEventAt'),
    recentBackups: readRecentBackups(r.optReader('recentBackups')),
    copies: readCopies(r.optReader('copies')),
    replicationObjects: readReplicationObjects(
      r.optReader('replicationObjects')
    ),
  };
  for (const [name, read] of Object.entries(FACT_READERS)) {
    const fact = r.optReader(name);
    if (fact) (state as unknown as Record<string, Fact>)[name] = read(fact);
  }
  const incidents = r.optMap(OPEN_INCIDENTS);
  if (incidents !== undefined && Object.keys(incidents).length > 0) {
    state.openIncidents = Object.keys(incidents).sort();
  }
  return dropUndefined(state);
};

/**
 * Returns the item that attributes a recovery point to its resource.
 *
 * @param recoveryPointArn - the recovery point (or RDS snapshot) ARN
 * @param resourceArn - the resource it was taken of
 * @param expiresAt - TTL, epoch seconds
 */
/**
 * Returns a held event's item: the event item's attributes, in its recovery
 * point's partition (so the job that owns it finds it with one Query) and
 * in GSI1's `HELD` partition (so the evaluation finds them all).
 */
const heldToItem = (
  event: BackupEvent,
  recoveryPointArn: string,
  retentionMs: number
): PlainItem => {
  const sk = heldSk(iso(event.occurredAt), event.id);
  return {
    ...eventToItem(event, undefined, retentionMs),
    PK: recoveryPointPk(recoveryPointArn),
    SK: sk,
    GSI1PK: HELD_PK,
    GSI1SK: `${sk}#${recoveryPointArn}`,
    heldFor: recoveryPointArn,
  };
};

/** Returns the held event a held item holds. */
const heldFromItem = (item: PlainItem): HeldEvent => ({
  event: eventFromItem(item),
  recoveryPointArn: readerFor(item).str('heldFor'),
});

const findingToValue = (finding: Finding): PlainItem => ({
  service: finding.service,
  resource: finding.resource,
  check: finding.check,
  severity: finding.severity,
  status: finding.status,
  since: iso(finding.since),
  summary: finding.summary,
  detail: { ...finding.detail },
  runbookUrl: finding.runbookUrl,
});

const readFinding = (r: ItemReader): Finding => {
  const detail: FindingDetail = {};
  for (const [name, value] of r.reader('detail').entries()) {
    if (value === null || typeof value !== 'object') {
      if (value !== undefined) detail[name] = value;
    }
  }
  return {
    service: r.str('service'),
    resource: r.str('resource'),
    check: r.oneOf('check', CHECK_IDS),
    severity: r.oneOf('severity', SEVERITIES),
    status: r.oneOf('status', FINDING_STATUSES),
    since: r.date('since'),
    summary: r.str('summary'),
    detail,
    runbookUrl: r.str('runbookUrl'),
  };
};

const keyToValue = (key: AlertKey): PlainItem => ({
  service: key.service,
  resource: key.resource,
});

const readKey = (r: ItemReader): AlertKey =>
  dropUndefined({
    service: r.str('service'),
    resource: r.optStr('resource'),
  });

const optKey = (r: ItemReader | undefined): AlertKey | undefined =>
  r === undefined ? undefined : readKey(r);

/**
 * Returns the alert item. While the alert is not resolved, or still owes a
 * delivery (a resolve not yet sent), it sits in the GSI1 partition
 * `ALERTS#active`, so the evaluation finds every alert with work left in
 * one Query, and ingest one resource's alerts in a narrower one.
 *
 * @param record - the alert
 * @param version - the version to store
 */
const alertToItem = (record: AlertRecord, version: number): PlainItem => {
  const active = record.status !== 'resolved' || record.owed.length > 0;
  return {
    PK: alertPk(record.key),
    SK: STATE_SK,
    GSI1PK: active ? ACTIVE_ALERTS_PK : undefined,
    GSI1SK: active ? activeAlertSk(record.key) : undefined,
    key: keyToValue(record.key),
    status: record.status,
    failures: record.failures,
    openedAt: isoOrUndefined(record.openedAt),
    resolvedAt: isoOrUndefined(record.resolvedAt),
    lastNotifiedAt: isoOrUndefined(record.lastNotifiedAt),
    silenced: record.silenced,
    findings: record.findings.map(findingToValue),
    mergedInto: record.mergedInto && keyToValue(record.mergedInto),
    owed: record.owed.map(
      (owed): PlainItem => ({
        channel: owed.channel,
        action: owed.action,
        attempts: owed.attempts,
        firstOwedAt: iso(owed.firstOwedAt),
        attemptedAt: isoOrUndefined(owed.attemptedAt),
        lastError: owed.lastError,
        fellBackAt: isoOrUndefined(owed.fellBackAt),
      })
    ),
    version,
  };
};

const readOwed = (r: ItemReader): OwedDelivery =>
  dropUndefined({
    channel: r.oneOf('channel', CHANNELS),
    action: r.oneOf('action', DELIVERY_ACTIONS),
    attempts: r.num('attempts'),
    firstOwedAt: r.date('firstOwedAt'),
    attemptedAt: r.optDate('attemptedAt'),
    lastError: r.optStr('lastError'),
    fellBackAt: r.optDate('fellBackAt'),
  });

/**
 * True for an alert item written before incidents (issue 17): one per
 * (service, check, resource), with a single `finding`. It cannot be read as
 * an incident, and its PagerDuty incident has a dedup key no incident has.
 *
 * @param item - an item of the active-alerts index
 */
const isPerCheckAlertItem = (item: PlainItem): boolean =>
  item.findings === undefined && item.finding !== undefined;

/**
 * Returns the alert an alert item holds.
 *
 * @param item - an alert item
 * @throws {StoreError} when the item is malformed
 */
const alertFromItem = (item: PlainItem): AlertRecord => {
  const r = readerFor(item);
  return dropUndefined({
    key: readKey(r.reader('key')),
    status: r.oneOf('status', ALERT_STATUSES),
    failures: r.num('failures'),
    openedAt: r.optDate('openedAt'),
    resolvedAt: r.optDate('resolvedAt'),
    lastNotifiedAt: r.optDate('lastNotifiedAt'),
    silenced: r.optBool('silenced') ?? false,
    findings: r.readers('findings').map(readFinding),
    mergedInto: optKey(r.optReader('mergedInto')),
    owed: r.readers('owed').map(readOwed),
    version: r.num('version'),
  });
};

/**
 * Returns a transition item, in its month's partition, sorted by time.
 *
 * @param transition - one alert status change
 */
const transitionToItem = (transition: Transition): PlainItem => {
  const at = iso(transition.at);
  return {
    PK: transitionPk(at),
    SK: transitionSk(at, transition.alertKey, transition.to),
    alertKey: keyToValue(transition.alertKey),
    from: transition.from,
    to: transition.to,
    reason: transition.reason,
    at,
    findings: transition.findings.map(findingToValue),
  };
};

/**
 * Returns the transition a transition item holds.
 *
 * @param item - a transition item
 * @throws {StoreError} when the item is malformed
 */
const transitionFromItem = (item: PlainItem): Transition => {
  const r = readerFor(item);
  return {
    alertKey: readKey(r.reader('alertKey')),
    from: r.oneOf('from', ['new', ...ALERT_STATUSES]),
    to: r.oneOf('to', ALERT_STATUSES),
    reason: r.str('reason'),
    at: r.date('at'),
    findings: r.readers('findings').map(readFinding),
  };
};

/**
 * Returns the monitor's heartbeat item.
 *
 * @param heartbeat - the latest evaluation's summary
 */
const heartbeatToItem = (heartbeat: Heartbeat): PlainItem => ({
  PK: MONITOR_PK,
  SK: HEARTBEAT_SK,
  at: iso(heartbeat.at),
  services: heartbeat.services,
  resources: heartbeat.resources,
  openAlerts: heartbeat.openAlerts,
});

/**
 * Returns the heartbeat a heartbeat item holds.
 *
 * @param item - the heartbeat item
 * @throws {StoreError} when the item is malformed
 */
const heartbeatFromItem = (item: PlainItem): Heartbeat => {
  const r = readerFor(item);
  return {
    at: r.date('at'),
    services: r.num('services'),
    resources: r.num('resources'),
    openAlerts: r.num('openAlerts'),
  };
};

/**
 * A week-scores item holds services up to about this many bytes (service
 * ids have no length limit), far under DynamoDB's 400 KB item limit.
 */
const SCORES_ITEM_BYTES = 64_000;

/** Splits scores into parts of at most {@link SCORES_ITEM_BYTES}. */
const scoreParts = (
  services: WeekScores['services']
): WeekScores['services'][] => {
  const parts: WeekScores['services'][] = [[]];
  let bytes = 0;
  for (const entry of services) {
    // The id, the score and the entry's attribute names, roughly.
    const size = Buffer.byteLength(entry.service) + 40;
    if (bytes + size > SCORES_ITEM_BYTES && bytes > 0) {
      parts.push([]);
      bytes = 0;
    }
    parts.at(-1)?.push(entry);
    bytes += size;
  }
  return parts;
};

/**
 * Returns the items that keep one save of a week's scores: the services in
 * parts of at most {@link SCORES_ITEM_BYTES}, each part naming its save
 * and how many parts it has, so a reader takes one whole save and never a
 * mix of two.
 *
 * @param weekStart - the week's first instant
 * @param scores - what the week's report sent
 * @param retentionMs - how long the scores are kept
 * @param now - the save's instant
 * @param saveId - tells apart two saves at the same instant
 */
const weekScoresToItems = (
  weekStart: Date,
  scores: WeekScores,
  retentionMs: number,
  now: Date,
  saveId: string
): PlainItem[] => {
  const parts = scoreParts(scores.services);
  const save = `${iso(now)}#${saveId}`;
  return parts.map((services, part) => ({
    PK: weekScoresPk(iso(weekStart)),
    SK: weekScoresSk(save, part),
    save,
    parts: parts.length,
    score: scores.score,
    services: services.map((s) => ({ service: s.service, score: s.score })),
    expiresAt: epochSeconds(now.getTime() + retentionMs),
  }));
};

/**
 * Returns the newest whole save among a week's score items (a save cut
 * short is not whole, and an older whole one is taken instead), or
 * undefined when there is none.
 *
 * @param items - the week's score items, in key order (oldest save first)
 * @throws {StoreError} when an item is malformed
 */
const weekScoresFromItems = (items: PlainItem[]): WeekScores | undefined => {
  const saves = new Map<string, ItemReader[]>();
  for (const reader of items.map(readerFor)) {
    const save = reader.str('save');
    saves.set(save, [...(saves.get(save) ?? []), reader]);
  }
  const whole = [...saves.values()]
    .reverse()
    .find((parts) => parts.length === parts[0]?.num('parts'));
  const first = whole?.[0];
  if (whole === undefined || first === undefined) return undefined;
  const score = first.optNum('score');
  return {
    ...(score !== undefined && { score }),
    services: whole.flatMap((r) =>
      r.readers('services').map((entry) => {
        const value = entry.optNum('score');
        return {
          service: entry.str('service'),
          ...(value !== undefined && { score: value }),
        };
      })
    ),
  };
};

/**
 * Returns the item that keeps a rejected input, in its day's partition.
 * The sort key ends in a digest of the text, so the same input rejected
 * twice at the same instant is kept once.
 *
 * @param raw - the input as received
 * @param issues - why it was rejected
 * @param digest - a short hash of `raw`
 * @param retentionMs - how long rejected inputs are kept
 * @param now - when it was rejected
 */
const rejectedToItem = (
  raw: string,
  issues: InputIssue[],
  digest: string,
  retentionMs: number,
  now: Date
): PlainItem => ({
  PK: rejectedPk(iso(now)),
  SK: `${iso(now)}#${digest}`,
  receivedAt: iso(now),
  raw: raw.slice(0, MAX_RAW_LENGTH),
  rawLength: raw.length,
  issues: issues.map((issue) => ({ path: issue.path, message: issue.message })),
  expiresAt: epochSeconds(now.getTime() + retentionMs),
});

/**
 * Returns the rejected input a rejected item holds.
 *
 * @param item - a rejected item
 * @throws {StoreError} when the item is malformed
 */
const rejectedFromItem = (item: PlainItem): RejectedInput => {
  const r = readerFor(item);
  return {
    receivedAt: r.date('receivedAt'),
    raw: r.str('raw'),
    rawLength: r.num('rawLength'),
    issues: r.readers('issues').map((issue) => ({
      path: issue.str('path'),
      message: issue.str('message'),
    })),
  };
};

export {
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
  MAX_RAW_LENGTH,
  OPEN_INCIDENTS,
  rejectedFromItem,
  rejectedToItem,
  stateFromItem,
  transitionFromItem,
  transitionToItem,
  weekScoresFromItems,
  weekScoresToItems,
};
