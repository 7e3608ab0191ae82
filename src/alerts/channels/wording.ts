import { sectionFor } from '../../checks/index.js';
import type { AlertRecord, CheckId } from '../../model/index.js';
import type { DeliveryContext } from '../types.js';
import type { PagerDutyLink } from './types.js';

/**
 * Returns the heading of the runbook section a check links to, as the
 * service's page spells it (`Manual backup`); the slug when the page lacks
 * it, and undefined when the check links to the page itself.
 */
const sectionName = (
  check: CheckId,
  context: DeliveryContext
): string | undefined => {
  const slug = sectionFor(check);
  if (slug === '') return undefined;
  return context.service?.sections.find((s) => s.slug === slug)?.text ?? slug;
};

/**
 * Returns the links of an alert, the runbook section that says what to do
 * first, then the service's page (one link when they are the same page).
 */
const alertLinks = (
  alert: AlertRecord,
  context: DeliveryContext
): PagerDutyLink[] => {
  const { finding } = alert;
  const page = context.service?.name ?? 'Runbook';
  const section = sectionName(finding.check, context);
  const first: PagerDutyLink = {
    href: finding.runbookUrl,
    text:
      section === undefined
        ? `Runbook: ${page}`
        : `Runbook: ${section} (${page})`,
  };
  if (context.serviceUrl === finding.runbookUrl) return [first];
  const second: PagerDutyLink = {
    href: context.serviceUrl,
    text:
      context.service === undefined
        ? 'Runbook index'
        : `Runbook: ${context.service.name} (service page)`,
  };
  return [first, second];
};

/**
 * Returns when the alert was raised: the latest notification (a trigger is
 * owed at the instant it is recorded), else when it opened. Ages are given
 * as of this instant, not the clock at sending, so a retried or replayed
 * delivery says the same thing.
 */
const raisedAt = (alert: AlertRecord): Date =>
  alert.lastNotifiedAt ?? alert.openedAt ?? alert.finding.since;

/**
 * Returns `text` cut to `max` characters (code points, so an emoji is never
 * split in half), ending in `...` when cut.
 */
const truncate = (text: string, max: number): string => {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 3).join('')}...`;
};

export { alertLinks, raisedAt, truncate };
