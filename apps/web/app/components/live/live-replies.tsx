import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { plural } from '~/lib/format';
import { subscribeLive } from '~/lib/live.client';

const MY_ACTIVITY = `subscription MyActivity {
  myActivity { kind postId }
}`;

interface Activity {
  myActivity: { kind: string; postId: string };
}

/**
 * "Your posts", with JavaScript: replies that arrive while the page is open are counted in one
 * polite line ("1 new reply: show it"); pressing it reads the page again, nothing moves before.
 * The author's key never reaches the page: the web server's relay puts it in connection_init.
 * Without JavaScript nothing renders and the page is as before.
 */
export function LiveReplies({ knownIds }: { knownIds: ReadonlySet<string> }) {
  const [mounted, setMounted] = useState(false);
  const [fresh, setFresh] = useState<string[]>([]);
  const known = useRef(knownIds);
  known.current = knownIds;
  const revalidator = useRevalidator();

  useEffect(() => {
    setMounted(true);
    return subscribeLive<Activity>(MY_ACTIVITY, {}, ({ myActivity: a }) => {
      if (a.kind !== 'REPLY' || known.current.has(a.postId)) return;
      setFresh((ids) => (ids.includes(a.postId) ? ids : [...ids, a.postId]));
    });
  }, []);

  // Replies the page now lists are no longer new to it.
  const waiting = fresh.filter((id) => !knownIds.has(id));
  if (!mounted) return null;
  return (
    <div className="live-thread live-replies" aria-live="polite" aria-atomic="true">
      {waiting.length > 0 ? (
        <button
          type="button"
          className="live-thread-show"
          onClick={() => {
            setFresh([]);
            revalidator.revalidate();
          }}
        >
          {plural(waiting.length, 'new reply', 'new replies')} since you opened this page: show {waiting.length === 1 ? 'it' : 'them'}
        </button>
      ) : null}
    </div>
  );
}
