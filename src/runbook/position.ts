/** A 1-based line and column in a text. */
interface LineColumn {
  line: number;
  column: number;
}

/** Offsets at which each line starts; line 1 starts at 0. */
const lineStarts = (text: string): number[] => {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
  }
  return starts;
};

/**
 * Returns the 1-based line and column of an offset in a text. Offsets past
 * the end point at the end.
 *
 * @param text - the whole file
 * @param offset - a 0-based offset into it
 */
const lineColumn = (text: string, offset: number): LineColumn => {
  const starts = lineStarts(text);
  const at = Math.max(0, Math.min(offset, text.length));
  // Binary search for the last line starting at or before the offset.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: at - starts[low]! + 1 };
};

/**
 * Returns the offsets of one line, without its line break.
 *
 * @param text - the whole file
 * @param line - a 1-based line number
 */
const lineRange = (text: string, line: number): [number, number] => {
  const starts = lineStarts(text);
  const start = starts[Math.min(line, starts.length) - 1] ?? 0;
  const next = text.indexOf('\n', start);
  const end = next === -1 ? text.length : next;
  return [start, text[end - 1] === '\r' ? end - 1 : end];
};

export type { LineColumn };
export { lineColumn, lineRange };
