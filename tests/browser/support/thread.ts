// Where a post is in its section's thread. Every browser spec shares ONE database and runs in
// sequence, so a section's first page fills with other specs' posts: a spec that seeds a post
// opens the page that holds it, never "the section" and hopes it is on page 1.
import type { Page } from 'playwright-core';
import { graphql, sectionId } from './api';
import { webUrl } from './browser';

/** Top-level posts on one page of a thread, as the web counts them (apps/web/app/lib/posts.server.ts PAGE_SIZE). */
export const THREAD_PAGE_SIZE = 20;

interface ThreadEdge {
  cursor: string;
  node: { id: string; body: string };
}

type Places = {
  section: { posts: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: ThreadEdge[] } } | null;
};

/**
 * Every top-level post of a section's thread, in order, 100 a request, as the holder of
 * `authorKey` sees it (their own waiting posts included) or as anyone does.
 */
async function* threadEdges(sectionId: string, authorKey?: string): AsyncGenerator<ThreadEdge> {
  let after: string | null = null;
  for (;;) {
    const data: Places = await graphql<Places>(
      `
        query ($id: ID!, $after: String) {
          section(id: $id) {
            posts(first: 100, after: $after) {
              pageInfo {
                hasNextPage
                endCursor
              }
              edges {
                cursor
                node {
                  id
                  body
                }
              }
            }
          }
        }
      `,
      { id: sectionId, after },
      authorKey,
    );
    const connection = data.section?.posts;
    if (!connection) throw new Error(`No section ${sectionId}.`);
    yield* connection.edges;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}

/**
 * The `after` cursor of the thread page that shows this top-level post ('' for the first page), as
 * the web's "Show more posts" links and its own `pageOf` count them, as the holder of `authorKey`
 * sees the thread. Throws when the post is not in the thread.
 */
export async function pageCursorOf(sectionId: string, postId: string, authorKey?: string): Promise<string> {
  const cursors: string[] = [];
  for await (const edge of threadEdges(sectionId, authorKey)) {
    if (edge.node.id === postId) {
      const start = Math.floor(cursors.length / THREAD_PAGE_SIZE) * THREAD_PAGE_SIZE;
      return start === 0 ? '' : cursors[start - 1];
    }
    cursors.push(edge.cursor);
  }
  throw new Error(`Post ${postId} is not in the thread of section ${sectionId} (${cursors.length} posts read).`);
}

/** The web address of the thread page (of the section at `sectionPath`) that shows this top-level post. */
export async function pageWith(sectionPath: string, sectionId: string, postId: string, authorKey?: string): Promise<string> {
  const cursor = await pageCursorOf(sectionId, postId, authorKey);
  return webUrl(cursor ? `${sectionPath}?after=${encodeURIComponent(cursor)}` : sectionPath);
}

/** How many top-level posts of the thread, as anyone sees it, have exactly these words (every page). */
export async function countInThread(sectionId: string, body: string): Promise<number> {
  let count = 0;
  for await (const edge of threadEdges(sectionId)) if (edge.node.body === body) count++;
  return count;
}

/**
 * Opens the thread page (`/articles/<article>/<section>`) that holds this top-level post, as the
 * holder of `authorKey` (or anyone) sees the thread, and waits for the post.
 */
export async function openThreadAt(page: Page, threadPath: string, postId: string, authorKey?: string): Promise<void> {
  const [articleSlug, sectionSlug] = threadPath.split('/').slice(-2);
  await page.goto(await pageWith(threadPath, await sectionId(articleSlug, sectionSlug), postId, authorKey));
  await page.locator(`#post-${postId}`).waitFor();
}
