// Stands in for `cross-fetch` in the bundles: @pagerduty/pdjs imports it for
// old browsers and Node < 18, but Node 20 and Lambda's runtimes have fetch,
// and cross-fetch would bundle node-fetch and its whatwg-url polyfills.
// pdjs uses the default export and `Headers`; the rest mirror cross-fetch.
const fetch = (input, init) => globalThis.fetch(input, init);
const { Headers, Request, Response } = globalThis;

export { fetch as default, fetch, Headers, Request, Response };
