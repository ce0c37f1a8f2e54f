// Pure helpers of the search page (ADR 019), apart from the server module so they can be tested alone.

/**
 * The API escapes the snippet and marks the matches; a page that puts HTML from elsewhere into
 * itself checks it anyway: any `<` that does not open or close a <mark> is shown as text.
 */
export function onlyMarks(html: string): string {
  return html.replace(/<(?!\/?mark>)/g, '&lt;');
}

/** The link to a hit: its thread's page (keyset cursor from the API), at the post. */
export function threadHref(
  articleSlug: string,
  hit: { threadAfter?: string | null; section: { slug: string }; post: { id: string } },
): string {
  const page = hit.threadAfter ? `?after=${encodeURIComponent(hit.threadAfter)}` : '';
  return `/articles/${articleSlug}/${hit.section.slug}${page}#post-${hit.post.id}`;
}
