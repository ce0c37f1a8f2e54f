import { useFetcher, useRevalidator, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { subscribeLive } from '~/lib/live.client';
import type { loader as rootLoader } from '~/root';

const QUEUE_EVENTS = `subscription LiveQueue {
  moderationQueue { kind postId priority item { id reasons } }
}`;

interface QueueEvent {
  moderationQueue: {
    kind: 'ADDED' | 'CLAIMED' | 'RELEASED' | 'DECIDED';
    postId: string;
    priority: number;
    item: { id: string; reasons: string[] } | null;
  };
}

/** The queue's crisis priority (API: moderation/decision.ts PRIORITY.CRISIS); nothing else reaches it. */
const CRISIS_PRIORITY = 100;

/** A short, soft two-note chime; silent where the browser does not allow sound yet. */
function chime() {
  try {
    const AudioCtx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    const audio = new AudioCtx();
    [660, 880].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, audio.currentTime + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.15, audio.currentTime + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.18 + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.18);
      tone.stop(audio.currentTime + i * 0.18 + 0.32);
    });
    setTimeout(() => void audio.close(), 1000);
  } catch {
    // Sound is a courtesy; the visible cue is the message.
  }
}

/**
 * With JavaScript, the queue updates in place as items arrive or are decided by anyone (the page's
 * data is read again; cards keep their place and what a moderator typed). A new crisis item moves
 * to the top with a message in an alert region, a highlight (still, with reduced motion) and a
 * soft chime. Without JavaScript the page is as before.
 */
export function LiveQueue({ holdsEnd }: { holdsEnd: string[] }) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [crisis, setCrisis] = useState<string | null>(null);

  // A hold ends by itself after a few minutes (no event says so): read the queue again then.
  const nextEnd = holdsEnd.reduce((soonest, iso) => Math.min(soonest, Date.parse(iso)), Infinity);
  useEffect(() => {
    if (!Number.isFinite(nextEnd)) return;
    const timer = setTimeout(() => revalidate.current(), Math.max(0, nextEnd - Date.now()) + 1000);
    return () => clearTimeout(timer);
  }, [nextEnd]);

  useEffect(
    () =>
      subscribeLive<QueueEvent>(QUEUE_EVENTS, {}, ({ moderationQueue: e }) => {
        revalidate.current();
        if (e.kind === 'ADDED' && e.priority >= CRISIS_PRIORITY && e.item) {
          setCrisis(e.item.id);
          chime();
        }
      }),
    [],
  );

  useEffect(() => {
    if (!crisis) return;
    document.querySelector(`[data-queue-item="${CSS.escape(crisis)}"]`)?.classList.add('live-arrived');
  });

  return (
    <div className="live-queue" role="alert">
      {crisis ? <p className="live-crisis">A crisis post just arrived. It is at the top of the queue.</p> : null}
    </div>
  );
}

/**
 * With JavaScript, the page marks the cards it shows as seen (ADR 021) through the page's own
 * CSRF-checked action, and only while the page is visible: a card the live queue put into a tab
 * nobody is looking at stays unseen, so its crisis alerts keep going. One request at a time; ids
 * that arrive meanwhile go with the next.
 */
export function useMarkSeen(items: { id: string; firstViewedAt?: string | null }[]) {
  const fetcher = useFetcher();
  const csrf = useRouteLoaderData<typeof rootLoader>('root')?.csrf;
  const sent = useRef(new Set<string>());
  const [visible, setVisible] = useState(false);
  const unseen = items
    .filter((item) => !item.firstViewedAt)
    .map((item) => item.id)
    .join(',');

  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    update();
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);

  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  useEffect(() => {
    if (!visible || !csrf || fetcher.state !== 'idle') return;
    const ids = unseen.split(',').filter((id) => id && !sent.current.has(id));
    if (!ids.length) return;
    for (const id of ids) sent.current.add(id);
    submit.current({ intent: 'seen', itemIds: ids.join(','), csrf }, { method: 'post' });
  }, [unseen, visible, csrf, fetcher.state]);
}
