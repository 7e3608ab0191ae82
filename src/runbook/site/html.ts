import { UnsafeServiceIdError } from './errors.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Returns text safe to place in HTML content and in quoted attribute values.
 *
 * @param text - untrusted text from the runbook
 */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The path from a page at `depth` folders below the site root back to it. */
const toRoot = (depth: number): string => '../'.repeat(depth);

// Ids become file names; anything else could escape the output folder.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Returns the site path of a service's page, `services/<id>.html`.
 *
 * @param id - the service id
 * @throws {UnsafeServiceIdError} when the id is not a safe file name
 */
const servicePath = (id: string): string => {
  if (!SAFE_ID.test(id)) throw new UnsafeServiceIdError(id);
  return `services/${id}.html`;
};

/** Returns a date as `YYYY-MM-DD` (UTC) in a `<time>` element. */
const renderDate = (date: Date): string =>
  `<time datetime="${date.toISOString()}">${date.toISOString().slice(0, 10)}</time>`;

/** Returns a date and minute as `YYYY-MM-DD HH:MM UTC` in a `<time>` element. */
const renderDateTime = (date: Date): string =>
  `<time datetime="${date.toISOString()}">${date.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>`;

/** Options for {@link renderPage}. */
interface PageOptions {
  /** Page title, plain text. */
  title: string;
  /** The runbook's title, shown in the header. */
  siteTitle: string;
  /** Folders between the page and the site root: 0 for index.html, 1 for services/x.html. */
  depth: number;
  /** Whether the site has a disaster-recovery page to link to. */
  hasDisasterRecovery: boolean;
  /** The page's main content, already HTML. */
  main: string;
}

/**
 * Returns a whole HTML document in the site's frame: shared stylesheet and
 * navigation, all links relative so the site works from file://.
 *
 * @param options - title, depth and content of the page
 */
const renderPage = ({
  title,
  siteTitle,
  depth,
  hasDisasterRecovery,
  main,
}: PageOptions): string => {
  const root = toRoot(depth);
  const nav = [
    `<a href="${root}index.html">Services</a>`,
    `<a href="${root}index.html#dependencies">Dependencies</a>`,
    `<a href="${root}index.html#restore-order">Restore order</a>`,
    ...(hasDisasterRecovery
      ? [`<a href="${root}disaster-recovery.html">Disaster recovery</a>`]
      : []),
  ].join('\n        ');
  const documentTitle =
    title === siteTitle
      ? escapeHtml(title)
      : `${escapeHtml(title)} · ${escapeHtml(siteTitle)}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${documentTitle}</title>
    <link rel="stylesheet" href="${root}assets/site.css">
  </head>
  <body>
    <header class="site-header">
      <a class="site-title" href="${root}index.html">${escapeHtml(siteTitle)}</a>
      <nav aria-label="Site">
        ${nav}
      </nav>
    </header>
    <main>
${main}
    </main>
    <footer class="site-footer">Built by Backup Sentinel from the runbook in the repository.</footer>
  </body>
</html>
`;
};

export { escapeHtml, renderDate, renderDateTime, renderPage, servicePath };
