import type { Tier } from '../runbook/index.js';
import type { RestoreTestStatus, ScoreBreakdown } from './types.js';

/** How much each part of a service's score weighs. */
const SCORE_WEIGHTS = {
  backups: 0.4,
  rpo: 0.3,
  copies: 0.1,
  restoreTests: 0.2,
} as const;

/** How much each tier weighs in the overall score. */
const TIER_WEIGHTS: Record<Tier, number> = {
  critical: 3,
  high: 2,
  standard: 1,
};

/** A late backup protects the data, but broke the runbook's promise. */
const LATE_CREDIT = 0.5;

/** In date, but a restore slower than the RTO. */
const SLOW_RESTORE_CREDIT = 0.5;

/**
 * The score formula in words: printed in the report's footer so readers can
 * check the figure themselves.
 */
const SCORE_FORMULA =
  'Score = mean over services weighted by tier (critical 3, high 2, ' +
  'standard 1) of each service score. Service score = 100 x (40% backups ' +
  'on time, late ones counting half + 30% share of the week within RPO ' +
  '(for S3 replication, with no failed or late replication open) + ' +
  '10% copies made of those expected + 20% restore tests: in date and ' +
  'within RTO 1, in date but slower than RTO 0.5, overdue or never 0). ' +
  'Parts that do not apply to a service are left out and the others ' +
  'reweighted; a service with nothing to measure is left out.';

/** The parts of one service's score, each 0..1 or undefined when it does not apply. */
interface ScoreParts {
  backups?: number;
  rpo?: number;
  copies?: number;
  restoreTests?: number;
}

/**
 * Returns the backups part: on-time backups plus half the late ones, over
 * those expected; undefined when none was expected.
 */
const backupsPart = (counts: {
  expected: number;
  succeeded: number;
  late: number;
}): number | undefined =>
  counts.expected === 0
    ? undefined
    : (counts.succeeded - counts.late + LATE_CREDIT * counts.late) /
      counts.expected;

/** Returns the restore-tests part of one resource's standing. */
const restorePart = (status: RestoreTestStatus): number | undefined => {
  switch (status) {
    case 'ok':
      return 1;
    case 'slow':
      return SLOW_RESTORE_CREDIT;
    case 'overdue':
    case 'never':
      return 0;
    default:
      return undefined;
  }
};

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * Returns a service's score (0..100, one decimal) from its parts, leaving
 * out the parts that do not apply; undefined when none applies.
 */
const serviceScore = (parts: ScoreParts): ScoreBreakdown | undefined => {
  let weighted = 0;
  let weights = 0;
  for (const name of Object.keys(SCORE_WEIGHTS) as (keyof ScoreParts)[]) {
    const value = parts[name];
    if (value === undefined) continue;
    weighted += SCORE_WEIGHTS[name] * value;
    weights += SCORE_WEIGHTS[name];
  }
  if (weights === 0) return undefined;
  return { score: round1((100 * weighted) / weights), ...parts };
};

/**
 * Returns the overall score: the tier-weighted mean of the services' scores
 * (one decimal); undefined when no service has one.
 */
const overallScore = (
  services: { tier: Tier; score?: ScoreBreakdown }[]
): number | undefined => {
  let weighted = 0;
  let weights = 0;
  for (const { tier, score } of services) {
    if (score === undefined) continue;
    weighted += TIER_WEIGHTS[tier] * score.score;
    weights += TIER_WEIGHTS[tier];
  }
  return weights === 0 ? undefined : round1(weighted / weights);
};

export {
  backupsPart,
  overallScore,
  restorePart,
  round1,
  SCORE_FORMULA,
  serviceScore,
};
