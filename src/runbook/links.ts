// Links from the runbook become hrefs in alerts, reports and the site:
// anything but the web's schemes (javascript:, data:, file:) could run
// code or read local files when someone clicks.
const WEB_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * Returns the scheme of an absolute URL as a browser reads it (WHATWG URL:
 * case folded, leading spaces and control characters and inner tabs and
 * newlines dropped, so `JAVA\tSCRIPT:` is `javascript:`), or undefined for a
 * relative or malformed one.
 *
 * @param url - a URL or a `links` template
 */
const schemeOf = (url: string): string | undefined => {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
};

/**
 * Returns whether a URL is an absolute http: or https: one, the only kind
 * that may become an href.
 *
 * @param url - the URL
 */
const isWebUrl = (url: string): boolean => WEB_SCHEMES.has(schemeOf(url) ?? '');

/**
 * Returns the deep link to one section of a service's runbook page, filled
 * from runbook.yml's `links` template (`{service}`, `{section}`).
 *
 * @param links - the template, e.g. `https://github.com/acme/shop/blob/main/runbook/services/{service}.md#{section}`
 * @param serviceId - the service id
 * @param section - a heading slug (`manual-backup`, `recovery`, ...); empty for the page itself
 */
const runbookUrl = (
  links: string,
  serviceId: string,
  section: string
): string => {
  const url = links
    .replaceAll('{service}', encodeURIComponent(serviceId))
    .replaceAll('{section}', encodeURIComponent(section));
  // An empty section would leave a dangling '#': link to the page instead.
  return section === '' ? url.replace(/#$/, '') : url;
};

/**
 * Returns the link to the runbook's front page, derived from the deep-link
 * template: the template cut before the `{service}` path segment, one level
 * up when that folder is `services/` (the layout DESIGN.md fixes), so
 * `…/runbook/services/{service}.md#{section}` gives `…/runbook/`.
 *
 * @param links - runbook.yml's `links` template
 */
const runbookIndexUrl = (links: string): string => {
  const at = links.indexOf('{service}');
  if (at === -1) return links.split('#')[0]!.replaceAll('{section}', '');
  const folder = links.slice(0, links.lastIndexOf('/', at) + 1);
  return folder.endsWith('/services/')
    ? folder.slice(0, -'services/'.length)
    : folder;
};

/**
 * Returns the deep link to a section of disaster-recovery.md, which sits
 * beside the services' folder: the template with `services/{service}`
 * replaced by `disaster-recovery` (`…/runbook/disaster-recovery.md#region-failure`);
 * the runbook's front page when the template has no `services/{service}`.
 *
 * @param links - runbook.yml's `links` template
 * @param section - a heading slug of disaster-recovery.md; empty for the page
 */
const disasterRecoveryUrl = (links: string, section: string): string => {
  const page = 'services/{service}';
  if (!links.includes(page)) return runbookIndexUrl(links);
  return runbookUrl(
    links.replace(page, '{service}'),
    'disaster-recovery',
    section
  );
};

export { disasterRecoveryUrl, isWebUrl, runbookIndexUrl, runbookUrl, schemeOf };
