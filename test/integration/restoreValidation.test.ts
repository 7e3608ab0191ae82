import { afterEach, describe, expect, it } from 'vitest';
import { deliveredEvent, type SentinelEntry } from '../../src/events/index.js';
import { DynamoDbHistoryStore } from '../../src/history/index.js';
import {
  runIngest,
  runRestoreValidation,
  type ValidationDeps,
} from '../../src/monitor/index.js';
import type {
  Observed,
  ValidationOutcome,
} from '../../src/validation/index.js';
import { RecordingChannel } from '../helpers/alertFakes.js';
import { aRunbook, aService, DAY, HOUR } from '../helpers/builders.js';
import { type RunningDynalite, startDynalite } from '../helpers/dynalite.js';

const ACCOUNT = '111122223333';
const SOURCE = `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-prod`;
const CREATED = `arn:aws:rds:us-east-1:${ACCOUNT}:db:awsbackup-restore-test-1`;
const VALIDATED_AT = new Date('2026-11-05T08:45:00Z');

const RUNBOOK = aRunbook({
  services: [
    aService({
      resources: [SOURCE],
      recovery: { rtoMs: HOUR, rpoMs: 27 * HOUR, restoreTestMs: 30 * DAY },
    }),
  ],
});

/** AWS Backup's event for a restore test that ran from 06:00 to `completed`. */
const restoreTestCompleted = (completed: string) => ({
  version: '0',
  id: '9c30d831-3de3-4c91-9f40-3c9893483de9',
  'detail-type': 'Restore Job State Change',
  source: 'aws.backup',
  account: ACCOUNT,
  time: completed.replace(/\.\d+Z$/, 'Z'),
  region: 'us-east-1',
  resources: [`arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:awsbackup:job-1`],
  detail: {
    restoreJobId: 'RESTORE-1',
    sourceResourceArn: SOURCE,
    createdResourceArn: CREATED,
    resourceType: 'RDS',
    status: 'COMPLETED',
    creationDate: '2026-11-05T06:00:00.000Z',
    completionDate: completed,
    restoreTestingPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:restore-testing-plan:backup_sentinel_prod_orders_db-1`,
  },
});

describe('restore validation through ingest (dynalite)', () => {
  const servers: RunningDynalite[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  /**
   * Runs what AWS runs on one restore test: the COMPLETED event reaches
   * ingest and the validation function; the Restore Report the validation
   * puts on the bus reaches ingest.
   */
  const restoreTest = async (completed: string, observed: Observed) => {
    const server = await startDynalite();
    servers.push(server);
    const store = new DynamoDbHistoryStore({
      client: server.client,
      tableName: server.tableName,
    });
    const pagerDuty = new RecordingChannel('pagerduty');
    const monitor = { store, runbook: RUNBOOK, channels: [pagerDuty] };
    const event = restoreTestCompleted(completed);
    await runIngest(monitor, [event], new Date(completed));
    const reports: ValidationOutcome[] = [];
    const entries: SentinelEntry[] = [];
    const deps: ValidationDeps = {
      runbook: RUNBOOK,
      planPrefix: 'backup-sentinel-prod',
      restoreJobs: {
        metadata: async () => ({}),
        report: async (_, outcome) => {
          reports.push(outcome);
          return undefined;
        },
      },
      observe: async () => observed,
      publish: async (entry) => {
        entries.push(entry);
      },
    };
    await runRestoreValidation(deps, event, VALIDATED_AT);
    const delivered = entries.map((entry, i) =>
      deliveredEvent(entry, {
        id: `bus-${i}`,
        account: ACCOUNT,
        region: 'us-east-1',
      })
    );
    await runIngest(monitor, delivered, VALIDATED_AT);
    return {
      reports,
      pages: pagerDuty.delivered.map((d) => ({
        action: d.action,
        check: d.alert.findings[0]?.check,
      })),
      state: await store.getResourceState(SOURCE),
    };
  };

  it('pages restore-failed when validation fails, over the job that completed', async () => {
    // Act
    const { reports, pages, state } = await restoreTest(
      '2026-11-05T06:40:00.000Z',
      {
        kind: 'db-instance',
        id: 'awsbackup-restore-test-1',
        status: 'storage-full',
      }
    );

    // Assess
    expect(reports).toEqual([
      {
        status: 'FAILED',
        message:
          'DB instance awsbackup-restore-test-1 is storage-full and has no endpoint',
      },
    ]);
    expect(pages).toEqual([{ action: 'trigger', check: 'restore-failed' }]);
    expect(state?.lastRestoreFailure).toMatchObject({
      at: VALIDATED_AT,
      restoreTest: true,
      message: expect.stringContaining(
        'validation failed: DB instance awsbackup-restore-test-1 is storage-full'
      ),
    });
  });

  it('pages rto-at-risk when a validated restore took longer than the RTO', async () => {
    // Act
    const { reports, pages, state } = await restoreTest(
      '2026-11-05T08:30:00.000Z',
      {
        kind: 'db-instance',
        id: 'awsbackup-restore-test-1',
        status: 'available',
        endpoint: 'awsbackup-restore-test-1.abc.us-east-1.rds.amazonaws.com',
      }
    );

    // Assess
    expect(reports[0]?.status).toBe('SUCCESSFUL');
    expect(pages).toEqual([{ action: 'trigger', check: 'rto-at-risk' }]);
    expect(state?.lastRestore).toMatchObject({
      at: VALIDATED_AT,
      durationMs: 2.5 * HOUR,
      message: expect.stringContaining('validation passed'),
    });
  });
});
