import { describe, expect, it } from 'vitest';
import {
  fromAttributes,
  toAttribute,
  toAttributes,
} from '../../../src/history/attributes.js';

describe('toAttributes', () => {
  it('converts every stored type and drops undefined entries', () => {
    // Act
    const attributes = toAttributes({
      s: 'a',
      n: 1.5,
      b: false,
      z: null,
      l: ['x', 2],
      m: { inner: 'y', gone: undefined },
      gone: undefined,
    });

    // Assess
    expect(attributes).toEqual({
      s: { S: 'a' },
      n: { N: '1.5' },
      b: { BOOL: false },
      z: { NULL: true },
      l: { L: [{ S: 'x' }, { N: '2' }] },
      m: { M: { inner: { S: 'y' } } },
    });
  });

  it('round-trips through fromAttributes', () => {
    // Prepare
    const item = {
      PK: 'RES#x',
      size: 53687091200,
      nested: { list: [true, null] },
    };

    // Act
    const back = fromAttributes(toAttributes(item));

    // Assess
    expect(back).toEqual(item);
  });
});

describe('toAttribute', () => {
  it.each([
    ['NaN', Number.NaN],
    ['a Date', new Date()],
  ])('throws on %s', (_, value) => {
    // Act
    const act = () => toAttribute(value as never);

    // Assess
    expect(act).toThrow(TypeError);
  });
});

describe('fromAttributes', () => {
  it('throws on a type the store never writes', () => {
    // Act
    const act = () => fromAttributes({ set: { SS: ['a'] } });

    // Assess
    expect(act).toThrow(/unexpected attribute type SS/);
  });
});
