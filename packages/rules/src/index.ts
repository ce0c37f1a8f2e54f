// Steady's limits and the rules both apps apply: said once here, imported by the API (which has
// the final word) and by the web app (which says it early, beside the field, before a round trip).
// Pure: no I/O, no clock (pass `now` in), safe in the browser.

/** Longest post body, in characters as people see them (code points), after trimming. */
export const POST_BODY_MAX = 5000;

/** How long after posting its author may still edit a post. */
export const EDIT_WINDOW_MS = 30 * 60 * 1000;

/** Longest note a reader may add to a flag. */
export const FLAG_NOTE_MAX = 500;

/** Longest reason a moderator may give for a ban (kept for the audit log). */
export const BAN_REASON_MAX = 500;

/** Longest search, in characters (code points) after trimming: a few words, never a pasted post. */
export const SEARCH_QUERY_MAX = 200;

// One formatter for every call: toLocaleString builds a new one each time (pages spell limits per form).
const thousands = new Intl.NumberFormat('en-US');

/** A limit as people read it: 5000 → "5,000". */
export function spelled(limit: number): string {
  return thousands.format(limit);
}

/**
 * Whether a (trimmed) body fits POST_BODY_MAX. Counted in code points, so an emoji counts as
 * one; the cheap UTF-16 length answers first for almost every body.
 */
export function fitsBodyLimit(body: string): boolean {
  return body.length <= POST_BODY_MAX || Array.from(body).length <= POST_BODY_MAX;
}

/** Whether a post written at `createdAt` may still be edited at `now` (both in ms). */
export function withinEditWindow(createdAt: number, now: number): boolean {
  return now - createdAt <= EDIT_WINDOW_MS;
}

/** Longest internal note a moderator may add to a queue item (or to "handled"). */
export const MODERATOR_NOTE_MAX = 1000;

/** Longest private message a moderator may send to a post's author. */
export const AUTHOR_MESSAGE_MAX = 2000;
