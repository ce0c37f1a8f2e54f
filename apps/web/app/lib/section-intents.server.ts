// The section page's action, one small handler per intent (app/lib/post-intents.ts says which
// intents there are and what each carries). Each calls the API and answers through
// form-results.server.ts; an ApiError is turned into a refusal by the route.
import { data, redirect, type ActionFunctionArgs } from '@remix-run/node';
import { KEY_NOTICE_ANCHOR } from '~/components/key-notice';
import { SEND_FAILED_MESSAGE, type FormResult } from '~/components/post-form';
import { CrisisConcern, PostOutcome } from '~/graphql/generated';
import { ApiError } from './api.server';
import { ensureAuthorKey, getAuthorKey, setAuthorKey } from './author.server';
import {
  done,
  flashNotices,
  fromApiError,
  isServerTrouble,
  readSubmission,
  refusal,
  type Flash,
  type Submission,
} from './form-results.server';
import { readForm } from './forms.server';
import { oncePerSubmission } from './once.server';
import { parsePostIntent, UNKNOWN_INTENT_MESSAGE, type IntentOf, type PostIntent } from './post-intents';
import { createPost, deletePost, editPost, flagPost, pageOf, react, type CreatePostResult } from './posts.server';

/** The action of every page that shows posts (a section's thread, a post's replies). */
export async function postsAction({ request, context }: Pick<ActionFunctionArgs, 'request' | 'context'>) {
  return answer(request, context, (intent, submission) => handleIntent(intent, submission));
}

/**
 * The flag page's action (ADR 027): only a flag of that page's post; the person goes back to
 * `back` (already checked: this section's thread or replies page), beside the post, as after an
 * in-place flag without JavaScript. The page is a plain form, so it always answers with a redirect.
 */
export async function flagPageAction(
  { request, context }: Pick<ActionFunctionArgs, 'request' | 'context'>,
  page: { postId: string; back: string },
) {
  return answer(
    request,
    context,
    async (intent, submission) => {
      if (intent.intent !== 'flag' || intent.postId !== page.postId) return refusal(submission, { form: UNKNOWN_INTENT_MESSAGE });
      return flag(intent, { ...submission, back: page.back, withJs: false });
    },
    { withJs: false },
  );
}

/** Reads and checks the form, then `handle`s its intent; a refusal keeps the words beside the form. */
async function answer<T>(
  request: Request,
  context: ActionFunctionArgs['context'],
  handle: (intent: PostIntent, submission: Submission) => Promise<T> | T,
  override: Partial<Submission> = {},
) {
  const posted = await readForm(request, context);
  const submission = { ...readSubmission(request, context, posted.form), ...override };
  // A page left open, or a form from somewhere else: nothing happens, the words stay.
  if (!posted.trusted) return refusal(submission, { form: posted.refusal }, 403);

  const parsed = parsePostIntent(posted.form);
  if (!parsed.ok) return refusal(submission, parsed.errors);
  try {
    return await handle(parsed.intent, submission);
  } catch (error) {
    if (error instanceof ApiError) return fromApiError(submission, error);
    // The API could not be reached: the words stay in the form, with a calm sentence.
    if (isServerTrouble(error)) return refusal({ ...submission }, { form: SEND_FAILED_MESSAGE }, 503, undefined, true);
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
  const { intent: _, choice, nudgeMessage, ...input } = intent;
  if (choice === 'edit') return editWords(submission, input.nudgeId, nudgeMessage);
  const { idempotencyKey, acknowledgeNudge } = input;
  // Without a key, the same submission twice (a double click before the cookie exists) posts once.
  const payload = (await getAuthorKey(request))
    ? await createPost(request, context, input)
    : await oncePerSubmission(idempotencyKey && `${idempotencyKey}:${acknowledgeNudge ?? ''}`, () => createPost(request, context, input));
  return written(payload, submission, { isReply: Boolean(input.parentId), isEdit: false, sectionId: input.sectionId });
}

async function edit(intent: IntentOf<'edit'>, submission: Submission) {
  const { postId, body, acknowledgeNudge } = intent;
  return written(await editPost(submission.request, submission.context, { postId, body, acknowledgeNudge }), submission, {
    isReply: false,
    isEdit: true,
  });
}

/**
 * "Edit my words" after a nudge, without JavaScript: nothing is sent to the API; the form comes
 * back with the words, the box focused, and the nudge's sentence once, as a reminder.
 */
function editWords(submission: Submission, nudgeId: string | undefined, nudgeMessage: string | undefined) {
  const result: FormResult = {
    ok: false,
    formId: submission.formId,
    errors: {},
    values: { body: submission.text ?? '' },
    nudge: nudgeMessage ? { message: nudgeMessage, nudgeId: nudgeId ?? null } : null,
    editing: true,
  };
  return data(result);
}

/** What the person reads once their words are up (a held post: the API's sentence instead). */
function writtenText(isReply: boolean, isEdit: boolean): string {
  if (isEdit) return 'Your changes are saved.';
  return isReply ? 'Your reply is up.' : 'Your post is up. Thank you for sharing.';
}

/** After a post or an edit: a nudge keeps the words; otherwise the key, a notice, or help first. */
async function written(payload: CreatePostResult, submission: Submission, kind: { isReply: boolean; isEdit: boolean; sectionId?: string }) {
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
  const crisis = payload.outcome === PostOutcome.CRISIS;
  const held = payload.outcome === PostOutcome.HELD;
  const message = held ? payload.message : writtenText(kind.isReply, kind.isEdit);
  // With JavaScript the answer says it in place (the form is where the person is); a redirect
  // (no JavaScript, or a crisis) carries it across in the flash.
  const redirects = crisis || !submission.withJs;
  await flashNotices(request, headers, (flash) => {
    let flashed = false;
    if (payload.authorKey) {
      // Beside the new post where the person lands; after a crisis, under the help.
      if (redirects) flash.flash('keyNotice', crisis ? true : postId);
      flash.set('revealKey', true);
      flashed = true;
    }
    if (!crisis && redirects) {
      flash.flash('written', { postId, text: message });
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
  if (submission.withJs) {
    const result: FormResult = { ok: true, formId, postId, message, keyNotice: Boolean(payload.authorKey) };
    return data(result, { headers });
  }
  // A new top-level post is the thread's newest: it may be on a later page than the form's.
  const page =
    !kind.isReply && !kind.isEdit && kind.sectionId
      ? await pageOf(request, submission.context, kind.sectionId, postId, payload.authorKey)
      : null;
  const target = page === null ? back : `${new URL(back, 'http://x').pathname}${page ? `?after=${encodeURIComponent(page)}` : ''}`;
  return redirect(`${target}#post-${postId}`, { headers });
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
  const headers = new Headers();
  if (reader.setCookie) {
    headers.append('Set-Cookie', reader.setCookie);
    await flashNotices(request, headers, (flash) => newKeyMoment(submission, flash, intent.postId));
  }
  // Without JavaScript, a key made here lands the page on its notice, beside the post: it cannot be missed.
  if (reader.setCookie && !submission.withJs) return redirect(`${submission.back}#${KEY_NOTICE_ANCHOR}`, { headers });
  return done(submission, intent.postId, headers, null, Boolean(reader.setCookie));
}

async function flag(intent: IntentOf<'flag'>, submission: Submission) {
  const { request, context, back, withJs } = submission;
  const { postId, reason, note } = intent;
  const reader = await ensureAuthorKey(request, context);
  const thanks = await flagPost(request, context, { postId, reason, note: note || undefined }, reader.key);
  const headers = new Headers();
  if (reader.setCookie) headers.append('Set-Cookie', reader.setCookie);
  // Without JavaScript the thanks waits beside the post after the redirect.
  await flashNotices(request, headers, (flash) => {
    if (reader.setCookie) newKeyMoment(submission, flash, postId);
    if (!withJs) flash.flash('notice', { tone: 'info', text: thanks, postId });
    return Boolean(reader.setCookie) || !withJs;
  });
  if (withJs) return done(submission, postId, headers, thanks, Boolean(reader.setCookie));
  return redirect(`${back}#${reader.setCookie ? KEY_NOTICE_ANCHOR : `post-${postId}`}`, { headers });
}

/**
 * A reaction or a flag gave this browser its key (ADR 018): the same moment to save it as after a
 * first post, beside that post (in the answer with JavaScript, in the flash without).
 */
function newKeyMoment(submission: Submission, flash: Flash, postId: string): true {
  flash.set('revealKey', true);
  if (!submission.withJs) flash.flash('keyNotice', postId);
  return true;
}
