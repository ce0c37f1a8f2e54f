// The discussion under a section: reading the thread, posting, editing, removing, reacting.
// Operations and result types come from app/graphql (generated from the API's schema, ADR 015).
import type { AppLoadContext } from '@remix-run/node';
import { withinEditWindow } from '@steady/rules';
import {
  AppealPostDocument,
  CreatePostDocument,
  DeletePostDocument,
  EditPostDocument,
  FlagPostDocument,
  FlagReasonsDocument,
  MeDocument,
  PostRepliesDocument,
  PostToFlagDocument,
  PostStatus,
  ReactDocument,
  ReactionKind,
  ThreadDocument,
  ThreadPlacesDocument,
  type AppealPostInput,
  type CreatePostInput,
  type EditPostInput,
  type FlagPostInput,
  type FlagReasonsQuery,
  type MeQuery,
  type PostFieldsFragment,
  type PostToFlagQuery,
  type ThreadPlacesQuery,
  type ThreadQuery,
  type WriteOutcomeFragment,
} from '~/graphql/generated';
import { gql } from './api.server';

export { FlagReason, PostStatus, ReactionKind } from '~/graphql/generated';
export { FLAG_NOTE_MAX } from '@steady/rules';

/** The order the reactions are shown in: every kind of the schema, once. */
export const REACTION_KINDS = [ReactionKind.SUPPORT, ReactionKind.HUG, ReactionKind.RELATE, ReactionKind.HELPFUL] as const;
// Fails to compile when the API adds a kind that is not placed above.
const everyKindShown: Exclude<ReactionKind, (typeof REACTION_KINDS)[number]> extends never ? true : never = true;
void everyKindShown;

/** Top-level posts on one page of a thread (search links to the page that shows a hit with it). */
export const PAGE_SIZE = 20;
/**
 * The first slice of replies a thread page shows (ADR 025): under a top-level post its first 3
 * replies, under each of those the first 2 of theirs, 2 levels more. The rest is one link away
 * ("Show all N replies", "Show more replies"), on the page of that post's replies.
 */
export const FIRST_REPLIES = 3;
export const FIRST_DEEPER = 2;
/** Replies on one page of a post's replies (/articles/:slug/:section/replies/:post). */
export const REPLIES_PAGE_SIZE = 50;

type ApiPost = PostFieldsFragment;

export interface PostView extends ApiPost {
  /** Whether the edit form is offered; the API still has the final word (EDIT_WINDOW_CLOSED). */
  editable: boolean;
  /** For replies shown below the second level: whom they answer. */
  replyTo: string | null;
  replies: PostView[];
  /** Some replies were not loaded: shown behind "Show all N replies" / "Show more replies". */
  moreReplies: boolean;
}

export interface Thread {
  posts: PostView[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * A post as the thread query returns it, at any level: its replies are there unless it sits at
 * the last level the query asks for (app/graphql/posts.graphql).
 */
type Nested = ApiPost & { replies?: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: Nested }> } };

function toView(post: Nested, now: number): PostView {
  const { replies: _nested, ...fields } = post;
  const reactions = REACTION_KINDS.map((kind) => post.reactions.find((r) => r.kind === kind) ?? { kind, count: 0, reactedByMe: false });
  const editable = post.mine && post.status !== PostStatus.DELETED && withinEditWindow(Date.parse(post.createdAt), now);
  return {
    ...fields,
    // The source words only fill the edit form: the page does not carry them twice for every post.
    body: editable ? post.body : '',
    reactions,
    editable,
    replyTo: null,
    replies: [],
    moreReplies: false,
  };
}

/**
 * Places the replies below `post` (at `level`, 0 for a top-level post): the first level under the
 * post, everything deeper under the second level ("home"), in time order, marked with whom it
 * answers. A branch cut short (a full page of replies, or a post at the query's last level that
 * has replies of its own) marks its home "some replies were not loaded".
 */
function placeReplies(source: Nested, view: PostView, home: PostView, level: number, now: number): void {
  const page = source.replies;
  if (!page) {
    if (source.replyCount > 0) home.moreReplies = true;
    return;
  }
  if (page.pageInfo.hasNextPage) home.moreReplies = true;
  for (const { node } of page.edges) {
    const reply = toView(node, now);
    if (level === 0) {
      view.replies.push(reply);
      placeReplies(node, reply, reply, 1, now);
    } else {
      if (level >= 2) reply.replyTo = view.pseudonym;
      home.replies.push(reply);
      placeReplies(node, reply, home, level + 1, now);
    }
  }
}

/**
 * One page of a section's thread, in one request: top-level posts oldest first, their replies,
 * and the replies to those. Anything deeper is threaded under the second level, marked with
 * whom it answers.
 */
export async function getThread(request: Request, context: AppLoadContext, sectionId: string, after: string | null): Promise<Thread> {
  const now = Date.now();
  const result: ThreadQuery = await gql(request, context, ThreadDocument, {
    id: sectionId,
    first: PAGE_SIZE,
    after,
    replies: FIRST_REPLIES,
    deeper: FIRST_DEEPER,
  });
  const connection = result.section?.posts;
  if (!connection) return { posts: [], totalCount: 0, endCursor: null, hasNextPage: false };

  const posts = connection.edges.map(({ node }) => withReplies(node, now));

  return {
    posts,
    totalCount: connection.totalCount,
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}

/** A post with its replies placed below it, the deeper ones in time order under the second level. */
function withReplies(node: Nested, now: number): PostView {
  const post = toView(node, now);
  placeReplies(node, post, post, 0, now);
  for (const reply of post.replies) {
    reply.replies.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  }
  return post;
}

export interface PostReplies {
  /** The post, its replies (this page of them) below it as on a thread page. */
  post: PostView;
  sectionId: string;
  sectionSlug: string;
  /** Replies to this post in all (published, and the reader's own). */
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** One post and a page of its replies, each with the first of theirs; null when there is no such post to show. */
export async function getPostReplies(
  request: Request,
  context: AppLoadContext,
  postId: string,
  after: string | null,
): Promise<PostReplies | null> {
  const now = Date.now();
  const result = await gql(request, context, PostRepliesDocument, { id: postId, first: REPLIES_PAGE_SIZE, after, deeper: FIRST_DEEPER });
  const node = result.post;
  if (!node) return null;
  const { section, depth: _depth, ...fields } = node;
  const connection = node.replies;
  // The page's own pager goes on to the next replies: no "show all" under the post itself.
  const post = { ...withReplies(fields, now), moreReplies: false };
  return {
    post,
    sectionId: section.id,
    sectionSlug: section.slug,
    totalCount: connection.totalCount,
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}

/** How many pages of places `pageOf` reads at most (100 posts each) before it gives up. */
const PLACES_MAX_PAGES = 20;

/**
 * The thread page a top-level post is on, as the "Show more posts" links count them (PAGE_SIZE
 * a page): '' for the first page, the `after` cursor of its page otherwise; null when it is not
 * found (then the caller keeps the page the form was on). `authorKey`: a key the post just made,
 * not yet in the request's cookie (a first post), so the author's own waiting post is counted.
 */
export async function pageOf(
  request: Request,
  context: AppLoadContext,
  sectionId: string,
  postId: string,
  authorKey?: string | null,
): Promise<string | null> {
  const cursors: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < PLACES_MAX_PAGES; i++) {
    const result: ThreadPlacesQuery = await gql(
      request,
      context,
      ThreadPlacesDocument,
      { id: sectionId, first: 100, after },
      authorKey ? { authorKey } : {},
    );
    const connection = result.section?.posts;
    if (!connection) return null;
    for (const edge of connection.edges) {
      if (edge.node.id === postId) {
        const start = Math.floor(cursors.length / PAGE_SIZE) * PAGE_SIZE;
        return start === 0 ? '' : cursors[start - 1];
      }
      cursors.push(edge.cursor);
    }
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return null;
    after = connection.pageInfo.endCursor;
  }
  return null;
}

export type CreatePostResult = WriteOutcomeFragment;

export async function createPost(request: Request, context: AppLoadContext, input: CreatePostInput) {
  const result = await gql(request, context, CreatePostDocument, { input });
  return result.createPost;
}

export async function editPost(request: Request, context: AppLoadContext, input: EditPostInput) {
  const result = await gql(request, context, EditPostDocument, { input });
  return result.editPost;
}

/** A rejected post sent again for review, by its author (the cookie's key). */
export async function appealPost(request: Request, context: AppLoadContext, input: AppealPostInput) {
  const result = await gql(request, context, AppealPostDocument, { input });
  return result.appealPost;
}

export async function deletePost(request: Request, context: AppLoadContext, id: string) {
  await gql(request, context, DeletePostDocument, { id });
}

export async function react(request: Request, context: AppLoadContext, postId: string, kind: ReactionKind, authorKey: string) {
  await gql(request, context, ReactDocument, { postId, kind }, { authorKey });
}

/** Why a reader may flag a post, in the article's terms (the API lists DANGER first). */
export type FlagReasonInfo = FlagReasonsQuery['flagReasons'][number];

export async function getFlagReasons(request: Request, context: AppLoadContext): Promise<FlagReasonInfo[]> {
  const result = await gql(request, context, FlagReasonsDocument);
  return result.flagReasons;
}

/** A post someone else wrote, published, that this reader may flag. */
export type PostToFlag = NonNullable<PostToFlagQuery['post']>;

/**
 * The post the flag page quotes, or null when there is none to flag here: not visible to the
 * reader, in another section, not published, or the reader's own (no flag on one's own words).
 */
export async function getPostToFlag(
  request: Request,
  context: AppLoadContext,
  postId: string,
  sectionId: string,
): Promise<PostToFlag | null> {
  const { post } = await gql(request, context, PostToFlagDocument, { id: postId });
  if (!post || post.section.id !== sectionId || post.status !== PostStatus.PUBLISHED || post.mine) return null;
  return post;
}

/** Flags a post for the moderators; the answer is a thank-you, never the outcome. */
export async function flagPost(request: Request, context: AppLoadContext, input: FlagPostInput, authorKey: string): Promise<string> {
  const result = await gql(request, context, FlagPostDocument, { input }, { authorKey });
  return result.flagPost.message;
}

type Me = NonNullable<MeQuery['me']>;
export type MyPost = Me['posts']['edges'][number]['node'];
export type ReplyToMe = Me['repliesToMe']['edges'][number]['node'];

export async function getMine(request: Request, context: AppLoadContext, authorKey?: string | null) {
  const result = await gql(request, context, MeDocument, { first: 50 }, authorKey === undefined ? {} : { authorKey });
  if (!result.me) return null;
  return {
    posts: result.me.posts.edges.map((e) => e.node),
    replies: result.me.repliesToMe.edges.map((e) => e.node),
  };
}
