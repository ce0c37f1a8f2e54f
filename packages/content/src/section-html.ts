import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { rewriteTree } from './tree.js';

const ARTICLE_LINK = /^\/articles\/([^/?#]+)/;

/** The GitHub schema, plus the marker for links to articles that are not written yet. */
const articleSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'small'],
  attributes: {
    ...defaultSchema.attributes,
    span: [...(defaultSchema.attributes?.span ?? []), ['className', 'coming-soon']],
  },
};

/**
 * `<span class="coming-soon">What to Do First <small>(coming soon)</small></span>`:
 * the reader sees where the path will lead, and never meets a broken link.
 */
function comingSoon(link: Element): Element {
  const marker: Element = {
    type: 'element',
    tagName: 'small',
    properties: {},
    children: [{ type: 'text', value: '(coming soon)' }],
  };
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['coming-soon'] },
    children: [...link.children, { type: 'text', value: ' ' }, marker],
  };
}

function rehypeComingSoon(knownArticleSlugs: ReadonlySet<string>) {
  return (tree: HastRoot) => {
    rewriteTree(tree as unknown as ElementContent, (node) => {
      if (node.type !== 'element' || node.tagName !== 'a') return [node];
      const slug = ARTICLE_LINK.exec(String(node.properties.href ?? ''))?.[1];
      return slug !== undefined && !knownArticleSlugs.has(slug) ? [comingSoon(node)] : [node];
    });
  };
}

export type MdastToHtml = (tree: MdastRoot) => string;

/** Renders article Markdown trees to sanitized HTML, knowing which articles exist. */
export function createSectionRenderer(knownArticleSlugs: ReadonlySet<string>): MdastToHtml {
  const processor = unified()
    .use(remarkRehype)
    .use(rehypeComingSoon, knownArticleSlugs)
    .use(rehypeSanitize, articleSchema)
    .use(rehypeStringify)
    .freeze();
  return (tree) => processor.stringify(processor.runSync(tree));
}
