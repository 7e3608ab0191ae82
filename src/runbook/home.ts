import {
  ARN_ACCOUNT,
  ARN_REGION,
  AWS_ACCOUNT,
  AWS_REGION,
  arnField,
} from '../model/index.js';
import type { Runbook } from './types.js';

/** Where the runbook's resources live. */
interface Home {
  account: string;
  region: string;
}

/** The example's account and region, when no ARN names both. */
const FALLBACK: Home = { account: '111122223333', region: 'us-east-1' };

/**
 * Returns the account and region the runbook's resources live in: those of
 * the first resource ARN that names both, else the example's. What a report
 * printed offline (`sentinel ping --print`) and the demo take as theirs.
 *
 * @param runbook - the loaded runbook
 */
const runbookHome = (runbook: Runbook): Home => {
  for (const service of runbook.services) {
    for (const arn of service.resources) {
      const account = arnField(arn, ARN_ACCOUNT);
      const region = arnField(arn, ARN_REGION);
      if (AWS_ACCOUNT.test(account) && AWS_REGION.test(region)) {
        return { account, region };
      }
    }
  }
  return FALLBACK;
};

export type { Home };
export { runbookHome };
