import GithubSlugger from 'github-slugger';
import type { Heading, Root, RootContent } from 'mdast';
import { ContentError } from './errors.js';
import { optionalString, readFrontMatter, requiredIsoDate, requiredString } from './front-matter.js';
import { markdownToPlainText, mdastToPlainText, parseMarkdown } from './markdown.js';
import { createSectionRenderer, type MdastToHtml } from './section-html.js';
import type { Article, ParseArticleOptions, Section } from './types.js';

export const INTRO_SLUG = 'intro';

const ARTICLE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ArticleMeta {
  slug: string;
  title: string;
  summary: string;
  published: string;
}

/** Checks the front matter fields an article needs, naming the file and field when one is wrong. */
export function readArticleMeta(data: Record<string, unknown>, file: string): ArticleMeta {
  const slug = requiredString(data, 'slug', file);
  if (!ARTICLE_SLUG.test(slug)) {
    throw new ContentError(file, `front matter field "slug" must be lowercase words joined by hyphens, got "${slug}"`, 'slug');
  }
  return {
    slug,
    title: requiredString(data, 'title', file),
    summary: optionalString(data, 'summary', file),
    published: requiredIsoDate(data, 'published', file),
  };
}

interface SectionBlocks {
  heading?: Heading;
  body: RootContent[];
}

function isSectionHeading(node: RootContent): node is Heading {
  return node.type === 'heading' && node.depth === 2;
}

/**
 * The `# title` opening the article belongs to the page, not to the intro section. It must
 * read as the front matter title: the two are the same words, and only one of them is shown.
 */
function withoutTitleHeading(blocks: RootContent[], title: string, file: string): RootContent[] {
  const [first, ...rest] = blocks;
  if (first?.type !== 'heading' || first.depth !== 1) return blocks;
  const heading = mdastToPlainText(first).trim();
  if (heading !== title) {
    throw new ContentError(file, `the "#" heading "${heading}" differs from the front matter title "${title}"`, 'title');
  }
  return rest;
}

/** Intro (the blocks before the first `##`), then one group per `##` heading. */
function groupBySectionHeading(blocks: RootContent[]): SectionBlocks[] {
  const groups: SectionBlocks[] = [{ body: [] }];
  for (const block of blocks) {
    if (isSectionHeading(block)) groups.push({ heading: block, body: [] });
    else groups[groups.length - 1].body.push(block);
  }
  // An article that opens directly with a `##` has no intro: an empty section would only
  // invite a discussion about nothing.
  return groups[0].body.length === 0 ? groups.slice(1) : groups;
}

/** The Markdown of the blocks exactly as written, so an edit shows up as a diff of the source. */
function sourceOf(blocks: RootContent[], markdown: string): string {
  const start = blocks[0]?.position?.start.offset;
  const end = blocks[blocks.length - 1]?.position?.end.offset;
  return start === undefined || end === undefined ? '' : markdown.slice(start, end);
}

function toSection(
  group: SectionBlocks,
  position: number,
  context: { markdown: string; slugger: GithubSlugger; render: MdastToHtml; file: string },
): Section {
  const title = group.heading ? mdastToPlainText(group.heading).trim() : '';
  if (group.heading && title === '') {
    throw new ContentError(context.file, `the "##" heading on line ${group.heading.position?.start.line} has no text`);
  }
  const root: Root = { type: 'root', children: group.body };
  return {
    slug: group.heading ? context.slugger.slug(title) : INTRO_SLUG,
    title,
    position,
    markdown: sourceOf(group.body, context.markdown),
    html: context.render(root),
  };
}

/**
 * Parses an article file: front matter, then one section per `##` heading after an untitled
 * intro. Pure and deterministic: the same source always gives the same article, which is
 * what makes the import idempotent.
 */
export function parseArticle(source: string, opts: ParseArticleOptions = {}): Article {
  const file = opts.file ?? '<article>';
  const { data, content } = readFrontMatter(source, file);
  const meta = readArticleMeta(data, file);

  const slugger = new GithubSlugger();
  // Reserved first, so a heading that reads "Intro" becomes `intro-1` and never takes the
  // intro's identity (and its discussion).
  slugger.slug(INTRO_SLUG);
  const render = createSectionRenderer(new Set([...(opts.knownArticleSlugs ?? []), meta.slug]));

  const blocks = withoutTitleHeading(parseMarkdown(content).children, meta.title, file);
  const sections = groupBySectionHeading(blocks).map((group, position) =>
    toSection(group, position, { markdown: content, slugger, render, file }),
  );
  return { ...meta, sections };
}

/** The words of a section without markup, one line per block (e.g. context for moderation). */
export function sectionPlainText(section: Pick<Section, 'markdown'>): string {
  return markdownToPlainText(section.markdown);
}
