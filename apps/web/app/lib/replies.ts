// Where the replies a thread page leaves out are (ADR 025), and how they sit under a reply that
// heads a conversation. Pure: used by the thread page in the browser and by the specs.
import type { PostView } from './posts.server';

/** The page of a post's replies: where "Show all N replies" leads without JavaScript. */
export function repliesHref(articleSlug: string, sectionSlug: string, postId: string): string {
  return `/articles/${articleSlug}/${sectionSlug}/replies/${postId}`;
}

/**
 * A conversation as the second level shows it: the replies to a post, and theirs, in one list in
 * time order, each deeper one saying whom it answers (as the thread page places them).
 */
export function flattenUnder(replies: PostView[]): PostView[] {
  const all: PostView[] = [];
  for (const reply of replies) {
    all.push({ ...reply, replies: [] });
    for (const deeper of reply.replies) all.push({ ...deeper, replyTo: deeper.replyTo ?? reply.pseudonym, replies: [] });
  }
  return all.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
