export { buildSite } from './buildSite.js';
export { UnsafeServiceIdError } from './errors.js';
export type { BuildSiteOptions, SiteFile } from './types.js';
