// The flag page's addresses (ADR 027): pure, so the browser's "Flag" link and the server's
// checks of `back` are the same code, tested alone (flag-page.spec.ts).

/** A thread page's `after` cursor as the API writes them (base64url). */
const CURSOR = /^[A-Za-z0-9_=-]{1,200}$/;
const POST_ID = /^\d{1,19}$/;

/** The flag page of a post, for a reader who came from `from` (the thread or replies page they are on). */
export function flagHref(slug: string, section: string, postId: string, from: string): string {
  return `/articles/${slug}/${section}/flag/${postId}?back=${encodeURIComponent(from)}`;
}

/**
 * Where the flag page leads back to: `back` when it is this section's thread page or one of its
 * replies pages (optionally with an `?after=` cursor), rebuilt from its parts; anything else (another
 * site, another section, a path with more in it) is the section's first page. Never an open redirect.
 */
export function safeBack(back: string | null, slug: string, section: string): string {
  const thread = `/articles/${slug}/${section}`;
  if (!back || !back.startsWith(`${thread}`)) return thread;
  const [path, query, ...rest] = back.split('?');
  if (rest.length > 0) return thread;
  const replies = path.slice(thread.length);
  let page = thread;
  if (replies) {
    const id = replies.startsWith('/replies/') ? replies.slice('/replies/'.length) : '';
    if (!POST_ID.test(id)) return thread;
    page = `${thread}/replies/${id}`;
  }
  if (query === undefined || query === '') return page;
  const params = [...new URLSearchParams(query)];
  if (params.length !== 1 || params[0][0] !== 'after' || !CURSOR.test(params[0][1])) return thread;
  return `${page}?after=${encodeURIComponent(params[0][1])}`;
}
