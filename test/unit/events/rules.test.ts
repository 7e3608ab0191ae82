import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_JOB_STATES,
  COPY_JOB_STATES,
  normalise,
  RDS_EVENTS,
  RECOVERY_POINT_STATES,
  RESTORE_JOB_STATES,
} from '../../../src/events/index.js';
import { fixture, fixturePaths } from '../../helpers/eventFixtures.js';
import { matchesPattern } from '../../helpers/eventPattern.js';

const readRule = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../rules/${name}`, import.meta.url), 'utf8')
  );

const RULES = {
  'aws-backup': readRule('aws-backup.json'),
  rds: readRule('rds.json'),
  'backup-sentinel': readRule('backup-sentinel.json'),
};

const matchingRules = (event: unknown): string[] =>
  Object.entries(RULES)
    .filter(([, pattern]) => matchesPattern(pattern, event))
    .map(([name]) => name);

const eventBridgeFixtures = fixturePaths().filter((path) => {
  const raw = fixture(path) as Record<string, unknown>;
  return 'detail-type' in raw;
});

const tracked = (table: ReadonlyMap<string, unknown>): string[] =>
  [...table]
    .filter(([, state]) => state !== null)
    .map(([raw]) => raw)
    .sort();

interface Branch {
  'detail-type': string[];
  detail: Record<string, unknown[]>;
}
const branches = (name: 'aws-backup' | 'rds'): Branch[] =>
  (RULES[name] as unknown as { $or: Branch[] }).$or;

describe('rules', () => {
  it.each(eventBridgeFixtures)(
    'matches %s with exactly one rule if and only if it is tracked',
    (path) => {
      // Prepare
      const event = fixture(path);
      const result = normalise(event);
      const isTracked = result.ok && result.value.length > 0;

      // Act
      const rules = matchingRules(event);

      // Assess
      expect(rules).toHaveLength(isTracked ? 1 : 0);
    }
  );

  it.each([
    'rds/rds-db-instance-event.RDS-EVENT-0049.failover.json',
    'rds/rds-db-parameter-group-event.RDS-EVENT-0037.json',
    'rds/rds-db-security-group-event.RDS-EVENT-0038.json',
    'rds/rds-db-cluster-event.RDS-EVENT-0173.patched.json',
    's3/s3-eventbridge.Object-Created.json',
    'aws-backup/backup-vault-state-change.DELETED.json',
    'aws-backup/backup-plan-state-change.MODIFIED.json',
    'aws-backup/scan-job-state-change.COMPLETED_WITH_ISSUES.json',
    'aws-backup/recovery-point-index-state-change.FAILED.json',
    'aws-backup/backup-job-state-change.CREATED.json',
    'aws-backup/restore-job-state-change.CREATED.json',
  ])('matches no rule for the irrelevant %s', (path) => {
    // Prepare
    const event = fixture(path);

    // Act
    const rules = matchingRules(event);

    // Assess
    expect(rules).toEqual([]);
  });

  it('needs the status key for restore jobs: a state-only pattern misses them', () => {
    // Prepare
    const event = fixture('aws-backup/restore-job-state-change.COMPLETED.json');
    const naive = { detail: { state: ['COMPLETED'] } };

    // Act
    const naiveMatch = matchesPattern(naive, event);
    const rules = matchingRules(event);

    // Assess
    expect(naiveMatch).toBe(false);
    expect(rules).toEqual(['aws-backup']);
  });

  it('also matches a terminal restore job that reports state, as its CREATED event does', () => {
    // Prepare
    const event = fixture(
      'aws-backup/restore-job-state-change.FAILED.json'
    ) as { detail: Record<string, unknown> };
    const { status, ...rest } = event.detail;
    const withState = { ...event, detail: { ...rest, state: status } };

    // Act
    const rules = matchingRules(withState);

    // Assess
    expect(rules).toEqual(['aws-backup']);
  });

  it('lists exactly the AWS Backup states the normaliser tracks', () => {
    // Prepare
    const expected = {
      'Backup Job State Change': { state: tracked(BACKUP_JOB_STATES) },
      'Copy Job State Change': { state: tracked(COPY_JOB_STATES) },
      'Restore Job State Change': {
        status: tracked(RESTORE_JOB_STATES),
        state: tracked(RESTORE_JOB_STATES),
      },
      'Recovery Point State Change': {
        status: tracked(RECOVERY_POINT_STATES),
      },
    };

    // Act
    const listed: Record<string, Record<string, string[]>> = {};
    for (const branch of branches('aws-backup')) {
      const [type] = branch['detail-type'];
      for (const [key, values] of Object.entries(branch.detail)) {
        listed[type as string] = {
          ...listed[type as string],
          [key]: (values as string[]).slice().sort(),
        };
      }
    }

    // Assess
    expect(listed).toEqual(expected);
  });

  it('lists exactly the RDS EventIDs of RDS_EVENTS, under their detail-types', () => {
    // Prepare
    const typeOf = {
      DB_INSTANCE: 'RDS DB Instance Event',
      SNAPSHOT: 'RDS DB Snapshot Event',
      CLUSTER_SNAPSHOT: 'RDS DB Cluster Snapshot Event',
    };
    const expected: Record<string, string[]> = {};
    for (const [id, meaning] of [...RDS_EVENTS]) {
      const type = typeOf[meaning.sourceType];
      expected[type] = [...(expected[type] ?? []), id].sort();
    }

    // Act
    const listed: Record<string, string[]> = {};
    for (const branch of branches('rds')) {
      const ids = branch.detail.EventID?.filter((v) => typeof v === 'string');
      if (ids === undefined || ids.length === 0) continue;
      const [type] = branch['detail-type'];
      listed[type as string] = (ids as string[]).slice().sort();
    }

    // Assess
    expect(listed).toEqual(expected);
  });
});
