import { describe, expect, it } from 'vitest';
import {
  dedupKey,
  groupIncidents,
  orderFindings,
  ROLL_UP_AT,
} from '../../../src/alerts/index.js';
import type {
  AlertRecord,
  CheckId,
  Finding,
} from '../../../src/model/index.js';
import { ORDERS_DB_ARN } from '../../helpers/builders.js';

const A = `${ORDERS_DB_ARN}-a`;
const B = `${ORDERS_DB_ARN}-b`;
const C = `${ORDERS_DB_ARN}-c`;

const aFinding = (
  check: CheckId,
  resource = ORDERS_DB_ARN,
  since = '2026-11-05T02:40:00Z'
): Finding => ({
  service: 'orders-db',
  resource,
  check,
  severity: 'critical',
  status: 'open',
  since: new Date(since),
  summary: `${check} on ${resource}`,
  detail: {},
  runbookUrl: 'https://example.com/orders-db#manual-backup',
});

const anIncident = (
  findings: Finding[],
  overrides: Partial<AlertRecord> = {}
): AlertRecord => ({
  key: { service: 'orders-db', resource: findings[0]?.resource ?? A },
  status: 'open',
  failures: 1,
  silenced: false,
  findings,
  owed: [],
  version: 1,
  ...overrides,
});

/** The work as `[dedup key, checks, merged into]`, for reading. */
const summary = (work: ReturnType<typeof groupIncidents>) =>
  work.map((w) => [
    dedupKey(w.key),
    w.findings.map((f) => `${f.resource.slice(-1)}:${f.check}`),
    w.mergedInto === undefined ? '' : dedupKey(w.mergedInto),
  ]);

describe('orderFindings', () => {
  it('puts the root cause first: failed before missed before RPO', () => {
    // Prepare
    const findings = [
      aFinding('rpo-breached'),
      aFinding('backup-missed'),
      aFinding('backup-failed'),
    ];

    // Act
    const ordered = orderFindings(findings);

    // Assess
    expect(ordered.map((f) => f.check)).toEqual([
      'backup-failed',
      'backup-missed',
      'rpo-breached',
    ]);
  });
});

describe('groupIncidents', () => {
  it('puts every failing check of one resource in one incident', () => {
    // Act
    const work = groupIncidents(
      [aFinding('rpo-breached'), aFinding('backup-failed')],
      'all',
      []
    );

    // Assess
    expect(summary(work)).toEqual([
      [
        `backup-sentinel/orders-db/${ORDERS_DB_ARN}`,
        ['d:backup-failed', 'd:rpo-breached'],
        '',
      ],
    ]);
  });

  it('keeps two failing resources of a service in two incidents', () => {
    // Act
    const work = groupIncidents(
      [aFinding('backup-failed', A), aFinding('backup-failed', B)],
      'all',
      []
    );

    // Assess
    expect(work.map((w) => w.key)).toEqual([
      { service: 'orders-db', resource: A },
      { service: 'orders-db', resource: B },
    ]);
  });

  it(`rolls ${ROLL_UP_AT} failing resources of a service into one incident for the service`, () => {
    // Act
    const work = groupIncidents(
      [A, B, C].map((r) => aFinding('backup-failed', r)),
      'all',
      []
    );

    // Assess
    expect(summary(work)).toEqual([
      [
        'backup-sentinel/orders-db',
        ['a:backup-failed', 'b:backup-failed', 'c:backup-failed'],
        '',
      ],
    ]);
  });

  it('merges the open incidents of the resources a new roll-up takes over', () => {
    // Prepare: A and B were paged on their own; C fails too.
    const active = [
      anIncident([aFinding('backup-failed', A)], { failures: 4 }),
      anIncident([aFinding('backup-failed', B)]),
    ];

    // Act
    const work = groupIncidents(
      [A, B, C].map((r) => aFinding('backup-failed', r)),
      'all',
      active
    );

    // Assess
    expect(summary(work)).toEqual([
      [
        'backup-sentinel/orders-db',
        ['a:backup-failed', 'b:backup-failed', 'c:backup-failed'],
        '',
      ],
      [`backup-sentinel/orders-db/${A}`, [], 'backup-sentinel/orders-db'],
      [`backup-sentinel/orders-db/${B}`, [], 'backup-sentinel/orders-db'],
    ]);
    expect(work[0]?.carriedFailures).toBe(4);
  });

  it('counts the resources still failing in stored incidents when ingest evaluates one resource', () => {
    // Prepare: A and B failing as of the last evaluation; ingest sees C fail.
    const active = [
      anIncident([aFinding('backup-failed', A)]),
      anIncident([aFinding('backup-failed', B)]),
    ];

    // Act
    const work = groupIncidents(
      [aFinding('backup-failed', C)],
      new Set([C]),
      active
    );

    // Assess
    expect(summary(work)[0]).toEqual([
      'backup-sentinel/orders-db',
      ['a:backup-failed', 'b:backup-failed', 'c:backup-failed'],
      '',
    ]);
  });

  it('keeps a roll-up open while any of its resources fails, even below the threshold', () => {
    // Prepare
    const rollUp = anIncident(
      [A, B, C].map((r) => aFinding('backup-failed', r)),
      { key: { service: 'orders-db' } }
    );

    // Act
    const work = groupIncidents([aFinding('rpo-breached', B)], 'all', [rollUp]);

    // Assess
    expect(summary(work)).toEqual([
      ['backup-sentinel/orders-db', ['b:rpo-breached'], ''],
    ]);
  });

  it('leaves the checks of resources an evaluation did not look at where they are', () => {
    // Prepare
    const rollUp = anIncident(
      [A, B, C].map((r) => aFinding('backup-failed', r)),
      { key: { service: 'orders-db' } }
    );

    // Act: ingest saw A back up; B and C were not evaluated.
    const work = groupIncidents([], new Set([A]), [rollUp]);

    // Assess
    expect(summary(work)).toEqual([
      ['backup-sentinel/orders-db', ['b:backup-failed', 'c:backup-failed'], ''],
    ]);
  });

  it('leaves alone a resource incident whose resource was not evaluated', () => {
    // Prepare
    const active = [anIncident([aFinding('backup-failed', A)])];

    // Act
    const work = groupIncidents(
      [aFinding('backup-failed', B)],
      new Set([B]),
      active
    );

    // Assess
    expect(work.map((w) => w.key.resource)).toEqual([B]);
  });

  it('resolves an incident whose checks all pass, and retries one resolved that still owes', () => {
    // Prepare
    const owing = anIncident([aFinding('backup-failed', B)], {
      status: 'resolved',
      owed: [
        {
          channel: 'sns',
          action: 'resolve',
          attempts: 1,
          firstOwedAt: new Date(),
        },
      ],
    });
    const active = [anIncident([aFinding('backup-failed', A)]), owing];

    // Act
    const work = groupIncidents([], 'all', active);

    // Assess
    expect(
      work.map((w) => [w.key.resource, w.findings, w.previous?.status])
    ).toEqual([
      [A, [], 'open'],
      [B, [], 'resolved'],
    ]);
  });
});
