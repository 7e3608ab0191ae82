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

export { runbookUrl };
