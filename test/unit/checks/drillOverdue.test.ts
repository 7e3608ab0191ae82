import { describe, expect, it } from 'vitest';
import { checkDrillOverdue, findingsFor } from '../../../src/checks/index.js';
import type { DrillScenario } from '../../../src/runbook/index.js';
import { aResourceState, DAY, HOUR, LINKS } from '../../helpers/builders.js';

const SCENARIO: DrillScenario = {
  id: 'region-failure',
  title: 'Region failure',
  everyMs: 180 * DAY,
  services: ['orders-db'],
  rtoMs: 2 * HOUR,
};

const FIRST_SEEN = new Date('2026-01-01T00:00:00Z');
const DRILLED = new Date('2026-03-01T09:00:00Z');

const drillState = (overrides = {}) =>
  aResourceState({
    resourceArn: 'drill:region-failure',
    resourceType: 'Drill',
    service: 'disaster-recovery',
    firstSeenAt: FIRST_SEEN,
    ...overrides,
  });

const lastDrill = {
  at: DRILLED,
  eventId: 'drill-1',
  state: 'completed' as const,
  startedAt: new Date(DRILLED.getTime() - 70 * 60_000),
  durationMs: 70 * 60_000,
  restoreTest: true,
};

const input = (overrides = {}) => ({
  scenario: SCENARIO,
  state: drillState(overrides),
  links: LINKS,
});

describe('checkDrillOverdue', () => {
  it('returns [] until every has passed since the last drill', () => {
    // Prepare: 180 days after 1 March is 28 August 09:00.
    const due = new Date(DRILLED.getTime() + 180 * DAY);

    // Act & Assess
    expect(
      checkDrillOverdue(input({ lastDrill }), new Date(due.getTime() - 60_000))
    ).toEqual([]);
    expect(checkDrillOverdue(input({ lastDrill }), due)).toEqual([]);
  });

  it('returns one drill-overdue finding once every has passed, linking the scenario', () => {
    // Prepare
    const due = new Date(DRILLED.getTime() + 180 * DAY);

    // Act
    const findings = checkDrillOverdue(
      input({ lastDrill }),
      new Date(due.getTime() + 60_000)
    );

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        service: 'disaster-recovery',
        resource: 'drill:region-failure',
        check: 'drill-overdue',
        severity: 'warning',
        since: due,
        // By how much, as the other overdue checks say it.
        summary:
          'Region failure: no completed drill since 2026-03-01 09:00 UTC (1 min over the 180 d drill period)',
        runbookUrl:
          'https://github.com/acme/shop/blob/main/runbook/disaster-recovery.md#region-failure',
      }),
    ]);
  });

  it('counts from when the monitor first knew a scenario never drilled', () => {
    // Act
    const findings = checkDrillOverdue(
      input(),
      new Date(FIRST_SEEN.getTime() + 181 * DAY)
    );

    // Assess
    expect(findings).toMatchObject([
      {
        since: new Date(FIRST_SEEN.getTime() + 180 * DAY),
        summary: expect.stringContaining('since monitoring began'),
      },
    ]);
  });

  it('does not count a failed drill, and says it failed', () => {
    // Prepare
    const failedAt = new Date(DRILLED.getTime() + 170 * DAY);
    const failed = { ...lastDrill, at: failedAt, state: 'failed' as const };

    // Act
    const findings = checkDrillOverdue(
      input({ lastDrill, lastDrillFailure: failed }),
      new Date(DRILLED.getTime() + 181 * DAY)
    );

    // Assess
    expect(findings).toMatchObject([
      {
        summary: expect.stringContaining(
          'the drill of 2026-08-18 09:00 UTC failed'
        ),
      },
    ]);
  });

  it('runs from the registry on scenario targets only', () => {
    // Prepare
    const now = new Date(FIRST_SEEN.getTime() + 181 * DAY);

    // Act
    const onScenario = findingsFor(
      {
        service: undefined,
        scenario: SCENARIO,
        state: drillState(),
        links: LINKS,
      },
      now
    );
    const onUnclaimed = findingsFor(
      {
        service: undefined,
        state: drillState({ service: undefined }),
        links: LINKS,
      },
      now
    );

    // Assess
    expect(onScenario.map((f) => f.check)).toEqual(['drill-overdue']);
    expect(onUnclaimed.map((f) => f.check)).toEqual(['unmapped-resource']);
  });
});
