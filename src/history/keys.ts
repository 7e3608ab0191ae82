import type { AlertKey } from '../model/index.js';

/**
 * Key layout of the single table (DESIGN.md "DynamoDB: one table"). Every
 * key is built here so the two stores and the tests agree on it.
 */

/** Sort key of a resource's state item and of an alert item. */
const STATE_SK = 'STATE';
/** Sort key of a recovery point -> resource item. */
const RESOURCE_SK = 'RESOURCE';
const MONITOR_PK = 'MONITOR';
const HEARTBEAT_SK = 'HEARTBEAT';
/** GSI1 partition of every alert that is not resolved. */
const ACTIVE_ALERTS_PK = 'ALERTS#active';
// '~' cannot start a service id (ids are kebab-case), so no service collides.
const UNMAPPED_PK = 'SVC#~unmapped';
const EVENT_PREFIX = 'EVT#';
/** GSI1 partition of every held event (HistoryStore.holdEvent). */
const HELD_PK = 'HELD';
const HELD_PREFIX = 'HELD#';

const RESOURCE_PREFIX = 'RES#';

const resourcePk = (resourceArn: string): string =>
  `${RESOURCE_PREFIX}${resourceArn}`;

const resourceArnOf = (pk: string): string => pk.slice(RESOURCE_PREFIX.length);

const eventSk = (occurredAt: string, eventId: string): string =>
  `${EVENT_PREFIX}${occurredAt}#${eventId}`;

/** SK of a held event in its recovery point's partition. */
const heldSk = (occurredAt: string, eventId: string): string =>
  `${HELD_PREFIX}${occurredAt}#${eventId}`;

const serviceGsiPk = (serviceId: string | undefined): string =>
  serviceId === undefined ? UNMAPPED_PK : `SVC#${serviceId}`;

const recoveryPointPk = (recoveryPointArn: string): string =>
  `RP#${recoveryPointArn}`;

/**
 * `<service>#<resource>`, or `<service>#` for a service's roll-up. Service
 * ids hold no `#`, so no service's prefix matches another's.
 */
const alertId = (key: AlertKey): string =>
  `${serviceAlertsPrefix(key.service)}${key.resource ?? ''}`;

const alertPk = (key: AlertKey): string => `ALERT#${alertId(key)}`;

/**
 * GSI1SK of an active alert: the service first, so one service's incidents
 * (its resources' and its roll-up) are a `begins_with` Query.
 */
const activeAlertSk = (key: AlertKey): string => alertId(key);

const serviceAlertsPrefix = (serviceId: string): string => `${serviceId}#`;

/**
 * The GSI1SK range of the active alerts of the services whose ids sort
 * after `after` and up to `through` (undefined = open). Service ids hold
 * only [A-Za-z0-9._-], all sorting after `$`, the character after `#`, so
 * `<id>$` sorts after every key of `<id>` and before every key of a later
 * id; ids start with [A-Za-z0-9], so `$` and `~` bound the open ends.
 */
const serviceRange = (
  after: string | undefined,
  through: string | undefined
): { from: string; to: string } => ({
  from: `${after ?? ''}$`,
  to: through === undefined ? '~' : `${through}$`,
});

/** `FLIP#yyyy-mm`: one partition per month keeps a week's query to 1-2 partitions. */
const transitionPk = (at: string): string => `FLIP#${at.slice(0, 7)}`;

const transitionSk = (at: string, key: AlertKey, to: string): string =>
  `${at}#${alertId(key)}#${to}`;

const rejectedPk = (at: string): string => `REJECTED#${at.slice(0, 10)}`;

/** One partition per reported week, keyed by the week's first instant. */
const weekScoresPk = (weekStart: string): string => `SCORES#${weekStart}`;

/**
 * A part of one save of a week's scores: the save (its instant, then its
 * id) first, so a save's parts are together and the newest save is last.
 */
const weekScoresSk = (save: string, part: number): string =>
  `${save}#${String(part).padStart(4, '0')}`;

/**
 * Returns the `yyyy-mm` months that hold times in [from, to), oldest first.
 *
 * @param from - inclusive start
 * @param to - exclusive end; at or before `from` gives []
 */
const monthsBetween = (from: Date, to: Date): string[] => {
  if (to.getTime() <= from.getTime()) return [];
  const last = new Date(to.getTime() - 1);
  const months: string[] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  while (
    year < last.getUTCFullYear() ||
    (year === last.getUTCFullYear() && month <= last.getUTCMonth())
  ) {
    months.push(`${year}-${String(month + 1).padStart(2, '0')}`);
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return months;
};

export {
  ACTIVE_ALERTS_PK,
  activeAlertSk,
  alertPk,
  EVENT_PREFIX,
  eventSk,
  HEARTBEAT_SK,
  HELD_PK,
  HELD_PREFIX,
  heldSk,
  MONITOR_PK,
  monthsBetween,
  RESOURCE_SK,
  recoveryPointPk,
  rejectedPk,
  resourceArnOf,
  resourcePk,
  STATE_SK,
  serviceAlertsPrefix,
  serviceGsiPk,
  serviceRange,
  transitionPk,
  transitionSk,
  weekScoresPk,
  weekScoresSk,
};
