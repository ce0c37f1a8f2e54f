// The section page's action, one small handler per intent (app/lib/post-intents.ts says which
// intents there are and what each carries). Each calls the API and answers through
// form-results.server.ts; an ApiError is turned into a refusal by the route.
import { data, redirect, type ActionFunctionArgs } from '@remix-run/node';
import type { FormResult } from '~/components/post-form';
import { CrisisConcern, PostOutcome } from '~/graphql/generated';
import { ApiError } from './api.server';
import { ensureAuthorKey, getAuthorKey, setAuthorKey } from './author.server';
import { done, flashNotices, fromApiError, readSubmission, refusal, type Submission } from './form-results.server';
import { readForm } from './forms.server';
import { oncePerSubmission } from './once.server';
import { parsePostIntent, type IntentOf, type PostIntent } from './post-intents';
import { createPost, deletePost, editPost, flagPost, react, type CreatePostResult } from './posts.server';

/** The action of every page that shows posts (a section's thread, a post's replies). */
export async function postsAction({ request, context }: Pick<ActionFunctionArgs, 'request' | 'context'>) {
  const posted = await readForm(request, context);
  const submission = readSubmission(request, context, posted.form);
  // A page left open, or a form from somewhere else: nothing happens, the words stay.
  if (!posted.trusted) return refusal(submission, { form: posted.refusal }, 403);

  const parsed = parsePostIntent(posted.form);
  if (!parsed.ok) return refusal(submission, parsed.errors);
  try {
    return await handleIntent(parsed.intent, submission);
  } catch (error) {
    if (error instanceof ApiError) return fromApiError(submission, error);
    throw error;
  }
}

export function handleIntent(intent: PostIntent, submission: Submission) {
  switch (intent.intent) {
    case 'create':
      return create(intent, submission);
    case 'edit':
      return edit(intent, submission);
    case 'delete':
      return remove(intent, submission);
    case 'react':
      return reactTo(intent, submission);
    case 'flag':
      return flag(intent, submission);
  }
}

async function create(intent: IntentOf<'create'>, submission: Submission) {
  const { request, context } = submission;
  const { intent: _, ...input } = intent;
  const { idempotencyKey, acknowledgeNudge } = input;
  // Without a key, the same submission twice (a double click before the cookie exists) posts once.
  const payload = (await getAuthorKey(request))
    ? await createPost(request, context, input)
    : await oncePerSubmission(idempotencyKey && `${idempotencyKey}:${acknowledgeNudge ?? ''}`, () => createPost(request, context, input));
  return written(payload, submission);
}

async function edit(intent: IntentOf<'edit'>, submission: Submission) {
  const { postId, body, acknowledgeNudge } = intent;
  return written(await editPost(submission.request, submission.context, { postId, body, acknowledgeNudge }), submission);
}

/** After a post or an edit: a nudge keeps the words; otherwise the key, a notice, or help first. */
async function written(payload: CreatePostResult, submission: Submission) {
  const { request, formId, back, text } = submission;
  if (payload.outcome === PostOutcome.NUDGED || !payload.post) {
    const result: FormResult = {
      ok: false,
      formId,
      errors: {},
      values: { body: text ?? '' },
      nudge: { message: payload.message, nudgeId: payload.nudgeId ?? null },
    };
    return data(result);
  }

  const postId = payload.post.id;
  const headers = new Headers();
  if (payload.authorKey) headers.append('Set-Cookie', await setAuthorKey(request, payload.authorKey));
  await flashNotices(request, headers, (flash) => {
    let flashed = false;
    if (payload.authorKey) {
      flash.flash('keyNotice', true);
      flash.set('revealKey', true);
      flashed = true;
    }
    if (payload.outcome === PostOutcome.HELD) {
      flash.flash('notice', { tone: 'info', text: payload.message });
      flashed = true;
    }
    if (payload.outcome === PostOutcome.CRISIS) {
      flash.flash('notice', {
        tone: 'care',
        text: payload.message,
        back: `${back}#post-${postId}`,
        concern: payload.concern === CrisisConcern.OTHER ? 'OTHER' : 'SELF',
      });
      flashed = true;
    }
    return flashed;
  });
  if (payload.outcome === PostOutcome.CRISIS) {
    // Help comes first, before anything else: the help page, with this message on top. The
    // resources are the same list as the payload's (content/resources.md), read there, as a
    // redirect cannot carry them (a cookie is too small) and the page must work without JS.
    return redirect('/help#main', { headers });
  }
  return done(submission, postId, headers, payload.outcome === PostOutcome.HELD ? payload.message : null);
}

async function remove(intent: IntentOf<'delete'>, submission: Submission) {
  await deletePost(submission.request, submission.context, intent.postId);
  return done(submission, null);
}

async function reactTo(intent: IntentOf<'react'>, submission: Submission) {
  const { request, context } = submission;
  // A reader who never posted gets a key here, silently: reactions are counted once per key.
  const reader = await ensureAuthorKey(request, context);
  await react(request, context, intent.postId, intent.kind, reader.key);
  return done(submission, intent.postId, reader.setCookie ? new Headers({ 'Set-Cookie': reader.setCookie }) : undefined);
}

async function flag(intent: IntentOf<'flag'>, submission: Submission) {
  const { request, context, back, withJs } = submission;
  const { postId, reason, note } = intent;
  const reader = await ensureAuthorKey(request, context);
  const thanks = await flagPost(request, context, { postId, reason, note: note || undefined }, reader.key);
  const headers = new Headers();
  if (reader.setCookie) headers.append('Set-Cookie', reader.setCookie);
  if (withJs) return done(submission, postId, headers, thanks);
  // Without JavaScript the thanks waits beside the post after the redirect.
  await flashNotices(request, headers, (flash) => {
    flash.flash('notice', { tone: 'info', text: thanks, postId });
    return true;
  });
  return redirect(`${back}#post-${postId}`, { headers });
}
