import { formatUtc, shortName, titleFor } from '../../checks/index.js';
import {
  type AlertRecord,
  type DeliveryAction,
  DRILLS_SERVICE,
} from '../../model/index.js';
import { formatDuration } from '../../schedule/index.js';
import { dedupKey } from '../key.js';
import type { DeliveryContext } from '../types.js';
import { evidenceFor } from './evidence.js';
import type { DetailValue, SnsMessage } from './types.js';
import {
  alertLinks,
  brokenSince,
  incidentDetails,
  incidentSeverity,
  incidentTitle,
  raisedAt,
  resourcesOf,
  rootOf,
  truncate,
  wholeMessage,
} from './wording.js';

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

const MINUTE_MS = 60_000;

/** Detail keys the body already gives in its own lines. */
const SHOWN = new Set([
  'incident',
  'root_cause',
  'failing_checks',
  'service',
  'tier',
  'owner',
  'raised_at',
  'runbook_section',
  'runbook_page',
]);

const label = (name: string): string => name.replaceAll('_', ' ');

/** One detail value on one line: `at 2026-11-04T02:05:00.000Z, age 30 h 20 min`. */
const inline = (value: DetailValue): string => {
  if (value === null) return '-';
  if (Array.isArray(value)) return value.map(inline).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${label(k)} ${inline(v)}`)
      .join(', ');
  }
  return String(value);
};

/** The facts of `incidentDetails` the body does not give elsewhere, one a line. */
const factLines = (details: Record<string, DetailValue>): string[] =>
  Object.entries(details)
    .filter(([name]) => !SHOWN.has(name))
    .flatMap(([name, value]) =>
      name === 'resources' && value !== null && typeof value === 'object'
        ? Object.entries(value).map(
            ([arn, facts]) => `  ${arn}: ${inline(facts)}`
          )
        : [`  ${label(name)}: ${inline(value)}`]
    );

const serviceLine = (alert: AlertRecord, context: DeliveryContext): string => {
  const { service } = context;
  if (alert.key.service === DRILLS_SERVICE) {
    return 'DR drills (runbook.yml drills, disaster-recovery.md)';
  }
  if (service === undefined) {
    return `${alert.key.service} (no runbook service claims this resource)`;
  }
  return `${service.name} (${service.id}), tier ${service.tier}, owner ${service.owner}`;
};

const resourceLines = (alert: AlertRecord): string[] => {
  const resources = resourcesOf(alert);
  return alert.key.resource === undefined
    ? [
        `Resources: ${resources.length} of this service:`,
        ...resources.map((r) => `  ${r}`),
      ]
    : [`Resource:  ${alert.key.resource}`];
};

/** Every failing check, each with its own since-time, root cause first. */
const checkLines = (alert: AlertRecord, at: Date): string[] =>
  alert.findings.flatMap((f) => {
    const age = at.getTime() - f.since.getTime();
    const since =
      age < MINUTE_MS
        ? formatUtc(f.since)
        : `${formatUtc(f.since)} (${formatDuration(age)})`;
    const message = wholeMessage(f);
    const line = `  - ${titleFor(f.check)} since ${since}: ${f.summary}`;
    return message === undefined
      ? [line]
      : [line, `    Message in full: ${message}`];
  });

const linkLines = (alert: AlertRecord, context: DeliveryContext): string[] =>
  alertLinks(alert, context).map(
    (link, i) => `  ${i + 1}. ${link.text}:\n     ${link.href}`
  );

const triggerBody = (
  alert: AlertRecord,
  context: DeliveryContext,
  key: string
): string[] => {
  const root = rootOf(alert);
  const raised = raisedAt(alert);
  const broken = brokenSince(alert);
  const ageMs = raised.getTime() - broken.getTime();
  // "broken for 1 s" says nothing a reader can use; the times say it all.
  const since =
    ageMs < MINUTE_MS
      ? formatUtc(broken)
      : `${formatUtc(broken)} (broken for ${formatDuration(ageMs)} when this alert was raised, ${formatUtc(raised)})`;
  return [
    `${incidentSeverity(alert).toUpperCase()}: ${titleFor(root.check)}`,
    incidentTitle(alert),
    '',
    `Service:   ${serviceLine(alert, context)}`,
    ...resourceLines(alert),
    `Since:     ${since}`,
    `Incident:  ${key}`,
    '',
    'Failing checks, root cause first:',
    ...checkLines(alert, raised),
    '',
    'What to do: follow the runbook.',
    ...linkLines(alert, context),
    '',
    'Facts:',
    ...factLines(incidentDetails(alert, context, key)),
  ];
};

/** When the incident resolved, when it opened, and how long it was open. */
const openPeriod = (
  alert: AlertRecord
): { resolved: Date; opened: Date; openFor: string } => {
  const resolved = alert.resolvedAt ?? raisedAt(alert);
  const opened = alert.openedAt ?? brokenSince(alert);
  const openFor = formatDuration(resolved.getTime() - opened.getTime());
  return { resolved, opened, openFor };
};

/**
 * Returns who an incident is about: its root summary up to the first `: `
 * (checks write `orders-db (orders-prod): what happened`), else the
 * service id and the resource's short name; a roll-up is about its
 * service, a drill about its scenario (whose title may hold a `: `).
 */
const who = (alert: AlertRecord): string => {
  const { service, resource } = alert.key;
  if (resource === undefined) return service;
  if (service === DRILLS_SERVICE) return `DR drill ${shortName(resource)}`;
  const { summary } = rootOf(alert);
  const at = summary.indexOf(': ');
  return at > 0 && at <= 60
    ? summary.slice(0, at)
    : `${service} (${shortName(resource)})`;
};

/** A subject's parts: who and what, then the time, kept only whole. */
const subjectParts = (
  action: DeliveryAction,
  alert: AlertRecord
): [string, string] => {
  const root = rootOf(alert);
  const title = titleFor(root.check);
  const more = alert.findings.length - 1;
  const plus = more > 0 ? ` (+${more} more)` : '';
  if (action === 'trigger') {
    return [
      `[${incidentSeverity(alert).toUpperCase()}] ${who(alert)}: ${title}${plus}`,
      `, since ${formatUtc(brokenSince(alert))}`,
    ];
  }
  if (alert.mergedInto !== undefined) {
    return [
      `[MOVED] ${who(alert)}: ${title}, now part of the ${alert.mergedInto.service} incident`,
      '',
    ];
  }
  return [
    `[RESOLVED] ${who(alert)}: ${title}`,
    `, open for ${openPeriod(alert).openFor}`,
  ];
};

const subjectOf = (action: DeliveryAction, alert: AlertRecord): string => {
  const [head, tail] = subjectParts(action, alert);
  const whole = sanitiseSubject(`${head}${tail}`);
  // A time or a duration cut in half misleads: leave it out whole instead.
  return tail !== '' && whole.endsWith('...') ? sanitiseSubject(head) : whole;
};

/**
 * What shows each check that was failing passes again, from the states
 * read when it resolved; whether all of it is proof, not only quiet.
 */
const evidenceLines = (
  alert: AlertRecord,
  context: DeliveryContext
): { lines: string[]; proven: boolean } => {
  const found = alert.findings.flatMap((f) => {
    const state = context.states.find((s) => s.resourceArn === f.resource);
    const evidence = evidenceFor(f, state);
    return evidence === undefined ? [] : [{ check: f.check, ...evidence }];
  });
  return {
    lines:
      found.length === 0
        ? []
        : [
            '',
            'What shows it:',
            ...found.map((e) => `  - ${titleFor(e.check)}: ${e.text}`),
          ],
    proven: found.every((e) => e.proven),
  };
};

const resolveBody = (
  alert: AlertRecord,
  context: DeliveryContext,
  key: string
): string[] => {
  const root = rootOf(alert);
  const { resolved, opened, openFor } = openPeriod(alert);
  const broken = brokenSince(alert);
  const brokenFor = formatDuration(resolved.getTime() - broken.getTime());
  const moved = alert.mergedInto;
  const evidence =
    moved === undefined
      ? evidenceLines(alert, context)
      : { lines: [], proven: true };
  const outcome =
    moved === undefined
      ? 'every check passes again'
      : `moved into incident ${dedupKey(moved)}, with the other failing resources of the service`;
  return [
    `${moved === undefined ? 'RESOLVED' : 'MOVED'}: ${titleFor(root.check)}`,
    `What was resolved: ${incidentTitle(alert)}`,
    '',
    `Service:   ${serviceLine(alert, context)}`,
    ...resourceLines(alert),
    `Since:     ${formatUtc(broken)}`,
    `Resolved:  ${formatUtc(resolved)}: ${outcome}`,
    `Open for:  ${openFor} (alert opened ${formatUtc(opened)}; broken for ${brokenFor})`,
    `Incident:  ${key}`,
    ...evidence.lines,
    '',
    'Checks that were failing, root cause first:',
    ...checkLines(alert, resolved),
    '',
    moved !== undefined
      ? `Not fixed: follow the incident ${dedupKey(moved)}. The runbook:`
      : evidence.proven
        ? 'Nothing to do. The runbook, for the record:'
        : 'Not proven fixed: check it if in doubt. The runbook:',
    ...linkLines(alert, context),
  ];
};

/**
 * Returns the SNS message of one delivery: a subject SNS accepts
 * (`[CRITICAL] orders-db (orders-prod): Backup failed (+2 more), since
 * 2026-11-05 02:40 UTC`; `[RESOLVED] …: Backup failed, open for 30 min`;
 * `[MOVED] …` when a roll-up took the resource over), a plain text body an
 * on-call engineer can act on at 3 a.m. (the note of a stand-in delivery
 * first, then the incident's title, root cause first, since when, which
 * resources, every failing check with its own since-time, the runbook
 * links, and the facts PagerDuty gets as custom_details), and the
 * attributes subscribers filter on (`check` is the root cause's).
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
  const key = dedupKey(alert.key);
  const lines =
    action === 'resolve'
      ? resolveBody(alert, context, key)
      : triggerBody(alert, context, key);
  const note = context.note === undefined ? [] : [`NOTE: ${context.note}`, ''];
  return {
    subject: sanitiseSubject(subjectOf(action, alert)),
    body: [
      ...note,
      ...lines,
      '',
      `Alert: ${key}`,
      'Sent by Backup Sentinel.',
    ].join('\n'),
    attributes: {
      action,
      check: rootOf(alert).check,
      service: alert.key.service,
      severity: incidentSeverity(alert),
    },
  };
};

export { MAX_SUBJECT, sanitiseSubject, snsMessage };
