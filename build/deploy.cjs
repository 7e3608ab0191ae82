// CommonJS because osls (`${file(...)}`) and serverless-esbuild (`config:`)
// load build helpers with require(). The runbook code itself is TypeScript,
// imported through tsx, so packaging lints with exactly the code that runs.
const path = require('node:path');

const SERVICE_DIR = path.join(__dirname, '..');

/** One compile per folder and link template: three bundles share it. */
const compiled = new Map();

/**
 * Returns `{ define, parameterNames }` for the runbook in `dir` (relative to
 * the service folder), compiling it once per process.
 *
 * @throws {RunbookCompileError} when the runbook does not lint
 */
const loadDeployRunbook = (dir, links) => {
  const key = JSON.stringify([dir, links ?? '']);
  if (!compiled.has(key)) {
    const loading = import('tsx/esm/api')
      .then(({ tsImport }) => tsImport('./runbook.ts', __filename))
      .then(({ compileDeployRunbook }) =>
        compileDeployRunbook({ dir: path.resolve(SERVICE_DIR, dir), links })
      );
    compiled.set(key, loading);
  }
  return compiled.get(key);
};

// Every name reaching here is validated (runbook schema, bucket and email
// patterns below), so none can hold Fn::Sub's `${`.
const arn = (service, resource) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
});

const parameterArn = (name) =>
  arn('ssm', `parameter/${name.replace(/^\//, '')}`);

/**
 * Returns the CloudFormation fragment that lets ingest and evaluate read the
 * PagerDuty routing keys the runbook's alert routes name, and nothing else:
 * ssm:GetParameter on exactly those parameters, and kms:Decrypt only through
 * SSM and only for them (SSM sets PARAMETER_ARN as the encryption context).
 * The KMS key is any key of the account (`key/*`): aws/ssm's id is not known
 * before deploy, and the encryption-context condition pins the parameters.
 * With no PagerDuty route, the fragment is empty and no policy exists.
 */
const pagerDutyResources = async ({ resolveVariable }) => {
  const dir = await resolveVariable('self:custom.sentinel.runbookDir');
  const links = await resolveVariable('self:custom.sentinel.runbookLinks');
  const { parameterNames } = await loadDeployRunbook(dir, links);
  if (parameterNames.length === 0) return {};
  const arns = parameterNames.map(parameterArn);
  return {
    Resources: {
      PagerDutyRoutingKeysPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'pagerduty-routing-keys',
          Roles: [{ Ref: 'IngestRole' }, { Ref: 'EvaluateRole' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'ReadRoutingKeys',
                Effect: 'Allow',
                Action: ['ssm:GetParameter'],
                Resource: arns,
              },
              {
                Sid: 'DecryptRoutingKeys',
                Effect: 'Allow',
                Action: ['kms:Decrypt'],
                Resource: arn('kms', 'key/*'),
                Condition: {
                  StringEquals: {
                    'kms:ViaService': {
                      'Fn::Sub': `ssm.\${AWS::Region}.amazonaws.com`,
                    },
                    'kms:EncryptionContext:PARAMETER_ARN': arns,
                  },
                },
              },
            ],
          },
        },
      },
    },
  };
};

/** Returns a CloudFormation logical id part: `orders-db` gives `OrdersDb`. */
const pascal = (text) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

/** A vault the runbook names, as restore testing takes it: an ARN. */
const vaultArn = (vault) =>
  vault.startsWith('arn:') ? vault : arn('backup', `backup-vault:${vault}`);

const planResource = (plan) => ({
  Type: 'AWS::Backup::RestoreTestingPlan',
  Properties: {
    RestoreTestingPlanName: plan.name,
    ScheduleExpression: plan.schedule,
    StartWindowHours: plan.startWindowHours,
    RecoveryPointSelection: {
      // The newest recovery point within the RPO: the one a restore today
      // would use. Continuous (point-in-time) ones restore differently.
      Algorithm: 'LATEST_WITHIN_WINDOW',
      RecoveryPointTypes: ['SNAPSHOT'],
      IncludeVaults:
        plan.vaults.length === 0 ? ['*'] : plan.vaults.map(vaultArn),
      SelectionWindowDays: plan.selectionWindowDays,
    },
    Tags: [{ Key: 'service', Value: plan.service }],
  },
});

const selectionResource = (plan, planId, selection) => ({
  Type: 'AWS::Backup::RestoreTestingSelection',
  // The selection names its plan by name, which CloudFormation cannot see.
  DependsOn: planId,
  Properties: {
    RestoreTestingPlanName: plan.name,
    RestoreTestingSelectionName: selection.name,
    IamRoleArn: { 'Fn::GetAtt': ['RestoreTestingRole', 'Arn'] },
    ProtectedResourceType: selection.resourceType,
    ProtectedResourceArns: selection.resourceArns,
    ...(Object.keys(selection.tags).length > 0 && {
      ProtectedResourceConditions: {
        StringEquals: Object.entries(selection.tags).map(([Key, Value]) => ({
          Key,
          Value,
        })),
      },
    }),
    ...(Object.keys(selection.metadata).length > 0 && {
      RestoreMetadataOverrides: selection.metadata,
    }),
    ...(selection.validationWindowHours !== undefined && {
      ValidationWindowHours: selection.validationWindowHours,
    }),
  },
});

/**
 * Returns the CloudFormation fragment of AWS Backup restore testing, from
 * the runbook: one RestoreTestingPlan per `aws-backup` service with
 * `recovery.restoreTest`, one RestoreTestingSelection per resource type it
 * lists, and the role AWS Backup restores them with (AWS's managed restore
 * policy). Empty when no service is restore tested.
 */
const restoreTestingResources = async ({ resolveVariable }) => {
  const dir = await resolveVariable('self:custom.sentinel.runbookDir');
  const links = await resolveVariable('self:custom.sentinel.runbookLinks');
  // restoreTestingPlanName makes a valid name of it, as the validation
  // function does with the same RESTORE_TESTING_PREFIX.
  const prefix = String(
    await resolveVariable('self:custom.sentinel.restoreTestingPrefix')
  );
  const { restoreTesting } = await loadDeployRunbook(dir, links);
  const { plans } = restoreTesting(prefix);
  if (plans.length === 0) return {};
  const resources = {
    RestoreTestingRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description:
          'AWS Backup restores the runbook services restore tests with it.',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'backup.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        ManagedPolicyArns: [
          {
            'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
          },
        ],
      },
    },
  };
  for (const plan of plans) {
    const planId = `RestoreTestingPlan${pascal(plan.service)}`;
    resources[planId] = planResource(plan);
    for (const selection of plan.selections) {
      resources[
        `RestoreTestingSelection${pascal(plan.service)}${pascal(selection.name)}`
      ] = selectionResource(plan, planId, selection);
    }
  }
  // Validation compares a restored table's items with its source's.
  const tables = plans.flatMap((plan) =>
    plan.selections.flatMap((s) =>
      s.resourceType === 'DynamoDB' && s.validationWindowHours !== undefined
        ? s.sources
        : []
    )
  );
  if (tables.length > 0) {
    resources.RestoreValidationSourcesPolicy = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'restore-validation-sources',
        Roles: [{ Ref: 'ValidateRole' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'SourceTables',
              Effect: 'Allow',
              Action: ['dynamodb:DescribeTable'],
              Resource: [...new Set(tables)],
            },
          ],
        },
      },
    };
  }
  return { Resources: resources };
};

// S3's bucket naming rules; a typo here would silently match no bucket.
const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Returns the ARNs of the buckets (the `replicationBuckets` parameter, comma
 * separated) whose replication notifications the queue accepts.
 *
 * @throws {Error} naming a value that is not a valid bucket name
 */
const replicationBucketArns = async ({ resolveVariable }) => {
  const list = await resolveVariable('self:custom.sentinel.replicationBuckets');
  const names = String(list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const bad = names.filter((name) => !BUCKET_NAME.test(name));
  if (bad.length > 0) {
    throw new Error(
      `replicationBuckets must be S3 bucket names separated by commas; not a bucket name: ${bad.join(', ')}`
    );
  }
  return names.map((name) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:s3:::${name}`,
  }));
};

// An SNS topic ARN, any partition and region. FIFO topics (`.fifo`) only
// deliver to FIFO queues, and the replication queue is a standard one.
const TOPIC_ARN =
  /^arn:aws(?:-[a-z]+)*:sns:([a-z]{2}(?:-[a-z]+)+-\d+):\d{12}:[A-Za-z0-9_-]{1,256}$/;

/**
 * Returns the `replicationTopicArns` parameter's ARNs (comma separated).
 *
 * @throws {Error} naming a value that is not a standard SNS topic ARN
 */
const topicArns = async (resolveVariable) => {
  const list = await resolveVariable(
    'self:custom.sentinel.replicationTopicArns'
  );
  const arns = String(list ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  const bad = arns.filter((value) => !TOPIC_ARN.test(value));
  if (bad.length > 0) {
    throw new Error(
      `replicationTopicArns must be standard SNS topic ARNs separated by commas; not one: ${bad.join(', ')}`
    );
  }
  return arns;
};

/**
 * Returns the SNS topics (the `replicationTopicArns` parameter) whose
 * messages the replication queue accepts.
 *
 * @throws {Error} naming a value that is not a standard SNS topic ARN
 */
const replicationTopicArns = async ({ resolveVariable }) =>
  topicArns(resolveVariable);

/**
 * Returns the CloudFormation fragment that subscribes the replication queue
 * to each `replicationTopicArns` topic, in the topic's region, with raw
 * message delivery (ingest also reads SNS-wrapped messages). Empty without
 * topics. A topic of another account must allow this account sns:Subscribe.
 *
 * @throws {Error} naming a value that is not a standard SNS topic ARN
 */
const replicationTopicResources = async ({ resolveVariable }) => {
  const arns = await topicArns(resolveVariable);
  if (arns.length === 0) return {};
  return {
    Resources: Object.fromEntries(
      arns.map((arn, index) => [
        `ReplicationTopicSubscription${index + 1}`,
        {
          Type: 'AWS::SNS::Subscription',
          // Always true here; it tells CloudFormation (and cfn-lint) that the
          // policy this depends on exists whenever the subscription does.
          Condition: 'HasReplicationTopics',
          // SNS delivers only once the queue's policy lets it.
          DependsOn: 'ReplicationQueuePolicy',
          Properties: {
            TopicArn: arn,
            Region: TOPIC_ARN.exec(arn)[1],
            Protocol: 'sqs',
            Endpoint: { 'Fn::GetAtt': ['ReplicationQueue', 'Arn'] },
            RawMessageDelivery: true,
          },
        },
      ])
    ),
  };
};

// config.ts's REPORT_SENDER check, minus `$`: a bad sender fails the deploy,
// not the first report.
const EMAIL = /^[^\s@,;$]+@[^\s@,;$]+\.[^\s@,;$]+$/;

/**
 * Returns the SES identities the report may be sent from: the
 * `reportSender` address and its domain (SES authorises whichever of the
 * two is verified). Empty when no sender is set.
 *
 * @throws {Error} when reportSender is not an email address
 */
const reportSenderIdentityArns = async ({ resolveVariable }) => {
  const sender = String(
    (await resolveVariable('self:custom.sentinel.reportSender')) ?? ''
  ).trim();
  if (sender === '') return [];
  if (!EMAIL.test(sender)) {
    throw new Error(
      `reportSender must be one email address (a verified SES identity), got '${sender}'`
    );
  }
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  return [arn('ses', `identity/${sender}`), arn('ses', `identity/${domain}`)];
};

/** Where the round's definition names the evaluate function. */
const FUNCTION_PLACEHOLDER = 'EVALUATE_FUNCTION_ARN';

/**
 * Returns the evaluation round's state machine definition
 * (build/evaluation-round.asl.json) as a DefinitionString whose
 * placeholders are the evaluate function's ARN. Fn::Join rather than
 * Fn::Sub: a `${...}` here would be read as a variable by osls.
 */
const evaluationRoundDefinition = () => {
  const asl = require('./evaluation-round.asl.json');
  const parts = JSON.stringify(asl).split(FUNCTION_PLACEHOLDER);
  const joined = parts.flatMap((part, i) =>
    i === 0
      ? [part]
      : [{ 'Fn::GetAtt': ['EvaluateLambdaFunction', 'Arn'] }, part]
  );
  return { 'Fn::Join': ['', joined] };
};

module.exports = {
  evaluationRoundDefinition,
  loadDeployRunbook,
  restoreTestingResources,
  pagerDutyResources,
  replicationBucketArns,
  replicationTopicArns,
  replicationTopicResources,
  reportSenderIdentityArns,
};
