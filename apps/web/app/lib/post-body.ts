// One rule for a post's words, used by the form in the browser and by the route action (whose
// schema, app/lib/post-intents.ts, refines with the same checks). Plain code, no schema library:
// the form ships to every reader (ADR 025).
import { fitsBodyLimit, POST_BODY_MAX, spelled } from '@steady/rules';

export { POST_BODY_MAX };

export const EMPTY_BODY_MESSAGE = 'Write a few words first, whenever you are ready.';
export const LONG_BODY_MESSAGE = `This is a little over ${spelled(POST_BODY_MAX)} characters. Could you shorten it, or share it in two posts?`;

/** The body, trimmed, or the calm sentence to show beside the field. */
export function checkPostBody(value: unknown): { ok: true; body: string } | { ok: false; message: string } {
  const body = typeof value === 'string' ? value.trim() : '';
  if (body.length === 0) return { ok: false, message: EMPTY_BODY_MESSAGE };
  // Counted in characters as people see them (code points), as the API counts.
  if (!fitsBodyLimit(body)) return { ok: false, message: LONG_BODY_MESSAGE };
  return { ok: true, body };
}
