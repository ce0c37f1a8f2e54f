import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  OperationTypeNode,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isObjectType,
  parse,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { AuthorCrypto } from '../authors/author-crypto';
import { authorReviewState } from '../moderation/moderation.service';
import { Caller } from '../authors/caller';
import { decodeCursor, encodeCursor, pageSize } from '../common/pagination';
import type { AnswerOverlay, CachedAnswer, ReadRequest } from '../graphql/response-cache';
import { ReviewState } from '../moderation/moderation.models';
import { PostStatus } from './post.entity';
import { REACTION_KINDS, SAME_FOR_EVERY_READER, type PostRecord } from './post.model';
import type { PostsRepository, ReaderOverlayRows } from './posts.repository';
import { Sight, sightOf, type Viewer } from './visibility';

/*
 * A reader with an author key sees a thread as everyone does, with four differences: `mine` on
 * their posts, `reactedByMe` on their reactions, `reviewState` on their posts a moderator read,
 * and their own held posts (PENDING, REJECTED:
 * the one rule, posts/visibility.ts) merged in where they belong. So their answer is the cached
 * anonymous answer with those laid over it, read in ONE statement (SQL.readerOverlay) and never
 * cached. A read that depends on the reader in any other way, or a field this file does not
 * know, is not planned: it is executed for the reader as before. See docs/decisions/024-….
 */

/** Fields whose value is the same whoever asks (or that the overlay sets: `mine`, `reactedByMe`; `posts`, `replies` merge held posts). */
const KNOWN: Record<string, ReadonlySet<string>> = {
  Query: new Set(['section', 'article', 'articles']),
  Article: new Set(['id', 'published', 'section', 'sections', 'slug', 'summary', 'title']),
  Section: new Set(['article', 'html', 'id', 'position', 'postCount', 'posts', 'slug', 'title']),
  PostConnection: new Set(['edges', 'pageInfo', 'totalCount']),
  PostEdge: new Set(['cursor', 'node']),
  PageInfo: new Set(['endCursor', 'hasNextPage']),
  Post: new Set([...SAME_FOR_EVERY_READER, 'mine', 'reactions', 'replies', 'reviewState', 'section']),
  ReactionCount: new Set(['count', 'kind', 'reactedByMe']),
};

/** Most held posts of one reader in the threads of one answer that the overlay merges; beyond, the read is executed for them. */
const MAX_HELD = 100;

interface FieldPlan {
  key: string;
  name: string;
  node: FieldNode;
  def: GraphQLField<unknown, unknown> | null;
  child: ObjectPlan | null;
}

interface ObjectPlan {
  type: string;
  fields: FieldPlan[];
  /** The response key of `id`, when selected. */
  idKey: string | null;
}

interface Plan {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  root: ObjectPlan;
}

/** A post the anonymous answer shows, and the object that stands for it there. */
interface Shown {
  id: string;
  sectionId: string;
  obj: Record<string, unknown>;
  plan: ObjectPlan;
}

/** A list of posts the anonymous answer shows (a thread page, or a post's replies). */
interface Listing {
  sectionId: string;
  parentId: string | null;
  after: bigint;
  /** The last id the page covers; null: the list ends on this page. */
  upTo: bigint | null;
  obj: Record<string, unknown>;
  plan: ObjectPlan;
}

interface Scan {
  data: Record<string, unknown>;
  shown: Shown[];
  listings: Listing[];
  sections: string[];
}

class NotPlanned extends Error {}

/** Built by the app once the schema exists (app.factory.ts), and handed to the answer cache. */
export class ReaderOverlay implements AnswerOverlay<Plan> {
  private readonly plans = new LRUCache<string, Plan | false>({ max: 500 });
  private readonly scans = new WeakMap<CachedAnswer, Scan | false>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly crypto: AuthorCrypto,
    private readonly posts: PostsRepository,
  ) {}

  plan(read: ReadRequest): Plan | null {
    const key = `${read.operationName ?? ''}\n${read.query}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      try {
        plan = planOf(this.schema, parse(read.query, { noLocation: true, maxTokens: 2000 }), read.operationName);
      } catch {
        plan = false;
      }
      this.plans.set(key, plan);
    }
    return plan || null;
  }

  async apply(plan: Plan, read: ReadRequest, answer: CachedAnswer, authorKey: string): Promise<string | null> {
    if (!AuthorCrypto.isWellFormed(authorKey)) return null;
    let scan = this.scans.get(answer);
    if (scan === undefined) {
      try {
        scan = scanOf(plan, read, answer.body);
      } catch {
        scan = false;
      }
      this.scans.set(answer, scan);
    }
    if (!scan) return null;
    if (scan.sections.length === 0) return answer.body; // no post in it: the same for everyone

    const caller = new Caller(this.crypto, authorKey, '');
    const viewer: Viewer = { tokenFor: (sectionId) => caller.tokenFor(sectionId), moderator: false };
    const overlay = await this.posts.readerOverlay(
      scan.shown.map((s) => s.id),
      scan.sections.map((id) => caller.tokenFor(id)!),
      MAX_HELD,
    );
    if (!overlay) return null;
    // The one rule decides again, in this process: only the reader's own held posts are merged.
    const held = overlay.held.filter((p) => p.status !== PostStatus.PUBLISHED && sightOf(viewer, p) === Sight.FULL && caller.owns(p));
    if (overlay.reactions.size === 0 && overlay.mine.size === 0 && held.length === 0) return answer.body;
    return patched(plan, scan, overlay, held, read, answer.body);
  }
}

/* ---------- planning: which reads the overlay can answer, and where their posts are ---------- */

function planOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Plan | false {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : null;
  if (!operation || operation.operation !== OperationTypeNode.QUERY || operation.directives?.length) return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  try {
    return { schema, operation, root: objectPlan(schema, 'Query', [operation.selectionSet], fragments, true) };
  } catch (e) {
    if (e instanceof NotPlanned) return false;
    throw e;
  }
}

function objectPlan(
  schema: GraphQLSchema,
  type: string,
  sets: readonly SelectionSetNode[],
  fragments: Map<string, FragmentDefinitionNode>,
  sectionIdKnown: boolean,
): ObjectPlan {
  const known = KNOWN[type];
  const objectType = schema.getType(type);
  if (!known || !isObjectType(objectType)) throw new NotPlanned();
  const byKey = new Map<string, FieldNode[]>();
  for (const set of sets) collect(set, type, fragments, byKey, new Set());
  const fields: FieldPlan[] = [];
  let idKey: string | null = null;
  for (const [key, nodes] of byKey) {
    const name = nodes[0].name.value;
    if (nodes.some((n) => n.name.value !== name)) throw new NotPlanned();
    if (name === '__typename') {
      fields.push({ key, name, node: nodes[0], def: null, child: null });
      continue;
    }
    if (!known.has(name)) throw new NotPlanned();
    const def = objectType.getFields()[name];
    const named = getNamedType(def.type);
    let child: ObjectPlan | null = null;
    if (isObjectType(named)) {
      const childSets = nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s);
      // A Section's posts need the section's id: from `section(id:)`, from its own `id`, or the post's own section.
      const knownId = (type === 'Query' && name === 'section') || (type === 'Post' && name === 'section');
      child = objectPlan(schema, named.name, childSets, fragments, knownId);
    }
    if (name === 'id') idKey = key;
    fields.push({ key, name, node: nodes[0], def, child });
  }
  if (type === 'Post' && idKey === null) throw new NotPlanned(); // posts are found by id
  if (type === 'Section' && idKey === null && !sectionIdKnown && fields.some((f) => f.name === 'posts')) throw new NotPlanned();
  for (const f of fields) if (f.child?.type === 'PostConnection') checkConnection(f.child);
  return { type, fields, idKey };
}

/** Held posts are merged where they belong: the page's range needs `hasNextPage` and the posts' ids. */
function checkConnection(conn: ObjectPlan) {
  const edges = conn.fields.find((f) => f.name === 'edges');
  if (!edges) return;
  const pageInfo = conn.fields.find((f) => f.name === 'pageInfo');
  if (!pageInfo?.child?.fields.some((f) => f.name === 'hasNextPage')) throw new NotPlanned();
  if (!edges.child!.fields.some((f) => f.name === 'node')) throw new NotPlanned();
}

function collect(
  set: SelectionSetNode,
  type: string,
  fragments: Map<string, FragmentDefinitionNode>,
  byKey: Map<string, FieldNode[]>,
  spread: Set<string>,
) {
  for (const selection of set.selections) {
    if (selection.directives?.length) throw new NotPlanned();
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      byKey.set(key, [...(byKey.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selection.typeCondition && selection.typeCondition.name.value !== type) throw new NotPlanned();
      collect(selection.selectionSet, type, fragments, byKey, spread);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || fragment.typeCondition.name.value !== type || fragment.directives?.length) throw new NotPlanned();
      if (spread.has(fragment.name.value)) continue;
      spread.add(fragment.name.value);
      collect(fragment.selectionSet, type, fragments, byKey, spread);
    }
  }
}

/* ---------- scanning a cached answer: its posts and lists of posts, once per cached answer ---------- */

function scanOf(plan: Plan, read: ReadRequest, body: string): Scan | false {
  const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown };
  if (!parsed.data || parsed.errors) return false;
  const coerced = getVariableValues(plan.schema, plan.operation.variableDefinitions ?? [], read.variables ?? {});
  if (coerced.errors) return false;
  const variables = coerced.coerced;
  const scan: Scan = { data: parsed, shown: [], listings: [], sections: [] };
  const sections = new Set<string>();

  const args = (field: FieldPlan) => getArgumentValues(field.def!, field.node, variables) as Record<string, unknown>;
  const listing = (field: FieldPlan, obj: Record<string, unknown>, sectionId: string, parentId: string | null) => {
    const a = args(field);
    pageSize(a.first as number | null); // the same refusal as the resolver's (an answer with errors is never cached anyway)
    const edgesKey = field.child!.fields.find((f) => f.name === 'edges')?.key;
    if (!edgesKey) return;
    const edges = obj[edgesKey] as Record<string, unknown>[];
    const pageInfo = obj[field.child!.fields.find((f) => f.name === 'pageInfo')!.key] as Record<string, unknown>;
    const hasNext =
      pageInfo[field.child!.fields.find((f) => f.name === 'pageInfo')!.child!.fields.find((f) => f.name === 'hasNextPage')!.key];
    const node = field.child!.fields.find((f) => f.name === 'edges')!.child!.fields.find((f) => f.name === 'node')!;
    const lastNode = edges.at(-1)?.[node.key] as Record<string, unknown> | undefined;
    const upTo = hasNext === true ? (lastNode ? BigInt(lastNode[node.child!.idKey!] as string) : null) : null;
    if (hasNext === true && upTo === null) throw new NotPlanned();
    sections.add(sectionId);
    scan.listings.push({
      sectionId,
      parentId,
      after: BigInt(decodeCursor(a.after as string | null) ?? '0'),
      upTo,
      obj,
      plan: field.child!,
    });
  };

  const walk = (obj: Record<string, unknown>, plan: ObjectPlan, sectionId: string | null) => {
    if (plan.type === 'Section' && plan.idKey) sectionId = obj[plan.idKey] as string;
    let postId: string | null = null;
    if (plan.type === 'Post') {
      if (!sectionId) throw new NotPlanned();
      postId = obj[plan.idKey!] as string;
      scan.shown.push({ id: postId, sectionId, obj, plan });
      sections.add(sectionId);
    }
    for (const field of plan.fields) {
      if (!field.child) continue;
      const value = obj[field.key];
      if (value === null || value === undefined) continue;
      let childSection = sectionId;
      // Section ids are UUIDs: the posts' rows carry them in lower case.
      if (plan.type === 'Query' && field.name === 'section') childSection = String(args(field).id).toLowerCase();
      if (plan.type === 'Section' && field.name === 'posts') {
        if (!sectionId) throw new NotPlanned();
        listing(field, value as Record<string, unknown>, sectionId, null);
      }
      if (plan.type === 'Post' && field.name === 'replies') listing(field, value as Record<string, unknown>, sectionId!, postId);
      if (field.child.type === 'Article' || plan.type === 'Article') childSection = null;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== null && typeof item === 'object') walk(item as Record<string, unknown>, field.child, childSection);
      }
    }
  };
  walk(parsed.data, plan.root, null);
  scan.sections = [...sections];
  return scan;
}

/* ---------- the reader's answer ---------- */

type Undo = () => void;

/**
 * The anonymous answer with the reader's overlay, serialized. The cached objects are changed in
 * place and put back before returning, with no await in between: no other request sees them changed.
 */
function patched(plan: Plan, scan: Scan, overlay: ReaderOverlayRows, held: PostRecord[], read: ReadRequest, body: string): string | null {
  const undo: Undo[] = [];
  const set = (obj: Record<string, unknown>, key: string, value: unknown) => {
    const old = obj[key];
    obj[key] = value;
    undo.push(() => (obj[key] = old));
  };
  try {
    for (const shown of scan.shown) markShown(shown.obj, shown.plan, shown.id, overlay, set);
    if (held.length) {
      const variables = getVariableValues(plan.schema, plan.operation.variableDefinitions ?? [], read.variables ?? {}).coerced!;
      for (const listing of scan.listings) {
        const theirs = held
          .filter((p) =>
            listing.parentId === null ? p.parentId === null && p.sectionId === listing.sectionId : p.parentId === listing.parentId,
          )
          .filter((p) => BigInt(p.id) > listing.after && (listing.upTo === null || BigInt(p.id) <= listing.upTo));
        if (theirs.length) mergeInto(listing, theirs, held, overlay, variables, set);
      }
    }
    const text = JSON.stringify(scan.data);
    return body.endsWith('\n') ? `${text}\n` : text;
  } catch (e) {
    if (e instanceof NotPlanned) return null;
    throw e;
  } finally {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]();
  }
}

type Setter = (obj: Record<string, unknown>, key: string, value: unknown) => void;

function markShown(obj: Record<string, unknown>, plan: ObjectPlan, id: string, overlay: ReaderOverlayRows, set: Setter) {
  for (const field of plan.fields) {
    if (field.name === 'mine' && overlay.mine.has(id)) set(obj, field.key, true);
    // Everyone else reads null (the cached answer's); a post shown to all is published.
    if (field.name === 'reviewState' && overlay.reviewed.has(id)) set(obj, field.key, ReviewState.PUBLISHED);
    if (field.name === 'reactions' && Array.isArray(obj[field.key])) {
      const kindKey = field.child!.fields.find((f) => f.name === 'kind')?.key;
      const mineKey = field.child!.fields.find((f) => f.name === 'reactedByMe')?.key;
      if (!mineKey) continue;
      for (const [i, reaction] of (obj[field.key] as Record<string, unknown>[]).entries()) {
        const kind = String(kindKey ? reaction[kindKey] : REACTION_KINDS[i]);
        if (overlay.reactions.has(`${id}:${kind}`)) set(reaction, mineKey, true);
      }
    }
  }
}

function mergeInto(
  listing: Listing,
  theirs: PostRecord[],
  held: PostRecord[],
  overlay: ReaderOverlayRows,
  variables: Record<string, unknown>,
  set: Setter,
) {
  const edgesField = listing.plan.fields.find((f) => f.name === 'edges')!;
  const nodeField = edgesField.child!.fields.find((f) => f.name === 'node')!;
  const idKey = nodeField.child!.idKey!;
  const edges = [...(listing.obj[edgesField.key] as Record<string, unknown>[])];
  for (const post of theirs) {
    const at = edges.findIndex((e) => BigInt((e[nodeField.key] as Record<string, unknown>)[idKey] as string) > BigInt(post.id));
    const edge = renderEdge(edgesField.child!, post, held, overlay, variables);
    edges.splice(at < 0 ? edges.length : at, 0, edge);
  }
  set(listing.obj, edgesField.key, edges);
  // The list ends here: its end cursor is the last post shown, held or not.
  const pageInfo = listing.plan.fields.find((f) => f.name === 'pageInfo');
  const endKey = pageInfo?.child!.fields.find((f) => f.name === 'endCursor')?.key;
  if (listing.upTo === null && pageInfo && endKey) {
    const last = edges.at(-1)![nodeField.key] as Record<string, unknown>;
    set(listing.obj[pageInfo.key] as Record<string, unknown>, endKey, encodeCursor(last[idKey] as string));
  }
}

function renderEdge(
  edgePlan: ObjectPlan,
  post: PostRecord,
  held: PostRecord[],
  overlay: ReaderOverlayRows,
  variables: Record<string, unknown>,
) {
  const edge: Record<string, unknown> = {};
  for (const f of edgePlan.fields) {
    if (f.name === '__typename') edge[f.key] = 'PostEdge';
    else if (f.name === 'cursor') edge[f.key] = encodeCursor(post.id);
    else edge[f.key] = renderHeld(f.child!, post, held, overlay, variables);
  }
  return edge;
}

/** A held post of the reader's as the query asks for it: from its row, without executing anything. */
function renderHeld(
  plan: ObjectPlan,
  post: PostRecord,
  held: PostRecord[],
  overlay: ReaderOverlayRows,
  variables: Record<string, unknown>,
) {
  const out: Record<string, unknown> = {};
  for (const f of plan.fields) {
    switch (f.name) {
      case '__typename':
        out[f.key] = 'Post';
        break;
      case 'id':
      case 'body':
      case 'html':
      case 'pseudonym':
      case 'status':
      case 'replyCount':
      case 'depth':
        out[f.key] = post[f.name];
        break;
      case 'createdAt':
        out[f.key] = post.createdAt.toISOString();
        break;
      case 'editedAt':
        out[f.key] = post.editedAt ? post.editedAt.toISOString() : null;
        break;
      case 'mine':
        out[f.key] = true;
        break;
      case 'reviewState':
        out[f.key] = authorReviewState(post, overlay.handled.has(post.id));
        break;
      case 'reactions':
        out[f.key] = REACTION_KINDS.map((kind) => {
          const r: Record<string, unknown> = {};
          for (const rf of f.child!.fields) {
            if (rf.name === '__typename') r[rf.key] = 'ReactionCount';
            else if (rf.name === 'kind') r[rf.key] = kind;
            else if (rf.name === 'count') r[rf.key] = post.counts[kind];
            else r[rf.key] = overlay.reactions.has(`${post.id}:${kind}`);
          }
          return r;
        });
        break;
      case 'replies': {
        // Published replies to a held post would need reading: that read is executed for the reader.
        if (post.replyCount > 0) throw new NotPlanned();
        const a = getArgumentValues(f.def!, f.node, variables) as Record<string, unknown>;
        const after = BigInt(decodeCursor(a.after as string | null) ?? '0');
        const children = held.filter((p) => p.parentId === post.id && BigInt(p.id) > after);
        const conn: Record<string, unknown> = {};
        for (const cf of f.child!.fields) {
          if (cf.name === '__typename') conn[cf.key] = 'PostConnection';
          else if (cf.name === 'totalCount') conn[cf.key] = post.replyCount;
          else if (cf.name === 'edges') conn[cf.key] = children.map((c) => renderEdge(cf.child!, c, held, overlay, variables));
          else {
            const info: Record<string, unknown> = {};
            for (const pf of cf.child!.fields) {
              if (pf.name === '__typename') info[pf.key] = 'PageInfo';
              else if (pf.name === 'hasNextPage') info[pf.key] = false;
              else info[pf.key] = children.length ? encodeCursor(children.at(-1)!.id) : null;
            }
            conn[cf.key] = info;
          }
        }
        out[f.key] = conn;
        break;
      }
      default:
        throw new NotPlanned(); // `section` of a held post: executed for the reader
    }
  }
  return out;
}
