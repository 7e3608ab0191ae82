import { Logger } from '@aws-lambda-powertools/logger';
import {
  BackupClient,
  GetRestoreJobMetadataCommand,
  PutRestoreValidationResultCommand,
} from '@aws-sdk/client-backup';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import {
  EventBridgeClient,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import type { Runbook } from '../runbook/index.js';
import type { Config } from './config.js';
import { ReportNotSentError } from './reporter.js';
import { type RestoreReaderClients, restoreReader } from './restoreReaders.js';
import type { RestoreJobs, ValidationDeps } from './validate.js';

// Apart from clients.ts, so only the validation bundle carries these clients.
// Not createReporter: its profile support would add the INI credential chain
// (57 KB), and Lambda retries a failed invocation anyway.

/** Clients a caller may supply instead of the ones built from the config. */
interface ValidationClientOverrides extends Partial<RestoreReaderClients> {
  backup?: BackupClient;
  eventBridge?: EventBridgeClient;
}

/**
 * PutRestoreValidationResult's errors that no retry fixes: a result already
 * set (a status cannot be changed), a job that is gone, a bad value.
 */
const REFUSED = new Set([
  'InvalidRequestException',
  'InvalidParameterValueException',
  'ResourceNotFoundException',
]);

/**
 * Returns AWS Backup's restore jobs behind the two calls validation may
 * make: GetRestoreJobMetadata and PutRestoreValidationResult. A result AWS
 * Backup refuses for good comes back as its reason; other errors throw.
 *
 * @param client - an AWS Backup client
 */
const backupRestoreJobs = (client: BackupClient): RestoreJobs => ({
  metadata: async (restoreJobId) =>
    (
      await client.send(
        new GetRestoreJobMetadataCommand({ RestoreJobId: restoreJobId })
      )
    ).Metadata ?? {},
  report: async (restoreJobId, outcome) => {
    try {
      await client.send(
        new PutRestoreValidationResultCommand({
          RestoreJobId: restoreJobId,
          ValidationStatus: outcome.status,
          ValidationStatusMessage: outcome.message,
        })
      );
      return undefined;
    } catch (error) {
      if (error instanceof Error && REFUSED.has(error.name)) {
        return `${error.name}: ${error.message}`;
      }
      throw error;
    }
  },
});

/**
 * Returns what `runRestoreValidation` needs in a Lambda: AWS Backup's
 * restore jobs, the readers of restored resources, the event bus and the
 * runbook. The clients take their endpoints from the standard variables
 * (`AWS_ENDPOINT_URL_BACKUP`, ...).
 *
 * @param config - from `loadConfig()`
 * @param runbook - the bundled runbook
 * @param overrides - clients to use instead of building them from the config
 */
const createValidationDeps = (
  config: Readonly<Config>,
  runbook: Runbook,
  overrides: ValidationClientOverrides = {}
): ValidationDeps => {
  const { region } = config;
  const { serviceName, logLevel } = config.powertools;
  const eventBridge =
    overrides.eventBridge ?? new EventBridgeClient({ region });
  return {
    runbook,
    planPrefix: config.restoreTestingPrefix,
    restoreJobs: backupRestoreJobs(
      overrides.backup ?? new BackupClient({ region })
    ),
    observe: restoreReader({
      rds: overrides.rds ?? new RDSClient({ region }),
      dynamoDb: overrides.dynamoDb ?? new DynamoDBClient({ region }),
      ec2: overrides.ec2 ?? new EC2Client({ region }),
      efs: overrides.efs ?? new EFSClient({ region }),
      s3: overrides.s3 ?? new S3Client({ region }),
    }),
    publish: async (entry) => {
      const out = await eventBridge.send(
        new PutEventsCommand({ Entries: [entry] })
      );
      if ((out.FailedEntryCount ?? 0) > 0) {
        const code = out.Entries?.[0]?.ErrorCode ?? 'unknown';
        throw new ReportNotSentError(
          `EventBridge refused the restore report: ${code}`,
          code
        );
      }
    },
    logger: new Logger({ serviceName, logLevel }),
  };
};

export type { ValidationClientOverrides };
export { createValidationDeps };
