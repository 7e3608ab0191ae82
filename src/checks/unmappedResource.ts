import {
  type Finding,
  type ResourceState,
  UNMAPPED_SERVICE,
} from '../model/index.js';
import { runbookIndexUrl } from '../runbook/index.js';
import { unclaimedCheck } from './define.js';
import { formatUtc, shortName } from './format.js';
import { severityOf } from './severity.js';
import type { CheckAbout } from './types.js';

/** `RDS, account 111122223333, us-east-1`; S3 events name no account. */
const where = (state: ResourceState): string =>
  [
    state.resourceType,
    state.account === '' ? undefined : `account ${state.account}`,
    state.region,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');

/** What a recovery point's ARN is, by its form; undefined for a resource. */
const POINT_KINDS: readonly [RegExp, string][] = [
  [/^arn:[^:]+:rds:[^:]*:[^:]*:snapshot:/, 'RDS snapshot'],
  [/^arn:[^:]+:rds:[^:]*:[^:]*:cluster-snapshot:/, 'RDS cluster snapshot'],
  [/^arn:[^:]+:ec2:[^:]*:[^:]*:snapshot\//, 'EBS snapshot'],
  [/^arn:[^:]+:ec2:[^:]*:[^:]*:image\//, 'AMI'],
  [/^arn:[^:]+:backup:[^:]*:[^:]*:recovery-point:/, 'recovery point'],
];

const pointKindOf = (arn: string): string | undefined =>
  POINT_KINDS.find(([form]) => form.test(arn))?.[1];

const ABOUT: CheckAbout<'unmapped-resource'> = {
  id: 'unmapped-resource',
  title: 'Backed-up resource missing from the runbook',
  // The runbook's front page: someone decides which service should own it.
  section: '',
  // There is no service to take a tier from; the fix is a runbook change.
  impact: 'unclaimed',
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
 * @param _now - the evaluation instant (the facts carry their own times)
 */
const checkUnmappedResource = (
  state: ResourceState,
  links: string,
  _now: Date
): Finding[] => {
  if (state.service !== undefined) return [];
  const lastBackup = state.lastBackup?.createdAt;
  // A snapshot, AMI or recovery point is here because no job said whose
  // it is (a restore or copy of it, a snapshot taken by hand).
  const point = pointKindOf(state.resourceArn);
  const seen =
    point === undefined
      ? `backups seen since ${formatUtc(state.firstSeenAt)} but no runbook service claims it`
      : `${point} seen since ${formatUtc(state.firstSeenAt)} that no recorded backup job names, and no runbook service claims it`;
  return [
    {
      service: UNMAPPED_SERVICE,
      resource: state.resourceArn,
      check: ABOUT.id,
      severity: severityOf(ABOUT.impact, 'standard'),
      status: 'open',
      since: state.firstSeenAt,
      summary: `${shortName(state.resourceArn)} (${where(state)}): ${seen}`,
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

/** The unmapped-resource check, as the registry runs it. */
const unmappedResource = unclaimedCheck(ABOUT, checkUnmappedResource);

export { checkUnmappedResource, unmappedResource };
