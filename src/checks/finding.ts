import type { CheckId, Finding, FindingDetail } from '../model/index.js';
import { runbookUrl } from '../runbook/index.js';
import { shortName } from './format.js';
import { SECTION_FOR_CHECK } from './sections.js';
import { severityFor } from './severity.js';
import type { CheckInput } from './types.js';

/**
 * Returns who a summary is about: the service id, plus the resource's short
 * name when it says something the id does not (`orders-db (orders-prod)`).
 */
const subject = ({ service, state }: CheckInput): string => {
  const short = shortName(state.resourceArn);
  return short === service.id ? service.id : `${service.id} (${short})`;
};

/** Returns an open finding of one check for the input's resource. */
const openFinding = (
  input: CheckInput,
  check: CheckId,
  since: Date,
  summary: string,
  detail: FindingDetail
): Finding => ({
  service: input.service.id,
  resource: input.state.resourceArn,
  check,
  severity: severityFor(check, input.service.tier),
  status: 'open',
  since,
  summary: `${subject(input)}: ${summary}`,
  detail,
  runbookUrl: runbookUrl(
    input.links,
    input.service.id,
    SECTION_FOR_CHECK[check]
  ),
});

export { openFinding };
