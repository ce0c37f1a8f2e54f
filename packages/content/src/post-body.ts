import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { PhrasingContent, Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { limitLineNesting, remarkLimitNesting } from './post-limits.js';
import { rewriteTree } from './tree.js';

// Posts are light Markdown: the few structures a person uses to write a kind reply, nothing
// that could change the page around it (no headings, images, raw HTML, attributes or scripts).

const POST_LINK_REL = ['nofollow', 'ugc', 'noopener'];
const ALLOWED_URL = /^(?:https?|mailto):/i;

const postSchema: SanitizeSchema = {
  tagNames: ['p', 'br', 'em', 'strong', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'a'],
  attributes: { a: ['href'], ol: ['start'] },
  protocols: { href: ['http', 'https', 'mailto'] },
  ancestors: { li: ['ol', 'ul'] },
  strip: ['script', 'style'],
  allowComments: false,
  allowDoctypes: false,
};

/** Text with `\n` → text and hard breaks: in a post, Enter starts a new line, as people expect. */
function splitLines(value: string): PhrasingContent[] {
  return value.split('\n').flatMap((line, index): PhrasingContent[] => {
    const text: PhrasingContent[] = line === '' ? [] : [{ type: 'text', value: line }];
    return index === 0 ? text : [{ type: 'break' }, ...text];
  });
}

// Where raw HTML stands as a block, its text needs a paragraph around it.
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem']);

/** Raw HTML is shown as the text the person typed (escaped on output), never interpreted. */
function remarkPostText() {
  return (tree: MdastRoot) => {
    rewriteTree(tree as unknown as MdastContent, (node, parent): MdastContent[] => {
      if (node.type === 'html') {
        const lines = splitLines(node.value);
        return BLOCK_PARENTS.has(parent.type) ? [{ type: 'paragraph', children: lines }] : lines;
      }
      if (node.type === 'text' && node.value.includes('\n')) return splitLines(node.value);
      return [node];
    });
  };
}

const HEADING = /^h[1-6]$/;

function element(tagName: string, children: ElementContent[]): Element {
  return { type: 'element', tagName, properties: {}, children };
}

/** Before sanitizing: a heading becomes a bold paragraph, an image its alt text. */
function rehypeFlattenPost() {
  return (tree: HastRoot) => {
    rewriteTree(tree as unknown as ElementContent, (node): ElementContent[] => {
      if (node.type !== 'element') return [node];
      if (HEADING.test(node.tagName)) return [element('p', [element('strong', node.children)])];
      if (node.tagName === 'img') {
        const alt = String(node.properties.alt ?? '');
        return alt === '' ? [] : [{ type: 'text', value: alt }];
      }
      return [node];
    });
  };
}

/**
 * After sanitizing: a link keeps its href only when absolute http(s) or mailto (relative and
 * stripped URLs become plain text), and always carries rel="nofollow ugc noopener".
 */
function rehypePostLinks() {
  return (tree: HastRoot) => {
    rewriteTree(tree as unknown as ElementContent, (node) => {
      if (node.type !== 'element' || node.tagName !== 'a') return [node];
      const href = node.properties.href;
      if (typeof href !== 'string' || !ALLOWED_URL.test(href)) return node.children;
      return [{ ...node, properties: { href, rel: [...POST_LINK_REL] } }];
    });
  };
}

// Built once: this runs on every post write and every edit.
const postProcessor = unified()
  .use(remarkParse)
  .use(remarkLimitNesting)
  .use(remarkPostText)
  .use(remarkRehype)
  .use(rehypeFlattenPost)
  .use(rehypeSanitize, postSchema)
  .use(rehypePostLinks)
  .use(rehypeStringify)
  .freeze();

/**
 * A line no Markdown construct can touch: it opens with a letter, a quote or a parenthesis (no
 * block marker: `#`, `>`, `-`, `+`, `*`, a digit, an indent), holds only letters, digits, spaces
 * and punctuation that means nothing to CommonMark inline (no `*_\`[]<>&\\~#`), and does not end
 * in a space (two spaces before a newline are a hard break). Tabs and `\r` are not in the set.
 */
const PLAIN_START = String.raw`\p{L}"'(\u2018\u201c`;
const PLAIN_INNER = String.raw`\p{L}\p{N}\p{M}.,;:!?'"()/@%$^{}|+=\-\u2018\u2019\u201c\u201d\u2013\u2014\u2026`;
const PLAIN_LINE = new RegExp(`^[${PLAIN_START}](?:[ ${PLAIN_INNER}]*[${PLAIN_INNER}])?$`, 'u');

/**
 * Most posts are a few lines of plain sentences. For those the full pipeline's answer is known
 * without parsing (paragraphs between blank lines, `<br>` between lines, nothing to escape):
 * the same string, at a fraction of the CPU of a write (issue 15). Null: render it fully.
 * `post-body.spec.ts` checks it against the pipeline on generated text.
 */
export function plainPostHtml(markdown: string): string | null {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line === '') {
      if (lines.length > 0) paragraphs.push(`<p>${lines.join('<br>\n')}</p>`);
      lines = [];
    } else if (PLAIN_LINE.test(line)) {
      lines.push(line);
    } else {
      return null;
    }
  }
  if (lines.length > 0) paragraphs.push(`<p>${lines.join('<br>\n')}</p>`);
  return paragraphs.length > 0 ? paragraphs.join('\n') : null;
}

/** Renders a post's light Markdown to sanitized HTML, safe to insert into a page as is. */
export function renderPostBody(markdown: string): string {
  return plainPostHtml(markdown) ?? renderMarkdown(markdown);
}

/** The full pipeline, whatever the text: what `renderPostBody` answers when the text is not plain. */
export function renderMarkdown(markdown: string): string {
  return String(postProcessor.processSync(limitLineNesting(markdown)));
}
