import { describe, expect, it } from 'vitest';
import { lintRunbook } from '../../../src/runbook/index.js';
import {
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
