import { restoreOrder } from '../graph.js';
import type { Runbook } from '../types.js';
import { SITE_CSS } from './css.js';
import { renderPage, servicePath } from './html.js';
import { renderIndexMain } from './indexPage.js';
import { renderMarkdown } from './markdown.js';
import { renderServiceMain } from './servicePage.js';
import type { BuildSiteOptions, SiteFile } from './types.js';

const DISASTER_RECOVERY_TITLE = 'Disaster recovery';

const renderDisasterRecoveryMain = (markdown: string): string => {
  const { html, headings } = renderMarkdown(markdown);
  // The document usually brings its own title; add one only when it does not.
  const title =
    headings[0]?.level === 1 ? '' : `<h1>${DISASTER_RECOVERY_TITLE}</h1>\n`;
  return `${title}<article class="content">\n${html}</article>`;
};

/**
 * Returns the files of the runbook's static site: `index.html` (services,
 * dependency diagram, restore order), `disaster-recovery.html` when the
 * runbook has one, `services/<id>.html` per service and `assets/site.css`.
 * Every link is relative and nothing is fetched from elsewhere, so the site
 * works offline and from file://. Heading ids are GitHub's slugs, so
 * `services/orders-db.html#recovery` matches the link on GitHub.
 *
 * @param runbook - the loaded runbook; lint should have passed
 * @param options - `lastChanged`: when each service last changed, by service id
 * @throws {UnsafeServiceIdError} when a service id cannot be a file name
 */
const buildSite = (runbook: Runbook, options: BuildSiteOptions): SiteFile[] => {
  const lastChanged = options.lastChanged ?? {};
  const hasDisasterRecovery = runbook.disasterRecovery !== undefined;
  const page = (title: string, depth: number, main: string): string =>
    renderPage({
      title,
      siteTitle: runbook.title,
      depth,
      hasDisasterRecovery,
      main,
    });
  const files: SiteFile[] = [
    { path: 'assets/site.css', content: SITE_CSS },
    {
      path: 'index.html',
      content: page(
        runbook.title,
        0,
        renderIndexMain(runbook, restoreOrder(runbook.services), lastChanged)
      ),
    },
  ];
  if (runbook.disasterRecovery !== undefined) {
    files.push({
      path: 'disaster-recovery.html',
      content: page(
        DISASTER_RECOVERY_TITLE,
        0,
        renderDisasterRecoveryMain(runbook.disasterRecovery)
      ),
    });
  }
  for (const service of runbook.services) {
    files.push({
      path: servicePath(service.id),
      content: page(
        service.name,
        1,
        renderServiceMain(service, runbook, lastChanged[service.id])
      ),
    });
  }
  return files;
};

export { buildSite };
