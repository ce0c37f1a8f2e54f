import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// One frozen parser for the whole package: building a processor costs more than using one.
const parser = unified().use(remarkParse).freeze();

export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}

// Containers whose children are blocks: their text is joined line by line, so that words of
// two paragraphs or list items never run together ("…running out.But loss…").
const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem']);

/**
 * The words of a Markdown tree without its markup: one line per block, a hard break as a
 * line break, an image as its alt text, raw HTML dropped.
 */
export function mdastToPlainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'html':
    case 'definition':
    case 'yaml':
    case 'thematicBreak':
      return '';
  }
  if (!('children' in node)) return '';
  const parts = (node.children as Nodes[]).map(mdastToPlainText);
  return BLOCK_CONTAINERS.has(node.type) ? parts.filter((part) => part !== '').join('\n') : parts.join('');
}

/** Plain text of a Markdown document (see `mdastToPlainText`). */
export function markdownToPlainText(markdown: string): string {
  return mdastToPlainText(parseMarkdown(markdown)).trim();
}
