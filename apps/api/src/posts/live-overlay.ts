import { Kind, type DocumentNode, type ExecutionResult, type SelectionSetNode, getOperationAST } from 'graphql';
import type { Caller } from '../authors/caller';
import { SAME_FOR_EVERY_READER, type PostRecord } from './post.model';

/*
 * A reader with an author key, subscribed to a thread, gets what everyone gets except `mine` on
 * their own posts (the thread never carries a held post: live.resolver.ts maps every event through
 * the PUBLIC viewer). So they can share the thread's one execution (graphql/live-share.ts) and
 * only the author of the event's post gets a copy with `mine` set: no execution, no statement per
 * reader (ADR 020, "Speed"; the same idea as the reader overlay over HTTP, ADR 024). A document
 * that asks anything else that depends on the reader (`reactedByMe`, `replies`, `parent { mine }`,
 * `reviewState`, `section`…), or uses fragments or directives, is not planned: that reader keeps
 * an execution of their own, as before.
 */

/** Fields of a post whose value is the same whoever asks. */
const SAME_POST = new Set<string>(['__typename', ...SAME_FOR_EVERY_READER]);
const SAME_ACTIVITY = new Set(['__typename', 'kind', 'postId', 'sectionId']);
const SAME_REACTION = new Set(['__typename', 'kind', 'count']);

/** Where `mine` sits in the answer, and where the parent is (whose sight may differ for its author). */
interface ThreadPlan {
  root: string;
  post: string;
  mine: string[];
  /** The response key of `parent` when asked (only with fields in SAME_POST). */
  parent: string | null;
}

type Fields = { name: string; key: string; selections: SelectionSetNode | undefined }[];

/** The set's fields, or null when it holds a fragment, a directive or a field not in `allowed`. */
function plainFields(set: SelectionSetNode | undefined, allowed: (name: string) => boolean): Fields | null {
  if (!set) return null;
  const fields: Fields = [];
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    const name = selection.name.value;
    if (!allowed(name)) return null;
    fields.push({ name, key: selection.alias?.value ?? name, selections: selection.selectionSet });
  }
  return fields;
}

function planThread(document: DocumentNode, operationName: string | undefined): ThreadPlan | null {
  const operation = getOperationAST(document, operationName);
  const roots = plainFields(operation?.selectionSet, (name) => name === 'threadActivity');
  if (!roots || roots.length !== 1) return null;
  const activity = plainFields(roots[0].selections, (name) => SAME_ACTIVITY.has(name) || name === 'post');
  if (!activity) return null;
  const posts = activity.filter((f) => f.name === 'post');
  if (posts.length > 1) return null;
  const plan: ThreadPlan = { root: roots[0].key, post: posts[0]?.key ?? '', mine: [], parent: null };
  if (!posts.length) return plan;
  const post = plainFields(posts[0].selections, (name) => SAME_POST.has(name) || ['mine', 'reactions', 'parent'].includes(name));
  if (!post) return null;
  for (const field of post) {
    if (field.name === 'mine') plan.mine.push(field.key);
    if (field.name === 'reactions' && !plainFields(field.selections, (name) => SAME_REACTION.has(name))) return null;
    if (field.name === 'parent') {
      if (plan.parent !== null || !plainFields(field.selections, (name) => SAME_POST.has(name))) return null;
      plan.parent = field.key;
    }
  }
  return plan;
}

type Activity = { post?: PostRecord | null } | null | undefined;
type Json = Record<string, unknown>;

/**
 * For a reader with a key: how their answer to a thread event differs from everyone's, or null
 * when the document cannot be answered that way (they keep an execution of their own).
 * `alone` executes the event for them only: for a reply whose parent everyone is not shown (their
 * own held post may be it), which the shared answer cannot tell.
 */
export function threadOverlay(
  document: DocumentNode,
  operationName: string | undefined,
  caller: Caller,
  alone: (source: unknown) => Promise<ExecutionResult>,
): ((source: unknown, shared: ExecutionResult) => ExecutionResult | Promise<ExecutionResult> | null) | null {
  if (!caller.keyHash) return null;
  const plan = planThread(document, operationName);
  if (!plan) return null;
  return (source, shared) => {
    const post = (source as Activity)?.post;
    if (!post || !plan.post) return null;
    const answered = (shared.data?.[plan.root] as Json | null | undefined)?.[plan.post] as Json | null | undefined;
    if (!answered) return null;
    if (plan.parent !== null && post.parentId !== null && answered[plan.parent] === null) return alone(source);
    if (!plan.mine.length || !caller.owns(post)) return null;
    const own: Json = { ...answered };
    for (const key of plan.mine) own[key] = true;
    return { ...shared, data: { ...shared.data, [plan.root]: { ...(shared.data![plan.root] as Json), [plan.post]: own } } };
  };
}
