import { describe, expect, it } from 'vitest';
import {
  MAX_DEDUP_KEY,
  pagerDutyDedupKey,
  pagerDutyEvent,
} from '../../../../src/alerts/channels/index.js';
import {
  aContext,
  anAlert,
  aResolvedAlert,
  FINDING,
} from '../../../helpers/channelFixtures.js';

const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const DEDUP_KEY =
  'backup-sentinel/orders-db/backup-failed/arn:aws:rds:eu-west-1:111122223333:db:orders-prod';
const SECTION_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup';
const PAGE_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md';

describe('pagerDutyEvent', () => {
  it('builds a trigger with every field from the finding and the runbook', () => {
    // Act
    const event = pagerDutyEvent('trigger', anAlert(), aContext(), ROUTING_KEY);

    // Assess
    expect(event).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: DEDUP_KEY,
      payload: {
        summary: FINDING.summary,
        source: 'arn:aws:rds:eu-west-1:111122223333:db:orders-prod',
        severity: 'critical',
        timestamp: '2026-11-05T02:40:00.000Z',
        component: 'orders-db',
        group: 'database',
        class: 'backup-failed',
        custom_details: {
          failedAt: '2026-11-05T02:40:00.000Z',
          state: 'failed',
          jobId: 'job-failed',
          message: 'Backup job failed because the vault does not exist.',
          lastBackupCreatedAt: '2026-11-04T02:05:00.000Z',
          what_broke: 'Backup failed',
          runbook_section: SECTION_URL,
          runbook_page: PAGE_URL,
          service_name: 'Orders database',
          tier: 'critical',
          owner: 'team-orders',
        },
      },
      links: [
        { href: SECTION_URL, text: 'Runbook: Manual backup (Orders database)' },
        { href: PAGE_URL, text: 'Runbook: Orders database (service page)' },
      ],
      client: 'Backup Sentinel',
      client_url: SECTION_URL,
    });
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
      finding: { ...FINDING, summary: `orders-db: ${'x'.repeat(2000)}` },
    });

    // Act
    const event = pagerDutyEvent('trigger', alert, aContext(), ROUTING_KEY);

    // Assess
    const summary = 'payload' in event ? event.payload.summary : '';
    expect(summary).toHaveLength(1024);
    expect(summary.endsWith('x...')).toBe(true);
  });

  it('leaves out the group and service details when no service claims the resource', () => {
    // Act
    const event = pagerDutyEvent(
      'trigger',
      anAlert(),
      aContext({ service: undefined }),
      ROUTING_KEY
    );

    // Assess
    const payload = 'payload' in event ? event.payload : undefined;
    expect(payload).not.toHaveProperty('group');
    expect(payload?.custom_details).not.toHaveProperty('service_name');
  });
});

describe('pagerDutyDedupKey', () => {
  it('returns backup-sentinel/<service>/<check>/<resource>', () => {
    // Act
    const key = pagerDutyDedupKey(anAlert().key);

    // Assess
    expect(key).toBe(DEDUP_KEY);
  });

  it('hashes a resource too long for PagerDuty, the same way every time', () => {
    // Prepare
    const long = (name: string) => ({
      ...anAlert().key,
      resource: `arn:aws:dynamodb:eu-west-1:111122223333:table/${name.repeat(250)}`,
    });

    // Act
    const first = pagerDutyDedupKey(long('a'));
    const again = pagerDutyDedupKey(long('a'));
    const other = pagerDutyDedupKey(long('b'));

    // Assess
    expect(first.length).toBeLessThanOrEqual(MAX_DEDUP_KEY);
    expect(first).toMatch(
      /^backup-sentinel\/orders-db\/backup-failed\/sha256:[0-9a-f]{64}$/
    );
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});
