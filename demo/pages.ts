import { CHECKS } from '../src/checks/index.js';
import { CHECK_IDS, type ChannelName } from '../src/model/index.js';
import type { SnsPublish } from './receivers/index.js';
import type { DemoPage, PageAction } from './types.js';

/** What an incident key (`backup-sentinel/<service>[/<resource>]`) names. */
interface KeyParts {
  service: string;
  resource: string;
}

const KEY_PREFIX = 'backup-sentinel/';

/** Returns the parts of a dedup key, or undefined for a foreign one. */
const keyParts = (key: string): KeyParts | undefined => {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const [service, ...resource] = key.slice(KEY_PREFIX.length).split('/');
  if (service === undefined || service === '') return undefined;
  return { service, resource: resource.join('/') };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string =>
  typeof value === 'string' ? value : '';

/** Check ids by the title pages print (`Backup failed` -> `backup-failed`). */
const BY_TITLE = new Map(CHECK_IDS.map((id) => [CHECKS[id].title, id]));

/** The failing checks an SNS trigger lists under its heading, root cause first. */
const snsChecks = (lines: string[]): string[] => {
  const start = lines.findIndex((l) => l.startsWith('Failing checks'));
  if (start === -1) return [];
  const checks: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  - ')) break;
    const title = line.slice(4, line.indexOf(' since '));
    const id = BY_TITLE.get(title);
    if (id !== undefined) checks.push(id);
  }
  return checks;
};

/** The failing checks a PagerDuty trigger lists in its custom_details. */
const pagerDutyChecks = (payload: Record<string, unknown>): string[] => {
  const details = isRecord(payload.custom_details)
    ? payload.custom_details
    : {};
  const listed = Array.isArray(details.failing_checks)
    ? details.failing_checks
    : [];
  return listed.filter(isRecord).map((c) => text(c.check));
};

/** Turns what the receivers got into pages, telling updates and re-notifications from openings. */
interface PageDecoder {
  /** Decodes one SNS Publish; undefined when it is not an alert. */
  sns(publish: SnsPublish, at: Date): DemoPage | undefined;
  /** Decodes one accepted PagerDuty event; undefined when it is not an alert. */
  pagerDuty(event: unknown, at: Date): DemoPage | undefined;
}

/** What the decoder remembers of an incident from its last trigger. */
interface Known {
  check: string;
  checks: string[];
  summary: string;
  url?: string;
}

/**
 * Returns a decoder of incident deliveries. It keeps, per channel and
 * incident, whether it is open and which checks it named, so a trigger for
 * an open incident reads as an update when it names a new check, else as a
 * re-notification. Each receiver decodes its own request: SNS from the
 * message attributes and the body's `Alert:` line, failing checks and first
 * listed link, PagerDuty from the Events API v2 fields (a resolve carries only the
 * dedup key, so its details come from the trigger before it).
 */
const createPageDecoder = (): PageDecoder => {
  const open = new Map<string, Set<string>>();
  const known = new Map<string, Known>();
  const action = (
    channel: ChannelName,
    key: string,
    raw: string,
    checks: string[]
  ): PageAction | undefined => {
    const id = `${channel} ${key}`;
    if (raw === 'resolve') {
      open.delete(id);
      return 'resolved';
    }
    if (raw !== 'trigger') return undefined;
    const before = open.get(id);
    open.set(id, new Set(checks));
    if (before === undefined) return 'opened';
    return checks.some((c) => !before.has(c)) ? 'updated' : 're-notified';
  };
  const page = (
    channel: ChannelName,
    verb: PageAction,
    key: string,
    at: Date,
    request: unknown
  ): DemoPage => {
    const details = known.get(`${channel} ${key}`);
    const parts = keyParts(key) ?? { service: '', resource: key };
    return {
      at,
      channel,
      action: verb,
      incident: key,
      ...parts,
      check: details?.check ?? '',
      checks: details?.checks ?? [],
      summary: details?.summary ?? '',
      runbookUrl: details?.url,
      request,
    };
  };
  return {
    sns(publish, at) {
      const lines = publish.message.split('\n');
      const key = lines
        .find((l) => l.startsWith('Alert: '))
        ?.slice('Alert: '.length);
      const raw = publish.attributes.action?.value ?? '';
      if (key === undefined || keyParts(key) === undefined) return undefined;
      const checks = snsChecks(lines);
      const verb = action('sns', key, raw, checks);
      if (verb === undefined) return undefined;
      if (raw === 'trigger') {
        // The line after `CRITICAL: Backup failed` (a NOTE may come first).
        const summary =
          lines[
            lines.findIndex(
              (l) => /^[A-Z]+: /.test(l) && !l.startsWith('NOTE: ')
            ) + 1
          ] ?? publish.subject;
        // The first link listed: `  1. Runbook: ...:`, its URL below.
        const first = lines.findIndex((l) => /^ {2}1\. /.test(l));
        const url = first === -1 ? undefined : lines[first + 1]?.trim();
        known.set(`sns ${key}`, {
          check: publish.attributes.check?.value ?? checks[0] ?? '',
          checks,
          summary: summary ?? '',
          ...(url !== undefined && { url }),
        });
      }
      return page('sns', verb, key, at, publish);
    },
    pagerDuty(event, at) {
      if (!isRecord(event)) return undefined;
      const key = text(event.dedup_key);
      if (key === '') return undefined;
      const payload = isRecord(event.payload) ? event.payload : undefined;
      const checks = payload === undefined ? [] : pagerDutyChecks(payload);
      const verb = action('pagerduty', key, text(event.event_action), checks);
      if (verb === undefined) return undefined;
      if (payload !== undefined) {
        const links = Array.isArray(event.links) ? event.links : [];
        const first = links.find(isRecord);
        known.set(`pagerduty ${key}`, {
          check: text(payload.class),
          checks,
          summary: text(payload.summary),
          ...(first !== undefined && { url: text(first.href) }),
        });
      }
      return page('pagerduty', verb, key, at, event);
    },
  };
};

export type { PageDecoder };
export { createPageDecoder };
