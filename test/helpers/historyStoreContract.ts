import { afterEach, describe, expect, it } from 'vitest';
import type {
  AlertRecord,
  BackupEvent,
  Finding,
  HistoryStore,
  RejectedInput,
  ResourceState,
  Transition,
} from '../../src/model/index.js';
import {
  ACCOUNT,
  aBackupEvent,
  HOUR,
  MINUTE,
  ORDERS_DB_ARN,
  REGION,
} from './builders.js';

/** A store under contract test, with a way to simulate a crash. */
interface StoreUnderTest {
  store: HistoryStore & { listRejected(day: Date): Promise<RejectedInput[]> };
  /** Makes the next state update throw, as a Lambda dying after the event put. */
  crashNextStateUpdate(): void;
}

/** Creates a fresh, empty store; returns it and how to dispose of it. */
type StoreFactory = () => Promise<{
  subject: StoreUnderTest;
  dispose(): Promise<void>;
}>;

const NOW = new Date('2026-11-05T00:00:00Z');
const T0 = new Date('2026-11-01T00:00:00Z');
const SERVICE = 'orders-db';
const VOLUME_ARN = `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0a1b2c3d4e5f67890`;
const BUCKET_ARN = 'arn:aws:s3:::orders-exports';
const VAULT_EU = `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:primary`;
const VAULT_US = `arn:aws:backup:us-east-1:444455556666:backup-vault:dr`;

const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

/**
 * Returns an event of `kind`/`state` that occurred `offsetMs` after T0; jobs
 * started 10 minutes before.
 */
const anEvent = (
  id: string,
  kind: BackupEvent['kind'],
  state: BackupEvent['state'],
  offsetMs: number,
  overrides: Partial<BackupEvent> = {}
): BackupEvent =>
  aBackupEvent({
    id,
    kind,
    state,
    occurredAt: at(offsetMs),
    startedAt: at(offsetMs - 10 * MINUTE),
    completedAt: state === 'started' ? undefined : at(offsetMs),
    recoveryPointArn:
      kind === 'backup' ? `${ORDERS_DB_ARN}:rp-${id}` : undefined,
    sizeBytes: kind === 'backup' ? 1000 + offsetMs / MINUTE : undefined,
    ...overrides,
  });

const aFinding = (overrides: Partial<Finding> = {}): Finding => ({
  service: SERVICE,
  resource: ORDERS_DB_ARN,
  check: 'backup-failed',
  severity: 'critical',
  status: 'open',
  since: at(2 * HOUR),
  summary: 'backup job failed',
  detail: { jobId: 'job-1', attempts: 2, retried: false, note: null },
  runbookUrl: 'https://example.com/runbook/orders-db#manual-backup',
  ...overrides,
});

const byResource = (a: { resource?: string }, b: { resource?: string }) =>
  (a.resource ?? '').localeCompare(b.resource ?? '');

const anAlert = (overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  key: { service: SERVICE, resource: ORDERS_DB_ARN },
  status: 'open',
  failures: 1,
  openedAt: at(2 * HOUR),
  silenced: false,
  findings: [
    aFinding(),
    aFinding({ check: 'rpo-breached', since: at(3 * HOUR), detail: {} }),
  ],
  owed: [
    {
      channel: 'pagerduty',
      action: 'trigger',
      attempts: 1,
      firstOwedAt: at(2 * HOUR),
      attemptedAt: at(2 * HOUR),
      lastError: 'HTTP 503',
    },
  ],
  version: 1,
  ...overrides,
});

// A day of mixed traffic for two resources: every kind of fact, more than
// eight sized backups, and two events at the same instant.
const aHistory = (): BackupEvent[] => {
  const events: BackupEvent[] = [];
  for (let day = 0; day < 10; day += 1) {
    events.push(
      anEvent(`start-${day}`, 'backup', 'started', day * 24 * HOUR),
      anEvent(`backup-${day}`, 'backup', 'completed', day * 24 * HOUR + HOUR)
    );
  }
  events.push(
    anEvent('fail-a', 'backup', 'failed', 30 * HOUR),
    anEvent('fail-b', 'backup', 'aborted', 30 * HOUR),
    anEvent('rp', 'recovery-point', 'completed', 40 * HOUR, {
      recoveryPointArn: `${ORDERS_DB_ARN}:rp-x`,
      deleteAt: at(40 * 24 * HOUR),
    }),
    anEvent('rp-gone', 'recovery-point', 'expired', 41 * HOUR, {
      recoveryPointArn: `${ORDERS_DB_ARN}:rp-old`,
      recoveryPointCreatedAt: at(-30 * 24 * HOUR),
    }),
    anEvent('copy-eu-1', 'copy', 'completed', 50 * HOUR, {
      destinationVaultArn: VAULT_EU,
    }),
    anEvent('copy-eu-2', 'copy', 'completed', 74 * HOUR, {
      destinationVaultArn: VAULT_EU,
    }),
    anEvent('copy-us', 'copy', 'completed', 60 * HOUR, {
      destinationVaultArn: VAULT_US,
    }),
    anEvent('copy-fail', 'copy', 'failed', 61 * HOUR, {
      destinationVaultArn: VAULT_US,
      message: 'Access denied to the destination vault',
    }),
    anEvent('restore', 'restore', 'completed', 70 * HOUR, {
      startedAt: at(68 * HOUR),
      restoreTest: true,
    }),
    anEvent('restore-fail', 'restore', 'failed', 71 * HOUR),
    anEvent('config-off', 'config', 'failed', 80 * HOUR),
    anEvent('config-on', 'config', 'completed', 90 * HOUR),
    anEvent('vol-backup', 'backup', 'completed', 5 * HOUR, {
      resourceArn: VOLUME_ARN,
      resourceType: 'EBS',
    }),
    anEvent('repl-fail', 'replication', 'failed', 6 * HOUR, {
      source: 'aws.s3',
      resourceArn: BUCKET_ARN,
      resourceType: 'S3',
      jobId: 'exports/2026-11-01.csv',
      failureReason: 'DstBucketNotFound',
    }),
    anEvent('repl-late', 'replication', 'late', 7 * HOUR, {
      source: 'aws.s3',
      resourceArn: BUCKET_ARN,
      resourceType: 'S3',
    }),
    anEvent('repl-ok', 'replication', 'completed', 8 * HOUR, {
      source: 'aws.s3',
      resourceArn: BUCKET_ARN,
      resourceType: 'S3',
    })
  );
  return events;
};

const serviceOf = (event: BackupEvent): string | undefined =>
  event.resourceArn === BUCKET_ARN ? undefined : SERVICE;

// Deterministic shuffle (mulberry32), so a failure can be replayed.
const shuffled = <T>(items: T[], seed: number): T[] => {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

const recordAll = async (
  store: HistoryStore,
  events: BackupEvent[]
): Promise<void> => {
  for (const event of events) {
    await store.recordEvent(event, serviceOf(event), NOW);
  }
};

const statesOf = async (
  store: HistoryStore
): Promise<(ResourceState | undefined)[]> =>
  Promise.all(
    [ORDERS_DB_ARN, VOLUME_ARN, BUCKET_ARN].map((arn) =>
      store.getResourceState(arn)
    )
  );

/**
 * Runs the HistoryStore contract against one implementation: both stores
 * must pass exactly this suite.
 *
 * @param name - the implementation's name, for the describe titles
 * @param factory - creates a fresh empty store per call
 */
const describeHistoryStore = (name: string, factory: StoreFactory): void => {
  describe(`HistoryStore contract: ${name}`, () => {
    const disposers: (() => Promise<void>)[] = [];

    const fresh = async (): Promise<StoreUnderTest> => {
      const { subject, dispose } = await factory();
      disposers.push(dispose);
      return subject;
    };

    afterEach(async () => {
      await Promise.all(disposers.splice(0).map((dispose) => dispose()));
    });

    describe('recordEvent', () => {
      it('records a new event and returns recorded', async () => {
        // Prepare
        const { store } = await fresh();
        const event = anEvent('b1', 'backup', 'completed', HOUR);

        // Act
        const { outcome, state } = await store.recordEvent(event, SERVICE, NOW);

        // Assess
        expect(outcome).toBe('recorded');
        expect(await store.listEvents(ORDERS_DB_ARN, T0, NOW)).toEqual([event]);
        expect(await store.getResourceState(ORDERS_DB_ARN)).toEqual(state);
        expect(state).toEqual({
          resourceArn: ORDERS_DB_ARN,
          resourceType: 'RDS',
          service: SERVICE,
          account: ACCOUNT,
          region: REGION,
          firstSeenAt: at(HOUR),
          lastEventAt: at(HOUR),
          lastBackup: {
            at: at(HOUR),
            eventId: 'b1',
            state: 'completed',
            jobId: event.jobId,
            createdAt: at(HOUR - 10 * MINUTE),
            recoveryPointArn: event.recoveryPointArn,
            sizeBytes: event.sizeBytes,
          },
          recentBackups: [{ at: at(HOUR), sizeBytes: event.sizeBytes }],
          copies: [],
          replicationObjects: [],
        });
      });

      it('returns duplicate for a redelivered event and changes nothing', async () => {
        // Prepare
        const { store } = await fresh();
        const event = anEvent('b1', 'backup', 'completed', HOUR);
        await store.recordEvent(event, SERVICE, NOW);
        const before = await store.getResourceState(ORDERS_DB_ARN);

        // Act
        const { outcome, state } = await store.recordEvent(event, SERVICE, NOW);

        // Assess
        expect(outcome).toBe('duplicate');
        expect(state).toEqual(before);
        expect(await store.getResourceState(ORDERS_DB_ARN)).toEqual(before);
        expect(await store.listEvents(ORDERS_DB_ARN, T0, NOW)).toHaveLength(1);
      });

      it.each([
        ['lastBackup', 'backup', 'completed'],
        ['lastBackupFailure', 'backup', 'failed'],
        ['lastBackupFailure', 'snapshot', 'partial'],
        ['lastBackupStarted', 'snapshot', 'started'],
        ['lastRecoveryPoint', 'recovery-point', 'completed'],
        ['lastRecoveryPointRemoved', 'recovery-point', 'deleted'],
        ['lastRecoveryPointRemoved', 'snapshot', 'deleted'],
        ['lastCopyFailure', 'copy', 'aborted'],
        ['lastRestore', 'restore', 'completed'],
        ['lastRestoreFailure', 'restore', 'failed'],
        ['lastReplicationFailure', 'replication', 'failed'],
        ['lastReplicationLate', 'replication', 'late'],
        ['lastReplicationCaughtUp', 'replication', 'completed'],
        ['lastConfigChange', 'config', 'failed'],
      ] as const)(
        'keeps the newer %s when an older %s %s event arrives later',
        async (fact, kind, state) => {
          // Prepare: S3 names the object of each replication event.
          const { store } = await fresh();
          const extra =
            kind === 'replication'
              ? { source: 'aws.s3' as const }
              : { recoveryPointArn: `${ORDERS_DB_ARN}:rp` };
          const newer = anEvent('newer', kind, state, 5 * HOUR, extra);
          const older = anEvent('older', kind, state, 2 * HOUR, extra);

          // Act
          await store.recordEvent(newer, SERVICE, NOW);
          await store.recordEvent(older, SERVICE, NOW);

          // Assess
          const state_ = await store.getResourceState(ORDERS_DB_ARN);
          expect(state_?.[fact]).toMatchObject({ eventId: 'newer' });
          expect(state_?.lastEventAt).toEqual(at(5 * HOUR));
          expect(state_?.firstSeenAt).toEqual(at(2 * HOUR));
        }
      );

      it('keeps the newest replication event of each object, whatever the order', async () => {
        // Prepare: a.png fails, then replicates; b.png fails.
        const { store } = await fresh();
        const s3 = (
          id: string,
          key: string,
          state: 'failed' | 'completed',
          offsetMs: number
        ) =>
          anEvent(id, 'replication', state, offsetMs, {
            source: 'aws.s3',
            resourceArn: BUCKET_ARN,
            resourceType: 'S3',
            jobId: key,
            failureReason: state === 'failed' ? 'AccessDenied' : undefined,
          });
        const events = [
          s3('a-ok', 'a.png', 'completed', 3 * HOUR),
          s3('b-fail', 'b.png', 'failed', 2 * HOUR),
          s3('a-fail', 'a.png', 'failed', HOUR),
        ];

        // Act
        for (const event of events) {
          await store.recordEvent(event, SERVICE, NOW);
        }

        // Assess
        const state = await store.getResourceState(BUCKET_ARN);
        expect(
          state?.replicationObjects.map((o) => [
            o.objectKey,
            o.state,
            o.eventId,
          ])
        ).toEqual([
          ['a.png', 'completed', 'a-ok'],
          ['b.png', 'failed', 'b-fail'],
        ]);
        expect(state?.replicationObjects[1]?.failureReason).toBe(
          'AccessDenied'
        );
      });

      it('records a re-replication reported for a whole bucket', async () => {
        // Prepare: not from S3, and naming no object.
        const { store } = await fresh();
        const repair = anEvent('batch-1', 'replication', 'completed', HOUR, {
          source: 'aws.backup',
          resourceArn: BUCKET_ARN,
          resourceType: 'S3',
          jobId: undefined,
        });

        // Act
        await store.recordEvent(repair, SERVICE, NOW);

        // Assess
        const state = await store.getResourceState(BUCKET_ARN);
        expect(state?.lastReplicationRepair).toMatchObject({
          eventId: 'batch-1',
          at: at(HOUR),
        });
        expect(state?.replicationObjects).toEqual([]);
      });

      it('breaks a tie between events at the same instant by event id', async () => {
        // Prepare
        const { store } = await fresh();
        const a = anEvent('a', 'backup', 'failed', HOUR);
        const b = anEvent('b', 'backup', 'failed', HOUR);

        // Act
        await store.recordEvent(b, SERVICE, NOW);
        await store.recordEvent(a, SERVICE, NOW);

        // Assess
        const state = await store.getResourceState(ORDERS_DB_ARN);
        expect(state?.lastBackupFailure?.eventId).toBe('b');
      });

      it('keeps the newest completed copy per destination vault', async () => {
        // Prepare
        const { store } = await fresh();
        const events = [
          anEvent('eu-new', 'copy', 'completed', 9 * HOUR, {
            destinationVaultArn: VAULT_EU,
          }),
          anEvent('us', 'copy', 'completed', 3 * HOUR, {
            destinationVaultArn: VAULT_US,
          }),
          anEvent('eu-old', 'copy', 'completed', 4 * HOUR, {
            destinationVaultArn: VAULT_EU,
          }),
        ];

        // Act
        await recordAll(store, events);

        // Assess
        const state = await store.getResourceState(ORDERS_DB_ARN);
        expect(
          state?.copies.map((copy) => [copy.destinationVaultArn, copy.eventId])
        ).toEqual([
          [VAULT_EU, 'eu-new'],
          [VAULT_US, 'us'],
        ]);
      });

      it('keeps the sizes of the 8 newest backups, newest first', async () => {
        // Prepare
        const { store } = await fresh();
        const events = Array.from({ length: 11 }, (_, i) =>
          anEvent(`b${i}`, 'backup', 'completed', (i + 1) * HOUR)
        );

        // Act
        await recordAll(store, shuffled(events, 7));

        // Assess
        const state = await store.getResourceState(ORDERS_DB_ARN);
        expect(state?.recentBackups).toEqual(
          events
            .slice(3)
            .reverse()
            .map((e) => ({ at: e.occurredAt, sizeBytes: e.sizeBytes }))
        );
      });

      it('records the duration of a restore and the point it restored', async () => {
        // Prepare
        const { store } = await fresh();
        const point = `${ORDERS_DB_ARN}:snapshot:awsbackup:job-r`;
        const restore = anEvent('r', 'restore', 'completed', 5 * HOUR, {
          startedAt: at(3 * HOUR),
          restoreTest: true,
          recoveryPointArn: point,
        });

        // Act
        await store.recordEvent(restore, SERVICE, NOW);

        // Assess
        const state = await store.getResourceState(ORDERS_DB_ARN);
        expect(state?.lastRestore).toMatchObject({
          recoveryPointArn: point,
          startedAt: at(3 * HOUR),
          durationMs: 2 * HOUR,
          restoreTest: true,
        });
      });

      it('gives the same state for any delivery order and redelivery', async () => {
        // Prepare
        const events = aHistory();
        const ordered = await fresh();
        const redelivered = await fresh();
        await recordAll(ordered.store, events);

        // Act
        const outcomes = [];
        for (const seed of [1, 2, 3]) {
          for (const event of shuffled(events, seed)) {
            outcomes.push(
              await redelivered.store.recordEvent(event, serviceOf(event), NOW)
            );
          }
        }

        // Assess
        const expected = await statesOf(ordered.store);
        expect(expected.every((state) => state !== undefined)).toBe(true);
        expect(await statesOf(redelivered.store)).toEqual(expected);
        expect(outcomes.filter((o) => o.outcome === 'recorded')).toHaveLength(
          events.length
        );
      });

      it('gives the same state when events are recorded concurrently', async () => {
        // Prepare
        const events = aHistory();
        const ordered = await fresh();
        const concurrent = await fresh();
        await recordAll(ordered.store, events);

        // Act
        const outcomes = await Promise.all(
          shuffled(events, 11).map((event) =>
            concurrent.store.recordEvent(event, serviceOf(event), NOW)
          )
        );

        // Assess
        expect(outcomes.every((o) => o.outcome === 'recorded')).toBe(true);
        expect(await statesOf(concurrent.store)).toEqual(
          await statesOf(ordered.store)
        );
      });

      it('recovers the facts of an event whose state update crashed', async () => {
        // Prepare
        const subject = await fresh();
        const event = anEvent('b1', 'backup', 'completed', HOUR);
        subject.crashNextStateUpdate();
        await expect(
          subject.store.recordEvent(event, SERVICE, NOW)
        ).rejects.toThrow();
        const afterCrash = await subject.store.getResourceState(ORDERS_DB_ARN);

        // Act
        const { outcome } = await subject.store.recordEvent(
          event,
          SERVICE,
          NOW
        );

        // Assess
        expect(afterCrash).toBeUndefined();
        expect(outcome).toBe('duplicate');
        const state = await subject.store.getResourceState(ORDERS_DB_ARN);
        expect(state?.lastBackup?.eventId).toBe('b1');
        expect(state?.recentBackups).toHaveLength(1);
      });
    });

    describe('findResourceByRecoveryPoint', () => {
      it('returns the resource a completed backup created the point for', async () => {
        // Prepare
        const { store } = await fresh();
        const event = anEvent('b1', 'backup', 'completed', HOUR);
        await store.recordEvent(event, SERVICE, NOW);

        // Act
        const found = await store.findResourceByRecoveryPoint(
          event.recoveryPointArn as string
        );
        const unknown = await store.findResourceByRecoveryPoint(
          `${ORDERS_DB_ARN}:rp-unknown`
        );

        // Assess
        expect(found).toBe(ORDERS_DB_ARN);
        expect(unknown).toBeUndefined();
      });
    });

    describe('holdEvent', () => {
      const point = `${ORDERS_DB_ARN}:rp-held`;
      const restoreOf = (id: string, minutes: number) =>
        anEvent(id, 'restore', 'failed', minutes, {
          resourceArn: point,
          recoveryPointArn: point,
        });

      it('keeps the event out of every state until its owner is recorded, then names the point as waiting', async () => {
        // Prepare
        const { store } = await fresh();
        const held = restoreOf('r1', HOUR);

        // Act
        const ownerAtHold = await store.holdEvent(held, point);
        const listed = await store.listHeldEvents(point);
        const all = await store.listHeldEvents();
        const unmapped = await store.listUnmappedStates();
        const { waiting } = await store.recordEvent(
          anEvent('b1', 'backup', 'completed', 2 * HOUR, {
            recoveryPointArn: point,
          }),
          SERVICE,
          NOW
        );

        // Assess
        expect(ownerAtHold).toBeUndefined();
        expect(listed).toEqual([{ event: held, recoveryPointArn: point }]);
        expect(all).toEqual(listed);
        expect(unmapped).toEqual([]);
        expect(waiting).toEqual([point]);
        expect(await store.findResourceByRecoveryPoint(point)).toBe(
          ORDERS_DB_ARN
        );
      });

      it('returns the owner when it was recorded first, and nothing waits', async () => {
        // Prepare
        const { store } = await fresh();
        const { waiting } = await store.recordEvent(
          anEvent('b1', 'backup', 'completed', HOUR, {
            recoveryPointArn: point,
          }),
          SERVICE,
          NOW
        );

        // Act
        const owner = await store.holdEvent(restoreOf('r1', 2 * HOUR), point);

        // Assess
        expect(waiting).toEqual([]);
        expect(owner).toBe(ORDERS_DB_ARN);
      });

      it('forgets a released event and keeps the others', async () => {
        // Prepare
        const { store } = await fresh();
        const first = restoreOf('r1', HOUR);
        const second = restoreOf('r2', 2 * HOUR);
        await store.holdEvent(first, point);
        await store.holdEvent(second, point);

        // Act
        await store.releaseHeldEvent({ event: first, recoveryPointArn: point });

        // Assess
        expect(await store.listHeldEvents(point)).toEqual([
          { event: second, recoveryPointArn: point },
        ]);
        expect(await store.listHeldEvents()).toEqual([
          { event: second, recoveryPointArn: point },
        ]);
      });
    });

    describe('listServiceStates', () => {
      it('returns the states of one service and none of the others', async () => {
        // Prepare
        const { store } = await fresh();
        await store.recordEvent(
          anEvent('a', 'backup', 'completed', HOUR),
          SERVICE,
          NOW
        );
        await store.recordEvent(
          anEvent('b', 'backup', 'completed', HOUR, {
            resourceArn: VOLUME_ARN,
          }),
          'app-volumes',
          NOW
        );
        await store.recordEvent(
          anEvent('c', 'replication', 'failed', HOUR, {
            resourceArn: BUCKET_ARN,
          }),
          undefined,
          NOW
        );

        // Act
        const orders = await store.listServiceStates(SERVICE);
        const volumes = await store.listServiceStates('app-volumes');
        const unmapped = await store.listUnmappedStates();
        const none = await store.listServiceStates('payments');

        // Assess
        expect(orders.map((s) => s.resourceArn)).toEqual([ORDERS_DB_ARN]);
        expect(volumes.map((s) => s.resourceArn)).toEqual([VOLUME_ARN]);
        expect(unmapped.map((s) => s.resourceArn)).toEqual([BUCKET_ARN]);
        expect(unmapped[0]?.service).toBeUndefined();
        expect(none).toEqual([]);
      });

      it('moves a resource out of unmapped once a service claims it', async () => {
        // Prepare
        const { store } = await fresh();
        await store.recordEvent(
          anEvent('a', 'backup', 'completed', HOUR),
          undefined,
          NOW
        );

        // Act
        await store.recordEvent(
          anEvent('b', 'backup', 'completed', 2 * HOUR),
          SERVICE,
          NOW
        );

        // Assess
        expect(await store.listUnmappedStates()).toEqual([]);
        const states = await store.listServiceStates(SERVICE);
        expect(states.map((s) => [s.resourceArn, s.service])).toEqual([
          [ORDERS_DB_ARN, SERVICE],
        ]);
      });
    });

    describe('ensureResource', () => {
      it('creates the state of a listed resource never seen, first seen now', async () => {
        // Prepare
        const { store } = await fresh();

        // Act
        await store.ensureResource(VOLUME_ARN, 'app-volumes', NOW);

        // Assess
        expect(await store.listServiceStates('app-volumes')).toEqual([
          {
            resourceArn: VOLUME_ARN,
            resourceType: 'EBS',
            service: 'app-volumes',
            account: ACCOUNT,
            region: REGION,
            firstSeenAt: NOW,
            recentBackups: [],
            copies: [],
            replicationObjects: [],
          },
        ]);
      });

      it('leaves the facts of a known resource alone', async () => {
        // Prepare
        const { store } = await fresh();
        await store.recordEvent(
          anEvent('a', 'backup', 'completed', HOUR),
          SERVICE,
          NOW
        );
        const before = await store.getResourceState(ORDERS_DB_ARN);

        // Act
        await store.ensureResource(ORDERS_DB_ARN, SERVICE, NOW);

        // Assess
        expect(await store.getResourceState(ORDERS_DB_ARN)).toEqual(before);
      });

      it('lets an older event move firstSeenAt back', async () => {
        // Prepare
        const { store } = await fresh();
        await store.ensureResource(ORDERS_DB_ARN, SERVICE, NOW);

        // Act
        await store.recordEvent(
          anEvent('a', 'backup', 'failed', HOUR),
          SERVICE,
          NOW
        );

        // Assess
        const state = await store.getResourceState(ORDERS_DB_ARN);
        expect(state?.firstSeenAt).toEqual(at(HOUR));
        expect(state?.lastBackupFailure?.eventId).toBe('a');
      });
    });

    describe('listEvents', () => {
      it('returns events with from <= occurredAt < to, oldest first', async () => {
        // Prepare
        const { store } = await fresh();
        const events = [3, 1, 2, 4].map((h) =>
          anEvent(`e${h}`, 'backup', 'completed', h * HOUR)
        );
        await recordAll(store, events);

        // Act
        const listed = await store.listEvents(
          ORDERS_DB_ARN,
          at(HOUR),
          at(4 * HOUR)
        );
        const reversed = await store.listEvents(
          ORDERS_DB_ARN,
          at(4 * HOUR),
          at(HOUR)
        );

        // Assess
        expect(listed.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
        expect(reversed).toEqual([]);
      });
    });

    describe('saveAlert', () => {
      it('creates an alert only when none exists', async () => {
        // Prepare
        const { store } = await fresh();
        const alert = anAlert();

        // Act
        const first = await store.saveAlert(alert, undefined);
        const second = await store.saveAlert(alert, undefined);

        // Assess
        expect(first).toBe(true);
        expect(second).toBe(false);
        expect(await store.getAlert(alert.key)).toEqual({
          ...alert,
          version: 1,
        });
      });

      it("marks an active incident on its resources' states until it resolves, and makes no state", async () => {
        // Prepare
        const { store } = await fresh();
        await store.recordEvent(
          anEvent('f1', 'backup', 'failed', 2 * HOUR),
          SERVICE,
          NOW
        );
        const alert = anAlert({
          findings: [
            aFinding(),
            aFinding({ resource: VOLUME_ARN, check: 'rpo-breached' }),
          ],
        });

        // Act
        await store.saveAlert(alert, undefined);
        const opened = await store.getResourceState(ORDERS_DB_ARN);
        const resolved = {
          ...alert,
          status: 'resolved' as const,
          findings: alert.findings.map((f) => ({
            ...f,
            status: 'resolved' as const,
          })),
          owed: [],
          version: 2,
        };
        await store.saveAlert(resolved, 1);

        // Assess
        expect(opened?.openIncidents).toEqual([`${SERVICE}#${ORDERS_DB_ARN}`]);
        expect(
          (await store.getResourceState(ORDERS_DB_ARN))?.openIncidents
        ).toBeUndefined();
        expect(await store.getResourceState(VOLUME_ARN)).toBeUndefined();
      });

      it('returns false for a stale version and keeps the newer save', async () => {
        // Prepare
        const { store } = await fresh();
        const alert = anAlert();
        await store.saveAlert(alert, undefined);
        const renotified = {
          ...alert,
          lastNotifiedAt: at(3 * HOUR),
          version: 2,
        };
        await store.saveAlert(renotified, 1);

        // Act
        const stale = await store.saveAlert({ ...alert, failures: 9 }, 1);

        // Assess
        expect(stale).toBe(false);
        expect(await store.getAlert(alert.key)).toEqual(renotified);
      });

      it('keeps a roll-up apart from its resources and a merge target', async () => {
        // Prepare
        const { store } = await fresh();
        const rollUp = anAlert({ key: { service: SERVICE } });
        const merged = anAlert({
          status: 'resolved',
          mergedInto: { service: SERVICE },
          owed: [],
        });

        // Act
        await store.saveAlert(rollUp, undefined);
        await store.saveAlert(merged, undefined);

        // Assess
        expect(await store.getAlert({ service: SERVICE })).toEqual({
          ...rollUp,
          version: 1,
        });
        expect(await store.getAlert(merged.key)).toEqual({
          ...merged,
          version: 1,
        });
      });

      it('lists alerts unresolved or still owing a delivery as active', async () => {
        // Prepare
        const { store } = await fresh();
        const open = anAlert();
        const pending = anAlert({
          key: { ...open.key, resource: `${ORDERS_DB_ARN}-b` },
          status: 'pending',
          owed: [],
        });
        const owing = anAlert({
          key: { ...open.key, resource: `${ORDERS_DB_ARN}-c` },
        });
        await store.saveAlert(open, undefined);
        await store.saveAlert(pending, undefined);
        await store.saveAlert(owing, undefined);

        // Act
        const resolve = (alert: AlertRecord, owed: AlertRecord['owed']) =>
          store.saveAlert(
            { ...alert, status: 'resolved', resolvedAt: NOW, owed },
            1
          );
        await resolve(open, []);
        await resolve(owing, [
          { channel: 'sns', action: 'resolve', attempts: 0, firstOwedAt: NOW },
        ]);

        // Assess
        const active = await store.listActiveAlerts();
        expect(active.map((a) => [a.key.resource, a.status])).toEqual([
          [`${ORDERS_DB_ARN}-b`, 'pending'],
          [`${ORDERS_DB_ARN}-c`, 'resolved'],
        ]);
        expect(await store.getAlert(open.key)).toMatchObject({
          status: 'resolved',
          version: 2,
        });
        expect(
          await store.getAlert({ ...open.key, resource: 'x' })
        ).toBeUndefined();
      });

      it("lists one service's active incidents, not those of a service its id prefixes", async () => {
        // Prepare
        const { store } = await fresh();
        const mine = anAlert();
        const rollUp = anAlert({ key: { service: SERVICE } });
        const longer = anAlert({
          key: { service: `${SERVICE}-replica`, resource: ORDERS_DB_ARN },
        });
        const resolved = anAlert({
          key: { service: SERVICE, resource: `${ORDERS_DB_ARN}-old` },
          status: 'resolved',
          resolvedAt: NOW,
          owed: [],
        });
        for (const alert of [mine, rollUp, longer, resolved]) {
          await store.saveAlert(alert, undefined);
        }

        // Act
        const listed = await store.listServiceAlerts(SERVICE);

        // Assess
        expect(listed.map((a) => a.key).sort(byResource)).toEqual(
          [rollUp.key, mine.key].sort(byResource)
        );
        expect(
          (await store.listServiceAlerts(`${SERVICE}-replica`)).map(
            (a) => a.key
          )
        ).toEqual([longer.key]);
      });
    });

    describe('listServiceRangeAlerts', () => {
      it('lists the active incidents of the services after one id and up to another, ends open when undefined', async () => {
        // Prepare
        const { store } = await fresh();
        const ids = ['a', 'a-b', 'a.c', 'b', 'b_2', 'c'];
        for (const service of ids) {
          await store.saveAlert(
            anAlert({ key: { service, resource: ORDERS_DB_ARN } }),
            undefined
          );
          await store.saveAlert(anAlert({ key: { service } }), undefined);
        }
        const servicesOf = (alerts: { key: { service: string } }[]) =>
          [...new Set(alerts.map((a) => a.key.service))].sort();

        // Act
        const middle = await store.listServiceRangeAlerts('a', 'b');
        const first = await store.listServiceRangeAlerts(undefined, 'a');
        const last = await store.listServiceRangeAlerts('b_2', undefined);
        const all = await store.listServiceRangeAlerts(undefined, undefined);

        // Assess
        expect(servicesOf(middle)).toEqual(['a-b', 'a.c', 'b']);
        expect(middle).toHaveLength(6);
        expect(servicesOf(first)).toEqual(['a']);
        expect(servicesOf(last)).toEqual(['c']);
        expect(servicesOf(all)).toEqual(ids);
      });
    });

    describe('listTransitions', () => {
      it('returns transitions with from <= at < to across months, oldest first', async () => {
        // Prepare
        const { store } = await fresh();
        const key = anAlert().key;
        const transition = (
          when: string,
          to: Transition['to']
        ): Transition => ({
          alertKey: key,
          from: 'new',
          to,
          reason: 'backup job failed',
          at: new Date(when),
          findings: [aFinding(), aFinding({ check: 'rpo-breached' })],
        });
        const transitions = [
          transition('2026-10-31T23:00:00.000Z', 'open'),
          transition('2026-11-02T00:00:00.000Z', 'resolved'),
          transition('2026-10-26T00:00:00.000Z', 'pending'),
          transition('2026-11-01T01:00:00.000Z', 'open'),
        ];
        await store.recordTransitions(transitions);

        // Act
        const week = await store.listTransitions(
          new Date('2026-10-26T00:00:00Z'),
          new Date('2026-11-02T00:00:00Z')
        );

        // Assess
        expect(week).toEqual([transitions[2], transitions[0], transitions[3]]);
      });
    });

    describe('writeHeartbeat', () => {
      it('keeps the latest heartbeat', async () => {
        // Prepare
        const { store } = await fresh();
        const before = await store.getHeartbeat();

        // Act
        await store.writeHeartbeat({
          at: at(HOUR),
          services: 3,
          resources: 9,
          openAlerts: 1,
        });
        await store.writeHeartbeat({
          at: at(2 * HOUR),
          services: 3,
          resources: 9,
          openAlerts: 0,
        });

        // Assess
        expect(before).toBeUndefined();
        expect(await store.getHeartbeat()).toEqual({
          at: at(2 * HOUR),
          services: 3,
          resources: 9,
          openAlerts: 0,
        });
      });
    });

    describe('saveWeekScores', () => {
      const WEEK_START = new Date('2026-10-26T00:00:00Z');

      it("keeps a week's scores whole, services in order, and nothing for another week", async () => {
        // Prepare
        const { store } = await fresh();
        const none = await store.getWeekScores(WEEK_START);
        // Ids that are an object's own names must stay plain data.
        const services = [
          { service: 'orders-db', score: 97.5 },
          { service: 'assets' },
          { service: '__proto__', score: 0 },
          { service: 'constructor', score: 100 },
        ];

        // Act
        await store.saveWeekScores(WEEK_START, { score: 88.2, services }, NOW);

        // Assess
        expect(none).toBeUndefined();
        expect(await store.getWeekScores(WEEK_START)).toEqual({
          score: 88.2,
          services,
        });
        expect(
          await store.getWeekScores(new Date('2026-11-02T00:00:00Z'))
        ).toBeUndefined();
      });

      it('keeps thousands of services across items, and a later save replaces an earlier one', async () => {
        // Prepare
        const { store } = await fresh();
        const many = Array.from({ length: 2_500 }, (_, i) => ({
          service: `service-${String(i).padStart(4, '0')}`,
          score: i % 101,
        }));
        await store.saveWeekScores(WEEK_START, { services: many }, NOW);
        const first = await store.getWeekScores(WEEK_START);

        // Act
        await store.saveWeekScores(
          WEEK_START,
          { score: 50, services: [{ service: 'orders-db', score: 50 }] },
          new Date(NOW.getTime() + MINUTE)
        );

        // Assess
        expect(first).toEqual({ services: many });
        expect(await store.getWeekScores(WEEK_START)).toEqual({
          score: 50,
          services: [{ service: 'orders-db', score: 50 }],
        });
      });
    });

    describe('recordRejected', () => {
      it('keeps the raw input and its issues under the day it was rejected', async () => {
        // Prepare
        const { store } = await fresh();
        const raw = '{"detail-type":"Backup Job State Change","detail":{}}';
        const issues = [{ path: 'detail.state', message: 'is missing' }];

        // Act
        await store.recordRejected(raw, issues, NOW);

        // Assess
        expect(await store.listRejected(NOW)).toEqual([
          { receivedAt: NOW, raw, rawLength: raw.length, issues },
        ]);
        expect(await store.listRejected(at(0))).toEqual([]);
      });
    });
  });
};

export type { StoreFactory, StoreUnderTest };
export {
  aHistory,
  anEvent,
  describeHistoryStore,
  NOW,
  serviceOf,
  shuffled,
  T0,
};
