import { describe, expect, it } from 'vitest';
import { awsServiceModel } from '../../../src/runbook/awsCommands.js';
import { lineColumn, lintRunbook } from '../../../src/runbook/index.js';
import {
  BODY,
  frontMatter,
  RUNBOOK_YML,
  rangeOf,
  runbookFiles,
  serviceFile,
  valueRange,
} from '../../helpers/runbookFiles.js';

const withBackup = (id: string, backup: Record<string, unknown>) => {
  const front = frontMatter(id);
  return { ...front, backup: { ...(front.backup as object), ...backup } };
};

const withRecovery = (
  front: Record<string, unknown>,
  recovery: Record<string, unknown>
) => ({ ...front, recovery: { ...(front.recovery as object), ...recovery } });

describe('lintRunbook', () => {
  it('returns nothing for a sound runbook', () => {
    // Prepare
    const files = runbookFiles([serviceFile('a'), serviceFile('b')]);

    // Act
    const diagnostics = lintRunbook(files);

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('warns at the RPO when interval plus windows exceed it', () => {
    // Prepare
    const file = serviceFile(
      'a',
      withRecovery(frontMatter('a'), { rpo: '26h' })
    );

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'rpo-unachievable',
        severity: 'warning',
        range: valueRange(file.content, 'rpo', '26h'),
      },
    ]);
    expect(diagnostics[0]?.message).toContain('27 h');
  });

  it('accepts an RPO exactly equal to interval plus windows', () => {
    // Prepare: daily + 1h + 2h = 27h, the fixture's RPO
    const file = serviceFile('a');

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it("measures the interval in the runbook's time zone, across a DST change", () => {
    // Prepare: 01:00 in Berlin is 25 h after the previous one on the autumn change
    const yml = RUNBOOK_YML.replace('timezone: UTC', 'timezone: Europe/Berlin');
    const file = serviceFile(
      'a',
      withBackup('a', { schedule: 'cron(0 1 * * ? *)' })
    );

    // Act
    const inBerlin = lintRunbook(runbookFiles([file], yml));
    const inUtc = lintRunbook(runbookFiles([file]));

    // Assess
    expect(inBerlin.map((d) => d.code)).toEqual(['rpo-unachievable']);
    expect(inUtc).toEqual([]);
  });

  it('warns at the retention when it is shorter than the RPO', () => {
    // Prepare
    const file = serviceFile('a', withBackup('a', { retention: '1d' }));

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'retention-below-rpo',
        severity: 'warning',
        range: valueRange(file.content, 'retention', '1d'),
      },
    ]);
  });

  it('warns at the recovery key of a critical service without restoreTest', () => {
    // Prepare
    const file = serviceFile('a', { ...frontMatter('a'), tier: 'critical' });

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'restore-test-missing',
        severity: 'warning',
        range: rangeOf(file.content, 'recovery'),
      },
    ]);
  });

  it('accepts a critical service with restoreTest', () => {
    // Prepare
    const front = withRecovery(
      { ...frontMatter('a'), tier: 'critical' },
      { restoreTest: '30d' }
    );

    // Act
    const diagnostics = lintRunbook(runbookFiles([serviceFile('a', front)]));

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('warns at the RTO when restoring the dependencies takes longer', () => {
    // Prepare: app (30m) needs db (1h), which needs network (1h)
    const app = serviceFile('app', {
      ...frontMatter('app'),
      dependsOn: ['db'],
    });
    const db = serviceFile('db', {
      ...withRecovery(frontMatter('db'), { rto: '1h' }),
      dependsOn: ['network'],
    });
    const network = serviceFile(
      'network',
      withRecovery(frontMatter('network'), { rto: '1h' })
    );

    // Act
    const diagnostics = lintRunbook(runbookFiles([app, db, network]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'rto-below-dependencies',
        file: 'services/app.md',
        range: valueRange(app.content, 'rto', '30m'),
      },
    ]);
    expect(diagnostics[0]?.message).toContain('network -> db takes 2 h');
  });

  it('accepts an RTO equal to its dependency path', () => {
    // Prepare
    const app = serviceFile('app', {
      ...withRecovery(frontMatter('app'), { rto: '1h' }),
      dependsOn: ['db'],
    });
    const db = serviceFile(
      'db',
      withRecovery(frontMatter('db'), { rto: '1h' })
    );

    // Act
    const diagnostics = lintRunbook(runbookFiles([app, db]));

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('skips dependency-path warnings while the graph has a cycle', () => {
    // Prepare
    const a = serviceFile('a', { ...frontMatter('a'), dependsOn: ['b'] });
    const b = serviceFile('b', { ...frontMatter('b'), dependsOn: ['a'] });

    // Act
    const diagnostics = lintRunbook(runbookFiles([a, b]));

    // Assess
    expect(diagnostics.map((d) => d.code)).toEqual(['dependency-cycle']);
  });

  it('returns errors and warnings sorted by file, then position', () => {
    // Prepare
    const a = serviceFile('a', { ...frontMatter('a'), owner: 7 });
    const b = serviceFile(
      'b',
      withRecovery(withBackup('b', { retention: '1d' }), { rpo: '26h' })
    );
    const yml = RUNBOOK_YML.replace('title:', 'titel:');

    // Act
    const diagnostics = lintRunbook(runbookFiles([b, a], yml));

    // Assess
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['runbook.yml', 'unknown-key'],
      ['runbook.yml', 'missing-key'],
      ['services/a.md', 'wrong-type'],
      ['services/b.md', 'retention-below-rpo'],
      ['services/b.md', 'rpo-unachievable'],
    ]);
  });
});

/** BODY with text added at the start of `## Backup`. */
const withBackupText = (text: string): string =>
  BODY.replace('## Backup\n', `## Backup\n\n${text}\n`);

describe('lintRunbook: deadlines and windows in the text', () => {
  // The fixture's schedule: daily at 02:00 UTC, start window 1 h,
  // completion window 2 h, grace 15 min (RUNBOOK_YML): pages at 05:15 UTC.

  it('warns at a paging deadline that is not due + windows + grace', () => {
    // Prepare
    const body = withBackupText(
      'The monitor pages `payments-oncall` when none completes by 05:00 UTC.'
    );
    const file = serviceFile('a', frontMatter('a'), body);

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'body-contradicts-schedule',
        severity: 'warning',
        range: rangeOf(file.content, '05:00 UTC'),
      },
    ]);
    expect(diagnostics[0]?.message).toBe(
      'says the monitor pages by 05:00 UTC, but a missed backup pages at 05:15 UTC: due 02:00 + start window 1 h + completion window 2 h + grace 15 min'
    );
  });

  it('accepts the paging deadline the schedule gives', () => {
    // Prepare
    const body = withBackupText(
      'A missed run pages the on-call engineer by 05:15 UTC.'
    );

    // Act
    const diagnostics = lintRunbook(
      runbookFiles([serviceFile('a', frontMatter('a'), body)])
    );

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('accepts either UTC deadline of a schedule read in a zone with DST', () => {
    // Prepare: 02:00 in Berlin is 01:00 UTC in winter and 00:00 UTC in summer.
    const yml = RUNBOOK_YML.replace('timezone: UTC', 'timezone: Europe/Berlin');
    const text = (time: string): string =>
      withBackupText(`It pages by ${time} UTC at the latest.`);
    const files = (time: string) =>
      runbookFiles([serviceFile('a', frontMatter('a'), text(time))], yml);
    const claims = (time: string) =>
      lintRunbook(files(time)).filter(
        (d) => d.code === 'body-contradicts-schedule'
      );

    // Act
    const winter = claims('04:15');
    const summer = claims('03:15');
    const wrong = claims('05:15');

    // Assess
    expect(winter).toEqual([]);
    expect(summer).toEqual([]);
    expect(wrong.map((d) => d.code)).toEqual(['body-contradicts-schedule']);
    expect(wrong[0]?.message).toContain('pages at 03:15, 04:15 UTC');
  });

  it('warns at a stated time from the due time to the page that differs', () => {
    // Prepare
    const body = withBackupText(
      'The monitor pages when a backup fails or none completes within 3 h of its slot.'
    );
    const file = serviceFile('a', frontMatter('a'), body);

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'body-contradicts-schedule',
        range: rangeOf(file.content, '3 h'),
      },
    ]);
    expect(diagnostics[0]?.message).toContain(
      'pages 3 h after the due time, but it pages 3 h 15 min after it'
    );
  });

  it('accepts a time to the page that equals windows and grace, in any unit', () => {
    // Prepare
    const body = withBackupText(
      'It alerts when nothing completes within 195 minutes of the schedule.'
    );

    // Act
    const diagnostics = lintRunbook(
      runbookFiles([serviceFile('a', frontMatter('a'), body)])
    );

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('warns at a start or completion window that differs from the front matter', () => {
    // Prepare
    const body = withBackupText(
      'Daily at 02:00 UTC, start within 2 hours, complete within 2 h, kept 7 days. Jobs must start within 1 h and finish within 90 min.'
    );
    const file = serviceFile('a', frontMatter('a'), body);

    // Act
    const diagnostics = lintRunbook(runbookFiles([file]));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'body-contradicts-schedule',
        range: rangeOf(file.content, '2 hours'),
      },
      {
        code: 'body-contradicts-schedule',
        range: rangeOf(file.content, '90 min'),
      },
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'says 2 hours, but backup.startWindow is 1 h',
      'says 90 min, but backup.completionWindow is 2 h',
    ]);
  });

  it('reads only the prose of ## Backup: not Manual backup, code, inline code or other sections', () => {
    // Prepare
    const body = BODY.replace(
      'Run an on-demand job.',
      'Run an on-demand job; it must start within 5 minutes and pages by 03:00 UTC.'
    )
      .replace(
        '## Backup\n',
        '## Backup\n\n```sh\n# pages by 09:00 UTC; start within 9 h\n```\n\nSee `start within 7 h`.\n'
      )
      .replace(
        'Restore the latest recovery point.',
        'Restores start within 10 minutes and page by 01:00 UTC.'
      );

    // Act
    const diagnostics = lintRunbook(
      runbookFiles([serviceFile('a', frontMatter('a'), body)])
    );

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('needs a paging word in the same clause as a deadline', () => {
    // Prepare
    const body = withBackupText(
      'Snapshots are copied by 09:30 UTC. The monitor pages on failure.'
    );

    // Act
    const diagnostics = lintRunbook(
      runbookFiles([serviceFile('a', frontMatter('a'), body)])
    );

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('states no clock deadline for a rate() schedule', () => {
    // Prepare
    const front = withBackup('a', { schedule: 'rate(6 hours)' });
    const body = withBackupText('It pages by 05:00 UTC.');

    // Act
    const diagnostics = lintRunbook(
      runbookFiles([serviceFile('a', front, body)])
    );

    // Assess
    expect(diagnostics).toEqual([]);
  });
});

describe('lintRunbook: aws commands', () => {
  const operations = new Map([
    [
      'rds',
      awsServiceModel('@aws-sdk/client-rds', {
        DescribeDBInstancesCommand: class {},
      }),
    ],
  ]);
  const body = BODY.replace(
    'Restore the latest recovery point.',
    'Restore the latest recovery point:\n\n```sh\naws rds describe-db-instance\n```'
  );
  const dr = {
    path: 'disaster-recovery.md',
    content: '# DR\n\n```sh\naws rds describe-db-instanses\n```\n',
  };

  it('warns at unknown operations in service bodies and on the DR page', () => {
    // Prepare
    const file = serviceFile('a', frontMatter('a'), body);

    // Act
    const diagnostics = lintRunbook(runbookFiles([file, dr]), {
      awsOperations: operations,
    });

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'unknown-aws-operation',
        file: 'disaster-recovery.md',
        range: rangeOf(dr.content, 'describe-db-instanses'),
      },
      {
        code: 'unknown-aws-operation',
        file: 'services/a.md',
        range: rangeOf(file.content, 'describe-db-instance'),
      },
    ]);
  });

  it('checks no aws command without the operations', () => {
    // Act
    const diagnostics = lintRunbook(
      runbookFiles([serviceFile('a', frontMatter('a'), body), dr])
    );

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('points at the line and column of a links template with a javascript: scheme', () => {
    // Prepare
    const yml = RUNBOOK_YML.replace(
      'https://example.com/runbook/services/{service}.md#{section}',
      'javascript:alert({service})'
    );

    // Act
    const [problem] = lintRunbook(runbookFiles([serviceFile('a')], yml));

    // Assess
    expect(problem).toMatchObject({
      code: 'invalid-value',
      severity: 'error',
      file: 'runbook.yml',
      message: expect.stringContaining("'links' must be an https: or http:"),
    });
    expect(lineColumn(yml, problem?.range[0] ?? -1)).toEqual({
      line: 2,
      column: 8,
    });
  });
});
