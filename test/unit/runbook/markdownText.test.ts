import { describe, expect, it } from 'vitest';
import { markdownText } from '../../../src/runbook/markdownText.js';

describe('markdownText', () => {
  it('places every line in the file and marks the lines of code blocks', () => {
    // Prepare: the text starts at offset 100, line 7, of its file.
    const text = 'Intro\r\n\n```sh\naws rds help\n```\nAfter\n';

    // Act
    const { lines, inCode, code } = markdownText(text, 100, 7);

    // Assess
    expect(lines.slice(0, 3)).toEqual([
      { text: 'Intro', offset: 100, line: 7 },
      { text: '', offset: 107, line: 8 },
      { text: '```sh', offset: 108, line: 9 },
    ]);
    expect(inCode.slice(0, 6)).toEqual([false, false, true, true, true, false]);
    expect(code).toEqual([
      { info: 'sh', lines: [{ text: 'aws rds help', offset: 114, line: 10 }] },
    ]);
  });

  it('finds a fence inside a list item, keeping its indentation', () => {
    // Prepare
    const text = '1. Restore:\n\n   ```bash\n   aws rds wait x\n   ```\n';

    // Act
    const { code } = markdownText(text, 0, 1);

    // Assess
    expect(code).toEqual([
      {
        info: 'bash',
        lines: [{ text: '   aws rds wait x', offset: 24, line: 4 }],
      },
    ]);
  });

  it('runs an unclosed fence to the end and takes an indented block as code', () => {
    // Prepare
    const text = 'Text\n\n    aws ssm help\n\n~~~\naws sns help\n';

    // Act
    const { code } = markdownText(text, 0, 1);

    // Assess
    expect(code.map((b) => [b.info, b.lines.map((l) => l.text)])).toEqual([
      ['', ['    aws ssm help']],
      ['', ['aws sns help']],
    ]);
  });
});
