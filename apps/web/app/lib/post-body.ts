// One schema for a post's words, used by the form in the browser and by the route action.
// zod/mini keeps what the browser downloads small.
import { fitsBodyLimit, POST_BODY_MAX, spelled } from '@steady/rules';
import * as z from 'zod/mini';

export { POST_BODY_MAX };

export const EMPTY_BODY_MESSAGE = 'Write a few words first, whenever you are ready.';
export const LONG_BODY_MESSAGE = `This is a little over ${spelled(POST_BODY_MAX)} characters. Could you shorten it, or share it in two posts?`;

export const PostBodySchema = z.string(EMPTY_BODY_MESSAGE).check(
  z.trim(),
  z.minLength(1, EMPTY_BODY_MESSAGE),
  // Counted in characters as people see them (code points), as the API counts.
  z.refine(fitsBodyLimit, LONG_BODY_MESSAGE),
);

/** The body, trimmed, or the calm sentence to show beside the field. */
export function checkPostBody(value: unknown): { ok: true; body: string } | { ok: false; message: string } {
  const result = PostBodySchema.safeParse(value);
  if (result.success) return { ok: true, body: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? EMPTY_BODY_MESSAGE };
}
