/**
 * Allowance between AWS's clocks and the schedule: a recovery point created
 * this long before its due time still counts for it (issue 4).
 */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Shortest quiet period after which an S3 replication problem counts as over.
 * S3 sends no success event, so only time can tell; a day keeps a bucket
 * written once a day from paging and resolving on every write.
 */
const REPLICATION_QUIET_MS = 24 * 3_600_000;

export { CLOCK_SKEW_MS, REPLICATION_QUIET_MS };
