// The discussion under a section: reading the thread, posting, editing, removing, reacting.
import type { AppLoadContext } from '@remix-run/node';
import { ApiError, gql } from './api.server';

export const REACTION_KINDS = ['SUPPORT', 'HUG', 'RELATE', 'HELPFUL'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export type PostStatus = 'PUBLISHED' | 'PENDING' | 'REJECTED' | 'DELETED';

export const EDIT_WINDOW_MS = 30 * 60 * 1000;
const PAGE_SIZE = 20;
const REPLIES_PAGE = 50;
/** Replies are fetched level by level; past this depth a thread is long enough to read elsewhere. */
const MAX_REPLY_ROUNDS = 8;
/** Posts per request when fetching replies, to stay well inside the API's alias and cost limits. */
const REPLY_BATCH = 10;

interface ApiPost {
  id: string;
  body: string;
  html: string;
  pseudonym: string;
  status: PostStatus;
  createdAt: string;
  editedAt: string | null;
  replyCount: number;
  mine: boolean;
  reactions: Array<{ kind: ReactionKind; count: number; reactedByMe: boolean }>;
}

const POST_FIELDS = /* GraphQL */ `
  fragment PostFields on Post {
    id
    body
    html
    pseudonym
    status
    createdAt
    editedAt
    replyCount
    mine
    reactions {
      kind
      count
      reactedByMe
    }
  }
`;

export interface PostView extends ApiPost {
  /** Whether the edit form is offered; the API still has the final word (EDIT_WINDOW_CLOSED). */
  editable: boolean;
  /** For replies shown below the second level: whom they answer. */
  replyTo: string | null;
  replies: PostView[];
  /** Some replies were not loaded (very long or very deep conversations). */
  moreReplies: boolean;
}

export interface Thread {
  posts: PostView[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

interface Connection {
  edges: Array<{ cursor: string; node: ApiPost }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

function toView(post: ApiPost, now: number): PostView {
  const reactions = REACTION_KINDS.map(
    (kind) => post.reactions.find((r) => r.kind === kind) ?? { kind, count: 0, reactedByMe: false }
  );
  return {
    ...post,
    reactions,
    editable: post.mine && post.status !== 'DELETED' && now - Date.parse(post.createdAt) < EDIT_WINDOW_MS,
    replyTo: null,
    replies: [],
    moreReplies: false,
  };
}

async function fetchReplies(request: Request, context: AppLoadContext, ids: string[]) {
  const found = new Map<string, Connection>();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += REPLY_BATCH) batches.push(ids.slice(i, i + REPLY_BATCH));
  await Promise.all(batches.map((batch) => fetchReplyBatch(request, context, batch, found)));
  return found;
}

/** One request for several posts' replies; halved and retried if the API finds it too costly. */
async function fetchReplyBatch(
  request: Request,
  context: AppLoadContext,
  batch: string[],
  found: Map<string, Connection>
): Promise<void> {
  const vars = batch.map((_, i) => `$p${i}: ID!`).join(', ');
  const fields = batch
    .map(
      (_, i) =>
        `r${i}: post(id: $p${i}) { replies(first: $first) { edges { cursor node { ...PostFields } } pageInfo { hasNextPage endCursor } } }`
    )
    .join('\n');
  const variables = { first: REPLIES_PAGE, ...Object.fromEntries(batch.map((id, i) => [`p${i}`, id])) };
  let result: Record<string, { replies: Connection } | null>;
  try {
    result = await gql(
      request,
      context,
      `query Replies($first: Int!, ${vars}) {\n${fields}\n}\n${POST_FIELDS}`,
      variables
    );
  } catch (error) {
    if (batch.length > 1 && error instanceof ApiError && error.code === 'QUERY_TOO_COMPLEX') {
      const half = Math.ceil(batch.length / 2);
      await Promise.all([
        fetchReplyBatch(request, context, batch.slice(0, half), found),
        fetchReplyBatch(request, context, batch.slice(half), found),
      ]);
      return;
    }
    throw error;
  }
  batch.forEach((id, i) => {
    const post = result[`r${i}`];
    if (post) found.set(id, post.replies);
  });
}

/**
 * One page of a section's thread: top-level posts oldest first, their replies, and the replies
 * to those. Anything deeper is threaded under the second level, marked with whom it answers.
 */
export async function getThread(
  request: Request,
  context: AppLoadContext,
  sectionId: string,
  after: string | null
): Promise<Thread> {
  const now = Date.now();
  const result = await gql<{ section: { posts: Connection } | null }>(
    request,
    context,
    /* GraphQL */ `
      query Thread($id: ID!, $first: Int!, $after: String) {
        section(id: $id) {
          posts(first: $first, after: $after) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              cursor
              node {
                ...PostFields
              }
            }
          }
        }
      }
      ${POST_FIELDS}
    `,
    { id: sectionId, first: PAGE_SIZE, after }
  );
  const connection = result.section?.posts;
  if (!connection) return { posts: [], totalCount: 0, endCursor: null, hasNextPage: false };

  const posts = connection.edges.map((edge) => toView(edge.node, now));

  // Level by level: each round fetches the replies of every post of the previous round.
  let frontier: Array<{ post: PostView; home: PostView; level: number }> = posts.map((post) => ({
    post,
    home: post,
    level: 0,
  }));
  for (let round = 0; round < MAX_REPLY_ROUNDS && frontier.length > 0; round += 1) {
    const asking = frontier.filter((item) => item.post.replyCount > 0);
    if (asking.length === 0) break;
    const replies = await fetchReplies(
      request,
      context,
      asking.map((item) => item.post.id)
    );
    const next: typeof frontier = [];
    for (const item of asking) {
      const conn = replies.get(item.post.id);
      if (!conn) continue;
      if (conn.pageInfo.hasNextPage) item.home.moreReplies = true;
      for (const edge of conn.edges) {
        const reply = toView(edge.node, now);
        if (item.level === 0) {
          item.post.replies.push(reply);
          next.push({ post: reply, home: reply, level: 1 });
        } else {
          // The second level holds everything below it, in time order.
          if (item.level >= 2) reply.replyTo = item.post.pseudonym;
          item.home.replies.push(reply);
          next.push({ post: reply, home: item.home, level: item.level + 1 });
        }
      }
    }
    frontier = next;
  }
  if (frontier.some((item) => item.post.replyCount > 0)) {
    for (const item of frontier) if (item.post.replyCount > 0) item.home.moreReplies = true;
  }
  for (const post of posts) {
    for (const reply of post.replies) {
      reply.replies.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    }
  }

  return {
    posts,
    totalCount: connection.totalCount ?? posts.length,
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}

export interface CreatePostResult {
  outcome: 'PUBLISHED' | 'NUDGED' | 'HELD' | 'CRISIS';
  post: { id: string } | null;
  authorKey: string | null;
  message: string;
  hits: Array<{ ruleId: string; message: string; quote: string | null; start: number; end: number }>;
  resources: Array<{ name: string; contact: string; region: string; description: string }> | null;
  /** Set when the tone rules nudged: sent back with the next attempt so its outcome is counted. */
  nudgeId?: string | null;
}

const PAYLOAD_FIELDS = /* GraphQL */ `
  outcome authorKey message nudgeId
  post { id }
  hits { ruleId message quote start end }
  resources { name contact region description }
`;

export async function createPost(
  request: Request,
  context: AppLoadContext,
  input: {
    sectionId: string;
    parentId?: string;
    body: string;
    idempotencyKey?: string;
    acknowledgeNudge?: boolean;
    nudgeId?: string;
  }
) {
  const result = await gql<{ createPost: CreatePostResult }>(
    request,
    context,
    `mutation CreatePost($input: CreatePostInput!) { createPost(input: $input) { ${PAYLOAD_FIELDS} } }`,
    { input }
  );
  return result.createPost;
}

export async function editPost(
  request: Request,
  context: AppLoadContext,
  input: { postId: string; body: string; acknowledgeNudge?: boolean }
) {
  const result = await gql<{ editPost: CreatePostResult }>(
    request,
    context,
    `mutation EditPost($input: EditPostInput!) { editPost(input: $input) { ${PAYLOAD_FIELDS} } }`,
    { input }
  );
  return result.editPost;
}

export async function deletePost(request: Request, context: AppLoadContext, id: string) {
  await gql<{ deletePost: { id: string } }>(
    request,
    context,
    `mutation DeletePost($id: ID!) { deletePost(id: $id) { id } }`,
    { id }
  );
}

export async function react(
  request: Request,
  context: AppLoadContext,
  postId: string,
  kind: ReactionKind,
  authorKey: string
) {
  await gql<{ react: { id: string } }>(
    request,
    context,
    `mutation React($postId: ID!, $kind: ReactionKind!) { react(postId: $postId, kind: $kind) { id } }`,
    { postId, kind },
    { authorKey }
  );
}

export const FLAG_REASONS = ['UNSAFE', 'ATTACK', 'PRESSURE', 'PERSONAL_INFO', 'SPAM', 'DANGER', 'OTHER'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_NOTE_MAX = 500;

/** Why a reader may flag a post, in the article's terms (the API lists DANGER first). */
export interface FlagReasonInfo {
  reason: FlagReason;
  title: string;
  description: string;
}

export async function getFlagReasons(request: Request, context: AppLoadContext): Promise<FlagReasonInfo[]> {
  const result = await gql<{ flagReasons: FlagReasonInfo[] }>(
    request,
    context,
    `query FlagReasons { flagReasons { reason title description } }`
  );
  return result.flagReasons;
}

/** Flags a post for the moderators; the answer is a thank-you, never the outcome. */
export async function flagPost(
  request: Request,
  context: AppLoadContext,
  input: { postId: string; reason: FlagReason; note?: string },
  authorKey: string
): Promise<string> {
  const result = await gql<{ flagPost: { ok: boolean; message: string } }>(
    request,
    context,
    `mutation FlagPost($input: FlagPostInput!) { flagPost(input: $input) { ok message } }`,
    { input },
    { authorKey }
  );
  return result.flagPost.message;
}

export interface MyPost {
  id: string;
  html: string;
  status: PostStatus;
  createdAt: string;
  editedAt: string | null;
  replyCount: number;
  pseudonym: string;
  /** Only for the author: where the post stands with the moderators, and the outcome in kind words. */
  reviewState: 'WAITING' | 'PUBLISHED' | 'NOT_PUBLISHED' | null;
  reviewMessage: string | null;
  section: { slug: string; title: string; article: { slug: string; title: string } };
}

export interface ReplyToMe {
  id: string;
  html: string;
  pseudonym: string;
  createdAt: string;
  parent: { id: string } | null;
  section: { slug: string; title: string; article: { slug: string; title: string } };
}

export async function getMine(request: Request, context: AppLoadContext, authorKey?: string | null) {
  const result = await gql<{
    me: { posts: { edges: Array<{ node: MyPost }> }; repliesToMe: { edges: Array<{ node: ReplyToMe }> } } | null;
  }>(
    request,
    context,
    /* GraphQL */ `
      query Me($first: Int!) {
        me {
          posts(first: $first) {
            edges {
              node {
                id
                html
                status
                createdAt
                editedAt
                replyCount
                pseudonym
                reviewState
                reviewMessage
                section {
                  slug
                  title
                  article {
                    slug
                    title
                  }
                }
              }
            }
          }
          repliesToMe(first: $first) {
            edges {
              node {
                id
                html
                pseudonym
                createdAt
                parent {
                  id
                }
                section {
                  slug
                  title
                  article {
                    slug
                    title
                  }
                }
              }
            }
          }
        }
      }
    `,
    { first: 50 },
    authorKey === undefined ? {} : { authorKey }
  );
  if (!result.me) return null;
  return {
    posts: result.me.posts.edges.map((e) => e.node),
    replies: result.me.repliesToMe.edges.map((e) => e.node),
  };
}
