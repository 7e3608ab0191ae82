export { buildSite } from './buildSite.js';
export { UnsafePathError, UnsafeServiceIdError } from './errors.js';
export { escapeHtml } from './html.js';
export type { BuildSiteOptions, SiteFile } from './types.js';
export { writeUnder } from './write.js';
