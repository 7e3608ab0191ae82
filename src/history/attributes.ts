import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * A value as items hold it before and after DynamoDB's wire format: strings,
 * numbers, booleans, lists and maps. Times are ISO strings by then (rule 4).
 */
type ItemValue =
  | string
  | number
  | boolean
  | null
  | ItemValue[]
  | { [name: string]: ItemValue | undefined };

/** A whole item (or map) in plain form; undefined entries are not stored. */
type PlainItem = { [name: string]: ItemValue | undefined };

/**
 * Returns the DynamoDB wire form of a plain value. Undefined map entries are
 * dropped so optional fields cost nothing.
 *
 * @param value - a string, finite number, boolean, null, list or map
 * @throws {TypeError} on a value DynamoDB cannot hold (NaN, a Date)
 */
const toAttribute = (value: ItemValue): AttributeValue => {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`cannot store the number ${value}`);
    }
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value !== 'object' || value instanceof Date) {
    throw new TypeError(`cannot store ${String(value)}: convert it first`);
  }
  return { M: toAttributes(value) };
};

/**
 * Returns the DynamoDB wire form of a plain item.
 *
 * @param item - attribute name to plain value; undefined values are dropped
 */
const toAttributes = (item: PlainItem): Record<string, AttributeValue> => {
  const result: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) {
    if (value !== undefined) result[name] = toAttribute(value);
  }
  return result;
};

/**
 * Returns the plain form of a DynamoDB attribute value.
 *
 * @param attribute - S, N, BOOL, NULL, L or M (the types this store writes)
 * @throws {TypeError} on any other type
 */
const fromAttribute = (attribute: AttributeValue): ItemValue => {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return Number(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.NULL !== undefined) return null;
  if (attribute.L !== undefined) return attribute.L.map(fromAttribute);
  if (attribute.M !== undefined) return fromAttributes(attribute.M);
  throw new TypeError(
    `unexpected attribute type ${Object.keys(attribute).join(',')}`
  );
};

/**
 * Returns the plain form of a DynamoDB item.
 *
 * @param item - the item as the SDK returns it
 */
const fromAttributes = (item: Record<string, AttributeValue>): PlainItem => {
  const result: PlainItem = {};
  for (const [name, attribute] of Object.entries(item)) {
    result[name] = fromAttribute(attribute);
  }
  return result;
};

export type { ItemValue, PlainItem };
export { fromAttributes, toAttribute, toAttributes };
