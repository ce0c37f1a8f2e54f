// A browser without a key yet has no author to scope the API's idempotency to: two quick
// submits of the same form would make two posts under two new keys. The web server holds the
// first submission's answer for a short while and hands it to the repeat, cookie and all.
// In memory only, briefly, and only for keyless first posts.

const HOLD_MS = 2 * 60 * 1000;
const MAX_ENTRIES = 2000;

const pending = new Map<string, { at: number; result: Promise<unknown> }>();

export function oncePerSubmission<T>(idempotencyKey: string | undefined, run: () => Promise<T>): Promise<T> {
  if (!idempotencyKey) return run();
  const now = Date.now();
  for (const [key, entry] of pending) {
    if (now - entry.at > HOLD_MS || pending.size > MAX_ENTRIES) pending.delete(key);
    else break; // Map keeps insertion order: the rest are newer.
  }
  const existing = pending.get(idempotencyKey);
  if (existing) return existing.result as Promise<T>;
  const result = run();
  pending.set(idempotencyKey, { at: now, result });
  result.catch(() => pending.delete(idempotencyKey));
  return result;
}
