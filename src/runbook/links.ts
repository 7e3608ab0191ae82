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

export { runbookIndexUrl, runbookUrl };
