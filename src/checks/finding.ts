import type {
  CheckId,
  Finding,
  FindingDetail,
  ResourceState,
} from '../model/index.js';
import { runbookUrl } from '../runbook/index.js';
import { shortName } from './format.js';
import { severityOf } from './severity.js';
import type { CheckAbout, CheckInput } from './types.js';

/** Whom a finding is about: a claimed resource (its state, or just its ARN). */
interface FindingSubject extends Omit<CheckInput, 'state'> {
  state: Pick<ResourceState, 'resourceArn'>;
  /** Who the summary is about, when the summary names the resource itself. */
  subject?: string;
}

/**
 * Returns who a summary is about: the service id, plus the resource's short
 * name when it says something the id does not (`orders-db (orders-prod)`).
 */
const subject = ({ service, state, subject }: FindingSubject): string => {
  if (subject !== undefined) return subject;
  const short = shortName(state.resourceArn);
  return short === service.id ? service.id : `${service.id} (${short})`;
};

/**
 * Returns an open finding of one check for the input's resource, with the
 * check's severity for the service's tier and its runbook section's link.
 *
 * @param input - the service, the resource (its state will do) and the link template
 * @param about - the check's registry row
 * @param since - when the problem began
 * @param summary - what broke, after the subject
 * @param detail - the figures behind it
 */
const openFinding = <K extends CheckId>(
  input: FindingSubject,
  about: CheckAbout<K>,
  since: Date,
  summary: string,
  detail: FindingDetail
): Finding => ({
  service: input.service.id,
  resource: input.state.resourceArn,
  check: about.id,
  severity: severityOf(about.impact, input.service.tier),
  status: 'open',
  since,
  summary: `${subject(input)}: ${summary}`,
  detail,
  runbookUrl: runbookUrl(input.links, input.service.id, about.section),
});

export { openFinding };
