import type { Finding, ResourceState } from '../model/index.js';
import { formatDuration } from '../schedule/index.js';
import { formatUtc, shortName } from './format.js';
import { severityFor } from './severity.js';

/** `RDS, account 111122223333, us-east-1`; S3 events name no account. */
const where = (state: ResourceState): string =>
  [
    state.resourceType,
    state.account === '' ? undefined : `account ${state.account}`,
    state.region,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');

/** The `service` of findings about resources no runbook service claims. */
const UNMAPPED_SERVICE = 'unmapped';

/**
 * Returns the link to the runbook's front page, derived from the deep-link
 * template: the template cut before the `{service}` path segment, one level
 * up when that folder is `services/` (the layout DESIGN.md fixes), so
 * `…/runbook/services/{service}.md#{section}` gives `…/runbook/`.
 *
 * @param links - runbook.yml's `links` template
 */
const runbookIndexUrl = (links: string): string => {
  const at = links.indexOf('{service}');
  if (at === -1) return links.split('#')[0]!.replaceAll('{section}', '');
  const folder = links.slice(0, links.lastIndexOf('/', at) + 1);
  return folder.endsWith('/services/')
    ? folder.slice(0, -'services/'.length)
    : folder;
};

/**
 * Returns one unmapped-resource finding when no runbook service claims a
 * resource the monitor has seen backup events for, else []. Its `service` is
 * {@link UNMAPPED_SERVICE}, its severity that of a `standard` tier (there is
 * no service to take a tier from) and its link the runbook's front page,
 * where someone decides which service should own it. `since` is when the
 * monitor first saw the resource.
 *
 * @param state - the resource's facts
 * @param links - runbook.yml's `links` template
 * @param now - the evaluation instant
 */
const checkUnmappedResource = (
  state: ResourceState,
  links: string,
  now: Date
): Finding[] => {
  if (state.service !== undefined) return [];
  const ageMs = now.getTime() - state.firstSeenAt.getTime();
  const lastBackup = state.lastBackup?.createdAt;
  return [
    {
      service: UNMAPPED_SERVICE,
      resource: state.resourceArn,
      check: 'unmapped-resource',
      severity: severityFor('unmapped-resource', 'standard'),
      status: 'open',
      since: state.firstSeenAt,
      summary: `${shortName(state.resourceArn)} (${where(state)}): backups seen since ${formatUtc(state.firstSeenAt)} (${formatDuration(ageMs)}) but no runbook service claims it`,
      detail: {
        resourceArn: state.resourceArn,
        resourceType: state.resourceType,
        account: state.account,
        region: state.region,
        firstSeenAt: state.firstSeenAt.toISOString(),
        lastBackupCreatedAt: lastBackup?.toISOString() ?? null,
      },
      runbookUrl: runbookIndexUrl(links),
    },
  ];
};

export { checkUnmappedResource, runbookIndexUrl, UNMAPPED_SERVICE };
