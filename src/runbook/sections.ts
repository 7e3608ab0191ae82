import GithubSlugger from 'github-slugger';
import MarkdownIt, { type Token } from 'markdown-it';
import { closestMatch, diagnostic } from './diagnostics.js';
import { lineRange } from './position.js';
import type { Diagnostic, Section } from './types.js';

interface RequiredSection {
  level: number;
  text: string;
  slug: string;
  children: RequiredSection[];
}

const heading = (
  level: number,
  text: string,
  slug: string,
  children: RequiredSection[] = []
): RequiredSection => ({ level, text, slug, children });

/** The headings alert links point at (`#manual-backup`, `#steps`, ...). */
const REQUIRED_SECTIONS: readonly RequiredSection[] = [
  heading(2, 'Backup', 'backup', [
    heading(3, 'Manual backup', 'manual-backup'),
  ]),
  heading(2, 'Recovery', 'recovery', [
    heading(3, 'Steps', 'steps'),
    heading(3, 'Validation', 'validation'),
  ]),
  heading(2, 'Failover', 'failover'),
];

const markdown = new MarkdownIt();

/**
 * The heading's text as GitHub slugs it: the text content of the rendered
 * heading, so emphasis and code lose their markup and image alt text counts
 * for nothing. Lint and the site both use it, so their anchors agree.
 */
const headingText = (inline: Token | undefined): string =>
  (inline?.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');

/**
 * Returns the headings of a Markdown body with the anchors GitHub gives
 * them, duplicates numbered (`steps`, `steps-1`) exactly as on GitHub.
 *
 * @param body - the Markdown after the front matter
 * @param firstLine - 1-based line of the body's first line in the whole file
 */
const parseSections = (body: string, firstLine: number): Section[] => {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(body, {});
  const sections: Section[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open' || token.map === null) return;
    const text = headingText(tokens[index + 1]);
    sections.push({
      level: Number(token.tag.slice(1)),
      text,
      slug: slugger.slug(text),
      line: firstLine + token.map[0],
    });
  });
  return sections;
};

const hashes = (level: number): string => '#'.repeat(level);

/** Sections from `start` up to (not including) the next heading of `level` or higher. */
const within = (sections: Section[], start: Section): Section[] => {
  const from = sections.indexOf(start) + 1;
  const end = sections.findIndex((s, i) => i >= from && s.level <= start.level);
  return sections.slice(from, end === -1 ? undefined : end);
};

/**
 * Returns a `missing-section` diagnostic for each required heading that is
 * absent, at the wrong level, or outside its parent: each breaks a deep link
 * that alerts send.
 *
 * @param file - path relative to the runbook folder
 * @param content - the whole file
 * @param sections - the headings found by {@link parseSections}
 * @param firstLine - 1-based line of the body's first line
 */
const checkSections = (
  file: string,
  content: string,
  sections: Section[],
  firstLine: number
): Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number): [number, number] => lineRange(content, line);
  const check = (
    required: RequiredSection,
    scope: Section[],
    parent: Section | undefined
  ): Section | undefined => {
    const wanted = `${hashes(required.level)} ${required.text}`;
    const found = sections.find((s) => s.slug === required.slug);
    const where =
      parent === undefined
        ? ''
        : ` under '${hashes(parent.level)} ${parent.text}'`;
    if (found === undefined) {
      // A heading spelt nearly right is the likelier mistake: point at it.
      const near = closestMatch(
        required.text,
        scope.map((s) => s.text)
      );
      const misspelt = scope.find((s) => s.text === near);
      diagnostics.push(
        diagnostic(
          'missing-section',
          file,
          at(misspelt?.line ?? parent?.line ?? firstLine),
          misspelt === undefined
            ? `missing section '${wanted}'${where}: alerts link to #${required.slug}`
            : `missing section '${wanted}'${where}: '${hashes(misspelt.level)} ${misspelt.text}' must read '${wanted}', as alerts link to #${required.slug}`
        )
      );
      return undefined;
    }
    if (found.level !== required.level) {
      diagnostics.push(
        diagnostic(
          'missing-section',
          file,
          at(found.line),
          `'${hashes(found.level)} ${found.text}' must be a level-${required.level} heading: '${wanted}'`
        )
      );
      return undefined;
    }
    if (!scope.includes(found)) {
      diagnostics.push(
        diagnostic(
          'missing-section',
          file,
          at(found.line),
          `the first '${wanted}' (anchor #${required.slug}) must be${where}`
        )
      );
      return undefined;
    }
    return found;
  };
  for (const required of REQUIRED_SECTIONS) {
    const parent = check(required, sections, undefined);
    if (parent === undefined) continue;
    const scope = within(sections, parent);
    for (const child of required.children) check(child, scope, parent);
  }
  return diagnostics;
};

export { checkSections, headingText, parseSections };
