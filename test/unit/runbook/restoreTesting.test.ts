import { describe, expect, it } from 'vitest';
import {
  lintRunbook,
  loadRunbook,
  restoreTestingPlanName,
  restoreTestingPlans,
  restoreTestingSettings,
} from '../../../src/runbook/index.js';
import { aRunbook, aService, DAY, HOUR } from '../../helpers/builders.js';
import {
  frontMatter,
  itemRange,
  runbookFiles,
  serviceFile,
} from '../../helpers/runbookFiles.js';

const DB = 'arn:aws:rds:us-east-1:111122223333:db:orders-prod';
const VOLUME = 'arn:aws:ec2:us-east-1:111122223333:volume/*';

const tested = (overrides: Parameters<typeof aService>[0] = {}) =>
  aService({
    resources: [DB],
    ...overrides,
    recovery: {
      rtoMs: HOUR,
      rpoMs: 27 * HOUR,
      restoreTestMs: 30 * DAY,
      ...overrides.recovery,
    },
  });

const withRecovery = (
  id: string,
  recovery: Record<string, unknown>,
  resources?: string[]
) => {
  const front = frontMatter(id);
  return {
    ...front,
    ...(resources !== undefined && { resources }),
    recovery: {
      ...(front.recovery as object),
      restoreTest: '30d',
      ...recovery,
    },
  };
};

describe('restoreTestingPlans', () => {
  it('returns one plan per aws-backup service with restoreTest, selecting its ARNs', () => {
    // Prepare
    const runbook = aRunbook({ services: [tested()] });

    // Act
    const { plans, untested } = restoreTestingPlans(
      runbook,
      'backup-sentinel-prod'
    );

    // Assess
    expect(untested).toEqual([]);
    expect(plans).toEqual([
      expect.objectContaining({
        service: 'orders-db',
        name: 'backup_sentinel_prod_orders_db',
        startWindowHours: 24,
        selectionWindowDays: 2,
        vaults: [],
        selections: [
          {
            name: 'RDS',
            resourceType: 'RDS',
            resourceArns: [DB],
            sources: [DB],
            tags: {},
            metadata: {},
            validationWindowHours: 1,
          },
        ],
      }),
    ]);
  });

  it.each([
    // restoreTest, the schedule's day fields, the longest gap
    [90 * DAY, '1 * ? *', 31 * DAY],
    [30 * DAY, '1,15 * ? *', 17 * DAY],
    [10 * DAY, '? * TUE *', 7 * DAY],
    [2 * DAY, '* * ? *', DAY],
  ])(
    'derives a schedule whose gap, windows and RTO fit restoreTest %d ms',
    (restoreTestMs, days, gapMs) => {
      // Prepare
      const runbook = aRunbook({
        services: [tested({ recovery: { restoreTestMs } })],
      });

      // Act
      const [plan] = restoreTestingPlans(runbook, 'p').plans;

      // Assess
      expect(plan?.schedule).toMatch(
        new RegExp(`^cron\\(\\d+ 6 ${days.replace(/[?*]/g, '\\$&')}\\)$`)
      );
      expect(plan?.scheduleGapMs).toBe(gapMs);
    }
  );

  it('selects by tag, every resource type of the service, when tags are set', () => {
    // Prepare
    const service = tested({
      id: 'app-servers',
      resources: ['arn:aws:ec2:us-east-1:111122223333:instance/*', VOLUME],
      recovery: {
        restoreTesting: {
          tags: { 'backup-plan': 'shop-prod-ec2' },
          vaults: ['shop-prod'],
          metadata: { EBS: { volumetype: 'gp3' } },
        },
      },
    });

    // Act
    const [plan] = restoreTestingPlans(
      aRunbook({ services: [service] }),
      'p'
    ).plans;

    // Assess
    expect(plan?.vaults).toEqual(['shop-prod']);
    expect(plan?.selections).toMatchObject([
      {
        name: 'EC2',
        resourceArns: ['*'],
        tags: { 'backup-plan': 'shop-prod-ec2' },
      },
      {
        name: 'EBS',
        resourceArns: ['*'],
        sources: [VOLUME],
        metadata: { volumetype: 'gp3' },
      },
    ]);
  });

  it('lists what it cannot test: unsupported types and patterns without tags', () => {
    // Prepare
    const service = tested({
      resources: [
        'arn:aws:ssm:us-east-1:111122223333:parameter/shop/*',
        VOLUME,
      ],
    });

    // Act
    const result = restoreTestingPlans(aRunbook({ services: [service] }), 'p');

    // Assess
    expect(result.plans).toEqual([]);
    expect(result.untested).toEqual([
      expect.objectContaining({
        reason: 'unsupported-type',
        resourceType: 'SSM',
      }),
      expect.objectContaining({
        reason: 'pattern-without-tags',
        resourceType: 'EBS',
      }),
    ]);
  });

  it('leaves out services not backed up by AWS Backup or never restore tested', () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        tested({ backup: { automation: 'rds-automated' } }),
        aService({ id: 'untested' }),
      ],
    });

    // Act & Assess
    expect(restoreTestingPlans(runbook, 'p').plans).toEqual([]);
  });

  it('gives no validation window when validation is off', () => {
    // Prepare
    const runbook = aRunbook({
      services: [tested({ recovery: { restoreTesting: { validate: false } } })],
    });

    // Act
    const [plan] = restoreTestingPlans(runbook, 'p').plans;

    // Assess
    expect(plan?.selections[0]).not.toHaveProperty('validationWindowHours');
  });
});

describe('restoreTestingPlanName', () => {
  it('keeps letters, digits and underscores, at most 50', () => {
    // Act
    const long = restoreTestingPlanName(
      'backup-sentinel-production',
      'x'.repeat(60)
    );

    // Assess
    expect(restoreTestingPlanName('backup-sentinel-dev', 'orders-db')).toBe(
      'backup_sentinel_dev_orders_db'
    );
    expect(long).toMatch(/^[A-Za-z0-9_]{1,50}$/);
    expect(long).not.toBe(
      restoreTestingPlanName('backup-sentinel-production', 'x'.repeat(61))
    );
  });
});

describe('restoreTestingSettings', () => {
  it('fills in validation on, every vault and a 10 % tolerance', () => {
    // Act & Assess
    expect(restoreTestingSettings(aService())).toEqual({
      validate: true,
      vaults: [],
      tolerance: 0.1,
      tags: {},
      metadata: {},
    });
  });
});

describe('recovery.restoreTesting in the front matter', () => {
  it('loads overrides, JSON-encoding lists, and the tolerance as a fraction', () => {
    // Prepare
    const files = runbookFiles([
      serviceFile(
        'a',
        withRecovery('a', {
          restoreTesting: {
            tolerance: '5%',
            metadata: {
              RDS: {
                dbSubnetGroupName: 'tests',
                vpcSecurityGroupIds: ['sg-1'],
                port: 3307,
              },
            },
          },
        })
      ),
    ]);

    // Act
    const { runbook, diagnostics } = loadRunbook(files);

    // Assess
    expect(diagnostics).toEqual([]);
    expect(runbook?.services[0]?.recovery.restoreTesting).toEqual({
      tolerance: 0.05,
      metadata: {
        RDS: {
          dbSubnetGroupName: 'tests',
          vpcSecurityGroupIds: '["sg-1"]',
          port: '3307',
        },
      },
    });
  });

  it('rejects a metadata key AWS Backup does not let the type override', () => {
    // Prepare
    const files = runbookFiles([
      serviceFile(
        'a',
        withRecovery('a', {
          restoreTesting: { metadata: { DynamoDB: { targetTableName: 'x' } } },
        })
      ),
    ]);

    // Act
    const { diagnostics } = loadRunbook(files);

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'invalid-value',
        severity: 'error',
        message: expect.stringContaining(
          "does not let restore tests of DynamoDB override 'targetTableName'"
        ),
      },
    ]);
  });
});

describe('lintRunbook on restore testing', () => {
  it('warns at a resource whose type restore testing cannot restore, saying what to do', () => {
    // Prepare
    const parameter = 'arn:aws:ssm:us-east-1:111122223333:parameter/shop/key';
    const file = serviceFile('a', withRecovery('a', {}, [parameter]));

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'restore-test-unsupported',
        severity: 'warning',
        range: itemRange(file.content, parameter),
        message: expect.stringContaining('sentinel ping a --kind restore'),
      },
    ]);
  });

  it('warns at a pattern restore testing cannot select without tags', () => {
    // Prepare
    const file = serviceFile('a', withRecovery('a', {}, [VOLUME]));

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'restore-test-unselectable',
        range: itemRange(file.content, VOLUME),
      },
    ]);
  });

  it('warns when an s3-replication service names no replication rule to measure', () => {
    // Prepare
    const front = frontMatter('a');
    const file = serviceFile('a', {
      ...front,
      resources: ['arn:aws:s3:::acme-assets'],
      backup: { ...(front.backup as object), automation: 's3-replication' },
    });

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics.map((d) => d.code)).toContain(
      'replication-lag-unmeasured'
    );
  });
});
