import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../../src/runbook/frontMatter.js';

describe('splitFrontMatter', () => {
  it('returns the YAML, its offset and the body with its first line', () => {
    // Prepare
    const content = '---\nid: a\nname: A\n---\n# A\n';

    // Act
    const result = splitFrontMatter('services/a.md', content);

    // Assess
    expect(result).toEqual({
      ok: true,
      value: {
        yaml: 'id: a\nname: A\n',
        yamlOffset: 4,
        body: '# A\n',
        bodyOffset: 22,
        bodyLine: 5,
      },
    });
  });

  it('accepts CRLF line ends and a closing ... fence', () => {
    // Prepare
    const content = '---\r\nid: a\r\n...\r\nbody';

    // Act
    const result = splitFrontMatter('services/a.md', content);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      value: { yaml: 'id: a\r\n', yamlOffset: 5, body: 'body', bodyLine: 4 },
    });
  });

  it('returns an empty body when the file ends at the closing fence', () => {
    // Act
    const result = splitFrontMatter('services/a.md', '---\nid: a\n---');

    // Assess
    expect(result).toMatchObject({
      ok: true,
      value: { body: '', yaml: 'id: a\n' },
    });
  });

  it('reports missing front matter at the first line', () => {
    // Act
    const result = splitFrontMatter('services/a.md', 'id: a\n---\n');

    // Assess
    expect(result).toMatchObject({
      ok: false,
      diagnostic: { code: 'missing-front-matter', range: [0, 5] },
    });
  });

  it('reports front matter that is never closed', () => {
    // Act
    const result = splitFrontMatter('services/a.md', '---\nid: a\n# A\n');

    // Assess
    expect(result).toMatchObject({
      ok: false,
      diagnostic: { code: 'unterminated-front-matter', range: [0, 3] },
    });
  });
});
