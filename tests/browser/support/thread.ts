// Where a post is in its section's thread. Every browser spec shares ONE database and runs in
// sequence, so a section's first page fills with other specs' posts: a spec that seeds a post
// opens the page that holds it, never "the section" and hopes it is on page 1.
import { graphql } from './api';
import { webUrl } from './browser';

/** Top-level posts on one page of a thread, as the web counts them (apps/web/app/lib/posts.server.ts PAGE_SIZE). */
export const THREAD_PAGE_SIZE = 20;

interface Places {
  section: {
    posts: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ cursor: string; node: { id: string } }>;
    };
  } | null;
}

/**
 * The `after` cursor of the thread page that shows this top-level post ('' for the first page), as
 * the web's "Show more posts" links and its own `pageOf` count them: walks the thread through the
 * API, 100 posts a request, as the holder of `authorKey` sees it (their own waiting posts
 * included). Throws when the post is not in the thread.
 */
export async function pageCursorOf(sectionId: string, postId: string, authorKey?: string): Promise<string> {
  const cursors: string[] = [];
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
    for (const edge of connection.edges) {
      if (edge.node.id === postId) {
        const start = Math.floor(cursors.length / THREAD_PAGE_SIZE) * THREAD_PAGE_SIZE;
        return start === 0 ? '' : cursors[start - 1];
      }
      cursors.push(edge.cursor);
    }
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) {
      throw new Error(`Post ${postId} is not in the thread of section ${sectionId} (${cursors.length} posts read).`);
    }
    after = connection.pageInfo.endCursor;
  }
}

/** The web address of the thread page (of the section at `sectionPath`) that shows this top-level post. */
export async function pageWith(sectionPath: string, sectionId: string, postId: string, authorKey?: string): Promise<string> {
  const cursor = await pageCursorOf(sectionId, postId, authorKey);
  return webUrl(cursor ? `${sectionPath}?after=${encodeURIComponent(cursor)}` : sectionPath);
}

/** How many top-level posts of the thread, as anyone sees it, have exactly these words (every page). */
export async function countInThread(sectionId: string, body: string): Promise<number> {
  let count = 0;
  let after: string | null = null;
  for (;;) {
    type Page = {
      section: { posts: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { body: string } }> } };
    };
    const data: Page = await graphql<Page>(
      `
        query ($id: ID!, $after: String) {
          section(id: $id) {
            posts(first: 100, after: $after) {
              pageInfo {
                hasNextPage
                endCursor
              }
              edges {
                node {
                  body
                }
              }
            }
          }
        }
      `,
      { id: sectionId, after },
    );
    const connection = data.section.posts;
    count += connection.edges.filter((e) => e.node.body === body).length;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return count;
    after = connection.pageInfo.endCursor;
  }
}
