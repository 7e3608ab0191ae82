/** One file of the built site; the CLI writes it below the output folder. */
interface SiteFile {
  /** Path relative to the site root, `/`-separated: `index.html`, `services/orders-db.html`. */
  path: string;
  content: string;
}

/** Facts from outside the runbook that the site shows. */
interface BuildSiteOptions {
  /** When each service's file last changed (e.g. from git), keyed by service id. */
  lastChanged?: Record<string, Date>;
  /** Also write `dependencies.mmd`, the dependency diagram as a Mermaid flowchart. */
  mermaid?: boolean;
}

/** A heading of rendered Markdown, with the id it got on the page. */
interface RenderedHeading {
  level: number;
  /** Plain text of the heading. */
  text: string;
  /** The github-slugger slug, used as the element id. */
  slug: string;
}

/** Markdown rendered to HTML, with its headings in document order. */
interface RenderedMarkdown {
  html: string;
  headings: RenderedHeading[];
}

export type { BuildSiteOptions, RenderedHeading, RenderedMarkdown, SiteFile };
