import { createHash } from 'node:crypto';
import type { AlertKey } from '../model/index.js';

/** PagerDuty refuses a longer dedup_key. */
const MAX_DEDUP_KEY = 255;

const PREFIX = 'backup-sentinel';

const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('hex');

/**
 * Returns the incident's dedup key: `backup-sentinel/<service>/<resource>`,
 * or `backup-sentinel/<service>` for a service's roll-up. It is PagerDuty's
 * `dedup_key`, the `incident` of `sentinel replay --json` and the incident's
 * identity in logs and SNS messages. When it would be longer than PagerDuty
 * accepts (ARNs may be long), the resource is replaced by its SHA-256, so
 * every event of the incident still carries the same key.
 *
 * @param key - the incident's service and resource
 */
const dedupKey = (key: AlertKey): string => {
  const full =
    key.resource === undefined
      ? `${PREFIX}/${key.service}`
      : `${PREFIX}/${key.service}/${key.resource}`;
  if (full.length <= MAX_DEDUP_KEY) return full;
  const hashed = `${PREFIX}/${key.service}/sha256:${sha256(key.resource ?? '')}`;
  return hashed.length <= MAX_DEDUP_KEY
    ? hashed
    : `${PREFIX}/sha256:${sha256(full)}`;
};

export { dedupKey, MAX_DEDUP_KEY };
