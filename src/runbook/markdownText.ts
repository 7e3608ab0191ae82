import MarkdownIt from 'markdown-it';

/** One line of a Markdown file, placed in the whole file. */
interface TextLine {
  /** The line without its line end. */
  text: string;
  /** Offset of the line's first character in the whole file. */
  offset: number;
  /** 1-based line number in the whole file. */
  line: number;
}

/** A fenced or indented code block. */
interface CodeBlock {
  /** The fence's info string (`bash`, `sh`), '' for none. */
  info: string;
  /** The lines inside the fences, as written (list indentation kept). */
  lines: TextLine[];
}

/** The lines of a Markdown text and which of them are code. */
interface MarkdownText {
  lines: TextLine[];
  code: CodeBlock[];
  /** For each line: whether it belongs to a code block, fences included. */
  inCode: boolean[];
}

const markdown = new MarkdownIt();

/**
 * Returns the lines of Markdown placed in their file, and its code blocks
 * as markdown-it sees them (so a fence inside a list item counts, and a
 * ``` inside a fence does not).
 *
 * @param text - the Markdown, e.g. a service body
 * @param offset - the text's offset in its file
 * @param firstLine - the 1-based line of the text's first line in its file
 */
const markdownText = (
  text: string,
  offset: number,
  firstLine: number
): MarkdownText => {
  const lines: TextLine[] = [];
  let at = 0;
  for (const [index, raw] of text.split('\n').entries()) {
    lines.push({
      text: raw.endsWith('\r') ? raw.slice(0, -1) : raw,
      offset: offset + at,
      line: firstLine + index,
    });
    at += raw.length + 1;
  }
  const inCode = lines.map(() => false);
  const code: CodeBlock[] = [];
  for (const token of markdown.parse(text, {})) {
    if (token.map === null) continue;
    const [start, end] = token.map;
    if (token.type === 'fence') {
      // The content's own lines: an unclosed fence runs to the end.
      const count = token.content.split('\n').length - 1;
      code.push({
        info: token.info.trim().split(/\s+/)[0] ?? '',
        lines: lines.slice(start + 1, start + 1 + count),
      });
    } else if (token.type === 'code_block') {
      code.push({ info: '', lines: lines.slice(start, end) });
    } else continue;
    for (let i = start; i < end; i++) inCode[i] = true;
  }
  return { lines, code, inCode };
};

export type { CodeBlock, MarkdownText, TextLine };
export { markdownText };
