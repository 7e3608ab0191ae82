import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDeployRunbook } from '../../build/runbook.js';
import type { Runbook } from '../../src/runbook/index.js';
import { RunbookCompileError } from '../../src/runbook/index.js';

const REPO = resolve(import.meta.dirname, '../..');
const RUNBOOK = join(REPO, 'runbook');
const LINKS = 'https://runbooks.example.com/{service}.html#{section}';

type Resolve = (name: string) => Promise<string>;
type Variables = { resolveVariable: Resolve };
// The osls side of build/: CommonJS, loaded the way osls loads it.
const deploy = createRequire(import.meta.url)('../../build/deploy.cjs') as {
  pagerDutyResources(v: Variables): Promise<Record<string, unknown>>;
  restoreTestingResources(v: Variables): Promise<{
    Resources?: Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
  }>;
  replicationBucketArns(v: Variables): Promise<unknown[]>;
  replicationTopicArns(v: Variables): Promise<string[]>;
  replicationTopicResources(v: Variables): Promise<Record<string, unknown>>;
  reportSenderIdentityArns(v: Variables): Promise<unknown[]>;
};

const variables = (values: Record<string, string>): Variables => ({
  resolveVariable: async (name) =>
    values[name.replace(/^self:custom\.sentinel\./, '')] ?? '',
});

const runbookOf = (define: Record<string, string>): Runbook =>
  JSON.parse(define.__SENTINEL_RUNBOOK__ ?? 'null');

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sentinel-runbook-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A copy of runbook/ with runbook.yml passed through `edit`. */
const runbookWith = async (
  name: string,
  edit: (yml: string) => string
): Promise<string> => {
  const dir = join(work, name);
  await cp(RUNBOOK, dir, { recursive: true });
  const yml = join(dir, 'runbook.yml');
  await writeFile(yml, edit(await readFile(yml, 'utf8')));
  return dir;
};

describe('compileDeployRunbook', () => {
  it('returns the define of the runbook and the SSM parameters its routes name', async () => {
    // Act
    const { define, parameterNames } = await compileDeployRunbook({
      dir: RUNBOOK,
    });

    // Assess
    expect(runbookOf(define).services.map((s) => s.id)).toContain('orders-db');
    expect(parameterNames).toEqual([
      '/backup-sentinel/pagerduty/data',
      '/backup-sentinel/pagerduty/payments',
      '/backup-sentinel/pagerduty/platform',
    ]);
  });

  it('replaces the link template', async () => {
    // Act
    const { define } = await compileDeployRunbook({
      dir: RUNBOOK,
      links: LINKS,
    });

    // Assess
    expect(runbookOf(define).links).toBe(LINKS);
  });

  it('throws RunbookCompileError naming the file when the runbook does not lint', async () => {
    // Prepare
    const dir = await runbookWith('broken', (yml) =>
      yml.replace('renotify: 24h', 'renotify: often')
    );

    // Act
    const compiling = compileDeployRunbook({ dir });

    // Assess
    await expect(compiling).rejects.toThrow(RunbookCompileError);
    await expect(compiling).rejects.toThrow(/runbook\.yml:\d+:\d+: /);
  });
});

describe('pagerDutyResources', () => {
  it('returns no policy when no alert route pages PagerDuty', async () => {
    // Prepare
    const dir = await runbookWith('email-only', (yml) =>
      yml.replace(/^\s+pagerduty: .*\n/gm, '')
    );

    // Act
    const fragment = await deploy.pagerDutyResources(
      variables({ runbookDir: dir })
    );

    // Assess
    expect(fragment).toEqual({});
  });
});

describe('restoreTestingResources', () => {
  it('returns the plans, selections, restore role and source-table policy, named with the prefix', async () => {
    // Act
    const { Resources = {} } = await deploy.restoreTestingResources(
      variables({
        runbookDir: RUNBOOK,
        restoreTestingPrefix: 'backup-sentinel-prod',
      })
    );

    // Assess
    expect(
      Object.entries(Resources).map(([id, r]) => `${id} ${r.Type}`)
    ).toEqual([
      'RestoreTestingRole AWS::IAM::Role',
      'RestoreTestingPlanAppServers AWS::Backup::RestoreTestingPlan',
      'RestoreTestingSelectionAppServersEC2 AWS::Backup::RestoreTestingSelection',
      'RestoreTestingSelectionAppServersEBS AWS::Backup::RestoreTestingSelection',
      'RestoreTestingPlanCarts AWS::Backup::RestoreTestingPlan',
      'RestoreTestingSelectionCartsDynamoDB AWS::Backup::RestoreTestingSelection',
      'RestoreTestingPlanOrdersDb AWS::Backup::RestoreTestingPlan',
      'RestoreTestingSelectionOrdersDbRDS AWS::Backup::RestoreTestingSelection',
      'RestoreValidationSourcesPolicy AWS::IAM::Policy',
    ]);
    expect(
      Resources.RestoreTestingPlanCarts?.Properties.RestoreTestingPlanName
    ).toBe('backup_sentinel_prod_carts');
  });

  it('returns nothing when no service is restore tested', async () => {
    // Prepare
    const dir = await runbookWith('untested', (yml) => yml);
    for (const id of ['app-servers', 'carts', 'orders-db']) {
      const file = join(dir, 'services', `${id}.md`);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/^ {2}restoreTest: .*\n/m, ''));
    }

    // Act
    const fragment = await deploy.restoreTestingResources(
      variables({ runbookDir: dir, restoreTestingPrefix: 'p' })
    );

    // Assess
    expect(fragment).toEqual({});
  });
});

describe('replicationBucketArns', () => {
  it('returns one ARN per bucket, ignoring spaces and empty items', async () => {
    // Act
    const arns = await deploy.replicationBucketArns(
      variables({ replicationBuckets: ' shop-assets, ,shop.logs ' })
    );

    // Assess
    expect(arns).toEqual([
      { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::shop-assets` },
      { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::shop.logs` },
    ]);
  });

  it('throws naming a value that is not a bucket name', async () => {
    // Act
    const resolving = deploy.replicationBucketArns(
      variables({ replicationBuckets: 'shop-assets,Shop_Logs' })
    );

    // Assess
    await expect(resolving).rejects.toThrow(/not a bucket name: Shop_Logs$/);
  });
});

describe('replicationTopicArns', () => {
  it('returns the topic ARNs, ignoring spaces and empty items', async () => {
    // Act
    const arns = await deploy.replicationTopicArns(
      variables({
        replicationTopicArns:
          ' arn:aws:sns:us-east-1:111122223333:bucket-events, ,arn:aws-us-gov:sns:us-gov-west-1:111122223333:b ',
      })
    );

    // Assess
    expect(arns).toEqual([
      'arn:aws:sns:us-east-1:111122223333:bucket-events',
      'arn:aws-us-gov:sns:us-gov-west-1:111122223333:b',
    ]);
  });

  it.each([
    ['a bucket name', 'shop-assets'],
    ['a FIFO topic', 'arn:aws:sns:us-east-1:111122223333:events.fifo'],
    ['a queue', 'arn:aws:sqs:us-east-1:111122223333:events'],
  ])('throws naming %s', async (_, value) => {
    // Act
    const resolving = deploy.replicationTopicArns(
      variables({ replicationTopicArns: value })
    );

    // Assess
    await expect(resolving).rejects.toThrow(`not one: ${value}`);
  });
});

describe('replicationTopicResources', () => {
  it("subscribes the queue to each topic in the topic's region, once its policy exists", async () => {
    // Act
    const fragment = await deploy.replicationTopicResources(
      variables({
        replicationTopicArns: 'arn:aws:sns:eu-west-1:111122223333:events',
      })
    );

    // Assess
    expect(fragment).toEqual({
      Resources: {
        ReplicationTopicSubscription1: {
          Type: 'AWS::SNS::Subscription',
          Condition: 'HasReplicationTopics',
          DependsOn: 'ReplicationQueuePolicy',
          Properties: {
            TopicArn: 'arn:aws:sns:eu-west-1:111122223333:events',
            Region: 'eu-west-1',
            Protocol: 'sqs',
            Endpoint: { 'Fn::GetAtt': ['ReplicationQueue', 'Arn'] },
            RawMessageDelivery: true,
          },
        },
      },
    });
  });

  it('returns nothing without topics', async () => {
    // Act
    const fragment = await deploy.replicationTopicResources(variables({}));

    // Assess
    expect(fragment).toEqual({});
  });
});

describe('reportSenderIdentityArns', () => {
  it('returns the address and its domain as SES identities', async () => {
    // Act
    const arns = await deploy.reportSenderIdentityArns(
      variables({ reportSender: 'reports@mail.example.com' })
    );

    // Assess
    expect(arns).toEqual([
      {
        'Fn::Sub': `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/reports@mail.example.com`,
      },
      {
        'Fn::Sub': `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/mail.example.com`,
      },
    ]);
  });

  it('returns nothing when no sender is set', async () => {
    // Act
    const arns = await deploy.reportSenderIdentityArns(variables({}));

    // Assess
    expect(arns).toEqual([]);
  });

  it('throws when the sender is not one email address', async () => {
    // Act
    const resolving = deploy.reportSenderIdentityArns(
      variables({ reportSender: 'a@example.com,b@example.com' })
    );

    // Assess
    await expect(resolving).rejects.toThrow(/must be one email address/);
  });
});
