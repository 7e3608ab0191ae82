import { describe, expect, it } from 'vitest';
import {
  buildTimeline,
  type DemoIncident,
  type DemoPage,
  formatTimeline,
  incidentOutcomes,
} from '../../../demo/index.js';

const ARN = 'arn:aws:rds:us-east-1:111122223333:db:orders-prod';
const OPENED_AT = new Date('2026-11-05T02:13:00.000Z');
const RESOLVED_AT = new Date('2026-11-05T03:26:00.000Z');
const URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup';

const aPage = (overrides: Partial<DemoPage> = {}): DemoPage => ({
  at: OPENED_AT,
  channel: 'pagerduty',
  action: 'opened',
  incident: `backup-sentinel/orders-db/${ARN}`,
  service: 'orders-db',
  check: 'backup-failed',
  checks: ['backup-failed'],
  resource: ARN,
  summary: 'orders-db (orders-prod): backup FAILED',
  runbookUrl: URL,
  request: {},
  ...overrides,
});

const anIncident = (overrides: Partial<DemoIncident> = {}): DemoIncident => ({
  kind: 'failed-rds-backup',
  check: 'backup-failed',
  service: 'orders-db',
  resourceArn: ARN,
  at: OPENED_AT,
  resolvesAt: RESOLVED_AT,
  description: 'a failed backup',
  ...overrides,
});

describe('buildTimeline', () => {
  it('merges the channels of one alert action at one instant into one entry', () => {
    // Prepare
    const pages = [
      aPage({ action: 'resolved', at: RESOLVED_AT }),
      aPage({ channel: 'sns' }),
      aPage(),
    ];

    // Act
    const entries = buildTimeline(pages);

    // Assess
    expect(entries).toMatchObject([
      { action: 'opened', channels: ['pagerduty', 'sns'], at: OPENED_AT },
      { action: 'resolved', channels: ['pagerduty'], at: RESOLVED_AT },
    ]);
  });
});

describe('formatTimeline', () => {
  it('prints time, action, service, check, channels and resource, then the summary and link of an opening', () => {
    // Prepare
    const entries = buildTimeline([
      aPage(),
      aPage({ channel: 'sns' }),
      aPage({ action: 'resolved', at: RESOLVED_AT }),
    ]);

    // Act
    const text = formatTimeline(entries);

    // Assess
    expect(text.split('\n')).toEqual([
      ' 2026-11-05 02:13 UTC  OPENED       orders-db  backup-failed  pagerduty+sns  db:orders-prod',
      '      orders-db (orders-prod): backup FAILED',
      `      -> ${URL}`,
      ' 2026-11-05 03:26 UTC  RESOLVED     orders-db  backup-failed  pagerduty      db:orders-prod',
      '',
    ]);
  });
});

describe('incidentOutcomes', () => {
  it('finds when each incident paged, on which channels, and when it resolved', () => {
    // Prepare
    const pages = [
      aPage(),
      aPage({ channel: 'sns' }),
      aPage({ action: 'resolved', at: RESOLVED_AT }),
    ];

    // Act
    const [outcome] = incidentOutcomes([anIncident()], pages);

    // Assess
    expect(outcome).toMatchObject({
      openedAt: OPENED_AT,
      channels: ['pagerduty', 'sns'],
      resolvedAt: RESOLVED_AT,
      asExpected: true,
    });
  });

  it('flags an incident that never paged, and one that resolved when it should stay open', () => {
    // Prepare
    const stays = anIncident({ kind: 'unmapped-backup' });
    delete stays.resolvesAt;
    const pages = [aPage(), aPage({ action: 'resolved', at: RESOLVED_AT })];

    // Act
    const outcomes = incidentOutcomes(
      [anIncident({ check: 'rpo-breached' }), stays],
      pages
    );

    // Assess
    expect(outcomes.map((o) => o.asExpected)).toEqual([false, false]);
    expect(outcomes[0]?.openedAt).toBeUndefined();
  });
});
