// Small helpers over unist trees (mdast and hast share the shape `{ type, children? }`).

export interface TreeNode {
  type: string;
  children?: TreeNode[];
}

/**
 * Rewrites a tree in place, bottom-up: a node's children are rewritten before the node itself
 * is offered to `rewrite`, so a replacement never needs a second pass (unwrapping a link keeps
 * its already-cleaned children; a heading turned into a paragraph keeps its cleaned content).
 * `rewrite` returns the nodes that take the node's place (none, itself, or others).
 */
export function rewriteTree<T extends TreeNode>(tree: T, rewrite: (node: T, parent: T) => T[]): void {
  const children = tree.children as T[] | undefined;
  if (!children) return;
  tree.children = children.flatMap((child) => {
    rewriteTree(child, rewrite);
    return rewrite(child, tree);
  });
}

/** Every node of the tree, depth first, the root included. */
export function* walk<T extends TreeNode>(tree: T): Generator<T> {
  yield tree;
  for (const child of (tree.children ?? []) as T[]) yield* walk(child);
}
