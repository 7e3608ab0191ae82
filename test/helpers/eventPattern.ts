/**
 * An EventBridge event-pattern matcher for tests, with AWS's semantics for
 * the operators rules/*.json use and their documented variants (EventBridge
 * user guide, "Event patterns", "Arrays in event patterns", "Comparison
 * operators"; aws/event-ruler's README, the library EventBridge matches
 * with, for the details the guide leaves out):
 *
 * - fields at one level are ANDed; the values in a field's array are ORed;
 * - an exact value matches an equal JSON value (strings case-sensitive);
 * - when the event value is an array, the field matches if any element
 *   does, and a nested pattern matches if any object in the array does;
 * - `prefix` and `suffix` (a string, or `{ equals-ignore-case }`),
 *   `equals-ignore-case` and `wildcard` match strings only; a wildcard's `*`
 *   matches any run of characters, `\*` and `\\` are a literal `*` and `\`,
 *   and `**` is not allowed;
 * - `exists` works on leaves: a missing field, an empty array and an object
 *   all count as absent;
 * - `anything-but` (a value, a list, or `{ prefix | suffix |
 *   equals-ignore-case | wildcard }`) needs the field to be present;
 * - `$or` takes a list of at least two sub-patterns and matches if any does.
 *
 * Any other operator (`numeric`, `cidr`) throws, so a rule cannot silently
 * rely on one this matcher does not implement.
 */

type Leaf = string | number | boolean | null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLeaf = (value: unknown): value is Leaf =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The leaves at a field: an array's (nested) elements, or the value itself. */
const leavesOf = (value: unknown): Leaf[] => {
  if (Array.isArray(value)) return value.flat(Infinity).filter(isLeaf);
  return isLeaf(value) ? [value] : [];
};

const text = (operand: unknown, operator: string): string => {
  if (typeof operand !== 'string') {
    throw new Error(`${operator} takes a string`);
  }
  return operand;
};

/** Returns a test for a wildcard, with event-ruler's escapes. */
const wildcard = (pattern: string): ((value: string) => boolean) => {
  let source = '';
  let afterWildcard = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const star = c === '*';
    if (star && afterWildcard) {
      throw new Error(`consecutive wildcards in '${pattern}'`);
    }
    afterWildcard = star;
    if (c === '\\') {
      const next = pattern[++i];
      if (next !== '*' && next !== '\\') {
        throw new Error(`invalid escape in wildcard '${pattern}'`);
      }
      source += `\\${next}`;
    } else if (star) {
      source += '[\\s\\S]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  const regExp = new RegExp(`^${source}$`);
  return (value) => regExp.test(value);
};

/** A string test from `prefix`/`suffix`: a string or `{ equals-ignore-case }`. */
const affix = (
  operand: unknown,
  operator: 'prefix' | 'suffix'
): ((value: string) => boolean) => {
  const ignoreCase = isObject(operand);
  const wanted = ignoreCase
    ? text(operand['equals-ignore-case'], `${operator} equals-ignore-case`)
    : text(operand, operator);
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  return (value) =>
    operator === 'prefix'
      ? fold(value).startsWith(fold(wanted))
      : fold(value).endsWith(fold(wanted));
};

const equalsIgnoreCase =
  (operand: unknown) =>
  (value: string): boolean =>
    value.toLowerCase() === text(operand, 'equals-ignore-case').toLowerCase();

/** The test `anything-but` negates: one of its documented operand forms. */
const excluded = (operand: unknown): ((leaf: Leaf) => boolean) => {
  const onStrings =
    (test: (value: string) => boolean) =>
    (leaf: Leaf): boolean =>
      typeof leaf === 'string' && test(leaf);
  const anyOf = (
    values: unknown,
    test: (value: unknown) => (value: string) => boolean
  ) => {
    const tests = (Array.isArray(values) ? values : [values]).map(test);
    return onStrings((value) => tests.some((t) => t(value)));
  };
  if (!isObject(operand)) {
    const values = Array.isArray(operand) ? operand : [operand];
    const types = new Set(values.map((v) => typeof v));
    if (types.size !== 1 || !(types.has('string') || types.has('number'))) {
      throw new Error('anything-but takes strings only or numbers only');
    }
    return (leaf) => values.includes(leaf);
  }
  const [operator, ...others] = Object.keys(operand);
  if (others.length > 0) throw new Error('anything-but takes one operator');
  const inner = operand[operator as string];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return onStrings(affix(inner, operator));
    case 'equals-ignore-case':
      return anyOf(inner, equalsIgnoreCase);
    case 'wildcard':
      return anyOf(inner, (w) => wildcard(text(w, 'wildcard')));
    default:
      throw new Error(`unsupported anything-but operator '${operator}'`);
  }
};

const matchesOne = (matcher: unknown, leaves: Leaf[]): boolean => {
  if (isLeaf(matcher)) return leaves.some((leaf) => leaf === matcher);
  if (!isObject(matcher)) {
    throw new Error(`unsupported matcher ${JSON.stringify(matcher)}`);
  }
  const [operator, ...others] = Object.keys(matcher);
  if (operator === undefined || others.length > 0) {
    throw new Error(`expected one operator in ${JSON.stringify(matcher)}`);
  }
  const operand = matcher[operator];
  const onStrings = (test: (value: string) => boolean) =>
    leaves.some((leaf) => typeof leaf === 'string' && test(leaf));
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw new Error('exists takes a boolean');
      }
      return operand === leaves.length > 0;
    case 'prefix':
    case 'suffix':
      return onStrings(affix(operand, operator));
    case 'equals-ignore-case':
      return onStrings(equalsIgnoreCase(operand));
    case 'wildcard':
      return onStrings(wildcard(text(operand, 'wildcard')));
    case 'anything-but': {
      const isExcluded = excluded(operand);
      return leaves.some((leaf) => !isExcluded(leaf));
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
    const value = Object.hasOwn(target, key) ? target[key] : undefined;
    if (Array.isArray(spec)) {
      return spec.some((matcher) => matchesOne(matcher, leavesOf(value)));
    }
    if (isObject(spec)) {
      // Fields within one element of an array must match together.
      const objects = Array.isArray(value)
        ? value.flat(Infinity).filter(isObject)
        : [value];
      return (objects.length > 0 ? objects : [undefined]).some((element) =>
        matchesObject(spec, element)
      );
    }
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
