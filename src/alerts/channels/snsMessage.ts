import { formatUtc, titleFor } from '../../checks/index.js';
import type {
  AlertRecord,
  DeliveryAction,
  FindingDetail,
} from '../../model/index.js';
import { formatDuration } from '../../schedule/index.js';
import { dedupKey } from '../key.js';
import type { DeliveryContext } from '../types.js';
import type { SnsMessage } from './types.js';
import { alertLinks, raisedAt, truncate } from './wording.js';

/** SNS rejects a subject of 100 characters or more. */
const MAX_SUBJECT = 99;

/**
 * Returns text SNS accepts as a subject: ASCII without control characters,
 * on one line, under 100 characters. Accents are dropped (`é` -> `e`) and
 * other non-ASCII characters become `?`, since SNS rejects the whole
 * publish rather than the character.
 *
 * @param text - any text
 */
const sanitiseSubject = (text: string): string => {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .replace(/[^\u0020-\u007e]/gu, '?')
    .trim();
  // SNS wants a subject that begins with a letter, number or punctuation.
  return truncate(ascii === '' ? 'Backup Sentinel alert' : ascii, MAX_SUBJECT);
};

const formatValue = (value: FindingDetail[string]): string =>
  value === null ? '-' : String(value);

const figures = (detail: FindingDetail): string[] => {
  const entries = Object.entries(detail);
  if (entries.length === 0) return ['  (none)'];
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(
    ([k, v]) => `  ${`${k}:`.padEnd(width + 2)}${formatValue(v)}`
  );
};

const serviceLine = (alert: AlertRecord, context: DeliveryContext): string => {
  const { service } = context;
  if (service === undefined) {
    return `${alert.key.service} (no runbook service claims this resource)`;
  }
  return `${service.name} (${service.id}), tier ${service.tier}, owner ${service.owner}`;
};

const linkLines = (alert: AlertRecord, context: DeliveryContext): string[] =>
  alertLinks(alert, context).map(
    (link, i) => `  ${i + 1}. ${link.text}:\n     ${link.href}`
  );

const triggerBody = (
  alert: AlertRecord,
  context: DeliveryContext
): string[] => {
  const { finding } = alert;
  const raised = raisedAt(alert);
  const ageMs = raised.getTime() - finding.since.getTime();
  return [
    `${finding.severity.toUpperCase()}: ${titleFor(finding.check)}`,
    finding.summary,
    '',
    `Service:   ${serviceLine(alert, context)}`,
    `Resource:  ${finding.resource}`,
    `Since:     ${formatUtc(finding.since)} (broken for ${formatDuration(ageMs)} when this alert was raised, ${formatUtc(raised)})`,
    `Check:     ${finding.check}, severity ${finding.severity}`,
    '',
    'What to do: follow the runbook.',
    ...linkLines(alert, context),
    '',
    'Figures:',
    ...figures(finding.detail),
  ];
};

/** When the alert resolved, when it opened, and how long it was open. */
const openPeriod = (
  alert: AlertRecord
): { resolved: Date; opened: Date; openFor: string } => {
  const resolved = alert.resolvedAt ?? raisedAt(alert);
  const opened = alert.openedAt ?? alert.finding.since;
  const openFor = formatDuration(resolved.getTime() - opened.getTime());
  return { resolved, opened, openFor };
};

/**
 * Returns who a finding is about: its summary up to the first `: ` (checks
 * write `orders-db (orders-prod): what happened`), else the service id.
 */
const who = (alert: AlertRecord): string => {
  const at = alert.finding.summary.indexOf(': ');
  return at > 0 && at <= 60
    ? alert.finding.summary.slice(0, at)
    : alert.key.service;
};

const subjectOf = (action: DeliveryAction, alert: AlertRecord): string => {
  const { finding } = alert;
  const title = titleFor(finding.check);
  return action === 'resolve'
    ? `[RESOLVED] ${who(alert)}: ${title}, open for ${openPeriod(alert).openFor}`
    : `[${finding.severity.toUpperCase()}] ${who(alert)}: ${title}, since ${formatUtc(finding.since)}`;
};

const resolveBody = (
  alert: AlertRecord,
  context: DeliveryContext
): string[] => {
  const { finding } = alert;
  const { resolved, opened, openFor } = openPeriod(alert);
  const brokenFor = formatDuration(
    resolved.getTime() - finding.since.getTime()
  );
  return [
    `RESOLVED: ${titleFor(finding.check)}`,
    `What was resolved: ${finding.summary}`,
    '',
    `Service:   ${serviceLine(alert, context)}`,
    `Resource:  ${finding.resource}`,
    `Since:     ${formatUtc(finding.since)}`,
    `Resolved:  ${formatUtc(resolved)}: the check passes again`,
    `Open for:  ${openFor} (alert opened ${formatUtc(opened)}; broken for ${brokenFor})`,
    `Check:     ${finding.check}, severity ${finding.severity}`,
    '',
    'Nothing to do. The runbook, for the record:',
    ...linkLines(alert, context),
    '',
    'Figures when it last failed:',
    ...figures(finding.detail),
  ];
};

/**
 * Returns the SNS message of one delivery: a subject SNS accepts
 * (`[CRITICAL] orders-db (orders-prod): Backup failed, since 2026-11-05
 * 02:40 UTC`; `[RESOLVED] …: Backup failed, open for 30 min`), a plain
 * text body an on-call engineer can act on at 3 a.m. (the note of a
 * stand-in delivery first, then what broke, since when, which resource,
 * the runbook section link, the service page and the figures), and the
 * attributes subscribers filter on.
 *
 * @param action - trigger (it broke, or is still broken) or resolve
 * @param alert - the alert, with its latest finding
 * @param context - the service, its page and any note
 */
const snsMessage = (
  action: DeliveryAction,
  alert: AlertRecord,
  context: DeliveryContext
): SnsMessage => {
  const { finding } = alert;
  const lines =
    action === 'resolve'
      ? resolveBody(alert, context)
      : triggerBody(alert, context);
  const note = context.note === undefined ? [] : [`NOTE: ${context.note}`, ''];
  return {
    subject: sanitiseSubject(subjectOf(action, alert)),
    body: [
      ...note,
      ...lines,
      '',
      `Alert: ${dedupKey(alert.key)}`,
      'Sent by Backup Sentinel.',
    ].join('\n'),
    attributes: {
      action,
      check: finding.check,
      service: alert.key.service,
      severity: finding.severity,
    },
  };
};

export { MAX_SUBJECT, sanitiseSubject, snsMessage };
