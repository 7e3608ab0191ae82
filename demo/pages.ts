import type { ChannelName } from '../src/model/index.js';
import type { SnsPublish } from './receivers/index.js';
import type { DemoPage, PageAction } from './types.js';

/** What an alert key (`backup-sentinel/<service>/<check>/<resource>`) names. */
interface KeyParts {
  service: string;
  check: string;
  resource: string;
}

const KEY_PREFIX = 'backup-sentinel/';

/** Returns the parts of a dedup key, or undefined for a hashed or foreign one. */
const keyParts = (key: string): KeyParts | undefined => {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const [service, check, ...resource] = key.slice(KEY_PREFIX.length).split('/');
  if (service === undefined || check === undefined || resource.length === 0) {
    return undefined;
  }
  return { service, check, resource: resource.join('/') };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string =>
  typeof value === 'string' ? value : '';

/** Turns what the receivers got into pages, telling re-notifications from openings. */
interface PageDecoder {
  /** Decodes one SNS Publish; undefined when it is not an alert. */
  sns(publish: SnsPublish, at: Date): DemoPage | undefined;
  /** Decodes one accepted PagerDuty event; undefined when it is not an alert. */
  pagerDuty(event: unknown, at: Date): DemoPage | undefined;
}

/**
 * Returns a decoder of alert deliveries. It keeps, per channel and alert,
 * whether the alert is open, so a trigger for an open alert reads as a
 * re-notification. Each receiver decodes its own request: SNS from the
 * message attributes and the body's `Alert:` line and first link,
 * PagerDuty from the Events API v2 fields (a resolve carries only the dedup
 * key, so its details come from the trigger before it).
 */
const createPageDecoder = (): PageDecoder => {
  const open = new Set<string>();
  const known = new Map<string, KeyParts & { summary: string; url?: string }>();
  const action = (
    channel: ChannelName,
    key: string,
    raw: string
  ): PageAction | undefined => {
    const id = `${channel} ${key}`;
    if (raw === 'resolve') {
      open.delete(id);
      return 'resolved';
    }
    if (raw !== 'trigger') return undefined;
    if (open.has(id)) return 're-notified';
    open.add(id);
    return 'opened';
  };
  return {
    sns(publish, at) {
      const lines = publish.message.split('\n');
      const key = lines
        .find((l) => l.startsWith('Alert: '))
        ?.slice('Alert: '.length);
      const raw = publish.attributes.action?.value ?? '';
      const parts = key === undefined ? undefined : keyParts(key);
      if (key === undefined || parts === undefined) return undefined;
      const verb = action('sns', key, raw);
      if (verb === undefined) return undefined;
      const summaryLine =
        raw === 'resolve'
          ? lines.find((l) => l.startsWith('What was resolved: '))?.slice(19)
          : // The line after `CRITICAL: Backup failed` (a NOTE may come first).
            lines[
              lines.findIndex(
                (l) => /^[A-Z]+: /.test(l) && !l.startsWith('NOTE: ')
              ) + 1
            ];
      const url = lines
        .map((l) => l.trim())
        .find((l) => /^https?:\/\//.test(l));
      return {
        at,
        channel: 'sns',
        action: verb,
        ...parts,
        summary: summaryLine ?? publish.subject ?? '',
        runbookUrl: url,
        request: publish,
      };
    },
    pagerDuty(event, at) {
      if (!isRecord(event)) return undefined;
      const key = text(event.dedup_key);
      if (key === '') return undefined;
      const verb = action('pagerduty', key, text(event.event_action));
      if (verb === undefined) return undefined;
      const payload = isRecord(event.payload) ? event.payload : undefined;
      const links = Array.isArray(event.links) ? event.links : [];
      const first = links.find(isRecord);
      if (payload !== undefined) {
        known.set(key, {
          service: text(payload.component),
          check: text(payload.class),
          resource: text(payload.source),
          summary: text(payload.summary),
          ...(first !== undefined && { url: text(first.href) }),
        });
      }
      const details = known.get(key) ?? {
        ...(keyParts(key) ?? { service: '', check: '', resource: key }),
        summary: '',
      };
      const { url, ...rest } = details;
      return {
        at,
        channel: 'pagerduty',
        action: verb,
        ...rest,
        runbookUrl: url,
        request: event,
      };
    },
  };
};

export type { PageDecoder };
export { createPageDecoder };
