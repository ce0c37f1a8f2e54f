// Guards that keep hostile nesting in a post (well within the 5,000 characters a post may
// have) from costing seconds of parsing or overflowing the stack: a post must never become a
// server error or stall the event loop for everyone else.
import type { Root as MdastRoot, RootContent as MdastContent } from 'mdast';

/**
 * Deeper than this, a post's structure is flattened to its text. Nobody writes a quote in a
 * quote twenty levels deep, but 5,000 ">" would otherwise overflow the stack of the
 * recursive mdast → hast conversion and turn a post into a server error.
 */
const MAX_NESTING = 24;

type MdastNode = MdastRoot | MdastContent;

/** The text values under a node, collected without recursion (the tree may be very deep). */
function flatText(node: MdastNode): string {
  const values: string[] = [];
  const stack: MdastNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if ('value' in current && typeof current.value === 'string') values.push(current.value);
    if ('children' in current) stack.push(...[...current.children].reverse());
  }
  return values.join(' ').replace(/\s+/g, ' ').trim();
}

/** Replaces what lies below `node` by its text, keeping the node a valid child of its parent. */
function flatten(node: MdastNode): void {
  const text = { type: 'text', value: flatText(node) } as const;
  if (node.type === 'blockquote' || node.type === 'list') {
    for (const key of Object.keys(node)) if (key !== 'position') delete (node as unknown as Record<string, unknown>)[key];
    Object.assign(node, { type: 'paragraph', children: [text] });
  } else if (node.type === 'listItem' || node.type === 'root') {
    node.children = [{ type: 'paragraph', children: [text] }];
  } else if ('children' in node) {
    (node as { children: unknown[] }).children = [text];
  }
}

export function remarkLimitNesting() {
  return (tree: MdastRoot) => {
    const stack: Array<[MdastNode, number]> = [[tree, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (!('children' in node)) continue;
      if (depth >= MAX_NESTING) flatten(node);
      else for (const child of node.children) stack.push([child, depth + 1]);
    }
  };
}

/**
 * Quote and list markers opening one line (`> > - 1. `). Past a few, micromark's container
 * bookkeeping grows with the square of the depth (2,500 nested "- " take a second), so
 * markers beyond MAX_LINE_MARKERS are escaped into plain text before parsing.
 */
const CONTAINER_MARKER = /^[ \t]{0,3}(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*/;
const MAX_LINE_MARKERS = 10;

function escapeDeepMarkers(line: string): string {
  let rest = line;
  let prefix = '';
  for (let count = 0; count < MAX_LINE_MARKERS; count += 1) {
    const marker = CONTAINER_MARKER.exec(rest)?.[0];
    if (marker === undefined || marker === '') return line;
    prefix += marker;
    rest = rest.slice(marker.length);
  }
  return CONTAINER_MARKER.test(rest) ? `${prefix}${rest.replace(/^([ \t]*)(\d*)/, '$1$2\\')}` : line;
}

export function limitLineNesting(markdown: string): string {
  return markdown.split('\n').map(escapeDeepMarkers).join('\n');
}
