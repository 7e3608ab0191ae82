/**
 * The whole stylesheet, written to `assets/site.css`. System fonts only: the
 * site must render offline with nothing fetched.
 */
const SITE_CSS = `:root {
  --text: #1a1a1a;
  --muted: #555;
  --line: #d8dce2;
  --bg-soft: #f5f7fa;
  --link: #0b57a4;
  --critical: #b3261e;
  --high: #b35c00;
  --standard: #2f5d9a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5;
  color: var(--text);
}
* { box-sizing: border-box; }
body { margin: 0; background: #fff; }
a { color: var(--link); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
.site-header {
  display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline;
  padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); background: var(--bg-soft);
}
.site-title { font-weight: 700; color: var(--text); text-decoration: none; }
.site-header nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.site-footer { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: 0.85rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0 1rem; line-height: 1.25; }
h2 { font-size: 1.35rem; margin-top: 2rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
h1, h2, h3, h4, h5, h6 { overflow-wrap: anywhere; scroll-margin-top: 0.5rem; }
.anchor { margin-left: 0.3rem; color: var(--muted); text-decoration: none; font-weight: 400; opacity: 0.6; }
.anchor:hover, .anchor:focus { opacity: 1; text-decoration: underline; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
code { background: var(--bg-soft); padding: 0.1em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: 0.75rem; overflow-x: auto; }
pre code { background: none; padding: 0; overflow-wrap: normal; }
.content table { display: block; max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
.table-scroll { max-width: 100%; overflow-x: auto; }
.services { width: 100%; font-size: 0.95rem; }
.tier { display: inline-block; padding: 0 0.45em; border-radius: 999px; font-size: 0.85em; font-weight: 600; color: #fff; }
.tier-critical { background: var(--critical); }
.tier-high { background: var(--high); }
.tier-standard { background: var(--standard); }
.diagram { max-width: 100%; overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem; margin: 0; }
.dependency-diagram { display: block; }
.dependency-diagram .node:hover rect:first-of-type, .dependency-diagram .node:focus rect:first-of-type { stroke-width: 3; }
.legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; margin: 0.5rem 0 0; padding: 0; list-style: none; font-size: 0.9rem; }
.waves { padding-left: 1.5rem; }
.waves li { margin-bottom: 0.4rem; }
.critical-path { background: var(--bg-soft); border-left: 4px solid var(--critical); padding: 0.5rem 0.75rem; }
.card { border: 1px solid var(--line); border-radius: 6px; background: var(--bg-soft); padding: 0.75rem 1rem; margin-bottom: 1.5rem; }
.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.3rem 1rem; margin: 0; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.facts ul { margin: 0; padding-left: 1.1rem; }
.toc { font-size: 0.95rem; }
.toc ul { margin: 0.25rem 0; padding-left: 1.25rem; }
.toc .toc-h3 { margin-left: 1.25rem; }
.nowrap { white-space: nowrap; }
.muted { color: var(--muted); }
@media (max-width: 40rem) {
  main { padding: 0.75rem; }
  h1 { font-size: 1.4rem; }
  .facts { grid-template-columns: 1fr; gap: 0; }
  .facts dd { margin-bottom: 0.4rem; }
  /* The service table becomes one card per service: nothing is hidden off-screen. */
  .services thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .services, .services tbody, .services tr, .services td { display: block; width: 100%; }
  .services tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 0.75rem; padding: 0.25rem 0; }
  .services td { border: none; padding: 0.15rem 0.75rem; }
  .services td::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  .services td:first-child::before { content: none; }
  .services td:first-child { font-size: 1.05rem; font-weight: 600; }
}
@media print {
  :root { font-size: 11pt; }
  .site-header nav, .anchor, .site-footer { display: none; }
  .site-header { background: none; border: none; padding: 0; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  .content a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: var(--muted); }
  pre, code { white-space: pre-wrap; overflow-wrap: anywhere; }
  pre { overflow: visible; }
  .table-scroll, .diagram, .content table { overflow: visible; }
  .dependency-diagram { max-width: 100%; height: auto; }
  h1, h2, h3 { break-after: avoid; }
  pre, tr, .card, .critical-path { break-inside: avoid; }
  .tier { color: var(--text); border: 1px solid currentColor; background: none; }
}
`;

export { SITE_CSS };
