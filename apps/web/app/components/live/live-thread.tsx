import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { subscribeLive } from '~/lib/live.client';
import { plural } from '~/lib/format';
import { useOpenedReplies } from './opened-replies';

const THREAD_ACTIVITY = `subscription LiveThread($sectionId: ID!) {
  threadActivity(sectionId: $sectionId) { kind postId post { id mine parent { id } reactions { kind count } } }
}`;

interface Activity {
  threadActivity: {
    kind: string;
    postId: string;
    post: { id: string; mine: boolean; parent: { id: string } | null; reactions: { kind: string; count: number }[] } | null;
  };
}

/**
 * Reaction counts that arrived live, by post, until the page's data is read again (then the
 * loader's counts are the newer ones). A tiny store outside React's tree so that each post's
 * buttons read only their own counts; empty on the server.
 */
type Counts = Readonly<Record<string, number>>;
const liveCounts = new Map<string, Counts>();
const countListeners = new Set<() => void>();
function changeCounts(change: () => void) {
  change();
  for (const listener of countListeners) listener();
}
function listenCounts(listener: () => void) {
  countListeners.add(listener);
  return () => countListeners.delete(listener);
}

/**
 * A post's reaction counts as they stand now, when one changed since the page was read (else
 * undefined: the page's own counts hold). They change quietly, in no live region: a stranger's
 * "Hug" is not worth interrupting someone's reading for; the button says its count when reached.
 */
export function useLiveReactionCounts(postId: string): Counts | undefined {
  return useSyncExternalStore(
    listenCounts,
    () => liveCounts.get(postId),
    () => undefined,
  );
}

/**
 * With JavaScript, new posts and replies in this thread are announced as they arrive, politely
 * ("2 new replies"), and shown only when the reader asks: nothing moves under what they are
 * reading. The line keeps its height whether or not it has words, so it never pushes the thread
 * down. Without JavaScript nothing of this renders and the page is as it always was.
 */
export function LiveThread({ sectionId, knownIds, lastPage }: { sectionId: string; knownIds: ReadonlySet<string>; lastPage: boolean }) {
  // New posts and replies by id (true: a reply), until the reader shows them or the page shows them anyway.
  const [fresh, setFresh] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [mounted, setMounted] = useState(false);
  // The page's posts and the replies opened in place with "Show all N replies" (more-replies.tsx).
  const opened = useOpenedReplies();
  const known = useRef({ page: knownIds, opened });
  const seen = useRef(new Set<string>());
  const revalidator = useRevalidator();
  const page = useLoaderData();
  known.current = { page: knownIds, opened };
  const isKnown = (id: string) => knownIds.has(id) || opened.has(id);

  // Fresh data from the server: its counts are at least as new as anything that arrived before.
  useEffect(() => changeCounts(() => liveCounts.clear()), [page]);

  useEffect(() => {
    setMounted(true);
    const shown = (id: string) => known.current.page.has(id) || known.current.opened.has(id);
    return subscribeLive<Activity>(THREAD_ACTIVITY, { sectionId }, ({ threadActivity: a }) => {
      if (a.kind === 'REACTED' && a.post) {
        const counts = Object.fromEntries(a.post.reactions.map((r) => [r.kind, r.count]));
        changeCounts(() => liveCounts.set(a.postId, counts));
        return;
      }
      if (a.kind !== 'PUBLISHED' || !a.post || a.post.mine) return;
      if (shown(a.postId) || seen.current.has(a.postId)) return;
      seen.current.add(a.postId);
      const reply = a.post.parent !== null;
      // Only what this page would show once read again: replies to what it shows, new posts on the last page.
      if (reply ? !shown(a.post.parent!.id) : !lastPage) return;
      setFresh((f) => new Map(f).set(a.postId, reply));
    });
  }, [sectionId, lastPage]);

  if (!mounted) return null;
  // A reply the reader has meanwhile opened in place (or the page now shows) is no longer news.
  const waiting = [...fresh].filter(([id]) => !isKnown(id));
  const replies = waiting.filter(([, reply]) => reply).length;
  const posts = waiting.length - replies;
  const count = waiting.length;
  const words = [posts ? plural(posts, 'new post', 'new posts') : '', replies ? plural(replies, 'new reply', 'new replies') : '']
    .filter(Boolean)
    .join(' and ');
  return (
    <div className="live-thread" aria-live="polite" aria-atomic="true">
      {count > 0 ? (
        <button
          type="button"
          className="live-thread-show"
          onClick={() => {
            setFresh(new Map());
            revalidator.revalidate();
          }}
        >
          {words}: show {count === 1 ? 'it' : 'them'}
        </button>
      ) : null}
    </div>
  );
}
