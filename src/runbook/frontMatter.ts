import { diagnostic } from './diagnostics.js';
import type { Diagnostic } from './types.js';

/** A service file split into its YAML front matter and Markdown body. */
interface FrontMatter {
  /** The YAML between the `---` fences. */
  yaml: string;
  /** Offset of {@link FrontMatter.yaml} in the whole file. */
  yamlOffset: number;
  /** The Markdown after the closing fence. */
  body: string;
  /** Offset of {@link FrontMatter.body} in the whole file. */
  bodyOffset: number;
  /** 1-based line of the body's first line in the whole file. */
  bodyLine: number;
}

type SplitResult =
  | { ok: true; value: FrontMatter }
  | { ok: false; diagnostic: Diagnostic };

const OPENING = /^---[ \t]*\r?$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/;

/**
 * Splits a service file at its front matter fences. The fences must be the
 * first line and a later line of their own, as on GitHub, which renders the
 * same block as a table.
 *
 * @param file - path relative to the runbook folder, for the diagnostic
 * @param content - the whole file
 */
const splitFrontMatter = (file: string, content: string): SplitResult => {
  const lines = content.split('\n');
  const firstLength = lines[0]?.length ?? 0;
  if (!OPENING.test(lines[0] ?? '')) {
    return {
      ok: false,
      diagnostic: diagnostic(
        'missing-front-matter',
        file,
        [0, firstLength],
        "no front matter: a service file must start with a '---' line, the service's YAML keys, and a closing '---' line"
      ),
    };
  }
  let offset = firstLength + 1;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (CLOSING.test(line)) {
      const yamlOffset = firstLength + 1;
      const bodyOffset = Math.min(content.length, offset + line.length + 1);
      return {
        ok: true,
        value: {
          yaml: content.slice(yamlOffset, offset),
          yamlOffset,
          body: content.slice(bodyOffset),
          bodyOffset,
          bodyLine: index + 2,
        },
      };
    }
    offset += line.length + 1;
  }
  return {
    ok: false,
    diagnostic: diagnostic(
      'unterminated-front-matter',
      file,
      [0, firstLength],
      "front matter is never closed: add a '---' line after the service's YAML keys"
    ),
  };
};

export { splitFrontMatter };
