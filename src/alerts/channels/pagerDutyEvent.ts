import { createHash } from 'node:crypto';
import { titleFor } from '../../checks/index.js';
import type {
  AlertKey,
  AlertRecord,
  DeliveryAction,
} from '../../model/index.js';
import { dedupKey } from '../key.js';
import type { DeliveryContext } from '../types.js';
import type { PagerDutyEvent } from './types.js';
import { alertLinks, truncate } from './wording.js';

/** PagerDuty truncates a longer summary; we cut it ourselves, visibly. */
const MAX_SUMMARY = 1024;

/** `client` of every event: the name PagerDuty shows as the sender. */
const CLIENT = 'Backup Sentinel';

/** PagerDuty refuses a longer dedup_key. */
const MAX_DEDUP_KEY = 255;

const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('hex');

/**
 * Returns the alert's PagerDuty dedup_key: `backup-sentinel/<service>/<check>/<resource>`,
 * or, when that is longer than PagerDuty accepts (ARNs may be long), the
 * resource replaced by its SHA-256, so trigger and resolve still match.
 *
 * @param key - the alert's (service, check, resource)
 */
const pagerDutyDedupKey = (key: AlertKey): string => {
  const full = dedupKey(key);
  if (full.length <= MAX_DEDUP_KEY) return full;
  const hashed = dedupKey({
    ...key,
    resource: `sha256:${sha256(key.resource)}`,
  });
  return hashed.length <= MAX_DEDUP_KEY
    ? hashed
    : `backup-sentinel/sha256:${sha256(full)}`;
};

/**
 * Returns the Events API v2 event of one delivery. A trigger carries the
 * finding: summary, source (the resource ARN), severity, timestamp (when it
 * broke), component (service), group (category), class (check),
 * custom_details (the figures and the runbook links) and links, the runbook
 * section first. A resolve carries only the dedup key, which is all
 * PagerDuty reads. The dedup key is {@link pagerDutyDedupKey}.
 *
 * @param action - trigger or resolve
 * @param alert - the alert, with its latest finding
 * @param context - the service and its runbook page
 * @param routingKey - the integration's routing key
 */
const pagerDutyEvent = (
  action: DeliveryAction,
  alert: AlertRecord,
  context: DeliveryContext,
  routingKey: string
): PagerDutyEvent => {
  const dedup_key = pagerDutyDedupKey(alert.key);
  if (action === 'resolve') {
    return { routing_key: routingKey, event_action: 'resolve', dedup_key };
  }
  const { finding } = alert;
  const links = alertLinks(alert, context);
  const category = context.service?.category;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: truncate(finding.summary, MAX_SUMMARY),
      source: finding.resource,
      severity: finding.severity,
      timestamp: finding.since.toISOString(),
      component: alert.key.service,
      ...(category !== undefined && { group: category }),
      class: finding.check,
      custom_details: {
        ...finding.detail,
        what_broke: titleFor(finding.check),
        runbook_section: finding.runbookUrl,
        runbook_page: context.serviceUrl,
        ...(context.service !== undefined && {
          service_name: context.service.name,
          tier: context.service.tier,
          owner: context.service.owner,
        }),
      },
    },
    links,
    client: CLIENT,
    client_url: finding.runbookUrl,
  };
};

export { MAX_DEDUP_KEY, pagerDutyDedupKey, pagerDutyEvent };
