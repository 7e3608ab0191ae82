import type { Observed, ValidationOutcome } from './types.js';

const GIB = 1024 ** 3;

const ok = (message: string): ValidationOutcome => ({
  status: 'SUCCESSFUL',
  message,
});
const failed = (message: string): ValidationOutcome => ({
  status: 'FAILED',
  message,
});

const percent = (fraction: number): string =>
  `${Math.round(fraction * 1000) / 10}%`;

/** Returns how far `actual` is from `expected`, as a fraction of `expected`. */
const deviation = (actual: number, expected: number): number =>
  expected === 0
    ? actual === 0
      ? 0
      : 1
    : Math.abs(actual - expected) / expected;

const count = (n: number): string => n.toLocaleString('en-US');

const judgeDatabase = (
  observed: Extract<Observed, { kind: 'db-instance' | 'db-cluster' }>
): ValidationOutcome => {
  const what = observed.kind === 'db-instance' ? 'DB instance' : 'DB cluster';
  const { id, status, endpoint } = observed;
  if (status === 'available' && endpoint !== undefined && endpoint !== '') {
    return ok(`${what} ${id} is available at ${endpoint}`);
  }
  return failed(
    `${what} ${id} is ${status ?? 'in no known state'}${endpoint ? '' : ' and has no endpoint'}`
  );
};

const judgeTable = (
  observed: Extract<Observed, { kind: 'table' }>,
  tolerance: number
): ValidationOutcome => {
  const { id, status, itemCount, sourceItemCount } = observed;
  if (status !== 'ACTIVE') {
    return failed(
      `table ${id} is ${status ?? 'in no known state'}, not ACTIVE`
    );
  }
  if (itemCount === undefined) return failed(`table ${id}: items not counted`);
  if (sourceItemCount === undefined) {
    return ok(
      `table ${id} is ACTIVE with ${count(itemCount)} items (the source's count is unknown)`
    );
  }
  const off = deviation(itemCount, sourceItemCount);
  const figures = `${count(itemCount)} items, the source ${count(sourceItemCount)} when last counted`;
  return off <= tolerance
    ? ok(`table ${id} is ACTIVE with ${figures}`)
    : failed(
        `table ${id} has ${figures}: ${percent(off)} apart, more than the ${percent(tolerance)} allowed`
      );
};

const judgeVolume = (
  observed: Extract<Observed, { kind: 'volume' }>
): ValidationOutcome => {
  const { id, state, sizeGiB, expectedSizeGiB } = observed;
  if (state !== 'available' && state !== 'in-use') {
    return failed(`volume ${id} is ${state ?? 'in no known state'}`);
  }
  if (sizeGiB === undefined) return failed(`volume ${id} has no size`);
  if (expectedSizeGiB !== undefined && sizeGiB !== expectedSizeGiB) {
    return failed(
      `volume ${id} is ${sizeGiB} GiB, expected ${expectedSizeGiB} GiB`
    );
  }
  return ok(`volume ${id} is ${state}, ${sizeGiB} GiB`);
};

const judgeFileSystem = (
  observed: Extract<Observed, { kind: 'file-system' }>,
  tolerance: number,
  backupBytes: number | undefined
): ValidationOutcome => {
  const { id, state, sizeBytes } = observed;
  if (state !== 'available') {
    return failed(`file system ${id} is ${state ?? 'in no known state'}`);
  }
  if (sizeBytes === undefined) return failed(`file system ${id} has no size`);
  const size = `${(sizeBytes / GIB).toFixed(1)} GiB`;
  // A restore holds what the backup held; metadata may add a little.
  if (
    backupBytes !== undefined &&
    backupBytes > 0 &&
    sizeBytes < backupBytes * (1 - tolerance)
  ) {
    return failed(
      `file system ${id} holds ${size}, the backup ${(backupBytes / GIB).toFixed(1)} GiB: more than ${percent(tolerance)} missing`
    );
  }
  return ok(`file system ${id} is available, ${size}`);
};

const judgeBucket = (
  observed: Extract<Observed, { kind: 'bucket' }>,
  tolerance: number,
  backupBytes: number | undefined
): ValidationOutcome => {
  const { id, objects, bytes, truncated } = observed;
  const listed = `${truncated ? 'at least ' : ''}${count(objects)} objects, ${count(bytes)} bytes`;
  if (backupBytes === undefined) return ok(`bucket ${id} holds ${listed}`);
  const off = deviation(bytes, backupBytes);
  if (off <= tolerance || (truncated && bytes >= backupBytes)) {
    return ok(
      `bucket ${id} holds ${listed}; the backup held ${count(backupBytes)} bytes`
    );
  }
  return failed(
    truncated
      ? `bucket ${id}: listing stopped at ${listed}, short of the backup's ${count(backupBytes)} bytes; too large to validate by listing`
      : `bucket ${id} holds ${listed}, the backup ${count(backupBytes)} bytes: ${percent(off)} apart, more than the ${percent(tolerance)} allowed`
  );
};

/**
 * Returns what a restore test proved: SUCCESSFUL when the restored resource
 * is usable and holds what its source held, within the tolerance, else
 * FAILED, with a message that gives the figures either way.
 *
 * - RDS and Aurora: the instance or cluster is `available` with an endpoint;
 * - DynamoDB: the table is ACTIVE and its items are within the tolerance of
 *   the source's last known count;
 * - EBS: the volume is available (or in use) with the expected size;
 * - EC2: the instance is running;
 * - EFS: the file system is available and not short of the backup's size by
 *   more than the tolerance;
 * - S3: the bucket's bytes are within the tolerance of the backup's.
 *
 * @param observed - what was read about the restored resource
 * @param tolerance - the allowed difference, a fraction (0.1 = 10 %)
 * @param backupBytes - what AWS Backup says the backup held, if it says
 */
const judgeRestore = (
  observed: Observed,
  tolerance: number,
  backupBytes: number | undefined
): ValidationOutcome => {
  switch (observed.kind) {
    case 'db-instance':
    case 'db-cluster':
      return judgeDatabase(observed);
    case 'table':
      return judgeTable(observed, tolerance);
    case 'volume':
      return judgeVolume(observed);
    case 'instance':
      return observed.state === 'running'
        ? ok(`instance ${observed.id} is running`)
        : failed(
            `instance ${observed.id} is ${observed.state ?? 'in no known state'}, not running`
          );
    case 'file-system':
      return judgeFileSystem(observed, tolerance, backupBytes);
    case 'bucket':
      return judgeBucket(observed, tolerance, backupBytes);
    case 'missing':
      return failed(
        `the restored ${observed.what} ${observed.id} was not found`
      );
  }
};

export { judgeRestore };
