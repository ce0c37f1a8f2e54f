// "Send it again for review" on Your posts (ADR 018): the author of a rejected post changes it (or
// not) and sends it back to the moderators, once. The answer: back to the post on /me with a
// thank-you beside it, or the refusal beside the words, kept as typed.
import { data, redirect, type AppLoadContext } from '@remix-run/node';
import { ApiError } from './api.server';
import { flashNotices } from './form-results.server';
import { textField } from './forms.server';
import { checkPostBody } from './post-body';
import { appealPost } from './posts.server';

export type AppealResult = { ok: false; appeal: { postId: string; body: string; error: string } };

export async function appeal(request: Request, context: AppLoadContext, form: FormData) {
  const postId = textField(form, 'postId').slice(0, 40);
  const body = textField(form, 'body');
  const refused = (error: string, status = 400) => data<AppealResult>({ ok: false, appeal: { postId, body, error } }, { status });
  const checked = checkPostBody(body);
  if (!checked.ok) return refused(checked.message);
  let text: string;
  try {
    text = (await appealPost(request, context, { postId, body: checked.body })).message;
  } catch (error) {
    if (error instanceof ApiError) return refused(error.message, error.code === 'NOT_FOUND' ? 404 : 400);
    throw error;
  }
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  await flashNotices(request, headers, (flash) => {
    flash.flash('written', { postId, text });
    return true;
  });
  return redirect(`/me#my-post-${postId}`, { headers });
}
