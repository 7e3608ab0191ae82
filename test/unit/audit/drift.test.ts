import { describe, expect, it } from 'vitest';
import {
  checkCoverage,
  checkPlanDrift,
  checkRdsRetention,
  findDrift,
  sameSchedule,
} from '../../../src/audit/index.js';
import {
  aBackupJob,
  aDbCluster,
  aDbInstance,
  anInventory,
  aPlanInventory,
  aRule,
  NOW,
  PLAN_ARN,
} from '../../helpers/auditResponses.js';
import {
  ACCOUNT,
  aRunbook,
  aService,
  DAY,
  HOUR,
  ORDERS_DB_ARN,
  REGION,
} from '../../helpers/builders.js';

const MANUAL_BACKUP_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup';

describe('sameSchedule', () => {
  it('treats ? and * written either way as the same daily schedule', () => {
    // Prepare
    const plan = { expression: 'cron(0 2 ? * * *)', timezone: 'Etc/UTC' };
    const runbook = { expression: 'cron(0 2 * * ? *)', timezone: 'UTC' };

    // Act
    const same = sameSchedule(plan, runbook, NOW);

    // Assess
    expect(same).toBe(true);
  });

  it('tells 02:00 Berlin time from 02:00 UTC', () => {
    // Prepare
    const plan = { expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Berlin' };
    const runbook = { expression: 'cron(0 2 * * ? *)', timezone: 'UTC' };

    // Act
    const same = sameSchedule(plan, runbook, NOW);

    // Assess
    expect(same).toBe(false);
  });

  it('treats an expression it cannot read as different', () => {
    // Prepare
    const plan = { expression: 'cron(banana)', timezone: 'UTC' };
    const runbook = { expression: 'cron(0 2 * * ? *)', timezone: 'UTC' };

    // Act
    const same = sameSchedule(plan, runbook, NOW);

    // Assess
    expect(same).toBe(false);
  });
});

describe('checkPlanDrift', () => {
  it('returns [] when the plan keeps every promise of the runbook', () => {
    // Prepare
    const inventory = anInventory({ plans: [aPlanInventory()] });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings).toEqual([]);
  });

  it('returns a schedule drift when no rule runs at the runbook time', () => {
    // Prepare
    const inventory = anInventory({
      plans: [
        aPlanInventory([aRule({ ScheduleExpression: 'cron(0 5 ? * * *)' })]),
      ],
    });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings).toContainEqual({
      service: 'orders-db',
      resource: PLAN_ARN,
      check: 'config-drift',
      severity: 'critical',
      status: 'open',
      since: NOW,
      summary:
        "orders-db: backup plan 'orders-daily' has no rule that runs daily at 02:00 UTC as the runbook says (rules: 'DailyBackups' daily at 05:00 Etc/UTC)",
      detail: {
        aspect: 'schedule',
        expected: 'cron(0 2 * * ? *) UTC (daily at 02:00 UTC)',
        actual: "'DailyBackups' daily at 05:00 Etc/UTC",
        plan: 'orders-daily',
        planArn: PLAN_ARN,
        rule: null,
        region: REGION,
      },
      runbookUrl: MANUAL_BACKUP_URL,
    });
  });

  it('still compares the windows of a plan with one rule on another schedule', () => {
    // Prepare
    const inventory = anInventory({
      plans: [
        aPlanInventory([
          aRule({
            ScheduleExpression: 'cron(0 5 ? * * *)',
            StartWindowMinutes: 480,
          }),
        ]),
      ],
    });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings.map((f) => f.detail.aspect)).toEqual([
      'schedule',
      'start-window',
    ]);
  });

  it('returns a window drift with expected and actual', () => {
    // Prepare
    const inventory = anInventory({
      plans: [aPlanInventory([aRule({ CompletionWindowMinutes: 10_080 })])],
    });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      summary:
        "orders-db: backup plan 'orders-daily' rule 'DailyBackups' has a completion window of 7 d, the runbook says 2 h",
      detail: {
        aspect: 'completion-window',
        expected: '2 h',
        actual: '7 d',
        rule: 'DailyBackups',
      },
    });
  });

  it("uses AWS Backup's 8-hour default for a rule without a start window", () => {
    // Prepare
    const inventory = anInventory({
      plans: [aPlanInventory([aRule({ StartWindowMinutes: undefined })])],
    });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings.map((f) => f.detail)).toMatchObject([
      { aspect: 'start-window', expected: '1 h', actual: '8 h' },
    ]);
  });

  it('returns a retention drift when the lifecycle deletes sooner', () => {
    // Prepare
    const inventory = anInventory({
      plans: [aPlanInventory([aRule({ Lifecycle: { DeleteAfterDays: 7 } })])],
    });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]?.summary).toBe(
      "orders-db: backup plan 'orders-daily' rule 'DailyBackups' keeps recovery points for 7 d, the runbook says 35 d"
    );
    expect(findings[0]?.detail).toMatchObject({
      aspect: 'retention',
      expected: '35 d',
      actual: '7 d',
    });
  });

  it('returns a retention drift when the rule has no lifecycle at all', () => {
    // Prepare
    const inventory = anInventory({
      plans: [aPlanInventory([aRule({ Lifecycle: undefined })])],
    });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings[0]?.detail).toMatchObject({
      aspect: 'retention',
      actual: 'forever',
    });
  });

  it('returns a copy drift naming the region the runbook expects and the plan lacks', () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        aService({ backup: { copies: [{ region: 'eu-central-1' }] } }),
      ],
    });
    const inventory = anInventory({ plans: [aPlanInventory()] });

    // Act
    const findings = checkPlanDrift(runbook, inventory, NOW);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      summary:
        "orders-db: backup plan 'orders-daily' rule 'DailyBackups' has copies to eu-central-1 missing",
      detail: { aspect: 'copies', expected: 'eu-central-1', actual: 'none' },
    });
  });

  it('returns [] when the copy action goes to the expected region', () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        aService({ backup: { copies: [{ region: 'eu-central-1' }] } }),
      ],
    });
    const rule = aRule({
      CopyActions: [
        {
          DestinationBackupVaultArn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:dr`,
          Lifecycle: { DeleteAfterDays: 35 },
        },
      ],
    });
    const inventory = anInventory({ plans: [aPlanInventory([rule])] });

    // Act
    const findings = checkPlanDrift(runbook, inventory, NOW);

    // Assess
    expect(findings).toEqual([]);
  });

  it('finds the plan through its backup jobs when the selection is by tag', () => {
    // Prepare
    const plan = aPlanInventory(
      [aRule({ Lifecycle: { DeleteAfterDays: 7 } })],
      []
    );
    const inventory = anInventory({
      plans: [plan],
      backupJobs: [aBackupJob('2026-03-01')],
    });

    // Act
    const findings = checkPlanDrift(aRunbook(), inventory, NOW);

    // Assess
    expect(findings.map((f) => f.detail.aspect)).toEqual(['retention']);
  });

  it('ignores plans that select none of the service resources', () => {
    // Prepare
    const plan = aPlanInventory(
      [aRule({ ScheduleExpression: 'cron(0 5 ? * * *)' })],
      [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/carts`]
    );
    const runbook = aRunbook();

    // Act
    const findings = checkPlanDrift(
      runbook,
      anInventory({ plans: [plan] }),
      NOW
    );

    // Assess
    expect(findings).toEqual([]);
  });

  it('matches a wildcard selection to the service it covers', () => {
    // Prepare
    const plan = aPlanInventory(
      [aRule({ StartWindowMinutes: 120 })],
      [`arn:aws:rds:${REGION}:${ACCOUNT}:db:*`]
    );

    // Act
    const findings = checkPlanDrift(
      aRunbook(),
      anInventory({ plans: [plan] }),
      NOW
    );

    // Assess
    expect(findings.map((f) => f.detail.aspect)).toEqual(['start-window']);
  });
});

describe('checkRdsRetention', () => {
  const rdsRunbook = aRunbook({
    services: [
      aService({
        backup: { automation: 'rds-automated', retentionMs: 7 * DAY },
      }),
    ],
  });

  it('returns [] when RDS keeps automated backups as long as the runbook says', () => {
    // Prepare
    const inventory = anInventory({
      dbInstances: [aDbInstance('orders-prod')],
    });

    // Act
    const findings = checkRdsRetention(rdsRunbook, inventory, NOW);

    // Assess
    expect(findings).toEqual([]);
  });

  it('returns a drift when automated backups are off (retention 0)', () => {
    // Prepare
    const inventory = anInventory({
      dbInstances: [aDbInstance('orders-prod', { BackupRetentionPeriod: 0 })],
    });

    // Act
    const findings = checkRdsRetention(rdsRunbook, inventory, NOW);

    // Assess
    expect(findings).toEqual([
      {
        service: 'orders-db',
        resource: ORDERS_DB_ARN,
        check: 'config-drift',
        severity: 'critical',
        status: 'open',
        since: NOW,
        summary:
          'orders-db: automated backups of orders-prod are disabled (BackupRetentionPeriod 0), but the runbook relies on them (retention 7 d)',
        detail: {
          aspect: 'automated-backups-disabled',
          expected: '7 d',
          actual: 'disabled',
          backupRetentionPeriodDays: 0,
          region: REGION,
        },
        runbookUrl: MANUAL_BACKUP_URL,
      },
    ]);
  });

  it('returns a drift when the retention period differs', () => {
    // Prepare
    const inventory = anInventory({
      dbInstances: [aDbInstance('orders-prod', { BackupRetentionPeriod: 1 })],
    });

    // Act
    const findings = checkRdsRetention(rdsRunbook, inventory, NOW);

    // Assess
    expect(findings[0]?.detail).toMatchObject({
      aspect: 'retention',
      expected: '7 d',
      actual: '24 h',
    });
  });

  it('reads a cluster setting for a service that claims the cluster', () => {
    // Prepare
    const clusterArn = `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:catalog`;
    const runbook = aRunbook({
      services: [
        aService({
          id: 'catalog-db',
          resources: [clusterArn],
          backup: { automation: 'rds-automated', retentionMs: 14 * DAY },
        }),
      ],
    });
    const inventory = anInventory({
      dbClusters: [aDbCluster('catalog')],
      dbInstances: [
        aDbInstance('catalog-1', {
          DBClusterIdentifier: 'catalog',
          BackupRetentionPeriod: 1,
        }),
      ],
    });

    // Act
    const findings = checkRdsRetention(runbook, inventory, NOW);

    // Assess
    expect(findings.map((f) => [f.resource, f.detail.actual])).toEqual([
      [clusterArn, '7 d'],
    ]);
  });

  it('leaves services that AWS Backup protects to the plan checks', () => {
    // Prepare
    const inventory = anInventory({
      dbInstances: [aDbInstance('orders-prod', { BackupRetentionPeriod: 0 })],
    });

    // Act
    const findings = checkRdsRetention(aRunbook(), inventory, NOW);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('checkCoverage', () => {
  it('returns [] when a plan selects every runbook resource and nothing else', () => {
    // Prepare
    const inventories = [anInventory({ plans: [aPlanInventory()] })];

    // Act
    const findings = checkCoverage(aRunbook(), inventories, NOW);

    // Assess
    expect(findings).toEqual([]);
  });

  it('returns unmapped-resource for a selected ARN no service claims', () => {
    // Prepare
    const carts = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/carts`;
    const inventories = [
      anInventory({
        plans: [aPlanInventory([aRule()], [ORDERS_DB_ARN, carts])],
      }),
    ];

    // Act
    const findings = checkCoverage(aRunbook(), inventories, NOW);

    // Assess
    expect(findings).toEqual([
      {
        service: 'unmapped',
        resource: carts,
        check: 'unmapped-resource',
        severity: 'warning',
        status: 'open',
        since: NOW,
        summary:
          'carts: backup plan selection orders-daily/orders-resources backs it up, but no runbook service claims it',
        detail: {
          aspect: 'coverage',
          expected: 'claimed by a runbook service',
          actual: 'claimed by none',
          selections: 'orders-daily/orders-resources',
        },
        runbookUrl: 'https://github.com/acme/shop/blob/main/runbook/',
      },
    ]);
  });

  it('returns config-drift for a runbook resource no plan selects', () => {
    // Prepare
    const inventories = [
      anInventory({
        plans: [
          aPlanInventory(
            [aRule()],
            [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/carts`]
          ),
        ],
      }),
    ];
    const runbook = aRunbook({
      services: [
        aService(),
        aService({
          id: 'carts',
          resources: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/carts`],
        }),
      ],
    });

    // Act
    const findings = checkCoverage(runbook, inventories, NOW);

    // Assess
    expect(findings).toEqual([
      {
        service: 'orders-db',
        resource: ORDERS_DB_ARN,
        check: 'config-drift',
        severity: 'critical',
        status: 'open',
        since: NOW,
        summary:
          'orders-db: no AWS Backup plan selects orders-prod, but the runbook says AWS Backup backs it up',
        detail: {
          aspect: 'coverage',
          expected: 'selected by a backup plan',
          actual: 'selected by none',
          regions: REGION,
          tagSelections: 0,
        },
        runbookUrl: MANUAL_BACKUP_URL,
      },
    ]);
  });

  it('counts a resource a plan backed up as selected, even by tag', () => {
    // Prepare
    const plan = aPlanInventory([aRule()], []);
    plan.selections[0]!.selection.ListOfTags = [
      {
        ConditionType: 'STRINGEQUALS',
        ConditionKey: 'backup',
        ConditionValue: 'daily',
      },
    ];
    const inventories = [
      anInventory({ plans: [plan], backupJobs: [aBackupJob('2026-03-01')] }),
    ];

    // Act
    const findings = checkCoverage(aRunbook(), inventories, NOW);

    // Assess
    expect(findings).toEqual([]);
  });

  it('says how many tag-based selections it could not check', () => {
    // Prepare
    const plan = aPlanInventory([aRule()], []);
    plan.selections[0]!.selection.ListOfTags = [
      {
        ConditionType: 'STRINGEQUALS',
        ConditionKey: 'backup',
        ConditionValue: 'daily',
      },
    ];

    // Act
    const findings = checkCoverage(
      aRunbook(),
      [anInventory({ plans: [plan] })],
      NOW
    );

    // Assess
    expect(findings[0]?.summary).toContain(
      '(1 tag-based selection could not be checked)'
    );
  });

  it('honours NotResources', () => {
    // Prepare
    const plan = aPlanInventory(
      [aRule()],
      [`arn:aws:rds:${REGION}:${ACCOUNT}:db:*`]
    );
    plan.selections[0]!.selection.NotResources = [ORDERS_DB_ARN];

    // Act
    const findings = checkCoverage(
      aRunbook(),
      [anInventory({ plans: [plan] })],
      NOW
    );

    // Assess
    expect(findings.map((f) => f.detail.aspect)).toEqual(['coverage']);
  });

  it('does not judge resources in regions that were not audited', () => {
    // Prepare
    const inventories = [anInventory({ region: 'us-east-1' })];

    // Act
    const findings = checkCoverage(aRunbook(), inventories, NOW);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('findDrift', () => {
  it('returns plan, RDS and coverage findings together', () => {
    // Prepare
    const runbook = aRunbook({
      services: [
        aService({ backup: { startWindowMs: 2 * HOUR } }),
        aService({
          id: 'billing-db',
          resources: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:billing`],
          backup: { automation: 'rds-automated', retentionMs: 7 * DAY },
        }),
      ],
    });
    const inventories = [
      anInventory({
        plans: [aPlanInventory()],
        dbInstances: [aDbInstance('billing', { BackupRetentionPeriod: 0 })],
      }),
    ];

    // Act
    const findings = findDrift(runbook, inventories, NOW);

    // Assess
    expect(findings.map((f) => [f.service, f.detail.aspect])).toEqual([
      ['orders-db', 'start-window'],
      ['billing-db', 'automated-backups-disabled'],
    ]);
  });
});
