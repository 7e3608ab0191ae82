import type { AlertKey } from '../model/index.js';

/**
 * Returns the alert's dedup key, `backup-sentinel/<service>/<check>/<resource>`:
 * PagerDuty's `dedup_key`, and the alert's identity in logs.
 *
 * @param key - the alert's (service, check, resource)
 */
const dedupKey = (key: AlertKey): string =>
  `backup-sentinel/${key.service}/${key.check}/${key.resource}`;

export { dedupKey };
