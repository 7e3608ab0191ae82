/**
 * An EventBridge event-pattern matcher for tests, with AWS's semantics for
 * the features rules/*.json use (EventBridge user guide, "Event patterns",
 * "Arrays in event patterns", "Content filtering"):
 *
 * - fields at one level are ANDed; the values in a field's array are ORed;
 * - an exact value matches an equal JSON value (strings case-sensitive);
 * - when the event value is an array, the field matches if any element does;
 * - `prefix`, `anything-but` (a value, a list, or `{ prefix }`) and `exists`
 *   work on leaves only; `anything-but` needs the field to be present;
 * - `$or` takes a list of sub-patterns and matches if any does.
 *
 * Any other operator throws, so a rule cannot silently rely on one this
 * matcher does not implement.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLeafValue = (value: unknown): boolean =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The leaf values at a field: an array's elements, or the value itself. */
const leavesOf = (value: unknown): unknown[] | undefined => {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    const leaves = value.filter(isLeafValue);
    return leaves.length > 0 ? leaves : undefined;
  }
  return isLeafValue(value) ? [value] : undefined;
};

const matchesOne = (
  matcher: unknown,
  leaves: unknown[] | undefined
): boolean => {
  if (isLeafValue(matcher)) {
    return leaves?.some((leaf) => leaf === matcher) ?? false;
  }
  if (!isObject(matcher))
    throw new Error(`unsupported matcher ${JSON.stringify(matcher)}`);
  const [operator, ...others] = Object.keys(matcher);
  if (operator === undefined || others.length > 0) {
    throw new Error(`expected one operator in ${JSON.stringify(matcher)}`);
  }
  const operand = matcher[operator];
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean')
        throw new Error('exists takes a boolean');
      return operand === (leaves !== undefined);
    case 'prefix':
      if (typeof operand !== 'string') throw new Error('prefix takes a string');
      return (
        leaves?.some(
          (leaf) => typeof leaf === 'string' && leaf.startsWith(operand)
        ) ?? false
      );
    case 'anything-but': {
      if (leaves === undefined) return false;
      if (isObject(operand)) {
        const prefix = operand.prefix;
        if (Object.keys(operand).length !== 1 || typeof prefix !== 'string') {
          throw new Error(
            `unsupported anything-but ${JSON.stringify(operand)}`
          );
        }
        return leaves.some(
          (leaf) => typeof leaf !== 'string' || !leaf.startsWith(prefix)
        );
      }
      const excluded = Array.isArray(operand) ? operand : [operand];
      return leaves.some((leaf) => !excluded.includes(leaf));
    }
    default:
      throw new Error(`unsupported operator '${operator}'`);
  }
};

const matchesObject = (
  pattern: Record<string, unknown>,
  event: unknown
): boolean => {
  const target = isObject(event) ? event : {};
  return Object.entries(pattern).every(([key, spec]) => {
    if (key === '$or') {
      if (!Array.isArray(spec) || spec.length < 2) {
        throw new Error('$or takes a list of at least two patterns');
      }
      return spec.some((sub) => {
        if (!isObject(sub)) throw new Error('$or items must be patterns');
        return matchesObject(sub, target);
      });
    }
    if (Array.isArray(spec)) {
      const leaves = leavesOf(target[key]);
      return spec.some((matcher) => matchesOne(matcher, leaves));
    }
    if (isObject(spec)) return matchesObject(spec, target[key]);
    throw new Error(`pattern field '${key}' must be an array or an object`);
  });
};

/**
 * Returns true when an EventBridge event pattern matches an event.
 *
 * @param pattern - the event pattern (as in rules/*.json)
 * @param event - the event
 */
const matchesPattern = (pattern: unknown, event: unknown): boolean => {
  if (!isObject(pattern)) throw new Error('a pattern is a JSON object');
  return matchesObject(pattern, event);
};

export { matchesPattern };
