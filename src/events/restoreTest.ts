import * as z from 'zod/mini';
import type { InputIssue } from '../model/index.js';
import {
  arn,
  byteCount,
  isoTime,
  nonEmpty,
  parseEnvelope,
  parseWith,
  reject,
} from './parse.js';

/**
 * A restore job an AWS Backup restore testing plan ran, as its
 * `Restore Job State Change` event tells it: what the validation of the
 * restored resource needs.
 */
interface RestoreTestJob {
  restoreJobId: string;
  /** AWS Backup's resource type: `RDS`, `Aurora`, `DynamoDB`, `EBS`, `EC2`, `EFS`, `S3`, ... */
  resourceType: string;
  restoreTestingPlanArn: string;
  /** The resource whose recovery point was restored. */
  sourceResourceArn?: string;
  /** What the test restored, e.g. `arn:aws:rds:…:db:awsbackup-restore-test-…`. */
  createdResourceArn?: string;
  recoveryPointArn?: string;
  /** What AWS Backup says the backup held. */
  backupSizeInBytes?: number;
  /** When the restore job was created and when it completed. */
  creationDate?: Date;
  completionDate?: Date;
  status: string;
  account: string;
  region: string;
}

const detailSchema = z.object({
  restoreJobId: nonEmpty,
  resourceType: nonEmpty,
  restoreTestingPlanArn: arn,
  status: nonEmpty,
  sourceResourceArn: z.optional(arn),
  createdResourceArn: z.optional(arn),
  recoveryPointArn: z.optional(arn),
  backupSizeInBytes: z.optional(byteCount),
  creationDate: z.optional(isoTime),
  completionDate: z.optional(isoTime),
});

/**
 * Reads the restore job of a restore test from its `Restore Job State
 * Change` event (`detail.restoreTestingPlanArn` set). Anything else, or a
 * malformed one, gives issues located by path. Never throws.
 *
 * @param raw - the EventBridge event as delivered
 */
const readRestoreTestJob = (
  raw: unknown
):
  | { ok: true; value: RestoreTestJob }
  | { ok: false; issues: InputIssue[] } => {
  const envelope = parseEnvelope(raw, 'aws.backup');
  if (!envelope.ok) return envelope;
  const { data } = envelope;
  if (data['detail-type'] !== 'Restore Job State Change') {
    return reject(
      'detail-type',
      `expected Restore Job State Change, not '${data['detail-type']}'`
    );
  }
  const detail = parseWith(detailSchema, data.detail, 'detail');
  if (!detail.ok) return detail;
  const d = detail.data;
  const value: RestoreTestJob = {
    restoreJobId: d.restoreJobId,
    resourceType: d.resourceType,
    restoreTestingPlanArn: d.restoreTestingPlanArn,
    status: d.status,
    account: data.account,
    region: data.region,
    ...(d.sourceResourceArn !== undefined && {
      sourceResourceArn: d.sourceResourceArn,
    }),
    ...(d.createdResourceArn !== undefined && {
      createdResourceArn: d.createdResourceArn,
    }),
    // resources[] names the recovery point as the backup job did.
    ...((data.resources[0] ?? d.recoveryPointArn) !== undefined && {
      recoveryPointArn: data.resources[0] ?? d.recoveryPointArn,
    }),
    ...(d.backupSizeInBytes !== undefined && {
      backupSizeInBytes: d.backupSizeInBytes,
    }),
    ...(d.creationDate !== undefined && { creationDate: d.creationDate }),
    ...(d.completionDate !== undefined && {
      completionDate: d.completionDate,
    }),
  };
  return { ok: true, value };
};

export type { RestoreTestJob };
export { readRestoreTestJob };
