import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InMemoryHistoryStore,
  TABLE_DEFINITION,
  TTL_ATTRIBUTE,
} from '../../src/history/index.js';
import { weekScoresPk } from '../../src/history/keys.js';
import {
  loadConfig,
  runEvaluation,
  runEvaluationStep,
} from '../../src/monitor/index.js';
import type { Runbook } from '../../src/runbook/index.js';
import {
  loadRunbook,
  readRunbookDir,
  restoreTestingPlans,
} from '../../src/runbook/index.js';
import { type Machine, runMachine } from './stateMachine.js';
import { readZip } from './zip.js';

// One `osls package` of the real serverless.yml, offline, with dummy
// credentials; every test below reads what it wrote.

const REPO = resolve(import.meta.dirname, '../..');
const OSLS = join(REPO, 'node_modules/osls/bin/serverless.js');
const NOW = new Date('2026-11-05T03:00:00Z');
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const STAGE = 'dev';
const PREFIX = `backup-sentinel-${STAGE}`;
const LINKS = 'https://runbooks.example.com/{service}.html#{section}';
const BUCKETS = ['shop-assets', 'shop-logs'];
const TOPICS = [
  `arn:aws:sns:${REGION}:${ACCOUNT}:shop-bucket-events`,
  'arn:aws:sns:us-west-2:210987654321:shop-dr-bucket-events',
];
const SENDER = 'reports@example.com';
const RECIPIENTS = 'cto@example.com,audit@example.com';
/** Issue 8's target for each function's minified bundle. */
const BUNDLE_BUDGET_BYTES = 600 * 1024;
const FUNCTIONS = ['ingest', 'evaluate', 'report', 'validate'] as const;

/**
 * The only actions a role may grant on `*`: AWS authorises them on no
 * resource ARN, so any other Resource would grant nothing.
 */
const ACTIONS_ON_NO_RESOURCE = new Set([
  'cloudwatch:GetMetricData',
  'ec2:DescribeVolumes',
  'ec2:DescribeInstances',
  'backup:GetRestoreJobMetadata',
  'backup:PutRestoreValidationResult',
]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface CfnResource {
  Type: string;
  Condition?: string;
  Properties: JsonObject;
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: Json;
  Principal?: Json;
  Condition?: Record<string, Record<string, Json>>;
}

interface OslsRun {
  code: number;
  output: string;
}

const run = promisify(execFile);

const osls = async (
  args: string[],
  env: Record<string, string>
): Promise<OslsRun> => {
  const { SENTINEL_RUNBOOK_DIR: _, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [OSLS, ...args], {
      cwd: REPO,
      env: {
        ...inherited,
        // No network: dummy credentials, never used by `package`.
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        AWS_REGION: REGION,
        ...env,
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    };
  }
};

let work: string;
let packaged: OslsRun;
let broken: OslsRun;
let template: {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: Json }>;
};
let resources: Record<string, CfnResource>;
let runbook: Runbook;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sentinel-deploy-'));
  const brokenRunbook = join(work, 'broken-runbook');
  await cp(join(REPO, 'runbook'), brokenRunbook, { recursive: true });
  const ordersDb = join(brokenRunbook, 'services/orders-db.md');
  const text = await readFile(ordersDb, 'utf8');
  await writeFile(ordersDb, text.replace(/^tier: .*$/m, 'tier: platinum'));

  const common = ['package', '--stage', STAGE, '--region', REGION];
  // Folders of their own, so concurrent packagings never share files.
  const workFolder = (name: string): Record<string, string> => ({
    SENTINEL_ESBUILD_WORK_FOLDER: join(work, `esbuild-${name}`),
  });
  [packaged, broken] = await Promise.all([
    osls(
      [
        ...common,
        '--package',
        join(work, 'package'),
        `--param=runbookLinks=${LINKS}`,
        `--param=replicationBuckets=${BUCKETS.join(',')}`,
        `--param=replicationTopicArns=${TOPICS.join(',')}`,
        `--param=reportSender=${SENDER}`,
        `--param=reportRecipients=${RECIPIENTS}`,
        '--param=alertEmail=oncall@example.com',
      ],
      workFolder('good')
    ),
    osls([...common, '--package', join(work, 'broken')], {
      ...workFolder('broken'),
      SENTINEL_RUNBOOK_DIR: brokenRunbook,
    }),
  ]);
  if (packaged.code !== 0) {
    throw new Error(`osls package failed:\n${packaged.output}`);
  }
  template = JSON.parse(
    await readFile(
      join(work, 'package/cloudformation-template-update-stack.json'),
      'utf8'
    )
  );
  resources = template.Resources;
  const loaded = loadRunbook(await readRunbookDir(join(REPO, 'runbook')));
  if (loaded.runbook === undefined) throw new Error('runbook/ does not load');
  runbook = loaded.runbook;
}, 120_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const ofType = (type: string): [string, CfnResource][] =>
  Object.entries(resources).filter(([, r]) => r.Type === type);

const resource = (id: string): CfnResource => {
  const found = resources[id];
  if (found === undefined) throw new Error(`no resource ${id}`);
  return found;
};

const functionId = (name: string): string =>
  `${name[0]?.toUpperCase()}${name.slice(1)}LambdaFunction`;

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ Ref: X }` or `{ Fn::GetAtt: [X, attr] }` -> X. */
const target = (value: Json | undefined): string | undefined => {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string'
    ? getAtt[0]
    : undefined;
};

/** A policy's statements, with both branches of a conditional one. */
const statementsOf = (document: Json | undefined): Statement[] => {
  if (!isObject(document)) return [];
  return asList(document.Statement as Json[]).flatMap((s) => {
    if (isObject(s) && Array.isArray(s['Fn::If'])) {
      return s['Fn::If']
        .slice(1)
        .filter((b) => !(isObject(b) && b.Ref === 'AWS::NoValue'));
    }
    return [s];
  }) as unknown as Statement[];
};

/** Every statement that grants the role something, from any policy. */
const roleStatements = (roleId: string): Statement[] => {
  const inline = asList(resource(roleId).Properties.Policies as Json[]).flatMap(
    (p) => statementsOf(isObject(p) ? p.PolicyDocument : undefined)
  );
  const attached = ofType('AWS::IAM::Policy')
    .filter(([, p]) =>
      asList(p.Properties.Roles as Json[]).some((r) => target(r) === roleId)
    )
    .flatMap(([, p]) => statementsOf(p.Properties.PolicyDocument));
  return [...inline, ...attached];
};

const actionsOf = (statements: Statement[]): string[] =>
  [...new Set(statements.flatMap((s) => asList(s.Action)))].sort();

/** Substitutes plausible deployed values for the template's references. */
const deployedValue = (value: Json): string => {
  if (typeof value === 'string') return value;
  const id = target(value);
  const referenced = id === undefined ? undefined : resources[id];
  if (referenced?.Type === 'AWS::SNS::Topic') {
    return `arn:aws:sns:${REGION}:${ACCOUNT}:${referenced.Properties.TopicName}`;
  }
  if (referenced?.Type === 'AWS::DynamoDB::Table') {
    return String(referenced.Properties.TableName);
  }
  throw new Error(`no stand-in for environment value ${JSON.stringify(value)}`);
};

const environmentOf = (name: string): Record<string, string> => {
  const { Environment } = resource(functionId(name)).Properties;
  const variables = isObject(Environment) ? Environment.Variables : undefined;
  return Object.fromEntries(
    Object.entries(isObject(variables) ? variables : {}).map(([k, v]) => [
      k,
      deployedValue(v),
    ])
  );
};

describe('osls package', () => {
  it('gives every rules/ file one EventBridge rule with the same pattern, targeting ingest (restore tests: validate)', async () => {
    // Prepare
    const files = (await readdir(join(REPO, 'rules'))).filter((f) =>
      f.endsWith('.json')
    );
    const patterned = ofType('AWS::Events::Rule').filter(
      ([, r]) => r.Properties.EventPattern !== undefined
    );

    // Act
    const byName = new Map(
      patterned.map(([, r]) => [String(r.Properties.Name), r])
    );

    // Assess
    expect(files.length).toBeGreaterThan(0);
    expect(patterned).toHaveLength(files.length);
    for (const file of files) {
      const rule = byName.get(`${PREFIX}-${file.replace(/\.json$/, '')}`);
      const pattern = JSON.parse(
        await readFile(join(REPO, 'rules', file), 'utf8')
      );
      expect(rule?.Properties.EventPattern, file).toEqual(pattern);
      const targets = asList(rule?.Properties.Targets as Json[]);
      expect(targets.map((t) => target(isObject(t) ? t.Arn : null))).toEqual([
        file === 'restore-validation.json'
          ? 'ValidateLambdaFunction'
          : 'IngestLambdaFunction',
      ]);
    }
  });

  it('sends every failed asynchronous invocation and undeliverable event to an SQS queue that allows it', () => {
    // Prepare
    const queues = new Set(ofType('AWS::SQS::Queue').map(([id]) => id));
    const invokeConfigs = ofType('AWS::Lambda::EventInvokeConfig');
    const rules = ofType('AWS::Events::Rule');
    const queuePolicy = resource('FailedInvocationsQueuePolicy');
    const allowedRules = JSON.stringify(
      statementsOf(queuePolicy.Properties.PolicyDocument)
    );

    // Act
    // evaluate is invoked synchronously by the round's state machine.
    const asynchronous = FUNCTIONS.filter((name) => name !== 'evaluate');
    const destinations = asynchronous.map((name) => {
      const config = invokeConfigs.find(
        ([, c]) => target(c.Properties.FunctionName) === functionId(name)
      );
      const destination = config?.[1].Properties.DestinationConfig;
      const onFailure = isObject(destination) ? destination.OnFailure : null;
      return target(isObject(onFailure) ? onFailure.Destination : null);
    });
    const deadLetters = rules.flatMap(([, r]) =>
      asList(r.Properties.Targets as Json[]).map((t) => {
        const config = isObject(t) ? t.DeadLetterConfig : null;
        return target(isObject(config) ? config.Arn : null);
      })
    );

    // Assess
    for (const queue of [...destinations, ...deadLetters]) {
      expect(queue !== undefined && queues.has(queue), String(queue)).toBe(
        true
      );
    }
    // aws-backup, rds, rds-snapshot, rds-cluster-snapshot, backup-sentinel,
    // restore-validation, evaluate, report
    expect(rules).toHaveLength(8);
    for (const [, rule] of rules) {
      expect(allowedRules).toContain(`:rule/${rule.Properties.Name}"`);
    }
    const mapping = ofType('AWS::Lambda::EventSourceMapping');
    expect(mapping).toHaveLength(1);
    const source = resource(
      target(mapping[0]?.[1].Properties.EventSourceArn) ?? ''
    );
    const redrive = source.Properties.RedrivePolicy;
    expect(
      queues.has(
        target(isObject(redrive) ? redrive.deadLetterTargetArn : null) ?? ''
      )
    ).toBe(true);
    expect(mapping[0]?.[1].Properties.FunctionResponseTypes).toEqual([
      'ReportBatchItemFailures',
    ]);
  });

  it("outputs a reporter policy that may only put the product's own reports on the bus", () => {
    // Prepare
    const policy = resource('ReporterPolicy');
    const rule = JSON.parse(
      readFileSync(join(REPO, 'rules/backup-sentinel.json'), 'utf8')
    );

    // Act
    const statements = statementsOf(policy.Properties.PolicyDocument);

    // Assess
    expect(policy.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Condition: {
          StringEquals: {
            'events:source': rule.source[0],
            'events:detail-type': rule['detail-type'],
          },
        },
      }),
    ]);
    expect(JSON.stringify(statements[0]?.Resource)).toContain(
      'event-bus/default'
    );
    expect(template.Outputs?.ReporterPolicyArn?.Value).toEqual({
      Ref: 'ReporterPolicy',
    });
  });

  it('creates the table from TABLE_DEFINITION with TTL, point-in-time recovery and encryption', () => {
    // Prepare
    const [[, table] = []] = ofType('AWS::DynamoDB::Table');

    // Act
    const properties = table?.Properties ?? {};

    // Assess
    expect(properties).toMatchObject(
      JSON.parse(JSON.stringify(TABLE_DEFINITION))
    );
    expect(properties.TimeToLiveSpecification).toEqual({
      AttributeName: TTL_ATTRIBUTE,
      Enabled: true,
    });
    expect(properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(properties.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('encrypts both topics, with a key CloudWatch alarms may use for alerts', () => {
    // Prepare
    const topics = ofType('AWS::SNS::Topic');
    const alertsKey = target(resource('AlertsTopic').Properties.KmsMasterKeyId);

    // Act
    const keyStatements = statementsOf(
      resource(alertsKey ?? '').Properties.KeyPolicy
    );

    // Assess
    expect(topics.map(([id]) => id).sort()).toEqual([
      'AlertsTopic',
      'ReportsTopic',
    ]);
    for (const [, topic] of topics) {
      expect(topic.Properties.KmsMasterKeyId).toBeTruthy();
    }
    expect(
      keyStatements.find(
        (s) =>
          JSON.stringify(s.Principal) ===
          '{"Service":"cloudwatch.amazonaws.com"}'
      )?.Action
    ).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
  });

  it('grants no wildcard action, and no wildcard resource but to actions that take none', () => {
    // Prepare
    const roles = ofType('AWS::IAM::Role').map(([id]) => id);

    // Act
    const statements = roles.flatMap(roleStatements);
    const resourcePolicies = [
      ...ofType('AWS::SQS::QueuePolicy'),
      ...ofType('AWS::KMS::Key'),
    ].flatMap(([, r]) =>
      statementsOf(r.Properties.PolicyDocument ?? r.Properties.KeyPolicy)
    );

    // Assess
    expect(statements.length).toBeGreaterThan(10);
    for (const s of [...statements, ...resourcePolicies]) {
      for (const action of asList(s.Action)) {
        expect(action, s.Sid).not.toMatch(/^\*$|:\*$/);
      }
    }
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      if (asList(s.Resource).includes('*')) {
        expect(
          asList(s.Action).every((a) => ACTIONS_ON_NO_RESOURCE.has(a)),
          s.Sid
        ).toBe(true);
      }
      expect(s.Resource, s.Sid).toBeDefined();
    }
  });

  it('gives each function its own role with only the calls its code makes', () => {
    // Prepare
    const roleOf = (name: string): string =>
      target(resource(functionId(name)).Properties.Role) ?? '';

    // Act
    const actions = Object.fromEntries(
      FUNCTIONS.map((name) => [name, actionsOf(roleStatements(roleOf(name)))])
    );

    // Assess
    expect(new Set(FUNCTIONS.map(roleOf)).size).toBe(FUNCTIONS.length);
    expect(resources.IamRoleLambdaExecution).toBeUndefined();
    expect(actions.ingest).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'kms:Decrypt',
      'kms:GenerateDataKey*',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sns:Publish',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
      'sqs:SendMessage',
      'ssm:GetParameter',
    ]);
    // Evaluate alone reads CloudWatch: S3 replication lag. It sends to no
    // queue: the state machine invokes it and catches its failures.
    expect(actions.evaluate).toEqual(
      [
        'cloudwatch:GetMetricData',
        ...(actions.ingest ?? []).filter(
          (a) =>
            ![
              'sqs:DeleteMessage',
              'sqs:GetQueueAttributes',
              'sqs:ReceiveMessage',
              'sqs:SendMessage',
            ].includes(a)
        ),
      ].sort()
    );
    // Validation reads what restore tests restored and the source tables
    // it compares them with, reports to AWS Backup with its two calls, and
    // records the outcome as a Restore Report: nothing else.
    expect(actions.validate).toEqual([
      'backup:GetRestoreJobMetadata',
      'backup:PutRestoreValidationResult',
      'dynamodb:DescribeTable',
      'dynamodb:Scan',
      'ec2:DescribeInstances',
      'ec2:DescribeVolumes',
      'elasticfilesystem:DescribeFileSystems',
      'events:PutEvents',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'rds:DescribeDBClusters',
      'rds:DescribeDBInstances',
      's3:ListBucket',
      'sqs:SendMessage',
    ]);
    // The report reads the history and writes only the scores it keeps.
    expect(actions.report).toEqual([
      'dynamodb:PutItem',
      'dynamodb:Query',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'ses:SendEmail',
      'sns:Publish',
      'sqs:SendMessage',
    ]);
    const puts = roleStatements(roleOf('report')).filter((st) =>
      asList(st.Action).includes('dynamodb:PutItem')
    );
    expect(puts).toEqual([
      expect.objectContaining({
        Resource: { 'Fn::GetAtt': ['HistoryTable', 'Arn'] },
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SCORES#*'] },
        },
      }),
    ]);
    expect(weekScoresPk('2026-10-26T00:00:00.000Z')).toMatch(/^SCORES#/);
  });

  it("narrows queries to the table and GSI1, and publishing to each function's topic", () => {
    // Prepare
    const index = { 'Fn::Sub': `\${HistoryTable.Arn}/index/GSI1` };
    const grants = (name: string, action: string): Json[] =>
      roleStatements(`${functionId(name).replace('LambdaFunction', 'Role')}`)
        .filter((s) => asList(s.Action).includes(action))
        .flatMap((s) => asList(s.Resource));

    // Act
    const queries = FUNCTIONS.map((name) => grants(name, 'dynamodb:Query'));
    const publishes = FUNCTIONS.map((name) => grants(name, 'sns:Publish'));

    // Assess
    expect(queries).toEqual([
      [index],
      [index],
      [{ 'Fn::GetAtt': ['HistoryTable', 'Arn'] }, index],
      [],
    ]);
    expect(publishes).toEqual([
      [{ Ref: 'AlertsTopic' }],
      [{ Ref: 'AlertsTopic' }],
      [{ Ref: 'ReportsTopic' }],
      [],
    ]);
  });

  it("creates a restore testing plan and selections for each of the runbook's restore-tested aws-backup services", () => {
    // Prepare
    const expected = restoreTestingPlans(runbook, PREFIX).plans;

    // Act
    const plans = ofType('AWS::Backup::RestoreTestingPlan').map(
      ([, p]) => p.Properties
    );
    const selections = ofType('AWS::Backup::RestoreTestingSelection').map(
      ([, s]) => s.Properties
    );

    // Assess
    expect(expected.map((p) => p.service)).toEqual([
      'app-servers',
      'carts',
      'orders-db',
    ]);
    expect(plans).toEqual(
      expected.map((plan) =>
        expect.objectContaining({
          RestoreTestingPlanName: plan.name,
          ScheduleExpression: plan.schedule,
          RecoveryPointSelection: expect.objectContaining({
            Algorithm: 'LATEST_WITHIN_WINDOW',
            IncludeVaults: [
              {
                'Fn::Sub': `arn:\${AWS::Partition}:backup:\${AWS::Region}:\${AWS::AccountId}:backup-vault:shop-prod`,
              },
            ],
          }),
        })
      )
    );
    expect(selections).toContainEqual(
      expect.objectContaining({
        RestoreTestingPlanName: 'backup_sentinel_dev_orders_db',
        ProtectedResourceType: 'RDS',
        ProtectedResourceArns: [
          'arn:aws:rds:us-east-1:111122223333:db:orders-prod',
        ],
        RestoreMetadataOverrides: {
          dbSubnetGroupName: 'shop-restore-tests',
          vpcSecurityGroupIds: '["sg-0f1e2d3c4b5a69788"]',
        },
        ValidationWindowHours: 1,
        IamRoleArn: { 'Fn::GetAtt': ['RestoreTestingRole', 'Arn'] },
      })
    );
    expect(selections).toHaveLength(4); // app-servers EC2 and EBS, carts, orders-db
    const role = resource('RestoreTestingRole').Properties;
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain(
      'backup.amazonaws.com'
    );
  });

  it('tells the validation function which plans are this deployment’s', () => {
    // Act
    const environment = environmentOf('validate');

    // Assess
    expect(environment.RESTORE_TESTING_PREFIX).toBe(PREFIX);
  });

  it('lets ingest and evaluate read exactly the SSM parameters the alert routes name', () => {
    // Prepare
    const names = [
      ...new Set(
        Object.values(runbook.alerts).flatMap((r) =>
          r.pagerduty === undefined ? [] : [r.pagerduty]
        )
      ),
    ].sort();
    const arns = names.map((n) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${n.replace(/^\//, '')}`,
    }));
    const policy = resource('PagerDutyRoutingKeysPolicy');

    // Act
    const [read, decrypt] = statementsOf(policy.Properties.PolicyDocument);

    // Assess
    expect(names.length).toBeGreaterThan(0);
    expect(asList(policy.Properties.Roles as Json[]).map(target)).toEqual([
      'IngestRole',
      'EvaluateRole',
    ]);
    expect(read).toMatchObject({
      Action: ['ssm:GetParameter'],
      Resource: arns,
    });
    expect(decrypt?.Action).toEqual(['kms:Decrypt']);
    expect(decrypt?.Condition?.StringEquals).toEqual({
      'kms:ViaService': { 'Fn::Sub': `ssm.\${AWS::Region}.amazonaws.com` },
      'kms:EncryptionContext:PARAMETER_ARN': arns,
    });
  });

  it('accepts S3 notifications only from the named buckets of this account', () => {
    // Prepare
    const policy = resource('ReplicationQueuePolicy');

    // Act
    const [statement] = statementsOf(policy.Properties.PolicyDocument);

    // Assess
    expect(statement).toMatchObject({
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: {
        ArnLike: {
          'aws:SourceArn': BUCKETS.map((b) => ({
            'Fn::Sub': `arn:\${AWS::Partition}:s3:::${b}`,
          })),
        },
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      },
    });
  });

  it('subscribes the queue to the named SNS topics and accepts messages from them alone', () => {
    // Prepare
    const policy = resource('ReplicationQueuePolicy');
    const subscriptions = ofType('AWS::SNS::Subscription').filter(
      ([, s]) => s.Properties.Protocol === 'sqs'
    );

    // Act
    const [, fromTopics] = statementsOf(policy.Properties.PolicyDocument);

    // Assess
    expect(fromTopics).toMatchObject({
      Sid: 'SnsReplicationNotifications',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': ['ReplicationQueue', 'Arn'] },
      Condition: { ArnEquals: { 'aws:SourceArn': TOPICS } },
    });
    expect(subscriptions.map(([, s]) => s.Properties)).toEqual(
      TOPICS.map((arn) => ({
        TopicArn: arn,
        Region: arn.split(':')[3],
        Protocol: 'sqs',
        Endpoint: { 'Fn::GetAtt': ['ReplicationQueue', 'Arn'] },
        RawMessageDelivery: true,
      }))
    );
  });

  it("protects the history table from deletion and tags it with the backup plan the runbook's sentinel-history names", async () => {
    // Prepare
    const [[, table] = []] = ofType('AWS::DynamoDB::Table');
    const page = await readFile(
      join(REPO, 'runbook/services/sentinel-history.md'),
      'utf8'
    );
    const named = [
      ...page.matchAll(
        /Key=backup-plan,Value=([\w.-]+)|backup-plan=([\w.-]+)/g
      ),
    ].map((m) => m[1] ?? m[2]);

    // Act
    const tags = Object.fromEntries(
      asList(table?.Properties.Tags as Json[]).map((t) =>
        isObject(t) ? [t.Key, t.Value] : []
      )
    );

    // Assess
    expect(table?.Properties.DeletionProtectionEnabled).toBe(true);
    expect(tags).toEqual({
      'backup-plan': 'shop-prod',
      service: 'backup-sentinel',
    });
    expect(named).toContain(tags['backup-plan']);
    expect(page).toContain('--no-deletion-protection-enabled');
  });

  it('sets exactly the environment loadConfig reads, and it loads', async () => {
    // Prepare
    const source = await readFile(join(REPO, 'src/monitor/config.ts'), 'utf8');

    // Act
    const configs = Object.fromEntries(
      FUNCTIONS.map((name) => [
        name,
        loadConfig({ ...environmentOf(name), AWS_REGION: REGION }),
      ])
    );

    // Assess
    for (const name of FUNCTIONS) {
      for (const variable of Object.keys(environmentOf(name))) {
        expect(source, `${name}: ${variable}`).toContain(`'${variable}'`);
      }
      expect(configs[name]?.tableName).toBe(`${PREFIX}-history`);
    }
    const alerts = `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-alerts`;
    expect(configs.ingest?.channels.alertsTopicArn).toBe(alerts);
    expect(configs.evaluate?.channels.alertsTopicArn).toBe(alerts);
    expect(configs.report?.report).toMatchObject({
      topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-reports`,
      sender: SENDER,
      recipients: RECIPIENTS.split(','),
    });
  });

  it("alarms on each function's errors, each dead-letter queue, a missing heartbeat, a failed round and pages that do not go out", async () => {
    // Prepare
    const alarms = ofType('AWS::CloudWatch::Alarm').map(
      ([, a]) => a.Properties
    );
    const emitted: string[] = [];
    const metrics = {
      addMetric: (name: string) => emitted.push(name),
      publishStoredMetrics: () => undefined,
    };
    await runEvaluation(
      { store: new InMemoryHistoryStore(), runbook, channels: [], metrics },
      NOW
    );
    const deadLetterQueues = [
      'FailedInvocationsQueue',
      'ReplicationDeadLetterQueue',
    ];
    const evaluateEnv = environmentOf('evaluate');

    // Act
    const heartbeat = alarms.find((a) => a.TreatMissingData === 'breaching');

    // Assess
    for (const name of FUNCTIONS) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [
            { Name: 'FunctionName', Value: { Ref: functionId(name) } },
          ],
          AlarmActions: [{ Ref: 'AlertsTopic' }],
        })
      );
    }
    for (const queue of deadLetterQueues) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [
            {
              Name: 'QueueName',
              Value: { 'Fn::GetAtt': [queue, 'QueueName'] },
            },
          ],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        })
      );
    }
    expect(emitted).toContain(heartbeat?.MetricName);
    expect(heartbeat).toMatchObject({
      // The name the README and the sentinel-history runbook page tell people to look for.
      AlarmName: `${PREFIX}-heartbeat-missing`,
      Namespace: evaluateEnv.POWERTOOLS_METRICS_NAMESPACE,
      Dimensions: [
        { Name: 'service', Value: evaluateEnv.POWERTOOLS_SERVICE_NAME },
      ],
      ComparisonOperator: 'LessThanThreshold',
      AlarmActions: [{ Ref: 'AlertsTopic' }],
    });
    // Longer than one 15-minute evaluation, so one late run does not page.
    expect(
      Number(heartbeat?.Period) * Number(heartbeat?.EvaluationPeriods)
    ).toBeGreaterThan(900);
    const deliveries = alarms.find((a) => a.MetricName === 'FailedDeliveries');
    expect(emitted).toContain('FailedDeliveries');
    expect(deliveries).toMatchObject({
      AlarmName: `${PREFIX}-failed-deliveries`,
      Namespace: evaluateEnv.POWERTOOLS_METRICS_NAMESPACE,
      Dimensions: [
        { Name: 'service', Value: evaluateEnv.POWERTOOLS_SERVICE_NAME },
      ],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: 'AlertsTopic' }],
    });
    // Two evaluations in a row: one PagerDuty blip, retried, does not page.
    expect(deliveries?.DatapointsToAlarm).toBe(2);
    expect(deliveries?.Period).toBe(900);
    // A failed or timed-out round alarms at once, before the heartbeat does.
    const rounds = alarms.find(
      (a) => a.AlarmName === `${PREFIX}-evaluation-round-failed`
    );
    const roundMetrics = asList(rounds?.Metrics as Json[]) as {
      MetricStat?: { Metric: Json; Stat: string };
      Expression?: string;
      ReturnData: boolean;
    }[];
    expect(
      roundMetrics.flatMap((m) => (m.MetricStat ? [m.MetricStat] : []))
    ).toEqual(
      ['ExecutionsFailed', 'ExecutionsTimedOut'].map((MetricName) =>
        expect.objectContaining({
          Metric: {
            Namespace: 'AWS/States',
            MetricName,
            Dimensions: [
              { Name: 'StateMachineArn', Value: { Ref: 'EvaluationRound' } },
            ],
          },
          Stat: 'Sum',
        })
      )
    );
    expect(roundMetrics.filter((m) => m.ReturnData)).toEqual([
      expect.objectContaining({
        Expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
      }),
    ]);
    expect(rounds).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: 'AlertsTopic' }],
    });
  });

  it('starts an Express round every 15 minutes whose only call is to evaluate, with least-privilege roles', () => {
    // Prepare
    const machine = resource('EvaluationRound');
    const schedule = resource('EvaluateSchedule');
    const [ruleTarget] = asList(schedule.Properties.Targets as Json[]);
    const joined = machine.Properties.DefinitionString;
    const parts = isObject(joined) ? (joined['Fn::Join'] as Json[]) : [];

    // Act
    const pieces = asList(parts[1] as Json[]);
    const functions = new Set(pieces.filter(isObject).map(target));
    const text = pieces.filter((p) => typeof p === 'string').join('');

    // Assess
    expect(machine.Properties.StateMachineType).toBe('EXPRESS');
    expect([...functions]).toEqual([functionId('evaluate')]);
    expect(text).not.toContain('EVALUATE_FUNCTION_ARN');
    expect(schedule.Properties.ScheduleExpression).toBe('rate(15 minutes)');
    expect(isObject(ruleTarget) && target(ruleTarget.Arn)).toBe(
      'EvaluationRound'
    );
    expect(roleStatements('EvaluationRoundRole')).toEqual([
      expect.objectContaining({
        Action: ['lambda:InvokeFunction'],
        Resource: { 'Fn::GetAtt': [functionId('evaluate'), 'Arn'] },
      }),
    ]);
    expect(roleStatements('EvaluateScheduleRole')).toEqual([
      expect.objectContaining({
        Action: ['states:StartExecution'],
        Resource: { Ref: 'EvaluationRound' },
      }),
    ]);
  });

  it('runs the round: the heartbeat is written when every shard reported, and withheld when one failed', async () => {
    // Prepare
    const joined = resource('EvaluationRound').Properties.DefinitionString;
    const parts = isObject(joined) ? asList(joined['Fn::Join'] as Json[]) : [];
    const definition = JSON.parse(
      asList(parts[1] as Json[])
        .map((p) => (typeof p === 'string' ? p : 'arn:evaluate'))
        .join('')
    ) as Machine;
    const round = async (failShard: number | undefined) => {
      const store = new InMemoryHistoryStore();
      const deps = { store, runbook, channels: [] };
      const invoked: unknown[] = [];
      const output = runMachine(definition, {}, (payload) => {
        invoked.push(payload);
        const shard = isObject(payload as Json)
          ? (payload as { shard?: { index: number } }).shard
          : undefined;
        if (shard !== undefined && shard.index === failShard) {
          const error = new Error('Task timed out after 90.00 seconds');
          error.name = 'Sandbox.Timedout';
          return Promise.reject(error);
        }
        return runEvaluationStep(deps, payload, undefined, NOW);
      });
      return { output, store, invoked };
    };

    // Act
    const complete = await round(undefined);
    const failed = await round(0);

    // Assess
    await expect(complete.output).resolves.toMatchObject({
      services: runbook.services.length,
      errors: 0,
    });
    expect(await complete.store.getHeartbeat()).toMatchObject({ at: NOW });
    expect(complete.invoked.map((p) => (p as { step: string }).step)).toEqual([
      'plan',
      'shard',
      'finish',
    ]);
    await expect(failed.output).rejects.toMatchObject({
      name: 'RoundIncompleteError',
      missing: [0],
    });
    expect(await failed.store.getHeartbeat()).toBeUndefined();
  });

  it('fails with the lint report when the runbook does not lint', () => {
    // Assess
    expect(broken.code).not.toBe(0);
    // The lint report names the file, the line and column, and the value.
    expect(broken.output).toMatch(
      /broken-runbook\/services\/orders-db\.md:\d+:\d+: .*'tier'.*'platinum'/
    );
    expect(broken.output).not.toContain('Service packaged');
  });
});

describe('the function bundles', () => {
  const bundles = new Map<string, Buffer>();

  beforeAll(async () => {
    for (const name of FUNCTIONS) {
      const path = join(work, 'package', `${name}.zip`);
      const entries = await readZip(path);
      const main = entries.find((e) => e.name === `handlers/${name}.mjs`);
      if (main === undefined) throw new Error(`${path} has no handler`);
      const zipBytes = (await readFile(path)).length;
      console.log(
        `${name}: ${name}.zip ${(zipBytes / 1024).toFixed(0)} KB, handlers/${name}.mjs ${(main.content.length / 1024).toFixed(0)} KB, ${entries.length} file(s)`
      );
      bundles.set(name, main.content);
    }
  });

  it('hold one minified ESM file each, with the runbook and link template compiled in', () => {
    // Assess
    for (const name of FUNCTIONS) {
      const code = bundles.get(name)?.toString('utf8') ?? '';
      expect(
        code.startsWith("import { createRequire } from 'node:module';")
      ).toBe(true);
      // Minified: config.ts's module-local helpers lose their names.
      expect(code).not.toContain('positiveInteger');
      expect(code).toContain(LINKS);
      expect(code).toContain('orders-db');
    }
  });

  it('leave out what Lambda never runs: node-fetch, foreign zod locales, the SSO/INI credential chain', () => {
    // Assess
    for (const name of FUNCTIONS) {
      const code = bundles.get(name)?.toString('utf8') ?? '';
      expect(code).not.toContain('node-fetch');
      expect(code).not.toContain('Ungültige Eingabe'); // zod's German locale
      expect(code).not.toContain('sso_start_url');
    }
  });

  it("stay within issue 8's 600 KB budget", () => {
    // Assess
    for (const name of FUNCTIONS) {
      const size = bundles.get(name)?.length ?? Number.NaN;
      expect(size, name).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    }
  });

  it('load in a fresh Node process and export a handler', async () => {
    // Prepare
    const dir = join(work, 'unzipped');
    await mkdir(join(dir, 'handlers'), { recursive: true });
    const paths = await Promise.all(
      FUNCTIONS.map(async (name) => {
        const path = join(dir, `handlers/${name}.mjs`);
        await writeFile(path, bundles.get(name) ?? '');
        return { name, path };
      })
    );

    // Act
    const loaded = await Promise.all(
      paths.map(async ({ name, path }) => {
        const { stdout } = await run(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            'const m = await import(process.env.BUNDLE); console.log(Object.keys(m).join(","), typeof m.handler);',
          ],
          {
            // No node_modules beside the bundle: it must need none.
            cwd: dir,
            env: {
              PATH: process.env.PATH ?? '',
              BUNDLE: path,
              ...environmentOf(name),
              AWS_REGION: REGION,
            },
          }
        );
        return stdout.trim();
      })
    );

    // Assess
    expect(loaded).toEqual(FUNCTIONS.map(() => 'handler function'));
  });
});
