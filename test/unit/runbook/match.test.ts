import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arnMatches,
  matchResource,
  type Runbook,
  type Service,
} from '../../../src/runbook/index.js';
import { aRunbook, aService } from '../../helpers/builders.js';

const ACCOUNT = '111122223333';
const DB = `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-db`;

const runbookOf = (...resources: string[][]): Runbook =>
  aRunbook({
    services: resources.map((list, i) =>
      aService({ id: `s${i}`, resources: list })
    ),
  });

/** What matchResource did before the index: two scans in runbook order. */
const linearMatch = (runbook: Runbook, arn: string): Service | undefined =>
  runbook.services.find((s) => s.resources.includes(arn)) ??
  runbook.services.find((s) => s.resources.some((p) => arnMatches(p, arn)));

describe('matchResource', () => {
  it('returns the service that lists the ARN exactly, before any pattern that matches it', () => {
    // Prepare: the pattern's service comes first in the runbook.
    const runbook = runbookOf([`arn:aws:rds:us-east-1:${ACCOUNT}:db:*`], [DB]);

    // Act
    const service = matchResource(runbook, DB);

    // Assess
    expect(service?.id).toBe('s1');
  });

  it('returns the first service in the runbook whose pattern matches', () => {
    // Prepare: the later service's pattern is the longer one.
    const runbook = runbookOf(
      [`arn:aws:rds:*:${ACCOUNT}:db:*`],
      [`arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-*`]
    );

    // Act
    const service = matchResource(runbook, DB);

    // Assess
    expect(service?.id).toBe('s0');
  });

  it.each([
    ['a pattern that starts with *', `*:db:orders-db`],
    ['a wildcard region', `arn:aws:rds:*:${ACCOUNT}:db:orders-db`],
    ['a wildcard account', 'arn:aws:rds:us-east-1:*:db:orders-*'],
    ['several wildcards', 'arn:*:rds:*:*:db:*-db'],
  ])('matches %s', (_, pattern) => {
    // Prepare
    const runbook = runbookOf(
      [`arn:aws:rds:us-east-1:${ACCOUNT}:db:other`],
      [pattern]
    );

    // Act
    const service = matchResource(runbook, DB);

    // Assess
    expect(service?.id).toBe('s1');
  });

  it('returns undefined when no service claims the ARN', () => {
    // Prepare
    const runbook = runbookOf(
      [`arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-db-replica`],
      [`arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-db-*`]
    );

    // Act
    const service = matchResource(runbook, DB);

    // Assess
    expect(service).toBeUndefined();
  });

  it('agrees with a scan of every service for any runbook and ARN', () => {
    // Small alphabets, so patterns and ARNs collide often.
    const part = fc.stringMatching(/^[ab]{0,2}$/);
    const arn = fc
      .tuple(part, part, part)
      .map(
        ([service, region, name]) =>
          `arn:aws:${service}:${region}:${ACCOUNT}:${name}`
      );
    const pattern = fc
      .tuple(arn, fc.array(fc.nat({ max: 40 }), { maxLength: 2 }))
      .map(([text, stars]) => {
        let result = text;
        for (const at of stars) {
          const i = at % (result.length + 1);
          result = `${result.slice(0, i)}*${result.slice(i + 1)}`;
        }
        return result;
      });
    fc.assert(
      fc.property(
        fc.array(fc.array(pattern, { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(arn, { minLength: 1, maxLength: 8 }),
        (resources, arns) => {
          const runbook = runbookOf(...resources);
          for (const a of arns) {
            expect(matchResource(runbook, a)?.id).toBe(
              linearMatch(runbook, a)?.id
            );
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
