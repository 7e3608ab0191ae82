// Stands in for zod's locales/index.js in the bundles. `import { z } from
// 'zod'` is a namespace object esbuild cannot tree-shake, so every locale
// (~260 KB) would ship; Backup Sentinel's messages are English only, which
// zod configures itself from locales/en.js.
export { default as en } from 'zod/v4/locales/en.js';
