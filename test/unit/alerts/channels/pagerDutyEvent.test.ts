import { describe, expect, it } from 'vitest';
import {
  pagerDutyChange,
  pagerDutyEvent,
} from '../../../../src/alerts/channels/index.js';
import { dedupKey, MAX_DEDUP_KEY } from '../../../../src/alerts/index.js';
import { checkRpoBreached } from '../../../../src/checks/index.js';
import type { Finding } from '../../../../src/model/index.js';
import { aCheckInput } from '../../../helpers/builders.js';
import {
  aContext,
  anAlert,
  aResolvedAlert,
  FINDING,
  OPENED_AT,
  STATE,
} from '../../../helpers/channelFixtures.js';

const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const ARN = 'arn:aws:rds:eu-west-1:111122223333:db:orders-prod';
const DEDUP_KEY = `backup-sentinel/orders-db/${ARN}`;
const SECTION_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup';
const PAGE_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md';

/** The RPO finding that joins the failed backup's incident 30 h on. */
const RPO: Finding = checkRpoBreached(
  aCheckInput({ state: STATE }),
  new Date('2026-11-05T08:25:00Z')
)[0]!;

const triggerOf = (event: ReturnType<typeof pagerDutyEvent>) => {
  if (event.event_action !== 'trigger') throw new Error('not a trigger');
  return event;
};

describe('pagerDutyEvent', () => {
  it('builds a trigger as PagerDuty users expect: incident key, resource, type, service, root cause', () => {
    // Act
    const event = triggerOf(
      pagerDutyEvent('trigger', anAlert(), aContext(), ROUTING_KEY)
    );

    // Assess
    expect(event).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: DEDUP_KEY,
      payload: {
        summary: FINDING.summary,
        source: ARN,
        severity: 'critical',
        timestamp: '2026-11-05T02:40:00.000Z',
        component: 'RDS',
        group: 'orders-db',
        class: 'backup-failed',
      },
      client: 'Backup Sentinel',
      client_url: SECTION_URL,
    });
  });

  it('gives the facts in custom_details with ISO times and human durations', () => {
    // Act
    const { payload } = triggerOf(
      pagerDutyEvent('trigger', anAlert(), aContext(), ROUTING_KEY)
    );

    // Assess
    expect(payload.custom_details).toEqual({
      incident: DEDUP_KEY,
      root_cause: 'Backup failed',
      failing_checks: [
        {
          check: 'backup-failed',
          what: 'Backup failed',
          since: '2026-11-05T02:40:00.000Z',
          for: '20 min',
          severity: 'critical',
          summary: FINDING.summary,
          // The finding's text figures; its millisecond counts stay out.
          evidence: {
            failedAt: '2026-11-05T02:40:00.000Z',
            jobId: 'job-failed',
            lastBackupCreatedAt: '2026-11-04T02:05:00.000Z',
            message: 'Backup job failed because the vault does not exist.',
            state: 'failed',
          },
        },
      ],
      service: 'Orders database (orders-db)',
      tier: 'critical',
      owner: 'team-orders',
      rpo: '26 h',
      rto: '4 h',
      expected_window:
        'daily at 02:00 UTC: starts within 1 h, completes within 2 h',
      grace: '30 min',
      last_good_recovery_point: {
        at: '2026-11-04T02:05:00.000Z',
        age: '24 h 55 min',
        arn: STATE.lastBackup?.recoveryPointArn,
      },
      job: {
        id: 'job-failed',
        status: 'FAILED',
        message: 'Backup job failed because the vault does not exist.',
        at: '2026-11-05T02:40:00.000Z',
      },
      last_restore_test: {
        at: '2026-10-22T10:00:00.000Z',
        age: '13 d 17 h',
        test: true,
        took: '50 min',
      },
      raised_at: OPENED_AT.toISOString(),
      runbook_section: SECTION_URL,
      runbook_page: PAGE_URL,
    });
  });

  it('sends no millisecond count: no number and no *Ms field anywhere in the details', () => {
    // Prepare
    const alert = anAlert({ findings: [FINDING, RPO] });
    const numbers: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'number' || /Ms$|ms$/.test(path)) numbers.push(path);
      if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      }
    };

    // Act
    const { payload } = triggerOf(
      pagerDutyEvent('trigger', alert, aContext(), ROUTING_KEY)
    );
    walk(payload, 'payload');

    // Assess
    expect(numbers).toEqual([]);
    expect(JSON.stringify(payload)).not.toMatch(/\d ?ms\b/);
  });

  it('links the runbook section first, then the service page and the AWS console', () => {
    // Act
    const { links } = triggerOf(
      pagerDutyEvent('trigger', anAlert(), aContext(), ROUTING_KEY)
    );

    // Assess
    expect(links).toEqual([
      { href: SECTION_URL, text: 'Runbook: Manual backup (Orders database)' },
      { href: PAGE_URL, text: 'Runbook: Orders database (service page)' },
      {
        href: 'https://eu-west-1.console.aws.amazon.com/backup/home?region=eu-west-1#/jobs/backup/details/job-failed',
        text: 'AWS Backup job job-failed (orders-prod)',
      },
      {
        href: `https://eu-west-1.console.aws.amazon.com/rds/home?region=eu-west-1#db-snapshot:id=${encodeURIComponent(`awsbackup:job-${new Date('2026-11-04T02:05:00Z').getTime()}`)}`,
        text: `Last good RDS snapshot awsbackup:job-${new Date('2026-11-04T02:05:00Z').getTime()}`,
      },
    ]);
  });

  it('names the root cause first and lists what joined it, timed by the newest', () => {
    // Prepare: the RPO breach joins the failed backup's incident.
    const alert = anAlert({ findings: [FINDING, RPO] });

    // Act
    const { payload } = triggerOf(
      pagerDutyEvent('trigger', alert, aContext(), ROUTING_KEY)
    );

    // Assess
    expect(payload.summary).toBe(
      `${FINDING.summary} Also failing: Recovery point objective (RPO) breached.`
    );
    expect(payload.class).toBe('backup-failed');
    expect(payload.timestamp).toBe(RPO.since.toISOString());
    expect(payload.custom_details.failing_checks).toMatchObject([
      { check: 'backup-failed', since: FINDING.since.toISOString() },
      { check: 'rpo-breached', since: RPO.since.toISOString() },
    ]);
  });

  it('ends the root summary with a full stop before what joined it', () => {
    // Prepare: the RPO finding's summary ends in a parenthesis.
    const alert = anAlert({
      findings: [RPO, { ...RPO, check: 'copy-failed' }],
    });

    // Act
    const { payload } = triggerOf(
      pagerDutyEvent('trigger', alert, aContext(), ROUTING_KEY)
    );

    // Assess
    expect(payload.summary).toBe(
      `${RPO.summary}. Also failing: Backup copy failed or missing.`
    );
  });

  it('makes a service roll-up the source and lists each resource', () => {
    // Prepare
    const other = { ...FINDING, resource: `${ARN}-b` };
    const alert = anAlert({
      key: { service: 'orders-db' },
      findings: [FINDING, other],
    });

    // Act
    const event = triggerOf(
      pagerDutyEvent('trigger', alert, aContext(), ROUTING_KEY)
    );

    // Assess
    expect(event.dedup_key).toBe('backup-sentinel/orders-db');
    expect(event.payload.source).toBe('orders-db');
    expect(event.payload.summary).toMatch(
      /^orders-db: 2 resources failing \(orders-prod, orders-prod-b\)\. /
    );
    expect(Object.keys(event.payload.custom_details.resources ?? {})).toEqual([
      ARN,
    ]);
  });

  it('builds a resolve of the routing key, the action and the dedup key only', () => {
    // Act
    const event = pagerDutyEvent(
      'resolve',
      aResolvedAlert(),
      aContext(),
      ROUTING_KEY
    );

    // Assess
    expect(event).toStrictEqual({
      routing_key: ROUTING_KEY,
      event_action: 'resolve',
      dedup_key: DEDUP_KEY,
    });
  });

  it('cuts the summary to the 1024 characters PagerDuty takes', () => {
    // Prepare
    const alert = anAlert({
      findings: [{ ...FINDING, summary: `orders-db: ${'x'.repeat(2000)}` }],
    });

    // Act
    const { payload } = triggerOf(
      pagerDutyEvent('trigger', alert, aContext(), ROUTING_KEY)
    );

    // Assess
    expect(payload.summary).toHaveLength(1024);
    expect(payload.summary.endsWith('x...')).toBe(true);
  });

  it('leaves out the service details and the component when nothing names them', () => {
    // Act
    const { payload } = triggerOf(
      pagerDutyEvent(
        'trigger',
        anAlert(),
        aContext({ service: undefined, states: [] }),
        ROUTING_KEY
      )
    );

    // Assess
    expect(payload).not.toHaveProperty('component');
    expect(payload.group).toBe('orders-db');
    expect(payload.custom_details).not.toHaveProperty('service');
    expect(payload.custom_details).not.toHaveProperty('rpo');
  });
});

describe('pagerDutyChange', () => {
  it('builds a change event: summary, source, timestamp, details and links, nothing that pages', () => {
    // Act
    const event = pagerDutyChange(
      {
        summary: 'orders-db (orders-prod): restore test passed in 50 min',
        source: ARN,
        at: new Date('2026-10-22T10:00:00Z'),
        details: { took: '50 min' },
        links: [{ href: PAGE_URL, text: 'Runbook' }],
      },
      ROUTING_KEY
    );

    // Assess
    expect(event).toStrictEqual({
      routing_key: ROUTING_KEY,
      payload: {
        summary: 'orders-db (orders-prod): restore test passed in 50 min',
        source: ARN,
        timestamp: '2026-10-22T10:00:00.000Z',
        custom_details: { took: '50 min' },
      },
      links: [{ href: PAGE_URL, text: 'Runbook' }],
    });
  });
});

describe('dedupKey', () => {
  it('returns backup-sentinel/<service>/<resource>, or backup-sentinel/<service> for a roll-up', () => {
    // Act & Assess
    expect(dedupKey(anAlert().key)).toBe(DEDUP_KEY);
    expect(dedupKey({ service: 'orders-db' })).toBe(
      'backup-sentinel/orders-db'
    );
  });

  it('hashes a resource too long for PagerDuty, the same way every time', () => {
    // Prepare
    const long = (name: string) => ({
      service: 'orders-db',
      resource: `arn:aws:dynamodb:eu-west-1:111122223333:table/${name.repeat(250)}`,
    });

    // Act
    const first = dedupKey(long('a'));
    const again = dedupKey(long('a'));
    const other = dedupKey(long('b'));

    // Assess
    expect(first.length).toBeLessThanOrEqual(MAX_DEDUP_KEY);
    expect(first).toMatch(/^backup-sentinel\/orders-db\/sha256:[0-9a-f]{64}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});
