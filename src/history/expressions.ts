import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type ItemValue, toAttribute } from './attributes.js';
import type { Path, PlanCondition, StatePlan } from './plan.js';

/** The expression parts of an UpdateItem input. */
interface CompiledUpdate {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

// Every name goes through a placeholder: ARNs and reserved words
// (`region`, `state`) cannot appear in an expression literally.
class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly nameOf = new Map<string, string>();
  private valueCount = 0;

  path(path: Path): string {
    return path.map((name) => this.name(name)).join('.');
  }

  value(value: ItemValue): string {
    const placeholder = `:v${this.valueCount}`;
    this.valueCount += 1;
    this.values[placeholder] = toAttribute(value);
    return placeholder;
  }

  private name(name: string): string {
    let placeholder = this.nameOf.get(name);
    if (placeholder === undefined) {
      placeholder = `#n${this.nameOf.size}`;
      this.nameOf.set(name, placeholder);
      this.names[placeholder] = name;
    }
    return placeholder;
  }
}

const compileCondition = (
  condition: PlanCondition,
  placeholders: Placeholders
): string => {
  if (condition.kind === 'either') {
    const of = condition.of.map((c) => compileCondition(c, placeholders));
    return `(${of.join(' OR ')})`;
  }
  const path = placeholders.path(condition.path);
  if (condition.kind === 'present') return `attribute_exists(${path})`;
  if (condition.kind === 'smallMap') {
    return `size(${path}) < ${placeholders.value(condition.entries)}`;
  }
  const absent = `attribute_not_exists(${path})`;
  if (condition.kind === 'absent') return absent;
  if (condition.kind === 'earlier' || condition.kind === 'notAfter') {
    const at = placeholders.value(condition.at);
    const op = condition.kind === 'earlier' ? '>' : '<=';
    return `(${absent} OR ${path} ${op} ${at})`;
  }
  const atPath = placeholders.path(condition.atPath);
  const idPath = placeholders.path(condition.idPath);
  const at = placeholders.value(condition.at);
  const eventId = placeholders.value(condition.eventId);
  return `(${absent} OR ${atPath} < ${at} OR (${atPath} = ${at} AND ${idPath} < ${eventId}))`;
};

/**
 * Returns the UpdateItem expressions of a plan: its writes, guarded by all
 * of its conditions at once.
 *
 * @param plan - from `planStateUpdate`, with at least one write
 */
const compilePlan = (plan: StatePlan): CompiledUpdate => {
  const placeholders = new Placeholders();
  const clauses: string[] = [];
  if (plan.set.length > 0) {
    const sets = plan.set.map(({ path, value, ifAbsent }) => {
      const name = placeholders.path(path);
      const v = placeholders.value(value);
      return `${name} = ${ifAbsent === true ? `if_not_exists(${name}, ${v})` : v}`;
    });
    clauses.push(`SET ${sets.join(', ')}`);
  }
  if (plan.remove.length > 0) {
    const removes = plan.remove.map((path) => placeholders.path(path));
    clauses.push(`REMOVE ${removes.join(', ')}`);
  }
  const conditions = plan.conditions.map((condition) =>
    compileCondition(condition, placeholders)
  );
  const compiled: CompiledUpdate = {
    UpdateExpression: clauses.join(' '),
    ExpressionAttributeNames: placeholders.names,
  };
  if (conditions.length > 0) {
    compiled.ConditionExpression = conditions.join(' AND ');
  }
  if (Object.keys(placeholders.values).length > 0) {
    compiled.ExpressionAttributeValues = placeholders.values;
  }
  return compiled;
};

export { compilePlan };
