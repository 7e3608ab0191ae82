import {
  arnMatches,
  matchResource,
  type Runbook,
  type Service,
} from '../src/runbook/index.js';
import { aRunbook, aService } from '../test/helpers/builders.js';
import { argument, finish, median, round } from './measure.js';

/**
 * Issue 18, matching: the time `matchResource` takes per event against a
 * runbook of 10,000 services with 100,000 wildcard patterns, spread over
 * an organisation's accounts and regions, against the linear scan it
 * replaced (kept below as the baseline), in the same run.
 */

const SERVICES = Number(argument('services', '10000'));
const PER_SERVICE = 10;
const ACCOUNTS = 2000;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];
const EVENTS = 2000;
/** The scan takes milliseconds an event: timed on the first of them. */
const SCANNED_EVENTS = 200;
/** One event in ten names a resource no service claims: the slowest case of a scan. */
const UNMAPPED_EVERY = 10;
const ROUNDS = 3;

const account = (i: number): string =>
  String(100_000_000_000 + ((i * 7919) % ACCOUNTS));

/** The ARN prefix of service `i`'s kind of resource in its account and region. */
const base = (i: number): string => {
  const region = REGIONS[i % REGIONS.length] as string;
  const acct = account(i);
  switch (i % 4) {
    case 0:
      return `arn:aws:rds:${region}:${acct}:db:`;
    case 1:
      return `arn:aws:dynamodb:${region}:${acct}:table/`;
    case 2:
      return `arn:aws:ec2:${region}:${acct}:volume/`;
    default:
      return `arn:aws:elasticfilesystem:${region}:${acct}:file-system/`;
  }
};

const buildRunbook = (): Runbook => {
  const services: Service[] = [];
  for (let i = 0; i < SERVICES; i += 1) {
    const resources = Array.from(
      { length: PER_SERVICE },
      (_, j) => `${base(i)}svc${i}-r${j}-*`
    );
    services.push(aService({ id: `svc-${i}`, resources }));
  }
  return aRunbook({ services });
};

/** Event ARNs: most claimed by a pattern, every tenth by none. */
const eventArns = (): string[] =>
  Array.from({ length: EVENTS }, (_, e) => {
    const i = (e * 104_729) % SERVICES;
    return e % UNMAPPED_EVERY === 0
      ? `${base(i)}unlisted-${e}`
      : `${base(i)}svc${i}-r${e % PER_SERVICE}-${e.toString(16)}`;
  });

/** `matchResource` before issue 18: two scans of every service. */
const linearMatch = (runbook: Runbook, arn: string): Service | undefined =>
  runbook.services.find((s) => s.resources.includes(arn)) ??
  runbook.services.find((s) => s.resources.some((p) => arnMatches(p, arn)));

/** Median over rounds of the microseconds per event; each round goes over `arns` `passes` times. */
const timePerEvent = (
  arns: string[],
  match: (arn: string) => Service | undefined,
  passes: number
): number => {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const start = performance.now();
    for (let p = 0; p < passes; p += 1) {
      for (const arn of arns) match(arn);
    }
    rounds.push(((performance.now() - start) * 1000) / (arns.length * passes));
  }
  return median(rounds);
};

const main = (): void => {
  const runbook = buildRunbook();
  const arns = eventArns();
  const patterns = SERVICES * PER_SERVICE;
  // 100,000 -> `100k`, as issue 18 names the figure.
  const label = patterns % 1000 === 0 ? `${patterns / 1000}k` : `${patterns}`;

  // The first call builds the index; it is kept for the runbook's life.
  const buildStart = performance.now();
  matchResource(runbook, arns[0] as string);
  const buildMs = performance.now() - buildStart;

  // A bench that measured a broken path would lie: both must agree.
  const scanned = arns.slice(0, SCANNED_EVENTS);
  for (const arn of scanned) {
    if (matchResource(runbook, arn)?.id !== linearMatch(runbook, arn)?.id) {
      throw new Error(`the index and the scan disagree on ${arn}`);
    }
  }
  const indexed = timePerEvent(arns, (a) => matchResource(runbook, a), 50);
  const linear = timePerEvent(scanned, (a) => linearMatch(runbook, a), 1);
  finish(
    {
      [`match_us_per_event_${label}_patterns`]: round(indexed),
      [`match_us_per_event_${label}_patterns_linear`]: round(linear),
    },
    {
      services: SERVICES,
      patterns,
      accounts: ACCOUNTS,
      regions: REGIONS.length,
      events: EVENTS,
      scannedEvents: SCANNED_EVENTS,
      unmappedShare: 1 / UNMAPPED_EVERY,
      indexBuildMs: round(buildMs),
      speedUp: round(linear / indexed),
    }
  );
};

main();
