import { describe, expect, it } from 'vitest';
import { loadRunbook } from '../../../src/runbook/index.js';
import {
  frontMatter,
  RUNBOOK_YML,
  rangeOf,
  runbookFiles,
  serviceFile,
} from '../../helpers/runbookFiles.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const DR = {
  path: 'disaster-recovery.md',
  content: `# Disaster recovery

## Region failure: us-east-1 to us-west-2

Fail over.

## Total outage

Rebuild.
`,
};

/** api (RTO 30m) depends on db (RTO 2h); cache (RTO 1h) stands alone. */
const SERVICES = [
  serviceFile('db', {
    ...frontMatter('db'),
    recovery: { rto: '2h', rpo: '27h' },
  }),
  serviceFile('api', {
    ...frontMatter('api'),
    recovery: { rto: '30m', rpo: '27h' },
    dependsOn: ['db'],
  }),
  serviceFile('cache', {
    ...frontMatter('cache'),
    recovery: { rto: '1h', rpo: '27h' },
  }),
];

const withDrills = (drills: string): string => `${RUNBOOK_YML}${drills}`;

describe('loadRunbook, drills', () => {
  it('has no drilled scenarios when runbook.yml sets no drills', () => {
    // Act
    const { runbook } = loadRunbook(runbookFiles([...SERVICES, DR]));

    // Assess
    expect(runbook?.drills).toEqual({ scenarios: [] });
  });

  it('reads each scenario by its heading slug, measured against its critical path', () => {
    // Prepare
    const yml = withDrills(`drills:
  alerts: email-only
  scenarios:
    region-failure-us-east-1-to-us-west-2: { every: 180d }
    total-outage: { every: 90d, services: [cache] }
`);

    // Act
    const { runbook, diagnostics } = loadRunbook(
      runbookFiles([...SERVICES, DR], yml)
    );

    // Assess
    expect(diagnostics).toEqual([]);
    expect(runbook?.drills).toEqual({
      alerts: 'email-only',
      scenarios: [
        {
          id: 'region-failure-us-east-1-to-us-west-2',
          title: 'Region failure: us-east-1 to us-west-2',
          everyMs: 180 * DAY,
          services: ['api', 'cache', 'db'],
          // db (2 h), then api (30 m): the slowest chain.
          rtoMs: 2.5 * HOUR,
        },
        {
          id: 'total-outage',
          title: 'Total outage',
          everyMs: 90 * DAY,
          services: ['cache'],
          rtoMs: HOUR,
        },
      ],
    });
  });

  it('takes the rto a scenario states over its critical path', () => {
    // Prepare
    const yml = withDrills(`drills:
  scenarios:
    total-outage: { every: 90d, rto: 8h }
`);

    // Act
    const { runbook } = loadRunbook(runbookFiles([...SERVICES, DR], yml));

    // Assess
    expect(runbook?.drills.scenarios[0]?.rtoMs).toBe(8 * HOUR);
  });

  it('reports a scenario that is no heading of disaster-recovery.md, at its key', () => {
    // Prepare
    const yml = withDrills(`drills:
  scenarios:
    total-outages: { every: 90d }
`);

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([...SERVICES, DR], yml));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'unknown-scenario',
        file: 'runbook.yml',
        range: rangeOf(yml, 'total-outages'),
        message: expect.stringContaining("did you mean 'total-outage'"),
      },
    ]);
  });

  it('reports a scenario when there is no disaster-recovery.md', () => {
    // Prepare
    const yml = withDrills(`drills:
  scenarios:
    total-outage: { every: 90d }
`);

    // Act
    const { diagnostics } = loadRunbook(runbookFiles(SERVICES, yml));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'unknown-scenario',
        message: expect.stringContaining('there is no disaster-recovery.md'),
      },
    ]);
  });

  it('reports an unknown service and an unknown route, at their values', () => {
    // Prepare
    const yml = withDrills(`drills:
  alerts: pager
  scenarios:
    total-outage: { every: 90d, services: [cache, cach] }
`);

    const route = yml.indexOf('alerts: pager') + 'alerts: '.length;

    // Act
    const { diagnostics } = loadRunbook(runbookFiles([...SERVICES, DR], yml));

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'unknown-alert-route',
        range: [route, route + 'pager'.length],
      },
      {
        code: 'unknown-service',
        range: rangeOf(yml, 'cach', 1),
        message: expect.stringContaining("did you mean 'cache'"),
      },
    ]);
  });

  it('says nothing more of a drilled service whose own file has an error', () => {
    // Prepare: cache's tier is misspelled; the drill still names it rightly.
    const yml = withDrills(`drills:
  scenarios:
    total-outage: { every: 90d, services: [cache] }
`);
    const cache = serviceFile('cache', {
      ...frontMatter('cache'),
      tier: 'crtical',
    });

    // Act
    const { diagnostics } = loadRunbook(
      runbookFiles([SERVICES[0]!, SERVICES[1]!, cache, DR], yml)
    );

    // Assess
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['services/cache.md', 'invalid-value'],
    ]);
  });
});
