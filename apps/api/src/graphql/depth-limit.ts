// How deep a query may go. Every field below another counts one level, at most `maxDepth`,
// except a thread's replies: `replies { edges { node { … } } }` is one more level of the same
// conversation, not a step elsewhere, so it counts as none and is capped on its own at
// `maxReplyLevels` (the web app's thread page asks for five at once, ADR 015). A path that leaves
// the thread (`parent`, `section`, `article`…) counts as usual, so a cycle such as
// `sections { article { sections …` is still stopped at `maxDepth`.
import { GraphQLError, Kind, type FieldNode, type SelectionSetNode, type ValidationContext, type ASTVisitor } from 'graphql';

export interface DepthLimits {
  maxDepth: number;
  maxReplyLevels: number;
}

/** `replies`, then its `edges`, then their `node`: the fields that open one more level of replies. */
const REPLY_STEP: Record<string, string | undefined> = { replies: 'edges', edges: 'node' };

export function depthLimit({ maxDepth, maxReplyLevels }: DepthLimits) {
  return (context: ValidationContext): ASTVisitor => {
    let reported = false;
    const report = (message: string, node: FieldNode) => {
      if (reported) return;
      reported = true;
      context.reportError(new GraphQLError(message, { nodes: [node] }));
    };

    /**
     * `expect`: the field name that continues a reply step here (`edges` under `replies`, `node`
     * under those edges), if any. `fragments`: spreads on this path, so a cycle ends the walk.
     */
    const walk = (set: SelectionSetNode, depth: number, replyLevels: number, expect: string | undefined, fragments: Set<string>) => {
      for (const selection of set.selections) {
        if (reported) return;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.selectionSet, depth, replyLevels, expect, fragments);
          continue;
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          if (fragment && !fragments.has(name)) walk(fragment.selectionSet, depth, replyLevels, expect, new Set(fragments).add(name));
          continue;
        }
        const name = selection.name.value;
        if (name.startsWith('__')) continue; // introspection has its own shape
        let fieldDepth = depth + 1;
        let levels = replyLevels;
        let next: string | undefined;
        if (name === 'replies') {
          levels += 1;
          if (levels > maxReplyLevels) return report(`Reply depth limit of ${maxReplyLevels} exceeded.`, selection);
          fieldDepth = depth;
          next = REPLY_STEP.replies;
        } else if (expect === name) {
          fieldDepth = depth;
          next = REPLY_STEP[name];
        }
        if (fieldDepth > maxDepth) return report(`Query depth limit of ${maxDepth} exceeded.`, selection);
        if (selection.selectionSet) walk(selection.selectionSet, fieldDepth, levels, next, fragments);
      }
    };

    return {
      OperationDefinition(operation) {
        walk(operation.selectionSet, 0, 0, undefined, new Set());
      },
    };
  };
}
