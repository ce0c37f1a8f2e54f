import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { subscribeLive } from '~/lib/live.client';
import { plural } from '~/lib/format';

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
  const [fresh, setFresh] = useState<{ posts: number; replies: number }>({ posts: 0, replies: 0 });
  const [mounted, setMounted] = useState(false);
  const known = useRef(knownIds);
  const seen = useRef(new Set<string>());
  const revalidator = useRevalidator();
  const page = useLoaderData();
  known.current = knownIds;

  // Fresh data from the server: its counts are at least as new as anything that arrived before.
  useEffect(() => changeCounts(() => liveCounts.clear()), [page]);

  useEffect(() => {
    setMounted(true);
    return subscribeLive<Activity>(THREAD_ACTIVITY, { sectionId }, ({ threadActivity: a }) => {
      if (a.kind === 'REACTED' && a.post) {
        const counts = Object.fromEntries(a.post.reactions.map((r) => [r.kind, r.count]));
        changeCounts(() => liveCounts.set(a.postId, counts));
        return;
      }
      if (a.kind !== 'PUBLISHED' || !a.post || a.post.mine) return;
      if (known.current.has(a.postId) || seen.current.has(a.postId)) return;
      seen.current.add(a.postId);
      const reply = a.post.parent !== null;
      // Only what this page would show once reloaded: replies to its posts, new posts on the last page.
      if (reply ? !known.current.has(a.post.parent!.id) : !lastPage) return;
      setFresh((f) => ({ posts: f.posts + (reply ? 0 : 1), replies: f.replies + (reply ? 1 : 0) }));
    });
  }, [sectionId, lastPage]);

  if (!mounted) return null;
  const count = fresh.posts + fresh.replies;
  const words = [
    fresh.posts ? plural(fresh.posts, 'new post', 'new posts') : '',
    fresh.replies ? plural(fresh.replies, 'new reply', 'new replies') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    <div className="live-thread" aria-live="polite" aria-atomic="true">
      {count > 0 ? (
        <button
          type="button"
          className="live-thread-show"
          onClick={() => {
            setFresh({ posts: 0, replies: 0 });
            revalidator.revalidate();
          }}
        >
          {words}: show {count === 1 ? 'it' : 'them'}
        </button>
      ) : null}
    </div>
  );
}
