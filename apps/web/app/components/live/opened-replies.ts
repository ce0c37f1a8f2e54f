import { useEffect, useSyncExternalStore } from 'react';

/**
 * The replies a reader opened in place on a thread page ("Show all N replies", ADR 025), by the
 * post whose replies they are. The thread's live layer (live-thread.tsx) counts them among the
 * posts the page shows: an event for one of them is not news, and a reply to one of them is. A
 * tiny store outside React's tree, like the live reaction counts; empty on the server.
 */
const opened = new Map<string, readonly string[]>();
const listeners = new Set<() => void>();
let snapshot: ReadonlySet<string> = new Set();
const EMPTY: ReadonlySet<string> = new Set();

function changed() {
  snapshot = new Set([...opened.values()].flat());
  for (const listener of listeners) listener();
}

function listen(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every reply id opened in place on this page (a new set whenever one opens or closes). */
export function useOpenedReplies(): ReadonlySet<string> {
  return useSyncExternalStore(
    listen,
    () => snapshot,
    () => EMPTY,
  );
}

/** Tells the live layer which replies under `postId` are open in place (none: `null`), for as long as they are shown. */
export function useShowOpenedReplies(postId: string, replies: ReadonlyArray<{ id: string; replies: ReadonlyArray<unknown> }> | null) {
  const ids = replies ? idsUnder(replies) : null;
  const key = ids?.join(',') ?? '';
  useEffect(() => {
    if (!key) return;
    opened.set(postId, key.split(','));
    changed();
    return () => {
      opened.delete(postId);
      changed();
    };
  }, [postId, key]);
}

function idsUnder(replies: ReadonlyArray<{ id: string; replies: ReadonlyArray<unknown> }>): string[] {
  const ids: string[] = [];
  const walk = (list: ReadonlyArray<{ id: string; replies: ReadonlyArray<unknown> }>) => {
    for (const reply of list) {
      ids.push(reply.id);
      walk(reply.replies as typeof list);
    }
  };
  walk(replies);
  return ids;
}
