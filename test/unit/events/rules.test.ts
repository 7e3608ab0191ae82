import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_JOB_STATES,
  COPY_JOB_STATES,
  normalise,
  RDS_EVENTS,
  RDS_IGNORED_EVENTS,
  type RdsEventMeaning,
  RECOVERY_POINT_STATES,
  RESTORE_JOB_STATES,
} from '../../../src/events/index.js';
import { fixture, fixturePaths } from '../../helpers/eventFixtures.js';
import { matchesPattern } from '../../helpers/eventPattern.js';

const RULES_DIR = new URL('../../../rules/', import.meta.url);

/** The rule that invokes the restore validation function, not ingest. */
const VALIDATION_RULE = 'restore-validation';

/** Every ingest rule file, by name without `.json`, as the stack deploys them. */
const RULES: ReadonlyMap<string, unknown> = new Map(
  readdirSync(RULES_DIR)
    .filter(
      (file) => file.endsWith('.json') && file !== `${VALIDATION_RULE}.json`
    )
    .sort()
    .map((file) => [
      file.replace(/\.json$/, ''),
      JSON.parse(readFileSync(new URL(file, RULES_DIR), 'utf8')),
    ])
);

const matchingRules = (event: unknown): string[] =>
  [...RULES]
    .filter(([, pattern]) => matchesPattern(pattern, event))
    .map(([name]) => name);

const validationRule: unknown = JSON.parse(
  readFileSync(new URL(`${VALIDATION_RULE}.json`, RULES_DIR), 'utf8')
);

const eventBridgeFixtures = fixturePaths().filter((path) => {
  const raw = fixture(path) as Record<string, unknown>;
  return 'detail-type' in raw;
});

const rdsFixtures = fixturePaths().filter((path) => path.startsWith('rds/'));

const tracked = (table: ReadonlyMap<string, unknown>): string[] =>
  [...table]
    .filter(([, state]) => state !== null)
    .map(([raw]) => raw)
    .sort();

interface Branch {
  'detail-type'?: string[];
  detail: Record<string, unknown[]>;
}
interface Rule {
  'detail-type'?: string[];
  $or: Branch[];
}
const rule = (name: string): Rule => RULES.get(name) as Rule;

type SourceType = RdsEventMeaning['sourceType'];

// One rule per RDS detail-type: together they pass EventBridge's default
// event pattern size (2,048 characters, EventBridge quotas).
const RDS_RULES: Record<SourceType, { rule: string; detailType: string }> = {
  DB_INSTANCE: { rule: 'rds', detailType: 'RDS DB Instance Event' },
  SNAPSHOT: { rule: 'rds-snapshot', detailType: 'RDS DB Snapshot Event' },
  CLUSTER_SNAPSHOT: {
    rule: 'rds-cluster-snapshot',
    detailType: 'RDS DB Cluster Snapshot Event',
  },
};

// An event of each source type to vary, with an ARN of its kind.
const RDS_TEMPLATES: Record<SourceType, string> = {
  DB_INSTANCE:
    'rds/rds-db-instance-event.RDS-EVENT-0001.backup-started.RECONSTRUCTED.json',
  SNAPSHOT:
    'rds/rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
  CLUSTER_SNAPSHOT:
    'rds/rds-db-cluster-snapshot-event.RDS-EVENT-0169.automated-created.RECONSTRUCTED.json',
};

type RdsEvent = { detail: Record<string, unknown> };

/** The template of a source type with another message and no EventID. */
const withoutEventId = (sourceType: SourceType, message: string): RdsEvent => {
  const event = fixture(RDS_TEMPLATES[sourceType]) as RdsEvent;
  const { EventID: _, ...detail } = event.detail;
  return { ...event, detail: { ...detail, Message: message } };
};

/**
 * Messages as RDS might send a catalogue entry: placeholders filled in,
 * with and without the final period, fixed text also in other case.
 */
const samples = (form: string): string[] => {
  const filled = form.replace(/<[^>]+>/g, 'orders-db');
  const bare = filled.replace(/\.$/, '');
  return [
    ...new Set(
      form.includes('<') ? [filled, bare] : [filled, bare, bare.toUpperCase()]
    ),
  ];
};

/**
 * The EventBridge matchers for a catalogue message, as the normaliser
 * compares: with and without the final period; fixed text
 * `equals-ignore-case`, text with placeholders a `wildcard`, each
 * placeholder a `*` (one suffices when a placeholder ends the message: its
 * `*` matches the period).
 */
const messageMatchers = (form: string): unknown[] => {
  const bare = form.replace(/\.$/, '');
  const variants =
    form === bare || /<[^>]+>$/.test(bare) ? [bare] : [form, bare];
  return variants.map((variant) =>
    variant.includes('<')
      ? {
          wildcard: variant.replace(/[\\*]/g, '\\$&').replace(/<[^>]+>/g, '*'),
        }
      : { 'equals-ignore-case': variant }
  );
};

const tracksOne = (event: unknown): boolean => {
  const result = normalise(event);
  return result.ok && result.value.length > 0;
};

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

  it.each(eventBridgeFixtures)(
    'sends %s to restore validation only if it is a completed restore test',
    (path) => {
      // Prepare
      const event = fixture(path) as {
        'detail-type': string;
        detail: Record<string, unknown>;
      };
      const completedRestoreTest =
        event['detail-type'] === 'Restore Job State Change' &&
        event.detail.status === 'COMPLETED' &&
        typeof event.detail.restoreTestingPlanArn === 'string';

      // Act
      const matches = matchesPattern(validationRule, event);

      // Assess
      expect(matches).toBe(completedRestoreTest);
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
    for (const branch of rule('aws-backup').$or) {
      const [type] = branch['detail-type'] ?? [];
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

  it('lists exactly the RDS EventIDs of RDS_EVENTS, one rule per detail-type', () => {
    // Prepare
    const expected = Object.entries(RDS_RULES).map(([type, { detailType }]) => [
      detailType,
      [...RDS_EVENTS]
        .filter(([, meaning]) => meaning.sourceType === type)
        .map(([id]) => id)
        .sort(),
    ]);

    // Act
    const listed = Object.values(RDS_RULES).map(({ rule: name }) => {
      const { $or, 'detail-type': types } = rule(name);
      const ids = $or.flatMap((b) =>
        (b.detail.EventID ?? []).filter((v) => typeof v === 'string')
      );
      return [types?.join(), ids.sort()];
    });

    // Assess
    expect(listed).toEqual(expected);
  });

  it('lists exactly the catalogue messages of RDS_EVENTS for events without an EventID', () => {
    // Prepare
    const expected = Object.keys(RDS_RULES).map((type) =>
      [...RDS_EVENTS.values()]
        .filter((meaning) => meaning.sourceType === type)
        .flatMap((m) => [m.meaning, ...(m.observed ?? [])])
        .flatMap(messageMatchers)
    );

    // Act
    const listed = Object.values(RDS_RULES).map(({ rule: name }) => {
      const branch = rule(name).$or.find((b) => b.detail.Message !== undefined);
      expect(branch?.detail.EventID).toEqual([{ exists: false }]);
      return branch?.detail.Message;
    });

    // Assess
    expect(listed).toEqual(expected);
  });

  it.each(rdsFixtures)(
    'matches %s without its EventID with exactly one rule if and only if it is tracked',
    (path) => {
      // Prepare: AWS's schema registry lists no EventID for snapshot events
      const event = fixture(path) as RdsEvent;
      const { EventID: _, ...detail } = event.detail;
      const withoutId = { ...event, detail };

      // Act
      const rules = matchingRules(withoutId);

      // Assess
      expect(rules).toHaveLength(tracksOne(withoutId) ? 1 : 0);
    }
  );

  it.each(
    [...RDS_EVENTS].flatMap(([id, meaning]) =>
      [meaning.meaning, ...(meaning.observed ?? [])]
        .flatMap(samples)
        .map((message) => [id, message, meaning.sourceType] as const)
    )
  )(
    'tracks %s from its message alone (%s), which one rule delivers',
    (id, message, sourceType) => {
      // Prepare
      const event = withoutEventId(sourceType, message);

      // Act
      const result = normalise(event);
      const rules = matchingRules(event);

      // Assess
      expect(result).toMatchObject({
        ok: true,
        value: [{ id: expect.stringMatching(`:message:${id}$`) }],
      });
      expect(rules).toEqual([RDS_RULES[sourceType].rule]);
    }
  );

  it.each(
    RDS_IGNORED_EVENTS.flatMap((ignored) =>
      samples(ignored.message).map(
        (message) => [ignored.sourceType, message] as const
      )
    )
  )(
    'ignores the %s event %s on purpose, and no rule delivers it',
    (sourceType, message) => {
      // Prepare
      const event = withoutEventId(sourceType, message);

      // Act
      const result = normalise(event);
      const rules = matchingRules(event);

      // Assess
      expect(result).toEqual({
        ok: true,
        value: [],
        ignored: expect.any(String),
      });
      expect(rules).toEqual([]);
    }
  );

  it.each(['SNAPSHOT', 'CLUSTER_SNAPSHOT'] as const)(
    'rejects a %s message the catalogue does not have, and no rule delivers it',
    (sourceType) => {
      // Prepare
      const event = withoutEventId(sourceType, 'Snapshot teleported.');

      // Act
      const result = normalise(event);
      const rules = matchingRules(event);

      // Assess
      expect(result).toMatchObject({
        ok: false,
        issues: [{ path: 'detail.Message' }],
      });
      expect(rules).toEqual([]);
    }
  );

  it.each([...RULES.keys()])(
    'keeps %s within the default event pattern size of 2,048 characters',
    (name) => {
      // Act
      const size = JSON.stringify(RULES.get(name)).length;

      // Assess
      expect(size).toBeLessThanOrEqual(2048);
    }
  );
});
