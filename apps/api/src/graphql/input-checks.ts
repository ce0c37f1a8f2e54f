import { BREAK, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';

/**
 * Deeper than any request Steady's own clients send ({ input: { … } } is two levels), shallow
 * enough that nothing recursive (JSON.stringify, logging, coercion) can run out of stack on it.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * Text PostgreSQL cannot store, or that JavaScript cannot turn into UTF-8 faithfully: the NUL
 * character (PostgreSQL refuses it in text) and UTF-16 surrogates without their pair (they
 * would be stored silently as U+FFFD, a different text than the person sent).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNREADABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isUnreadable = (text: string) => UNREADABLE.test(text);

export type Finding = { problem: 'too-deep' } | { problem: 'unreadable'; field: string };

/**
 * Walks parsed JSON without recursion (a 5,000-deep value must not exhaust the stack here):
 * the first string or key that cannot be stored (with the name of the field that holds it),
 * or nesting past `maxDepth`.
 */
export function inspectJson(value: unknown, field = 'input', maxDepth = MAX_INPUT_DEPTH): Finding | null {
  const stack: Array<[unknown, string, number]> = [[value, field, 0]];
  while (stack.length) {
    const [item, name, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (isUnreadable(item)) return { problem: 'unreadable', field: name };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= maxDepth) return { problem: 'too-deep' };
    if (Array.isArray(item)) {
      for (const element of item) stack.push([element, name, depth + 1]);
      continue;
    }
    for (const [key, element] of Object.entries(item)) {
      if (isUnreadable(key)) return { problem: 'unreadable', field: name };
      stack.push([element, key, depth + 1]);
    }
  }
  return null;
}

/**
 * Apollo keeps one parsed document per query text and hands the same object to every request
 * that sends it, so a document is walked once, not on every request (issue 15: the walk was ~1%
 * of a post's CPU).
 */
const literalFindings = new WeakMap<DocumentNode, Finding | null>();

/** The same check for string literals written into the document, named by their argument or input field. */
export function inspectLiterals(document: DocumentNode): Finding | null {
  let found = literalFindings.get(document);
  if (found === undefined) {
    found = walkLiterals(document);
    literalFindings.set(document, found);
  }
  return found;
}

function walkLiterals(document: DocumentNode): Finding | null {
  let found: Finding | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (!isUnreadable(node.value)) return undefined;
      // `ancestors` stops before the immediate parent (the Argument or ObjectField itself).
      const owner = [...ancestors, parent].reverse().find((a): a is ASTNode => !Array.isArray(a) && isNamedInput(a as ASTNode));
      found = { problem: 'unreadable', field: owner && 'name' in owner && owner.name ? owner.name.value : 'input' };
      return BREAK;
    },
  });
  return found;
}

function isNamedInput(node: ASTNode): boolean {
  return node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD;
}
