// Fixture factories that seed through the API, as a third-party client would.
import { Client } from 'pg';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, authorKey?: string): Promise<T> {
  const url = process.env.STEADY_API_URL;
  if (!url) throw new Error('The API was not started (STEADY_API_URL is not set).');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorKey ? { 'X-Author-Key': authorKey } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (payload.errors?.length) throw new Error(`API refused: ${payload.errors.map((e) => e.message).join('; ')}`);
  return payload.data as T;
}

export async function sectionId(articleSlug: string, sectionSlug: string): Promise<string> {
  const data = await graphql<{ article: { section: { id: string } } }>(
    `
      query ($a: String!, $s: String!) {
        article(slug: $a) {
          section(slug: $s) {
            id
          }
        }
      }
    `,
    { a: articleSlug, s: sectionSlug },
  );
  return data.article.section.id;
}

/** Creates a post (or a reply), returning its id and the author key to use next. */
export async function seedPost(
  input: { sectionId: string; body: string; parentId?: string },
  authorKey?: string,
): Promise<{ id: string; authorKey: string }> {
  const data = await graphql<{ createPost: { post: { id: string }; authorKey: string | null } }>(
    `
      mutation ($input: CreatePostInput!) {
        createPost(input: $input) {
          post {
            id
          }
          authorKey
        }
      }
    `,
    { input },
    authorKey,
  );
  return { id: data.createPost.post.id, authorKey: data.createPost.authorKey ?? authorKey! };
}

/**
 * Reads through the moderators' queue as an administrator, approving what is open, so that a
 * spec about the queue sees only its own items whatever ran before it on the shared database.
 */
export async function clearModerationQueue(account: { email: string; password: string }): Promise<void> {
  const call = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => asModeratorAccount<T>(account, query, variables);
  for (;;) {
    const { moderationQueue } = await call<{ moderationQueue: { edges: Array<{ node: { post: { id: string } } }> } }>(
      `{ moderationQueue(first: 100) { edges { node { post { id } } } } }`,
    );
    if (moderationQueue.edges.length === 0) return;
    for (const edge of moderationQueue.edges) {
      await call(`mutation ($id: ID!) { reviewPost(input: { postId: $id, decision: APPROVE }) { id } }`, { id: edge.node.post.id });
    }
  }
}

/**
 * The key of a reader whose flags count on their own (ADR 011): Steady issued it and its
 * published post is two days old. Standing is earned over time, so the post's clock is moved
 * back in the test database (DATABASE_URL, the stack's).
 */
export async function establishedReaderKey(sectionId: string): Promise<string> {
  const { id, authorKey } = await seedPost({ sectionId, body: 'Thank you for writing this; it helped.' });
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`update post set created_at = created_at - interval '2 days' where id = $1`, [id]);
  } finally {
    await client.end();
  }
  return authorKey;
}

export interface Account {
  email: string;
  password: string;
}

/** A moderator account through the CLI, on the stack's database. */
export async function createModerator(email: string, role: 'ADMIN' | 'MODERATOR'): Promise<Account> {
  const { stdout } = await run(
    process.execPath,
    [path.join(ROOT, 'scripts', 'run-api-cli.mjs'), 'moderator', 'create', '--email', email, '--role', role],
    { cwd: ROOT, env: { ...process.env, STEADY_SKIP_BUILD: '1' } },
  );
  const line = JSON.parse(stdout.trim().split('\n').at(-1)!) as { email: string; password: string };
  return { email: line.email, password: line.password };
}

/** Calls the API as this moderator account (signs in each time: simple, and rare in tests). */
export async function asModeratorAccount<T>(account: Account, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const login = await graphql<{ login: { token: string } }>(
    `
      mutation ($e: String!, $p: String!) {
        login(email: $e, password: $p) {
          token
        }
      }
    `,
    { e: account.email, p: account.password },
  );
  const response = await fetch(process.env.STEADY_API_URL!, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.login.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (payload.errors?.length) throw new Error(`API refused: ${payload.errors.map((e) => e.message).join('; ')}`);
  return payload.data as T;
}

/** The bodies of a section's published top-level posts (the first 100), as any reader sees them. */
export async function publishedBodies(section: string): Promise<string[]> {
  const data = await graphql<{ section: { posts: { edges: Array<{ node: { body: string } }> } } }>(
    `
      query ($id: ID!) {
        section(id: $id) {
          posts(first: 100) {
            edges {
              node {
                body
              }
            }
          }
        }
      }
    `,
    { id: section },
  );
  return data.section.posts.edges.map((e) => e.node.body);
}

/**
 * A new moderator approves these posts (a spec's own crisis or held posts), so the queue is as
 * other specs expect it whatever order the specs run in.
 */
export async function approveAfterwards(postIds: string[], label: string): Promise<void> {
  if (postIds.length === 0) return;
  const account = await createModerator(`${label}-${Date.now().toString(36)}@example.org`, 'MODERATOR');
  for (const postId of postIds) {
    await asModeratorAccount(account, `mutation ($input: ReviewPostInput!) { reviewPost(input: $input) { id } }`, {
      input: { postId, decision: 'APPROVE' },
    });
  }
}
