import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { formatDateTime, formatLocalDateTime, relativeTime } from '~/lib/format';
import { useHydrated } from '~/lib/hydrated';
import type { loader as rootLoader } from '~/root';

/**
 * The time of the request on the server, then (with JavaScript) the browser's clock, once a
 * minute: the first render in the browser matches the server's words, then they keep up.
 */
export function useNow(): number {
  const serverNow = useRouteLoaderData<typeof rootLoader>('root')?.now ?? null;
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now ?? serverNow ?? Date.now();
}

/**
 * "2 hours ago", with the full date for whoever wants it: in the title (hover), shown beside it
 * on keyboard focus, and read by screen readers. Without JavaScript the full date is in UTC;
 * with it, in the reader's own time zone.
 */
export function When({ iso, className }: { iso: string; className?: string }) {
  const now = useNow();
  const hydrated = useHydrated();
  const full = hydrated ? formatLocalDateTime(iso) : formatDateTime(iso);
  return (
    <time dateTime={iso} title={full} tabIndex={0} className={className ? `when ${className}` : 'when'}>
      {relativeTime(iso, now)}
      <span className="when-full"> ({full})</span>
    </time>
  );
}
