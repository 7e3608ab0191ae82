import type { CheckId, Finding, ResourceState } from '../model/index.js';
import type {
  CheckAbout,
  CheckDefinition,
  CheckInput,
  CheckTarget,
  ScenarioInput,
} from './types.js';

/**
 * Returns the registry entry of a check of claimed resources: it runs on
 * targets a runbook service claims and gives [] for the others.
 *
 * @param about - the check's row: id, title, section, severity
 * @param check - the check itself
 */
const claimedCheck = <K extends CheckId>(
  about: CheckAbout<K>,
  check: (input: CheckInput, now: Date) => Finding[]
): CheckDefinition<K> => ({
  ...about,
  run: ({ service, state, links }, now) =>
    service === undefined ? [] : check({ service, state, links }, now),
});

/**
 * Returns the registry entry of a check of resources no service claims: it
 * runs on those and gives [] for the others.
 *
 * @param about - the check's row: id, title, section, severity
 * @param check - the check itself
 */
const unclaimedCheck = <K extends CheckId>(
  about: CheckAbout<K>,
  check: (state: ResourceState, links: string, now: Date) => Finding[]
): CheckDefinition<K> => ({
  ...about,
  run: (target: CheckTarget, now) =>
    target.service === undefined && target.scenario === undefined
      ? check(target.state, target.links, now)
      : [],
});

/**
 * Returns the registry entry of a check of drilled DR scenarios: it runs on
 * their `drill:` resources and gives [] for the others.
 *
 * @param about - the check's row: id, title, section, severity
 * @param check - the check itself
 */
const scenarioCheck = <K extends CheckId>(
  about: CheckAbout<K>,
  check: (input: ScenarioInput, now: Date) => Finding[]
): CheckDefinition<K> => ({
  ...about,
  run: ({ scenario, state, links }, now) =>
    scenario === undefined ? [] : check({ scenario, state, links }, now),
});

export { claimedCheck, scenarioCheck, unclaimedCheck };
