import { DRILLS_SERVICE, type Finding } from '../model/index.js';
import { disasterRecoveryUrl } from '../runbook/index.js';
import { formatAgainst } from '../schedule/index.js';
import { scenarioCheck } from './define.js';
import { formatUtc } from './format.js';
import { severityOf } from './severity.js';
import type { CheckAbout, ScenarioInput } from './types.js';

const ABOUT: CheckAbout<'drill-overdue'> = {
  id: 'drill-overdue',
  title: 'Disaster recovery drill overdue',
  // The scenario's own section of disaster-recovery.md.
  section: '',
  // A drill is rehearsal, not data at risk: never more than a warning.
  impact: 'unrehearsed',
};

/**
 * Returns one drill-overdue finding when a drilled DR scenario
 * (runbook.yml `drills`) has had no completed drill within its `every`,
 * else []. A scenario never drilled is overdue once `every` has passed since
 * the monitor first knew it. `since` is when the period ran out. A failed
 * drill does not count: it proved the procedure does not work yet.
 *
 * @param input - the scenario, its `drill:` resource's state and the link template
 * @param now - the evaluation instant
 */
const checkDrillOverdue = (input: ScenarioInput, now: Date): Finding[] => {
  const { scenario, state } = input;
  const last = state.lastDrill;
  const from = last?.at ?? state.firstSeenAt;
  const ageMs = now.getTime() - from.getTime();
  if (ageMs <= scenario.everyMs) return [];
  const failed = state.lastDrillFailure;
  const failedSince =
    failed !== undefined && failed.at.getTime() > from.getTime()
      ? `; the drill of ${formatUtc(failed.at)} failed`
      : '';
  const figures = `(${formatAgainst(ageMs, scenario.everyMs, 'drill period')})`;
  return [
    {
      service: DRILLS_SERVICE,
      resource: state.resourceArn,
      check: ABOUT.id,
      severity: severityOf(ABOUT.impact, 'standard'),
      status: 'open',
      since: new Date(from.getTime() + scenario.everyMs),
      summary: `${scenario.title}: ${last === undefined ? `no completed drill since monitoring began ${formatUtc(from)}` : `no completed drill since ${formatUtc(from)}`} ${figures}${failedSince}`,
      detail: {
        scenario: scenario.id,
        lastDrillAt: last?.at.toISOString() ?? null,
        lastDrillDurationMs: last?.durationMs ?? null,
        rtoMs: scenario.rtoMs,
        everyMs: scenario.everyMs,
      },
      runbookUrl: disasterRecoveryUrl(input.links, scenario.id),
    },
  ];
};

/** The drill-overdue check, as the registry runs it. */
const drillOverdue = scenarioCheck(ABOUT, checkDrillOverdue);

export { checkDrillOverdue, drillOverdue };
