import {
  type AwsOperations,
  type AwsServiceModel,
  awsServiceModel,
  awsServicesCalled,
  type RunbookFiles,
} from '../runbook/index.js';

// The AWS SDK v3 clients this project already installs, by the AWS CLI's
// name for their service, which is also their package's suffix. Each loads
// in about 100 to 250 ms, so only those a runbook calls are loaded.
// Services outside this table (s3, s3api, ec2, lambda, ...) are not
// checked. This lives in the CLI, not in
// src/runbook: esbuild keeps every export of a module that is imported
// dynamically anywhere, even from code it drops, which would put whole
// clients into the Lambda bundles.
const CLIENTS: Record<string, () => Promise<Record<string, unknown>>> = {
  backup: () => import('@aws-sdk/client-backup'),
  cloudwatch: () => import('@aws-sdk/client-cloudwatch'),
  dynamodb: () => import('@aws-sdk/client-dynamodb'),
  rds: () => import('@aws-sdk/client-rds'),
  sesv2: () => import('@aws-sdk/client-sesv2'),
  sns: () => import('@aws-sdk/client-sns'),
  ssm: () => import('@aws-sdk/client-ssm'),
};

/**
 * Returns the operations and waiters of the installed AWS SDK clients whose
 * services the runbook's Markdown files call in code blocks, read from
 * each client's exports (`DescribeDBInstancesCommand`, `waitUntil...`).
 *
 * @param files - the runbook folder's files
 */
const loadAwsOperations = async (
  files: RunbookFiles
): Promise<AwsOperations> => {
  const wanted = awsServicesCalled(files).filter((s) =>
    Object.hasOwn(CLIENTS, s)
  );
  const models = await Promise.all(
    wanted.map(
      async (service): Promise<[string, AwsServiceModel]> => [
        service,
        awsServiceModel(
          `@aws-sdk/client-${service}`,
          await CLIENTS[service]!()
        ),
      ]
    )
  );
  return new Map(models);
};

export { loadAwsOperations };
