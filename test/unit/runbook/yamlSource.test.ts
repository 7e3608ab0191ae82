import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { yamlSource } from '../../../src/runbook/yamlSource.js';

const YAML = 'id: a\nempty:\nlist:\n  - x\n  - "y y"\nmap:\n  k: v\n';
const OFFSET = 4;
const FALLBACK: [number, number] = [0, 3];
const source = yamlSource(parseDocument(YAML), YAML, OFFSET, FALLBACK);

const at = (text: string): [number, number] => {
  const start = YAML.indexOf(text) + OFFSET;
  return [start, start + text.length];
};

describe('yamlSource', () => {
  it('returns value ranges shifted by the offset', () => {
    // Act & Assess
    expect(source.valueRange(['id'])).toEqual(at('a'));
    expect(source.valueRange(['list', 1])).toEqual(at('"y y"'));
    expect(source.valueRange(['map', 'k'])).toEqual(at('v'));
  });

  it('returns a block collection without its trailing line break', () => {
    // Act & Assess
    expect(source.valueRange(['map'])).toEqual(at('k: v'));
  });

  it('returns the key for an empty value, which yaml places on the next line', () => {
    // Act & Assess
    expect(source.valueRange(['empty'])).toEqual(at('empty'));
  });

  it('returns the nearest located ancestor for a path that is not there', () => {
    // Act & Assess
    expect(source.valueRange(['map', 'missing', 'deeper'])).toEqual(at('k: v'));
  });

  it('returns key ranges, and the fallback for the document itself', () => {
    // Act & Assess
    expect(source.keyRange(['list'])).toEqual(at('list'));
    expect(source.keyRange([])).toEqual(FALLBACK);
  });

  it('returns where a string starts, inside its quotes', () => {
    // Act & Assess
    expect(source.stringStart(['list', 1])).toBe(at('y y')[0]);
    expect(source.stringStart(['id'])).toBe(at('a')[0]);
  });

  it('returns the fallback for an empty document', () => {
    // Prepare
    const empty = yamlSource(parseDocument(''), '', OFFSET, FALLBACK);

    // Act & Assess
    expect(empty.valueRange(['id'])).toEqual(FALLBACK);
  });
});
