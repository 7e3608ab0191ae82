import { describe, expect, it } from 'vitest';
import { createPageDecoder } from '../../../demo/index.js';
import type { SnsPublish } from '../../../demo/receivers/index.js';
import {
  pagerDutyEvent,
  snsMessage,
} from '../../../src/alerts/channels/index.js';
import type { DeliveryContext } from '../../../src/alerts/index.js';
import type { AlertRecord } from '../../../src/model/index.js';
import { aService } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T02:40:00.000Z');
const ARN = 'arn:aws:rds:us-east-1:111122223333:db:orders-prod';
const SECTION_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup';

const service = aService({ id: 'orders-db' });

const alert = (status: AlertRecord['status']): AlertRecord => ({
  key: { service: 'orders-db', resource: ARN },
  status,
  failures: 1,
  openedAt: NOW,
  ...(status === 'resolved' && { resolvedAt: NOW }),
  lastNotifiedAt: NOW,
  silenced: false,
  findings: [
    {
      service: 'orders-db',
      resource: ARN,
      check: 'backup-failed',
      severity: 'critical',
      status: status === 'resolved' ? 'resolved' : 'open',
      since: new Date('2026-11-05T02:13:00.000Z'),
      summary: 'orders-db (orders-prod): backup FAILED at 2026-11-05 02:13 UTC',
      detail: { state: 'failed' },
      runbookUrl: SECTION_URL,
    },
  ],
  owed: [],
  version: 1,
});

const context: DeliveryContext = {
  service,
  route: { pagerduty: '/backup-sentinel/pagerduty/payments', sns: true },
  serviceUrl:
    'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md',
  states: [],
};

/** What the SNS receiver decodes from the channel's Publish. */
const published = (action: 'trigger' | 'resolve'): SnsPublish => {
  const message = snsMessage(
    action,
    alert(action === 'resolve' ? 'resolved' : 'open'),
    context
  );
  return {
    topicArn: 'arn:aws:sns:us-east-1:111122223333:alerts',
    subject: message.subject,
    message: message.body,
    attributes: Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [
        name,
        { dataType: 'String', value },
      ])
    ),
    messageId: 'id',
  };
};

describe('createPageDecoder', () => {
  it('decodes an SNS trigger into an opened page with its alert and runbook link', () => {
    // Prepare
    const decoder = createPageDecoder();

    // Act
    const page = decoder.sns(published('trigger'), NOW);

    // Assess
    expect(page).toMatchObject({
      at: NOW,
      channel: 'sns',
      action: 'opened',
      service: 'orders-db',
      check: 'backup-failed',
      resource: ARN,
      summary: 'orders-db (orders-prod): backup FAILED at 2026-11-05 02:13 UTC',
      runbookUrl: SECTION_URL,
    });
  });

  it('reads a second trigger of an open alert as a re-notification, then the resolve', () => {
    // Prepare
    const decoder = createPageDecoder();
    decoder.sns(published('trigger'), NOW);

    // Act
    const again = decoder.sns(published('trigger'), NOW);
    const resolved = decoder.sns(published('resolve'), NOW);
    const reopened = decoder.sns(published('trigger'), NOW);

    // Assess
    expect(again?.action).toBe('re-notified');
    expect(resolved).toMatchObject({
      action: 'resolved',
      summary: 'orders-db (orders-prod): backup FAILED at 2026-11-05 02:13 UTC',
    });
    expect(reopened?.action).toBe('opened');
  });

  it('decodes PagerDuty events, a resolve taking its details from the trigger', () => {
    // Prepare
    const decoder = createPageDecoder();
    const trigger = pagerDutyEvent(
      'trigger',
      alert('open'),
      context,
      'k'.repeat(32)
    );
    const resolve = pagerDutyEvent(
      'resolve',
      alert('resolved'),
      context,
      'k'.repeat(32)
    );

    // Act
    const opened = decoder.pagerDuty(trigger, NOW);
    const resolved = decoder.pagerDuty(resolve, NOW);

    // Assess
    expect(opened).toMatchObject({
      channel: 'pagerduty',
      action: 'opened',
      service: 'orders-db',
      check: 'backup-failed',
      resource: ARN,
      runbookUrl: SECTION_URL,
    });
    expect(resolved).toMatchObject({
      channel: 'pagerduty',
      action: 'resolved',
      service: 'orders-db',
      check: 'backup-failed',
      resource: ARN,
    });
  });

  it('ignores what is not an alert delivery', () => {
    // Prepare
    const decoder = createPageDecoder();
    const other: SnsPublish = {
      topicArn: 'arn:aws:sns:us-east-1:111122223333:reports',
      subject: 'Weekly report',
      message: 'hello',
      attributes: {},
      messageId: 'id',
    };

    // Act
    const fromSns = decoder.sns(other, NOW);
    const fromPagerDuty = decoder.pagerDuty({ event_action: 'trigger' }, NOW);

    // Assess
    expect(fromSns).toBeUndefined();
    expect(fromPagerDuty).toBeUndefined();
  });
});
