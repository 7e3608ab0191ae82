import { describe, expect, it } from 'vitest';
import { normaliseRdsEvent, RDS_EVENTS } from '../../../src/events/index.js';
import type { BackupEvent } from '../../../src/model/index.js';
import { fixture } from '../../helpers/eventFixtures.js';

const at = (iso: string): Date => new Date(iso);

const DOC = {
  source: 'aws.rds',
  account: '123456789012',
  region: 'us-east-1',
} as const;
const BUILT = {
  source: 'aws.rds',
  account: '111122223333',
  region: 'us-east-1',
} as const;
const ZERO = '00000000-0000-0000-0000-000000000000';
const DOC_ARN = 'arn:aws:rds:us-east-1:123456789012';
const ARN = 'arn:aws:rds:us-east-1:111122223333';
const WEST = 'arn:aws:rds:us-west-2:111122223333';
const T0 = at('2024-01-01T05:00:00.000Z');

type Case = [string, BackupEvent[]];

const CASES: Case[] = [
  ['rds-db-cluster-event.RDS-EVENT-0173.patched.json', []],
  [
    'rds-db-cluster-snapshot-event.RDS-EVENT-0074.creating-manual.json',
    [
      {
        ...DOC,
        id: '844e2571-85d4-695f-b930-0153b71dcb42:RDS-EVENT-0074',
        kind: 'snapshot',
        state: 'started',
        // A manual snapshot's name does not say whose it is.
        resourceArn: `${DOC_ARN}:cluster-snapshot:rds:my-db-cluster-snapshot`,
        resourceType: 'Aurora',
        jobId: 'rds:my-db-cluster-snapshot',
        recoveryPointArn: `${DOC_ARN}:cluster-snapshot:rds:my-db-cluster-snapshot`,
        occurredAt: at('2018-10-06T12:26:13.882Z'),
        startedAt: at('2018-10-06T12:26:13.882Z'),
        message: 'Creating manual cluster snapshot',
        detailType: 'RDS DB Cluster Snapshot Event',
        rdsEventId: 'RDS-EVENT-0074',
      },
    ],
  ],
  [
    'rds-db-cluster-snapshot-event.RDS-EVENT-0075.manual-created.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0075`,
        kind: 'snapshot',
        state: 'completed',
        resourceArn: `${DOC_ARN}:cluster-snapshot:my-manual-cluster-snapshot`,
        resourceType: 'Aurora',
        jobId: 'my-manual-cluster-snapshot',
        recoveryPointArn: `${DOC_ARN}:cluster-snapshot:my-manual-cluster-snapshot`,
        occurredAt: T0,
        completedAt: T0,
        message: 'Manual cluster snapshot created',
        detailType: 'RDS DB Cluster Snapshot Event',
        rdsEventId: 'RDS-EVENT-0075',
      },
    ],
  ],
  [
    'rds-db-cluster-snapshot-event.RDS-EVENT-0168.automated-creating.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0168`,
        kind: 'snapshot',
        state: 'started',
        resourceArn: `${DOC_ARN}:cluster:my-cluster`,
        resourceType: 'Aurora',
        jobId: 'rds:my-cluster-2024-01-01-05-00',
        recoveryPointArn: `${DOC_ARN}:cluster-snapshot:rds:my-cluster-2024-01-01-05-00`,
        occurredAt: T0,
        startedAt: T0,
        message: 'Creating automated cluster snapshot',
        detailType: 'RDS DB Cluster Snapshot Event',
        rdsEventId: 'RDS-EVENT-0168',
      },
    ],
  ],
  [
    'rds-db-cluster-snapshot-event.RDS-EVENT-0169.automated-created.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0169`,
        kind: 'snapshot',
        state: 'completed',
        resourceArn: `${DOC_ARN}:cluster:my-cluster`,
        resourceType: 'Aurora',
        jobId: 'rds:my-cluster-2024-01-01-05-00',
        recoveryPointArn: `${DOC_ARN}:cluster-snapshot:rds:my-cluster-2024-01-01-05-00`,
        occurredAt: T0,
        completedAt: T0,
        message: 'Automated cluster snapshot created',
        detailType: 'RDS DB Cluster Snapshot Event',
        rdsEventId: 'RDS-EVENT-0169',
      },
    ],
  ],
  [
    'rds-db-cluster-snapshot-event.RDS-EVENT-0169.automated-created.payments-aurora.BUILT.json',
    [
      {
        ...BUILT,
        id: '46f3cdcd-c96e-4056-b953-7378e4c90747:RDS-EVENT-0169',
        kind: 'snapshot',
        state: 'completed',
        resourceArn: `${ARN}:cluster:payments-aurora`,
        resourceType: 'Aurora',
        jobId: 'rds:payments-aurora-2024-05-01-04-00',
        recoveryPointArn: `${ARN}:cluster-snapshot:rds:payments-aurora-2024-05-01-04-00`,
        occurredAt: at('2024-05-01T04:06:18.450Z'),
        completedAt: at('2024-05-01T04:06:18.450Z'),
        message: 'Automated cluster snapshot created',
        detailType: 'RDS DB Cluster Snapshot Event',
        rdsEventId: 'RDS-EVENT-0169',
      },
    ],
  ],
  [
    'rds-db-instance-event.RDS-EVENT-0001.backup-started.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0001`,
        kind: 'backup',
        state: 'started',
        resourceArn: `${DOC_ARN}:db:my-db-instance`,
        resourceType: 'RDS',
        occurredAt: T0,
        startedAt: T0,
        message: 'Backing up DB instance',
        detailType: 'RDS DB Instance Event',
        rdsEventId: 'RDS-EVENT-0001',
      },
    ],
  ],
  [
    'rds-db-instance-event.RDS-EVENT-0002.backup-finished.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0002`,
        kind: 'backup',
        state: 'completed',
        resourceArn: `${DOC_ARN}:db:my-db-instance`,
        resourceType: 'RDS',
        occurredAt: T0,
        completedAt: T0,
        message: 'Finished DB Instance backup',
        detailType: 'RDS DB Instance Event',
        rdsEventId: 'RDS-EVENT-0002',
      },
    ],
  ],
  [
    'rds-db-instance-event.RDS-EVENT-0028.backups-disabled.BUILT.json',
    [
      {
        ...BUILT,
        id: 'e2cfc588-6f0c-4b17-b1d5-66452dd5e8d6:RDS-EVENT-0028',
        kind: 'config',
        state: 'failed',
        resourceArn: `${ARN}:db:orders-db`,
        resourceType: 'RDS',
        occurredAt: at('2024-05-06T10:15:22.481Z'),
        message: 'Disabled automated backups',
        detailType: 'RDS DB Instance Event',
        rdsEventId: 'RDS-EVENT-0028',
      },
    ],
  ],
  [
    'rds-db-instance-event.RDS-EVENT-0032.backups-enabled.BUILT.json',
    [
      {
        ...BUILT,
        id: '99eb6308-e697-403c-94ad-5096871e54bf:RDS-EVENT-0032',
        kind: 'config',
        state: 'completed',
        resourceArn: `${ARN}:db:orders-db`,
        resourceType: 'RDS',
        occurredAt: at('2024-05-06T11:02:09.105Z'),
        completedAt: at('2024-05-06T11:02:09.105Z'),
        message: 'Enabled automated backups',
        detailType: 'RDS DB Instance Event',
        rdsEventId: 'RDS-EVENT-0032',
      },
    ],
  ],
  ['rds-db-instance-event.RDS-EVENT-0049.failover.json', []],
  [
    'rds-db-instance-event.backup-finished.no-EventID.lambda-guide.json',
    [
      {
        source: 'aws.rds',
        account: '123456789012',
        region: 'us-east-2',
        id: 'fe8d3c65-xmpl-c5c3-2c87-81584709a377:message:RDS-EVENT-0002',
        kind: 'backup',
        state: 'completed',
        resourceArn: 'arn:aws:rds:us-east-2:123456789012:db:rdz6xmpliljlb1',
        resourceType: 'RDS',
        occurredAt: at('2020-04-28T07:20:20.112Z'),
        completedAt: at('2020-04-28T07:20:20.112Z'),
        message: 'Finished DB Instance backup',
        detailType: 'RDS DB Instance Event',
      },
    ],
  ],
  ['rds-db-parameter-group-event.RDS-EVENT-0037.json', []],
  ['rds-db-security-group-event.RDS-EVENT-0038.json', []],
  [
    'rds-db-snapshot-event.RDS-EVENT-0040.manual-creating.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0040`,
        kind: 'snapshot',
        state: 'started',
        resourceArn: `${DOC_ARN}:snapshot:my-manual-snapshot`,
        resourceType: 'RDS',
        jobId: 'my-manual-snapshot',
        recoveryPointArn: `${DOC_ARN}:snapshot:my-manual-snapshot`,
        occurredAt: T0,
        startedAt: T0,
        message: 'Creating manual snapshot',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0040',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0041.deleted.json',
    [
      {
        ...DOC,
        id: '844e2571-85d4-695f-b930-0153b71dcb42:RDS-EVENT-0041',
        kind: 'snapshot',
        state: 'deleted',
        // rds:<name> without the date suffix is not an automated snapshot name.
        resourceArn: `${DOC_ARN}:snapshot:rds:my-db-snapshot`,
        resourceType: 'RDS',
        jobId: 'rds:my-db-snapshot',
        recoveryPointArn: `${DOC_ARN}:snapshot:rds:my-db-snapshot`,
        occurredAt: at('2018-10-06T12:26:13.882Z'),
        message: 'Deleted manual snapshot',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0041',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0042.manual-created.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0042`,
        kind: 'snapshot',
        state: 'completed',
        resourceArn: `${DOC_ARN}:snapshot:my-manual-snapshot`,
        resourceType: 'RDS',
        jobId: 'my-manual-snapshot',
        recoveryPointArn: `${DOC_ARN}:snapshot:my-manual-snapshot`,
        occurredAt: T0,
        completedAt: T0,
        message: 'Manual snapshot created',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0042',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0059.crossregion-copy-started.BUILT.json',
    [
      {
        ...BUILT,
        region: 'us-west-2',
        id: 'd202c8b1-fdb0-426f-9508-3ffc1ae4a797:RDS-EVENT-0059',
        kind: 'copy',
        state: 'started',
        resourceArn: `${WEST}:snapshot:orders-db-dr-2024-05-01`,
        resourceType: 'RDS',
        jobId: 'orders-db-dr-2024-05-01',
        recoveryPointArn: `${WEST}:snapshot:orders-db-dr-2024-05-01`,
        occurredAt: at('2024-05-01T03:40:12.337Z'),
        startedAt: at('2024-05-01T03:40:12.337Z'),
        message:
          'Started copy of snapshot arn:aws:rds:us-east-1:111122223333:snapshot:rds:orders-db-2024-05-01-03-10 from region us-east-1',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0059',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0060.crossregion-copy-finished.BUILT.json',
    [
      {
        ...BUILT,
        region: 'us-west-2',
        id: '7d75282c-8067-4ecb-a4a9-9208aa7002fd:RDS-EVENT-0060',
        kind: 'copy',
        state: 'completed',
        resourceArn: `${WEST}:snapshot:orders-db-dr-2024-05-01`,
        resourceType: 'RDS',
        jobId: 'orders-db-dr-2024-05-01',
        recoveryPointArn: `${WEST}:snapshot:orders-db-dr-2024-05-01`,
        occurredAt: at('2024-05-01T03:52:47.902Z'),
        completedAt: at('2024-05-01T03:52:47.902Z'),
        message:
          'Finished copy of snapshot arn:aws:rds:us-east-1:111122223333:snapshot:rds:orders-db-2024-05-01-03-10 from region us-east-1 in 12 minutes',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0060',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0061.crossregion-copy-canceled.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0061`,
        kind: 'copy',
        state: 'aborted',
        resourceArn: `${DOC_ARN}:snapshot:my-copied-snapshot`,
        resourceType: 'RDS',
        jobId: 'my-copied-snapshot',
        recoveryPointArn: `${DOC_ARN}:snapshot:my-copied-snapshot`,
        occurredAt: T0,
        message:
          'Canceled snapshot copy request of my-source-snapshot from region us-west-2',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0061',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0090.automated-creating.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0090`,
        kind: 'snapshot',
        state: 'started',
        resourceArn: `${DOC_ARN}:db:my-db-instance`,
        resourceType: 'RDS',
        jobId: 'rds:my-db-instance-2024-01-01-05-00',
        recoveryPointArn: `${DOC_ARN}:snapshot:rds:my-db-instance-2024-01-01-05-00`,
        occurredAt: T0,
        startedAt: T0,
        message: 'Creating automated snapshot',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0090',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0090.automated-creating.orders-db.BUILT.json',
    [
      {
        ...BUILT,
        id: 'a073809e-9be3-4e0c-b069-340eefca6eb7:RDS-EVENT-0090',
        kind: 'snapshot',
        state: 'started',
        resourceArn: `${ARN}:db:orders-db`,
        resourceType: 'RDS',
        jobId: 'rds:orders-db-2024-05-01-03-10',
        recoveryPointArn: `${ARN}:snapshot:rds:orders-db-2024-05-01-03-10`,
        occurredAt: at('2024-05-01T03:10:04.018Z'),
        startedAt: at('2024-05-01T03:10:04.018Z'),
        message: 'Creating automated snapshot',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0090',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0091`,
        kind: 'snapshot',
        state: 'completed',
        resourceArn: `${DOC_ARN}:db:my-db-instance`,
        resourceType: 'RDS',
        jobId: 'rds:my-db-instance-2024-01-01-05-00',
        recoveryPointArn: `${DOC_ARN}:snapshot:rds:my-db-instance-2024-01-01-05-00`,
        occurredAt: T0,
        completedAt: T0,
        message: 'Automated snapshot created',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0091',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.orders-db.BUILT.json',
    [
      {
        ...BUILT,
        id: 'ada7810e-621a-420c-9be8-e24917a19e50:RDS-EVENT-0091',
        kind: 'snapshot',
        state: 'completed',
        resourceArn: `${ARN}:db:orders-db`,
        resourceType: 'RDS',
        jobId: 'rds:orders-db-2024-05-01-03-10',
        recoveryPointArn: `${ARN}:snapshot:rds:orders-db-2024-05-01-03-10`,
        occurredAt: at('2024-05-01T03:14:39.771Z'),
        completedAt: at('2024-05-01T03:14:39.771Z'),
        message: 'Automated snapshot created',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0091',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0190.local-copy-canceled.BUILT.json',
    [
      {
        ...BUILT,
        id: 'b1e1d8a1-66d3-4612-8001-f0e958c70c9f:RDS-EVENT-0190',
        kind: 'copy',
        state: 'aborted',
        resourceArn: `${ARN}:snapshot:orders-db-keep-2024-05-01`,
        resourceType: 'RDS',
        jobId: 'orders-db-keep-2024-05-01',
        recoveryPointArn: `${ARN}:snapshot:orders-db-keep-2024-05-01`,
        occurredAt: at('2024-05-01T04:03:51.664Z'),
        message:
          'Canceled snapshot copy request of rds:orders-db-2024-05-01-03-10 in region us-east-1',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0190',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0196.local-copy-started.BUILT.json',
    [
      {
        ...BUILT,
        id: 'a2fb1719-f663-4370-8f4b-31ed9b6554ac:RDS-EVENT-0196',
        kind: 'copy',
        state: 'started',
        resourceArn: `${ARN}:snapshot:orders-db-keep-2024-05-01`,
        resourceType: 'RDS',
        jobId: 'orders-db-keep-2024-05-01',
        recoveryPointArn: `${ARN}:snapshot:orders-db-keep-2024-05-01`,
        occurredAt: at('2024-05-01T04:00:03.220Z'),
        startedAt: at('2024-05-01T04:00:03.220Z'),
        message:
          'Started copy of snapshot rds:orders-db-2024-05-01-03-10 in region us-east-1',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0196',
      },
    ],
  ],
  [
    'rds-db-snapshot-event.RDS-EVENT-0197.local-copy-finished.RECONSTRUCTED.json',
    [
      {
        ...DOC,
        id: `${ZERO}:RDS-EVENT-0197`,
        kind: 'copy',
        state: 'completed',
        resourceArn: `${DOC_ARN}:snapshot:my-copied-snapshot`,
        resourceType: 'RDS',
        jobId: 'my-copied-snapshot',
        recoveryPointArn: `${DOC_ARN}:snapshot:my-copied-snapshot`,
        occurredAt: T0,
        completedAt: T0,
        message:
          'Finished copy of snapshot my-source-snapshot in region us-east-1',
        detailType: 'RDS DB Snapshot Event',
        rdsEventId: 'RDS-EVENT-0197',
      },
    ],
  ],
];

type Detail = Record<string, unknown>;
const withDetail = (path: string, change: (detail: Detail) => Detail) => {
  const event = fixture(`rds/${path}`) as { detail: Detail };
  return { ...event, detail: change({ ...event.detail }) };
};

describe('normaliseRdsEvent', () => {
  it.each(CASES)('normalises %s', (path, expected) => {
    // Prepare
    const raw = fixture(`rds/${path}`);

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toStrictEqual(
      expected.length > 0
        ? { ok: true, value: expected }
        : { ok: true, value: [], ignored: expect.any(String) }
    );
  });

  it('matches on EventID, never on the message text', () => {
    // Prepare
    const raw = withDetail(
      'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
      (d) => ({ ...d, Message: 'Creating automated snapshot' })
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toMatchObject({ ok: true, value: [{ state: 'completed' }] });
  });

  it('falls back to the catalogue text only without an EventID', () => {
    // Prepare
    const raw = withDetail(
      'rds-db-instance-event.backup-finished.no-EventID.lambda-guide.json',
      (d) => ({ ...d, Message: 'Something else happened' })
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: true,
      value: [],
      ignored: expect.any(String),
    });
  });

  it("tracks RDS-EVENT-0041's real wording without an EventID", () => {
    // Prepare: AWS's example says "Deleted manual snapshot", the catalogue
    // "Deleted user snapshot."
    const raw = withDetail(
      'rds-db-snapshot-event.RDS-EVENT-0041.deleted.json',
      (d) => {
        const { EventID: _, ...rest } = d;
        return rest;
      }
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      value: [
        {
          id: expect.stringMatching(/:message:RDS-EVENT-0041$/),
          kind: 'snapshot',
          state: 'deleted',
        },
      ],
    });
  });

  it.each([
    ['RDS-EVENT-0159', 'The snapshot export task failed.'],
    [undefined, 'The snapshot export task failed'],
    [
      'RDS-EVENT-0043',
      'Restored from snapshot rds:orders-db-2024-05-01-03-10.',
    ],
    [
      undefined,
      'Export task nightly: Export progress is at 40% with 2 table(s) in-progress and 3 table(s) finished. The total size of finished tables is 7 GB.',
    ],
  ])(
    'ignores the snapshot event %s (%s) the monitor does not track, on purpose',
    (eventId, message) => {
      // Prepare
      const raw = withDetail(
        'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
        (d) => {
          const { EventID: _, ...rest } = d;
          return { ...rest, Message: message, EventID: eventId };
        }
      );

      // Act
      const result = normaliseRdsEvent(raw);

      // Assess
      expect(result).toEqual({
        ok: true,
        value: [],
        ignored: expect.any(String),
      });
    }
  );

  it('rejects a snapshot event the catalogue does not have, by EventID or by message', () => {
    // Prepare
    const byId = withDetail(
      'rds-db-cluster-snapshot-event.RDS-EVENT-0169.automated-created.RECONSTRUCTED.json',
      (d) => ({ ...d, EventID: 'RDS-EVENT-0999' })
    );
    const byMessage = withDetail(
      'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
      (d) => {
        const { EventID: _, ...rest } = d;
        return { ...rest, Message: 'Automated snapshot teleported' };
      }
    );

    // Act
    const results = [byId, byMessage].map(normaliseRdsEvent);

    // Assess
    expect(results).toEqual([
      {
        ok: false,
        issues: [
          {
            path: 'detail.EventID',
            message:
              "'RDS-EVENT-0999' is not a CLUSTER_SNAPSHOT event in the RDS catalogue",
          },
        ],
      },
      {
        ok: false,
        issues: [
          {
            path: 'detail.Message',
            message:
              "no SNAPSHOT event in the RDS catalogue says 'Automated snapshot teleported'",
          },
        ],
      },
    ]);
  });

  it('ignores a DB instance event it does not track, with or without an EventID', () => {
    // Prepare
    const failover = fixture(
      'rds/rds-db-instance-event.RDS-EVENT-0049.failover.json'
    ) as {
      detail: Detail;
    };
    const { EventID: _, ...withoutId } = failover.detail;

    // Act
    const results = [failover, { ...failover, detail: withoutId }].map(
      normaliseRdsEvent
    );

    // Assess
    expect(results).toEqual([
      {
        ok: true,
        value: [],
        ignored: expect.stringMatching(
          /an RDS event the monitor does not track$/
        ),
      },
      {
        ok: true,
        value: [],
        ignored: expect.stringMatching(
          /an RDS event the monitor does not track$/
        ),
      },
    ]);
  });

  it('has a catalogue meaning and a doc link for every tracked EventID', () => {
    // Prepare
    const ids = [...RDS_EVENTS.keys()];

    // Act
    const entries = [...RDS_EVENTS.values()];

    // Assess
    expect(ids).toEqual([
      'RDS-EVENT-0001',
      'RDS-EVENT-0002',
      'RDS-EVENT-0019',
      'RDS-EVENT-0028',
      'RDS-EVENT-0032',
      'RDS-EVENT-0040',
      'RDS-EVENT-0041',
      'RDS-EVENT-0042',
      'RDS-EVENT-0043',
      'RDS-EVENT-0059',
      'RDS-EVENT-0060',
      'RDS-EVENT-0061',
      'RDS-EVENT-0074',
      'RDS-EVENT-0075',
      'RDS-EVENT-0090',
      'RDS-EVENT-0091',
      'RDS-EVENT-0168',
      'RDS-EVENT-0169',
      'RDS-EVENT-0190',
      'RDS-EVENT-0196',
      'RDS-EVENT-0197',
    ]);
    for (const entry of entries) {
      expect(entry.docUrl).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\/latest\/(UserGuide|AuroraUserGuide)\/USER_Events\.Messages\.html#/
      );
      expect(entry.meaning).toMatch(/\.$/);
    }
  });

  it('rejects an EventID sent for the wrong source type', () => {
    // Prepare
    const raw = withDetail(
      'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
      (d) => ({ ...d, SourceType: 'DB_INSTANCE' })
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'detail.SourceType',
          message: "RDS-EVENT-0091 is a SNAPSHOT event, got 'DB_INSTANCE'",
        },
      ],
    });
  });

  it('rejects a SourceArn that is not a snapshot ARN', () => {
    // Prepare
    const raw = withDetail(
      'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
      (d) => ({ ...d, SourceArn: `${DOC_ARN}:db:my-db-instance` })
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: 'detail.SourceArn' }],
    });
  });

  it('rejects a malformed detail with every faulty path', () => {
    // Prepare
    const raw = withDetail(
      'rds-db-instance-event.RDS-EVENT-0001.backup-started.RECONSTRUCTED.json',
      (d) => ({
        ...d,
        Date: 1704085200000,
        EventID: 'RDS-0001',
      })
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual([
      'detail.Date',
      'detail.EventID',
    ]);
  });
});

describe('normaliseRdsEvent, restores', () => {
  const ORDERS = 'arn:aws:rds:us-east-1:111122223333:db:orders-db';

  it('attributes a restore from an automated snapshot to the instance the snapshot is of', () => {
    // Act
    const result = normaliseRdsEvent(
      fixture(
        'rds/rds-db-instance-event.RDS-EVENT-0043.restored-from-snapshot.orders-db.BUILT.json'
      )
    );

    // Assess
    expect(result.ok && result.value).toEqual([
      expect.objectContaining({
        kind: 'restore',
        state: 'completed',
        resourceArn: ORDERS,
        recoveryPointArn:
          'arn:aws:rds:us-east-1:111122223333:snapshot:rds:orders-db-2024-05-01-03-10',
        restoreTest: true,
        completedAt: new Date('2024-05-02T11:42:17.093Z'),
        message:
          'Restored from snapshot rds:orders-db-2024-05-01-03-10 (into orders-db-restore-test)',
        rdsEventId: 'RDS-EVENT-0043',
      }),
    ]);
  });

  it('leaves a restore from a manual snapshot on the snapshot, for ingest to resolve', () => {
    // Prepare
    const raw = fixture(
      'rds/rds-db-instance-event.RDS-EVENT-0043.restored-from-snapshot.orders-db.BUILT.json'
    ) as { detail: Record<string, unknown> };
    raw.detail.Message = 'Restored from snapshot orders-before-migration.';

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    const snapshot =
      'arn:aws:rds:us-east-1:111122223333:snapshot:orders-before-migration';
    expect(result.ok && result.value[0]).toMatchObject({
      resourceArn: snapshot,
      recoveryPointArn: snapshot,
    });
  });

  it('attributes a point-in-time restore to its source instance', () => {
    // Act
    const result = normaliseRdsEvent(
      fixture(
        'rds/rds-db-instance-event.RDS-EVENT-0019.point-in-time.orders-db.BUILT.json'
      )
    );

    // Assess
    expect(result.ok && result.value).toEqual([
      expect.objectContaining({
        kind: 'restore',
        state: 'completed',
        resourceArn: ORDERS,
        restoreTest: true,
        message:
          'Restored from DB instance orders-db to 2024-05-03 13:30:00.0 (into orders-db-pitr)',
      }),
    ]);
  });

  it('rejects a restore whose message names nothing it was restored from', () => {
    // Prepare
    const raw = fixture(
      'rds/rds-db-instance-event.RDS-EVENT-0019.point-in-time.orders-db.BUILT.json'
    ) as { detail: Record<string, unknown> };
    raw.detail.Message = 'Restored.';

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'detail.Message',
          message:
            "expected 'Restored from DB instance <name> to <name>.', naming what was restored",
        },
      ],
    });
  });

  it('accepts null where RDS may leave a value out, falling back to the message', () => {
    // Prepare
    const raw = withDetail(
      'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
      (d) => ({
        ...d,
        EventID: null,
        EventCategories: null,
        SourceIdentifier: null,
      })
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      value: [{ kind: 'snapshot', state: 'completed' }],
    });
    expect(result.ok && result.value[0]).not.toHaveProperty('rdsEventId');
  });

  it('rejects an EventID that is not one, saying what it got', () => {
    // Prepare
    const raw = withDetail(
      'rds-db-snapshot-event.RDS-EVENT-0091.automated-created.RECONSTRUCTED.json',
      (d) => ({ ...d, EventID: '__proto__' })
    );

    // Act
    const result = normaliseRdsEvent(raw);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'detail.EventID',
          message: "expected RDS-EVENT-<4 digits>, got '__proto__'",
        },
      ],
    });
  });
});
