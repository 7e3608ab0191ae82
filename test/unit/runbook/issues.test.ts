import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { formatPath, issueDiagnostics } from '../../../src/runbook/issues.js';
import { serviceSchema } from '../../../src/runbook/schema.js';
import { yamlSource } from '../../../src/runbook/yamlSource.js';
import { frontMatter } from '../../helpers/runbookFiles.js';

const diagnose = (value: Record<string, unknown>) => {
  const yaml = parseDocument(JSON.stringify(value)).toString();
  const doc = parseDocument(yaml);
  const result = serviceSchema.safeParse(doc.toJS(), { reportInput: true });
  return issueDiagnostics(result.error?.issues ?? [], {
    file: 'services/a.md',
    schema: serviceSchema,
    source: yamlSource(doc, yaml, 0, [0, 0]),
    subject: 'the front matter',
  });
};

describe('issueDiagnostics', () => {
  it('suggests the closest allowed key for a nested typo', () => {
    // Prepare
    const front = frontMatter('a');

    // Act
    const [diagnostic] = diagnose({
      ...front,
      recovery: { ...(front.recovery as object), restorTest: '30d' },
    });

    // Assess
    expect(diagnostic?.message).toBe(
      "unknown key 'restorTest' in 'recovery' — did you mean 'restoreTest'?"
    );
  });

  it('lists the allowed keys when no key is close', () => {
    // Prepare
    const front = frontMatter('a');

    // Act
    const [diagnostic] = diagnose({ ...front, colour: 'red' });

    // Assess
    expect(diagnostic?.message).toContain(
      'allowed here: id, name, category, tier'
    );
  });

  it('lists the keys of a list item', () => {
    // Prepare
    const front = frontMatter('a');
    const backup = {
      ...(front.backup as object),
      copies: [{ regoin: 'us-west-2' }],
    };

    // Act
    const [diagnostic] = diagnose({ ...front, backup });

    // Assess
    expect(diagnostic).toMatchObject({ code: 'unknown-key' });
    expect(diagnostic?.message).toContain("did you mean 'region'?");
  });

  it('says what a key expects and what it got', () => {
    // Prepare
    const front = frontMatter('a');

    // Act
    const diagnostics = diagnose({
      ...front,
      tier: 'crtical',
      resources: 'arn:x',
    });

    // Assess
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'invalid-value',
        "'tier' must be one of critical, high, standard, not 'crtical' — did you mean 'critical'?",
      ],
      ['wrong-type', "'resources' must be a list of ARN patterns, not 'arn:x'"],
    ]);
  });

  it('refuses a service that lists no resources: nothing would watch it', () => {
    // Act
    const diagnostics = diagnose({ ...frontMatter('a'), resources: [] });

    // Assess
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'invalid-value',
        "'resources' must be a list of at least one ARN or ARN pattern (the monitor checks only what a service lists), not an empty list",
      ],
    ]);
  });
});

describe('formatPath', () => {
  it('joins keys with dots and list indexes with brackets', () => {
    // Act & Assess
    expect(formatPath(['silences', 0, 'until'])).toBe('silences[0].until');
  });
});
