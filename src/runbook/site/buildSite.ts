import { restoreOrder } from '../graph.js';
import type { Runbook } from '../types.js';
import { SITE_CSS } from './css.js';
import { renderDependencyDiagram } from './diagram.js';
import { renderPage, servicePath } from './html.js';
import { renderIndexMain } from './indexPage.js';
import { renderMarkdown } from './markdown.js';
import { renderMermaid } from './mermaid.js';
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
 * runbook has one, `services/<id>.html` per service, `assets/site.css`,
 * and with `mermaid` the diagram as a Mermaid flowchart, `dependencies.mmd`.
 * Every link is relative and nothing is fetched from elsewhere, so the site
 * works offline and from file://. Heading ids are GitHub's slugs, so
 * `services/orders-db.html#recovery` matches the link on GitHub.
 *
 * The diagram is laid out here, so the page needs no script; the layout
 * engine is asynchronous, hence the promise.
 *
 * @param runbook - the loaded runbook; lint should have passed
 * @param options - `lastChanged`: when each service last changed, by service
 *   id; `mermaid`: also write `dependencies.mmd`
 * @throws {UnsafeServiceIdError} when a service id cannot be a file name
 */
const buildSite = async (
  runbook: Runbook,
  options: BuildSiteOptions
): Promise<SiteFile[]> => {
  const lastChanged = options.lastChanged ?? {};
  const order = restoreOrder(runbook.services);
  const diagram = await renderDependencyDiagram(
    runbook.services,
    order.waves,
    ''
  );
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
        renderIndexMain(runbook, order, diagram, lastChanged)
      ),
    },
  ];
  if (options.mermaid === true) {
    files.push({
      path: 'dependencies.mmd',
      content: renderMermaid(runbook.services, order),
    });
  }
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
