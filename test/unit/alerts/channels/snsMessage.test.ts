import { describe, expect, it } from 'vitest';
import {
  sanitiseSubject,
  snsMessage,
} from '../../../../src/alerts/channels/index.js';
import { MAX_SUBJECT } from '../../../../src/report/index.js';
import { runbookIndexUrl } from '../../../../src/runbook/index.js';
import {
  aBackupFact,
  aResourceState,
  aService,
  LINKS,
} from '../../../helpers/builders.js';
import {
  aContext,
  anAlert,
  aResolvedAlert,
  FINDING,
  OPENED_AT,
  STATE,
} from '../../../helpers/channelFixtures.js';

const SECTION_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md#manual-backup';
const PAGE_URL =
  'https://github.com/acme/shop/blob/main/runbook/services/orders-db.md';

describe('sanitiseSubject', () => {
  it.each([
    [
      'keeps printable ASCII',
      '[CRITICAL] orders-db: Backup failed',
      '[CRITICAL] orders-db: Backup failed',
    ],
    ['drops accents', 'Base de données', 'Base de donnees'],
    ['replaces other non-ASCII characters', 'orders → €5', 'orders ? ?5'],
    ['turns line breaks and tabs into one space', 'a\r\n\tb\u0007c', 'a b c'],
    ['spells an ellipsis in ASCII', 'since…', 'since...'],
    [
      'gives a default when nothing printable is left',
      '\n\t',
      'Backup Sentinel alert',
    ],
  ])('%s', (_, text, expected) => {
    // Act
    const subject = sanitiseSubject(text);

    // Assess
    expect(subject).toBe(expected);
  });

  it('cuts a long subject under 100 characters, ending in ...', () => {
    // Act
    const subject = sanitiseSubject(`[CRITICAL] ${'x'.repeat(200)}`);

    // Assess
    expect(subject).toHaveLength(MAX_SUBJECT);
    expect(MAX_SUBJECT).toBeLessThan(100);
    expect(subject.endsWith('x...')).toBe(true);
  });
});

describe('snsMessage', () => {
  it('gives a trigger a subject with severity, who, what and since', () => {
    // Act
    const { subject } = snsMessage('trigger', anAlert(), aContext());

    // Assess
    expect(subject).toBe(
      '[CRITICAL] orders-db (orders-prod): Backup failed, since 2026-11-05 02:40 UTC'
    );
  });

  it('writes what broke, since when, the resource, every failing check, the links and the facts', () => {
    // Act
    const { body } = snsMessage('trigger', anAlert(), aContext());

    // Assess
    const lines = body.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'CRITICAL: Backup failed',
      FINDING.summary,
    ]);
    expect(lines).toContain(
      'Since:     2026-11-05 02:40 UTC (broken for 20 min when this alert was raised, 2026-11-05 03:00 UTC)'
    );
    expect(lines).toContain(
      'Resource:  arn:aws:rds:eu-west-1:111122223333:db:orders-prod'
    );
    expect(lines).toContain(
      'Service:   Orders database (orders-db), tier critical, owner team-orders'
    );
    expect(lines).toContain(
      `  - Backup failed since 2026-11-05 02:40 UTC (20 min): ${FINDING.summary}`
    );
    expect(lines).toContain(
      '  job: id job-failed, status FAILED, message Backup job failed because the vault does not exist., at 2026-11-05T02:40:00.000Z'
    );
    expect(lines).toContain('  rpo: 26 h');
    expect(lines).toContain(
      'Alert: backup-sentinel/orders-db/arn:aws:rds:eu-west-1:111122223333:db:orders-prod'
    );
    expect(body).not.toMatch(/\d ?ms\b|Ms:/);
  });

  it('links the runbook section first, then the service page', () => {
    // Act
    const { body } = snsMessage('trigger', anAlert(), aContext());

    // Assess
    const section = body.indexOf(`${SECTION_URL}\n`);
    const page = body.indexOf(`${PAGE_URL}\n`);
    expect(section).toBeGreaterThan(body.indexOf('What to do'));
    expect(page).toBeGreaterThan(section);
    expect(body).toContain('1. Runbook: Manual backup (Orders database):');
  });

  it('names the root cause in the subject and counts the checks that joined it', () => {
    // Prepare
    const missed = { ...FINDING, check: 'backup-missed' as const };
    const alert = anAlert({ findings: [FINDING, missed] });

    // Act
    const { subject, attributes } = snsMessage('trigger', alert, aContext());

    // Assess
    expect(subject).toBe(
      '[CRITICAL] orders-db (orders-prod): Backup failed (+1 more), since 2026-11-05 02:40 UTC'
    );
    expect(attributes.check).toBe('backup-failed');
  });

  it('dates the incident from its earliest failing check, not its root cause', () => {
    // Prepare: the RPO was breached 30 min before the failure became the root cause.
    const rpo = {
      ...FINDING,
      check: 'rpo-breached' as const,
      severity: 'error' as const,
      since: new Date(FINDING.since.getTime() - 30 * 60_000),
    };
    const alert = anAlert({ findings: [FINDING, rpo] });

    // Act
    const { subject, body } = snsMessage('trigger', alert, aContext());

    // Assess
    expect(subject).toBe(
      '[CRITICAL] orders-db (orders-prod): Backup failed (+1 more), since 2026-11-05 02:10 UTC'
    );
    expect(body.split('\n')).toContain(
      'Since:     2026-11-05 02:10 UTC (broken for 50 min when this alert was raised, 2026-11-05 03:00 UTC)'
    );
  });

  it('leaves the time out of a subject whole rather than cut it', () => {
    // Prepare: a resource name that leaves no room for the time.
    const long = `${FINDING.resource.slice(0, FINDING.resource.lastIndexOf(':') + 1)}${'orders-'.repeat(6)}prod`;
    const finding = {
      ...FINDING,
      resource: long,
      summary: `orders-db (${'orders-'.repeat(6)}prod): backup failed`,
    };
    const alert = anAlert({
      key: { service: FINDING.service, resource: long },
      findings: [finding],
    });

    // Act
    const { subject } = snsMessage('trigger', alert, aContext());

    // Assess
    expect(subject).toBe(
      `[CRITICAL] orders-db (${'orders-'.repeat(6)}prod): Backup failed`
    );
  });

  it('gives the whole message under a check whose summary cut it short', () => {
    // Prepare
    const message = `Restore validation failed: ${'row count differs; '.repeat(12)}`;
    const cut = { ...FINDING, detail: { ...FINDING.detail, message } };
    const alert = anAlert({ findings: [cut] });

    // Act
    const { body } = snsMessage('trigger', alert, aContext());
    const { body: whole } = snsMessage('trigger', anAlert(), aContext());

    // Assess
    expect(body.split('\n')).toContain(
      `    Message in full: ${message.trim()}`
    );
    expect(whole).not.toContain('Message in full:');
  });

  it('leaves out an age under a minute', () => {
    // Prepare: paged at ingest, seconds after the failure.
    const alert = anAlert({
      lastNotifiedAt: new Date(FINDING.since.getTime() + 2_000),
    });

    // Act
    const { body } = snsMessage('trigger', alert, aContext());

    // Assess
    expect(body).toContain('Since:     2026-11-05 02:40 UTC\n');
    expect(body).not.toMatch(/\b\d+ s\b/);
  });

  it('says a merged incident moved, not that it was fixed', () => {
    // Prepare
    const alert = { ...aResolvedAlert(), mergedInto: { service: 'orders-db' } };

    // Act
    const { subject, body } = snsMessage('resolve', alert, aContext());

    // Assess
    expect(subject).toBe(
      '[MOVED] orders-db (orders-prod): Backup failed, now part of the orders-db incident'
    );
    expect(body).toContain(
      'Not fixed: follow the incident backup-sentinel/orders-db.'
    );
    expect(body).not.toContain('Nothing to do');
  });

  it('puts the note of a stand-in delivery at the top', () => {
    // Prepare
    const note = 'PagerDuty did not accept this trigger after 3 attempts (503)';

    // Act
    const { body } = snsMessage('trigger', anAlert(), aContext({ note }));

    // Assess
    expect(body.split('\n').slice(0, 3)).toEqual([
      `NOTE: ${note}`,
      '',
      'CRITICAL: Backup failed',
    ]);
  });

  it('starts with what broke when there is no note', () => {
    // Act
    const { body } = snsMessage('trigger', anAlert(), aContext());

    // Assess
    expect(body).not.toContain('NOTE');
    expect(body.startsWith('CRITICAL: Backup failed\n')).toBe(true);
  });

  it('ages a re-notification as of when it was raised', () => {
    // Prepare
    const alert = anAlert({
      lastNotifiedAt: new Date(OPENED_AT.getTime() + 4 * 3_600_000),
    });

    // Act
    const { body } = snsMessage('trigger', alert, aContext());

    // Assess
    expect(body).toContain(
      '(broken for 4 h 20 min when this alert was raised, 2026-11-05 07:00 UTC)'
    );
  });

  it('says what was resolved and how long it was open', () => {
    // Act
    const { subject, body } = snsMessage(
      'resolve',
      aResolvedAlert(),
      aContext()
    );

    // Assess
    expect(subject).toBe(
      '[RESOLVED] orders-db (orders-prod): Backup failed, open for 30 min'
    );
    const lines = body.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'RESOLVED: Backup failed',
      `What was resolved: ${FINDING.summary}`,
    ]);
    expect(lines).toContain(
      'Resolved:  2026-11-05 03:30 UTC: every check passes again'
    );
    expect(lines).toContain(
      'Open for:  30 min (alert opened 2026-11-05 03:00 UTC; broken for 50 min)'
    );
    expect(body).toContain(SECTION_URL);
  });

  it('says what shows it resolved: the backup that completed after the failure', () => {
    // Prepare: the on-demand backup of 03:25.
    const fixed = {
      ...STATE,
      lastBackup: aBackupFact({
        createdAt: new Date('2026-11-05T03:05:00Z'),
        at: new Date('2026-11-05T03:25:00Z'),
        jobId: 'job-on-demand',
      }),
    };

    // Act
    const { body } = snsMessage(
      'resolve',
      aResolvedAlert(),
      aContext({ states: [fixed] })
    );

    // Assess
    const lines = body.split('\n');
    expect(lines).toContain('What shows it:');
    expect(lines).toContain(
      '  - Backup failed: backup of 2026-11-05 03:05 UTC completed 2026-11-05 03:25 UTC (job job-on-demand)'
    );
    expect(lines).toContain('Nothing to do. The runbook, for the record:');
  });

  it('does not call a late replication that closed on quiet proven fixed', () => {
    // Prepare
    const late = { ...FINDING, check: 'replication-late' as const };
    const alert = { ...aResolvedAlert(), findings: [late] };

    // Act
    const { body } = snsMessage('resolve', alert, aContext());

    // Assess
    const lines = body.split('\n');
    expect(lines).toContain(
      '  - Replication late: no late replication reported since 2026-11-05 02:40 UTC, and no object reported replicated; S3 may send nothing more, so this closed after a quiet period, not on proof'
    );
    expect(lines).toContain(
      'Not proven fixed: check it if in doubt. The runbook:'
    );
    expect(lines).not.toContain('Nothing to do. The runbook, for the record:');
  });

  it("gives a replicated bucket's page its replication, not a backup window it never had", () => {
    // Prepare
    const bucket = 'arn:aws:s3:::acme-assets';
    const failedAt = new Date('2026-11-05T02:40:00Z');
    const state = aResourceState({
      resourceArn: bucket,
      resourceType: 'S3',
      lastReplicationFailure: {
        at: failedAt,
        eventId: 'evt-failed',
        state: 'failed',
        objectKey: 'img/logo.png',
        failureReason: 'DstPutObjectNotPermitted',
      },
    });
    const finding = {
      ...FINDING,
      check: 'replication-failed' as const,
      resource: bucket,
    };
    const alert = anAlert({
      key: { service: 'orders-db', resource: bucket },
      findings: [finding],
    });
    const service = aService({ backup: { automation: 's3-replication' } });

    // Act
    const { body } = snsMessage(
      'trigger',
      alert,
      aContext({ service, states: [state] })
    );

    // Assess
    const lines = body.split('\n');
    expect(lines).toContain(
      '  last failed replication: at 2026-11-05T02:40:00.000Z, age 20 min, object img/logo.png, reason DstPutObjectNotPermitted'
    );
    expect(lines).toContain('  last replicated after threshold: none seen');
    expect(body).not.toContain('expected window');
    expect(body).not.toContain('last good recovery point');
  });

  it("names a drill's page after the DR drills, with its last drill and the scenario's section", () => {
    // Prepare
    const scenario = 'drill:region-failure';
    const state = aResourceState({
      resourceArn: scenario,
      resourceType: 'Drill',
      service: 'disaster-recovery',
      lastDrill: {
        at: new Date('2026-05-01T10:00:00Z'),
        eventId: 'drill-1',
        state: 'completed',
        durationMs: 70 * 60_000,
        restoreTest: true,
      },
    });
    const finding = {
      ...FINDING,
      service: 'disaster-recovery',
      resource: scenario,
      check: 'drill-overdue' as const,
      summary:
        'Region failure: us-east-1 to us-west-2: no completed drill since 2026-05-01 10:00 UTC',
      runbookUrl:
        'https://github.com/acme/shop/blob/main/runbook/disaster-recovery.md#region-failure',
    };
    const alert = anAlert({
      key: { service: 'disaster-recovery', resource: scenario },
      findings: [finding],
    });

    // Act
    const { subject, body } = snsMessage(
      'trigger',
      alert,
      aContext({
        service: undefined,
        states: [state],
        serviceUrl:
          'https://github.com/acme/shop/blob/main/runbook/disaster-recovery.md',
      })
    );

    // Assess
    // The scenario's title holds a ': ': the subject names the scenario.
    expect(subject).toMatch(
      /^\[CRITICAL\] DR drill region-failure: Disaster recovery drill overdue, since /
    );
    const lines = body.split('\n');
    expect(lines).toContain(
      'Service:   DR drills (runbook.yml drills, disaster-recovery.md)'
    );
    expect(lines).toContain('  1. Runbook: Disaster recovery, this scenario:');
    expect(lines).toContain('  2. Runbook: Disaster recovery (whole page):');
    expect(lines).toContain(
      '  last drill: at 2026-05-01T10:00:00.000Z, age 187 d 17 h, took 1 h 10 min'
    );
    expect(body).not.toContain('last good recovery point');
  });

  it('sets the attributes subscribers filter on', () => {
    // Act
    const { attributes } = snsMessage('resolve', aResolvedAlert(), aContext());

    // Assess
    expect(attributes).toEqual({
      action: 'resolve',
      check: 'backup-failed',
      service: 'orders-db',
      severity: 'critical',
    });
  });

  it('names no service and links the runbook once for an unmapped resource', () => {
    // Prepare
    const index = runbookIndexUrl(LINKS);
    const alert = anAlert({
      key: { ...anAlert().key, service: 'unmapped' },
      findings: [
        {
          ...FINDING,
          service: 'unmapped',
          check: 'unmapped-resource',
          severity: 'warning',
          summary:
            'orders-prod (RDS, account 111122223333, eu-west-1): backups seen since 2026-10-01 00:00 UTC but no runbook service claims it',
          runbookUrl: index,
        },
      ],
    });

    // Act
    const { subject, body } = snsMessage(
      'trigger',
      alert,
      aContext({ service: undefined, serviceUrl: index })
    );

    // Assess
    expect(subject).toBe(
      '[WARNING] orders-prod (RDS, account 111122223333, eu-west-1): Backed-up resource missing from th...'
    );
    expect(body).toContain(
      'Service:   unmapped (no runbook service claims this resource)'
    );
    expect(body.split(index)).toHaveLength(2);
  });

  it('keeps the subject valid for SNS whatever the summary holds', () => {
    // Prepare
    const alert = anAlert({
      findings: [
        {
          ...FINDING,
          summary: `données-clients\n(prod): ${'é'.repeat(300)}`,
        },
      ],
    });

    // Act
    const { subject } = snsMessage(
      'trigger',
      alert,
      aContext({ service: aService({ name: 'Données clients' }) })
    );

    // Assess
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject).toBe(
      '[CRITICAL] donnees-clients (prod): Backup failed, since 2026-11-05 02:40 UTC'
    );
  });
});
