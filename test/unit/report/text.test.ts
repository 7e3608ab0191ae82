import { describe, expect, it } from 'vitest';
import {
  computeWeeklyFigures,
  renderReportText,
  reportSubject,
} from '../../../src/report/index.js';
import { wrap } from '../../../src/report/text.js';
import { aRunbook, aService, HOUR } from '../../helpers/builders.js';
import {
  aJob,
  anInput,
  anOrdersDb,
  aTransition,
  dueOn,
  NOW,
  WEEK,
} from '../../helpers/reportBuilders.js';

const LONG_ARN =
  'arn:aws:dynamodb:eu-west-1:111122223333:table/a-table-with-a-very-long-name-that-no-one-would-type-twice-2026';

/** A week with everything the report can say, long names included. */
const busyFigures = () => {
  const runbook = aRunbook({
    title:
      'Acme shop, the whole production estate in three regions: backup and recovery runbook',
    links:
      'https://github.com/acme/a-repository-with-a-long-name/blob/main/runbook/services/{service}.md#{section}',
    services: [
      aService({
        name: 'Orders database with a name long enough to need wrapping in plain text',
        resources: [
          'arn:aws:rds:eu-west-1:111122223333:db:orders-prod',
          LONG_ARN,
        ],
        recovery: { restoreTestMs: 30 * 24 * HOUR },
      }),
      aService({
        id: 'carts',
        name: 'Carts',
        resources: [LONG_ARN],
        backup: { schedule: 'cron(0 * * * ? *)', completionWindowMs: HOUR },
      }),
    ],
  });
  const stray = {
    ...anOrdersDb([aJob(dueOn(1), { resourceArn: `${LONG_ARN}-stray` })]),
  };
  stray.state = {
    ...stray.state,
    resourceArn: `${LONG_ARN}-stray`,
    service: undefined,
  };
  const hourly = Array.from({ length: 90 }, (_, i) =>
    aJob(new Date(WEEK.start.getTime() + i * HOUR), { resourceArn: LONG_ARN })
  );
  const second = anOrdersDb(hourly);
  second.state = { ...second.state, resourceArn: LONG_ARN, service: 'carts' };
  return computeWeeklyFigures(
    anInput({
      runbook,
      resources: [
        anOrdersDb([
          aJob(dueOn(0)),
          aJob(dueOn(2), {
            state: 'failed',
            message:
              'An error occurred (AccessDeniedException) when calling the CreateSnapshot operation: User arn:aws:sts::111122223333:assumed-role/AWSBackupDefaultServiceRole is not authorized',
          }),
          aJob(dueOn(3), { tookMs: 6 * HOUR }),
        ]),
        second,
        stray,
      ],
      transitions: [
        aTransition('new', 'open', new Date('2026-11-03T06:00:00Z')),
        aTransition('open', 'resolved', new Date('2026-11-03T09:00:00Z')),
      ],
    }),
    WEEK,
    NOW
  );
};

describe('wrap', () => {
  it('breaks at spaces and indents continuation lines', () => {
    // Act
    const lines = wrap('one two three four five', 10, 2);

    // Assess
    expect(lines).toEqual(['one two', '  three', '  four', '  five']);
  });

  it('never cuts a URL: one too long stands alone on its line', () => {
    // Prepare
    const url =
      'https://example.com/runbook/services/orders-db.md#manual-backup';

    // Act
    const lines = wrap(`see ${url} now`, 40, 4);

    // Assess
    expect(lines).toEqual(['see', url, '    now']);
  });

  it('cuts words longer than a line', () => {
    // Act
    const lines = wrap('x abcdefghijklmnop', 8, 2);

    // Assess
    expect(lines).toEqual(['x', '  abcdef', '  ghijkl', '  mnop']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(8);
  });

  it('keeps the leading indent of the first line', () => {
    // Act
    const lines = wrap('    - a b', 78, 6);

    // Assess
    expect(lines).toEqual(['    - a b']);
  });
});

describe('renderReportText', () => {
  it('never writes a line longer than 78 columns but a whole URL alone on its line', () => {
    // Prepare
    const figures = busyFigures();

    // Act
    const text = renderReportText(figures);

    // Assess
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(40);
    expect(
      lines.filter((l) => l.length > 78 && !/^https:\/\/\S+$/.test(l))
    ).toEqual([]);
  });

  it('puts every runbook URL whole on a line of its own when it does not fit its label', () => {
    // Prepare
    const figures = busyFigures();
    const urls = figures.services.flatMap((s) => Object.values(s.links));

    // Act
    const lines = renderReportText(figures).split('\n');

    // Assess
    for (const url of urls) {
      expect(
        lines.some((l) => l.trim() === url || l.endsWith(`: ${url}`))
      ).toBe(true);
    }
  });

  it('says what broke, with the timeline, the links and the formula', () => {
    // Prepare
    const figures = busyFigures();

    // Act
    const text = renderReportText(figures);

    // Assess
    expect(text).toContain('\n    .MFLMMM\n');
    expect(text).toContain('- due Wed 4 Nov 02:00: failed: An error occurred');
    expect(text).toContain(
      '- due Thu 5 Nov 02:00: late, completed Thu 5 Nov 08:05'
    );
    expect(text).toContain(
      '\nManual backup:\nhttps://github.com/acme/a-repository-with-a-long-name/blob/main/runbook/services/orders-db.md#manual-backup\n'
    );
    expect(text).toContain('Score = mean over services weighted by tier');
    expect(text).toContain('== Resources no service claims ==');
    expect(text).toContain('== Alerts this week ==');
    expect(text).toContain(
      '- due Fri 6 Nov 02:00 to Sun 8 Nov 02:00: missed (3 times)'
    );
    // The hourly strip wraps at 74 marks a line.
    expect(text).toContain(`\n    MM${'.'.repeat(72)}\n    ${'.'.repeat(18)}M`);
  });
});

describe('reportSubject', () => {
  it('stays plain ASCII under 100 characters with a long title', () => {
    // Prepare
    const figures = busyFigures();
    figures.title = `Ünïcödé ✓ ${'very long title '.repeat(10)}`;

    // Act
    const subject = reportSubject(figures);

    // Assess
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject).toMatch(
      /backups 2026-W45: score [\d.]+, 1 failed, \d+ missed$/
    );
  });

  it('names the week, the score and its change', () => {
    // Prepare: orders-db never reported, so its 7 daily backups are missed.
    const figures = computeWeeklyFigures(anInput(), WEEK, NOW);
    figures.score = 92.5;
    figures.scoreChange = 2.5;

    // Act
    const subject = reportSubject(figures);

    // Assess
    expect(subject).toBe(
      'Acme shop: backup and recovery: backups 2026-W45: score 92.5 (+2.5), 0 failed, 7 missed'
    );
  });
});
