import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { headingText } from '../sections.js';
import { escapeHtml } from './html.js';
import type { RenderedHeading, RenderedMarkdown } from './types.js';

// html: false escapes any raw HTML in the runbook instead of passing it through.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const ANCHOR_CLASS = 'anchor';

// A relative link to another runbook file (`orders-db.md#recovery`,
// `../disaster-recovery.md`) points at its page on the built site.
const MARKDOWN_LINK = /^(?![a-z][a-z0-9+.-]*:|\/|#)([^?#]*)\.md((?:#.*)?)$/i;

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const href = token.attrGet('href');
  if (typeof href === 'string')
    token.attrSet('href', href.replace(MARKDOWN_LINK, '$1.html$2'));
  return self.renderToken(tokens, idx, options);
};

md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const open = tokens[idx - 2];
  const id = open?.attrGet('id');
  const anchor =
    typeof id !== 'string'
      ? ''
      : ` <a class="${ANCHOR_CLASS}" href="#${escapeHtml(id)}" aria-label="Link to this section">#</a>`;
  return anchor + self.renderToken(tokens, idx, options);
};

/**
 * Renders runbook Markdown to HTML. Raw HTML is escaped. Each heading gets
 * the id GitHub gives it (github-slugger, one slugger for the document, in
 * document order, so repeated headings get `-1`, `-2`) and a visible anchor
 * link, so a deep link works the same on GitHub and on the built site.
 *
 * @param source - the Markdown text
 */
const renderMarkdown = (source: string): RenderedMarkdown => {
  const slugger = new GithubSlugger();
  const tokens = md.parse(source, {});
  const headings: RenderedHeading[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const text = headingText(tokens[i + 1]);
    // Every heading advances the slugger, even an empty one, as on GitHub.
    const slug = slugger.slug(text);
    if (slug === '') return;
    token.attrSet('id', slug);
    headings.push({ level: Number(token.tag.slice(1)), text, slug });
  });
  return { html: md.renderer.render(tokens, md.options, {}), headings };
};

export { renderMarkdown };
