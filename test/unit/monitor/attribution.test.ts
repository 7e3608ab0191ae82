import { describe, expect, it } from 'vitest';
import {
  InMemoryHistoryStore,
  StoreError,
} from '../../../src/history/index.js';
import type { Finding } from '../../../src/model/index.js';
import { collectFindings, runIngest } from '../../../src/monitor/index.js';
import { fixture } from '../../helpers/eventFixtures.js';
import { fixtureRunbook } from '../../helpers/fixtureRunbook.js';

const NOW = new Date('2024-05-06T12:00:00.000Z');
const ORDERS_DB = 'arn:aws:rds:us-east-1:111122223333:db:orders-db';
const EFS =
  'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0';

const COPY =
  'aws-backup/copy-job-state-change.COMPLETED.us-west-2.efs-file-system.BUILT.json';
const RESTORE_FROM_COPY =
  'aws-backup/restore-job-state-change.FAILED.us-west-2.efs-from-copy.BUILT.json';
const EFS_BACKUP =
  'aws-backup/backup-job-state-change.COMPLETED.efs-file-system.BUILT.json';
const SNAPSHOT_CREATING =
  'rds/rds-db-snapshot-event.RDS-EVENT-0040.awsbackup-job.orders-db.BUILT.json';
const SNAPSHOT_CREATED =
  'rds/rds-db-snapshot-event.RDS-EVENT-0042.awsbackup-job.orders-db.BUILT.json';
const ORDERS_BACKUP =
  'aws-backup/backup-job-state-change.COMPLETED.rds-instance.BUILT.json';
const TABLE_FAILED =
  'aws-backup/backup-job-state-change.FAILED.dynamodb-table.BUILT.json';

type Mode = 'batch' | 'one-by-one';

/** Ingests fixtures as `sentinel replay` does, or as the deployed monitor. */
const ingest = async (paths: string[], mode: Mode) => {
  const store = new InMemoryHistoryStore();
  const deps = { store, runbook: fixtureRunbook() };
  const inputs = paths.map((path) => fixture(path));
  if (mode === 'batch') {
    await runIngest(deps, inputs, NOW);
  } else {
    for (const input of inputs) await runIngest(deps, [input], NOW);
  }
  return { store, deps };
};

const checksOf = (findings: Finding[]) =>
  findings.map((f) => `${f.service} ${f.check} ${f.resource}`).sort();

const MODES: Mode[] = ['batch', 'one-by-one'];

describe('attribution through recovery points', () => {
  it.each(
    MODES.flatMap((mode) => [
      [mode, [COPY, RESTORE_FROM_COPY]],
      [mode, [RESTORE_FROM_COPY, COPY]],
    ]) as [Mode, string[]][]
  )(
    'gives a failed restore from a copied recovery point to the source (%s, %j)',
    async (mode, paths) => {
      // Act
      const { store, deps } = await ingest(paths, mode);
      const findings = await collectFindings(deps, NOW);

      // Assess
      expect(
        (await store.getResourceState(EFS))?.lastRestoreFailure
      ).toMatchObject({ jobId: '7E8F9A0B-1C2D-4E3F-8A4B-5C6D7E8F9A0B' });
      expect(checksOf(findings)).toContain(`media restore-failed ${EFS}`);
      expect(findings.map((f) => f.check)).not.toContain('unmapped-resource');
      expect(await store.listHeldEvents()).toEqual([]);
    }
  );

  it('follows a chain: a restore of a copy whose copy job named only its source point', async () => {
    // Prepare: the copy's resourceArn is absent, so it too waits for the backup.
    const copy = fixture(COPY) as { detail: Record<string, unknown> };
    const { resourceArn: _, ...detail } = copy.detail;
    const store = new InMemoryHistoryStore();
    const deps = { store, runbook: fixtureRunbook() };

    // Act
    for (const input of [
      fixture(RESTORE_FROM_COPY),
      { ...copy, detail },
      fixture(EFS_BACKUP),
    ]) {
      await runIngest(deps, [input], NOW);
    }

    // Assess
    const state = await store.getResourceState(EFS);
    expect(state?.copies).toHaveLength(1);
    expect(state?.lastRestoreFailure).toBeDefined();
    expect(await store.listHeldEvents()).toEqual([]);
    expect(await store.listUnmappedStates()).toEqual([]);
  });

  it.each(MODES)(
    "attributes RDS's snapshot events for an AWS Backup job that arrive before the job's (%s)",
    async (mode) => {
      // Act
      const { store, deps } = await ingest(
        [SNAPSHOT_CREATING, SNAPSHOT_CREATED, ORDERS_BACKUP],
        mode
      );
      const findings = await collectFindings(deps, NOW);

      // Assess
      const events = await store.listEvents(
        ORDERS_DB,
        new Date('2024-01-01T00:00:00Z'),
        new Date('2025-01-01T00:00:00Z')
      );
      expect(events.map((e) => e.rdsEventId ?? e.kind)).toEqual([
        'RDS-EVENT-0040',
        'RDS-EVENT-0042',
        'backup',
      ]);
      expect(findings.map((f) => f.check)).not.toContain('unmapped-resource');
      expect(await store.listUnmappedStates()).toEqual([]);
      expect(await store.listHeldEvents()).toEqual([]);
    }
  );

  it('gives the same findings one by one as in a batch, whatever the order', async () => {
    // Prepare
    const paths = [
      SNAPSHOT_CREATED,
      RESTORE_FROM_COPY,
      ORDERS_BACKUP,
      SNAPSHOT_CREATING,
      COPY,
      EFS_BACKUP,
    ];

    // Act
    const batch = await ingest(paths, 'batch');
    const oneByOne = await ingest(paths, 'one-by-one');
    const reversed = await ingest([...paths].reverse(), 'one-by-one');

    // Assess
    const expected = await collectFindings(batch.deps, NOW);
    expect(await collectFindings(oneByOne.deps, NOW)).toEqual(expected);
    expect(await collectFindings(reversed.deps, NOW)).toEqual(expected);
  });
});

describe('a redelivery after a write that failed halfway', () => {
  it('completes the state and evaluates, so the page goes out at once', async () => {
    // Prepare: the event item is written, the state update fails once.
    class HalfWritingStore extends InMemoryHistoryStore {
      failures = 1;
      protected override async updateStateItem(
        ...args: Parameters<InMemoryHistoryStore['updateStateItem']>
      ) {
        if (this.failures > 0) {
          this.failures -= 1;
          throw new StoreError('throttled', {
            operation: 'UpdateItem',
            retryable: true,
          });
        }
        return super.updateStateItem(...args);
      }
    }
    const store = new HalfWritingStore();
    const deps = { store, runbook: fixtureRunbook() };
    const failed = fixture(TABLE_FAILED);

    // Act
    const first = runIngest(deps, [failed], NOW);
    await expect(first).rejects.toBeInstanceOf(StoreError);
    const retry = await runIngest(deps, [failed], NOW);

    // Assess
    expect(retry).toMatchObject({ recorded: 0, duplicates: 1 });
    const alerts = await store.listActiveAlerts();
    expect(alerts.map((a) => a.key.service)).toEqual(['sessions']);
    expect(alerts[0]?.findings.map((f) => f.check)).toContain('backup-failed');
  });
});
