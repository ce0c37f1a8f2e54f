import { Link, useFetcher, useParams } from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useHydrated } from '~/lib/hydrated';
import type { PostView } from '~/lib/posts.server';
import { flattenUnder, repliesHref } from '~/lib/replies';
import { useShowOpenedReplies } from './live/opened-replies';
import type { loader as repliesLoader } from '~/routes/articles.$slug.$section_.replies.$post';

/**
 * The replies a post shows, and the link to the ones a thread page leaves out (ADR 025): "Show
 * all N replies" under a top-level post, "Show more replies" under a reply that heads a longer
 * conversation. The link is a plain link to the page of that post's replies; with JavaScript it
 * opens them here instead, and focus moves to the first reply that was not shown.
 */
export function useMoreReplies(post: PostView, level: 0 | 1 | 2): { replies: PostView[]; more: ReactNode } {
  const params = useParams();
  const hydrated = useHydrated();
  const fetcher = useFetcher<typeof repliesLoader>();
  const shownBefore = useRef(post.replies.length);
  const loaded = fetcher.data && 'replies' in fetcher.data ? fetcher.data.replies : null;
  const replies = level === 2 ? [] : loaded ? (level === 0 ? loaded.post.replies : flattenUnder(loaded.post.replies)) : post.replies;
  const firstNew = loaded ? replies[shownBefore.current]?.id : undefined;
  // The thread's live layer must know them: an event for one is not news, a reply to one is.
  useShowOpenedReplies(post.id, level === 2 ? null : (loaded?.post.replies ?? null));

  useEffect(() => {
    if (firstNew) document.getElementById(`post-${firstNew}`)?.focus();
  }, [firstNew]);

  if (level === 2) return { replies, more: null };
  const href = repliesHref(params.slug ?? '', params.section ?? '', post.id);
  const whose = <span className="visually-hidden"> to {post.status === 'DELETED' ? 'a removed post' : post.pseudonym}</span>;

  if (loaded) {
    // Opened in place; a very long conversation goes on on its own page.
    const further = loaded.hasNextPage || (level === 1 && loaded.post.replies.some((r) => r.moreReplies));
    if (!further) return { replies, more: null };
    const to = level === 0 && loaded.endCursor ? `${href}?after=${encodeURIComponent(loaded.endCursor)}` : href;
    return {
      replies,
      more: (
        <p className="more-replies">
          <Link to={to}>Show more replies{whose}</Link>
        </p>
      ),
    };
  }
  if (!post.moreReplies) return { replies, more: null };
  const busy = fetcher.state !== 'idle';
  const words = level === 0 && post.replyCount > post.replies.length ? `Show all ${post.replyCount} replies` : 'Show more replies';
  return {
    replies,
    more: (
      <p className="more-replies">
        <Link
          to={href}
          aria-busy={busy || undefined}
          onClick={(event) => {
            if (!hydrated || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            if (!busy) fetcher.load(href);
          }}
        >
          {busy ? 'Opening the replies…' : words}
          {whose}
        </Link>
      </p>
    ),
  };
}
