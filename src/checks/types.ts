import type { ResourceState } from '../model/index.js';
import type { Service } from '../runbook/index.js';

/** What every check receives: the service, one resource's facts and the link template. */
interface CheckInput {
  service: Service;
  state: ResourceState;
  /** runbook.yml `links` template (`{service}`, `{section}`). */
  links: string;
}

export type { CheckInput };
