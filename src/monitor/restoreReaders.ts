import {
  DescribeTableCommand,
  type DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeFileSystemsCommand,
  type EFSClient,
} from '@aws-sdk/client-efs';
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { RestoreTestJob } from '../events/index.js';
import type { Observed } from '../validation/index.js';

/** The clients the readers use, one per service they read. */
interface RestoreReaderClients {
  rds: RDSClient;
  dynamoDb: DynamoDBClient;
  ec2: EC2Client;
  efs: EFSClient;
  s3: S3Client;
}

/**
 * Pages of a Scan (up to 1 MB each) or of a bucket listing (1,000 objects
 * each) read before giving up: about 1 GB of table or a million objects,
 * well inside the function's 300 s. Restore tests are meant to be small.
 */
const MAX_PAGES = 1000;

/** Errors AWS gives for a resource that does not exist. */
const NOT_FOUND = new Set([
  'DBInstanceNotFoundFault',
  'DBClusterNotFoundFault',
  'ResourceNotFoundException',
  'InvalidVolume.NotFound',
  'InvalidInstanceID.NotFound',
  'FileSystemNotFound',
  'NoSuchBucket',
]);

const isNotFound = (error: unknown): boolean =>
  error instanceof Error && NOT_FOUND.has(error.name);

/** Returns the id after the last `:` or `/` of an ARN. */
const idOf = (arn: string | undefined): string | undefined =>
  arn?.slice(Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1) ||
  undefined;

/** Restore metadata keys are case-insensitive (AWS Backup developer guide). */
const metadataValue = (
  metadata: Record<string, string>,
  key: string
): string | undefined =>
  Object.entries(metadata).find(
    ([name]) => name.toLowerCase() === key.toLowerCase()
  )?.[1];

/** Returns what was read, or `missing` when the resource does not exist. */
const orMissing = async (
  id: string,
  what: string,
  read: () => Promise<Observed>
): Promise<Observed> => {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return { kind: 'missing', id, what };
    throw error;
  }
};

const readDbInstance = (clients: RestoreReaderClients, id: string) =>
  orMissing(id, 'DB instance', async () => {
    const out = await clients.rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })
    );
    const db = out.DBInstances?.[0];
    return {
      kind: 'db-instance',
      id,
      ...(db?.DBInstanceStatus !== undefined && {
        status: db.DBInstanceStatus,
      }),
      ...(db?.Endpoint?.Address !== undefined && {
        endpoint: db.Endpoint.Address,
      }),
    };
  });

const readDbCluster = (clients: RestoreReaderClients, id: string) =>
  orMissing(id, 'DB cluster', async () => {
    const out = await clients.rds.send(
      new DescribeDBClustersCommand({ DBClusterIdentifier: id })
    );
    const cluster = out.DBClusters?.[0];
    return {
      kind: 'db-cluster',
      id,
      ...(cluster?.Status !== undefined && { status: cluster.Status }),
      ...(cluster?.Endpoint !== undefined && { endpoint: cluster.Endpoint }),
    };
  });

/**
 * Counts a table's items with a Scan that returns only the count, since
 * DescribeTable's ItemCount is refreshed about every six hours and a table
 * restored minutes ago may not have one yet; past MAX_PAGES, takes it.
 */
const countItems = async (
  client: DynamoDBClient,
  table: string,
  described: number | undefined
): Promise<number | undefined> => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const out = await client.send(
      new ScanCommand({
        TableName: table,
        Select: 'COUNT',
        ...(start !== undefined && {
          ExclusiveStartKey: start as never,
        }),
      })
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
    if (start === undefined) return count;
  }
  return described;
};

const sourceItemCount = async (
  client: DynamoDBClient,
  table: string | undefined
): Promise<number | undefined> => {
  if (table === undefined) return undefined;
  try {
    const out = await client.send(
      new DescribeTableCommand({ TableName: table })
    );
    return out.Table?.ItemCount;
  } catch (error) {
    // The source may be gone: a restore test proves what is in the backup.
    if (isNotFound(error)) return undefined;
    throw error;
  }
};

const readTable = (
  clients: RestoreReaderClients,
  id: string,
  job: RestoreTestJob
) =>
  orMissing(id, 'table', async () => {
    const out = await clients.dynamoDb.send(
      new DescribeTableCommand({ TableName: id })
    );
    const status = out.Table?.TableStatus;
    const itemCount =
      status === 'ACTIVE'
        ? await countItems(clients.dynamoDb, id, out.Table?.ItemCount)
        : undefined;
    const source = await sourceItemCount(
      clients.dynamoDb,
      idOf(job.sourceResourceArn)
    );
    return {
      kind: 'table',
      id,
      ...(status !== undefined && { status }),
      ...(itemCount !== undefined && { itemCount }),
      ...(source !== undefined && { sourceItemCount: source }),
    };
  });

const volumeSize = async (
  client: EC2Client,
  id: string | undefined
): Promise<number | undefined> => {
  if (id === undefined || !id.startsWith('vol-')) return undefined;
  try {
    const out = await client.send(
      new DescribeVolumesCommand({ VolumeIds: [id] })
    );
    return out.Volumes?.[0]?.Size;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
};

const readVolume = (
  clients: RestoreReaderClients,
  id: string,
  job: RestoreTestJob,
  metadata: Record<string, string>
) =>
  orMissing(id, 'volume', async () => {
    const out = await clients.ec2.send(
      new DescribeVolumesCommand({ VolumeIds: [id] })
    );
    const volume = out.Volumes?.[0];
    // A size the selection overrides is what the test asked for.
    const override = Number(metadataValue(metadata, 'volumesize'));
    const expected = Number.isInteger(override)
      ? override
      : await volumeSize(clients.ec2, idOf(job.sourceResourceArn));
    return {
      kind: 'volume',
      id,
      ...(volume?.State !== undefined && { state: volume.State }),
      ...(volume?.Size !== undefined && { sizeGiB: volume.Size }),
      ...(expected !== undefined && { expectedSizeGiB: expected }),
    };
  });

const readInstance = (clients: RestoreReaderClients, id: string) =>
  orMissing(id, 'instance', async () => {
    const out = await clients.ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [id] })
    );
    const state = out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
    return { kind: 'instance', id, ...(state !== undefined && { state }) };
  });

const readFileSystem = (clients: RestoreReaderClients, id: string) =>
  orMissing(id, 'file system', async () => {
    const out = await clients.efs.send(
      new DescribeFileSystemsCommand({ FileSystemId: id })
    );
    const fs = out.FileSystems?.[0];
    return {
      kind: 'file-system',
      id,
      ...(fs?.LifeCycleState !== undefined && { state: fs.LifeCycleState }),
      ...(fs?.SizeInBytes?.Value !== undefined && {
        sizeBytes: fs.SizeInBytes.Value,
      }),
    };
  });

const readBucket = (clients: RestoreReaderClients, id: string) =>
  orMissing(id, 'bucket', async () => {
    let objects = 0;
    let bytes = 0;
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const out = await clients.s3.send(
        new ListObjectsV2Command({
          Bucket: id,
          ...(token !== undefined && { ContinuationToken: token }),
        })
      );
      for (const object of out.Contents ?? []) {
        objects += 1;
        bytes += object.Size ?? 0;
      }
      token = out.IsTruncated === true ? out.NextContinuationToken : undefined;
      if (token === undefined) {
        return { kind: 'bucket', id, objects, bytes, truncated: false };
      }
    }
    return { kind: 'bucket', id, objects, bytes, truncated: true };
  });

/**
 * Returns the reader of restored resources: from the restore job's
 * `createdResourceArn` (else the restore metadata's name for it) to what
 * its service says about it, with read-only calls only. Undefined for a
 * type it does not read (FSx, DocumentDB and Neptune instances, ...).
 *
 * @param clients - one client per service read
 */
const restoreReader =
  (clients: RestoreReaderClients) =>
  async (
    job: RestoreTestJob,
    metadata: Record<string, string>
  ): Promise<Observed | undefined> => {
    const created = idOf(job.createdResourceArn);
    const named = (key: string) => created ?? metadataValue(metadata, key);
    const missing = (what: string): Observed => ({
      kind: 'missing',
      id: job.createdResourceArn ?? job.restoreJobId,
      what,
    });
    switch (job.resourceType) {
      case 'RDS': {
        const id = named('dbInstanceIdentifier');
        return id === undefined
          ? missing('DB instance')
          : readDbInstance(clients, id);
      }
      case 'Aurora':
      case 'DocumentDB':
      case 'Neptune': {
        const id = named('dbClusterIdentifier');
        return id === undefined
          ? missing('DB cluster')
          : readDbCluster(clients, id);
      }
      case 'DynamoDB': {
        const id = named('targetTableName');
        return id === undefined
          ? missing('table')
          : readTable(clients, id, job);
      }
      case 'EBS':
        return created === undefined
          ? missing('volume')
          : readVolume(clients, created, job, metadata);
      case 'EC2':
        return created === undefined
          ? missing('instance')
          : readInstance(clients, created);
      case 'EFS':
        return created === undefined
          ? missing('file system')
          : readFileSystem(clients, created);
      case 'S3': {
        const id = named('destinationBucketName');
        return id === undefined ? missing('bucket') : readBucket(clients, id);
      }
      default:
        return undefined;
    }
  };

export type { RestoreReaderClients };
export { restoreReader };
