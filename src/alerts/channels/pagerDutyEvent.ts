import type { AlertRecord, DeliveryAction } from '../../model/index.js';
import { dedupKey } from '../key.js';
import type { DeliveryContext } from '../types.js';
import type { PagerDutyChange, PagerDutyEvent } from './types.js';
import {
  alertLinks,
  eventTime,
  incidentDetails,
  incidentSeverity,
  incidentTitle,
  rootOf,
  truncate,
} from './wording.js';

/** PagerDuty truncates a longer summary; we cut it ourselves, visibly. */
const MAX_SUMMARY = 1024;

/** `client` of every event: the name PagerDuty shows as the sender. */
const CLIENT = 'Backup Sentinel';

/** The AWS resource types of the incident's resources, as the states name them. */
const componentOf = (
  alert: AlertRecord,
  context: DeliveryContext
): string | undefined => {
  const types = [
    ...new Set(
      context.states
        .filter((s) => alert.findings.some((f) => f.resource === s.resourceArn))
        .map((s) => s.resourceType)
        .filter((t) => t !== '')
    ),
  ];
  return types.length === 0 ? undefined : types.sort().join(', ');
};

/**
 * Returns the Events API v2 event of one delivery, as PagerDuty's users
 * expect it:
 * - `dedup_key`: the incident key ({@link dedupKey}), so failed, missed
 *   and RPO findings of one resource are one PagerDuty incident, updated by
 *   each new trigger and closed by one resolve;
 * - `summary`: the incident's title, root cause first;
 * - `source`: the resource ARN (the service id for a roll-up);
 * - `component`: the resource type (`RDS`, `EBS`, ...);
 * - `group`: the service id; `class`: the root cause's check id;
 * - `severity`: the most urgent of its checks;
 * - `timestamp`: when the newest of its failing checks began, the event
 *   the trigger reports, not when it was sent;
 * - `custom_details`: see `incidentDetails` (ISO times, human durations);
 * - `links`: the runbook section first, then the service page and AWS
 *   console pages.
 * A resolve carries only the dedup key, which is all PagerDuty reads.
 *
 * @param action - trigger or resolve
 * @param alert - the incident, with its failing checks
 * @param context - the service, its runbook page and its resources' states
 * @param routingKey - the integration's routing key
 */
const pagerDutyEvent = (
  action: DeliveryAction,
  alert: AlertRecord,
  context: DeliveryContext,
  routingKey: string
): PagerDutyEvent => {
  const dedup_key = dedupKey(alert.key);
  if (action === 'resolve') {
    return { routing_key: routingKey, event_action: 'resolve', dedup_key };
  }
  const root = rootOf(alert);
  const component = componentOf(alert, context);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: truncate(incidentTitle(alert), MAX_SUMMARY),
      source: alert.key.resource ?? alert.key.service,
      severity: incidentSeverity(alert),
      timestamp: eventTime(alert).toISOString(),
      ...(component !== undefined && { component }),
      group: alert.key.service,
      class: root.check,
      custom_details: incidentDetails(alert, context, dedup_key),
    },
    links: alertLinks(alert, context),
    client: CLIENT,
    client_url: root.runbookUrl,
  };
};

/** Something that changed on a service's timeline without anything to fix. */
interface ChangeNotice {
  summary: string;
  /** The resource it happened to. */
  source: string;
  /** When it happened. */
  at: Date;
  details: PagerDutyChange['payload']['custom_details'];
  links: PagerDutyChange['links'];
}

/**
 * Returns the Change Events API body of a notice: it shows on the service's
 * timeline in PagerDuty and pages nobody.
 *
 * @param notice - what changed
 * @param routingKey - the integration's routing key
 */
const pagerDutyChange = (
  notice: ChangeNotice,
  routingKey: string
): PagerDutyChange => ({
  routing_key: routingKey,
  payload: {
    summary: truncate(notice.summary, MAX_SUMMARY),
    source: notice.source,
    timestamp: notice.at.toISOString(),
    custom_details: notice.details,
  },
  links: notice.links,
});

export type { ChangeNotice };
export { pagerDutyChange, pagerDutyEvent };
