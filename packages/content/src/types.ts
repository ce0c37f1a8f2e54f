/** One part of an article: the untitled intro, then one per `##` heading. */
export interface Section {
  /** Stable identity across edits of the article (derived from the heading; the intro is `intro`). */
  slug: string;
  /** The heading text; `''` for the intro. */
  title: string;
  /** Order within the article, from 0. */
  position: number;
  /** The section's Markdown source, without its heading. */
  markdown: string;
  /** Sanitized HTML of the section, without its heading. */
  html: string;
}

export interface Article {
  slug: string;
  title: string;
  summary: string;
  /** ISO 8601 calendar date, `YYYY-MM-DD`. */
  published: string;
  sections: Section[];
}

export interface ParseArticleOptions {
  /**
   * Slugs of the articles that exist. A link to `/articles/<slug>` outside this set is
   * rendered as text marked "coming soon". The article's own slug always counts as known.
   */
  knownArticleSlugs?: ReadonlySet<string>;
  /** Name of the source file, used in error messages. */
  file?: string;
}

/** A service to reach in a crisis, as listed in `content/resources.md`. */
export interface SafetyResource {
  name: string;
  /** How to reach it, as a person would read it ("Call or text 988, or chat at 988lifeline.org"). */
  contact: string;
  region: string;
  description: string;
}

export interface ResourceList {
  /** From the front matter; `''` when absent. */
  title: string;
  /** Sanitized HTML of the text before the first region. */
  introHtml: string;
  /** In file order, grouped by region. */
  resources: SafetyResource[];
}
