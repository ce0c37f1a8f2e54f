// How the section page's action answers a form: a refusal beside the form with the words kept,
// the HTTP status for an API refusal, a success (in place with JavaScript, a redirect without),
// and the notices carried across that redirect in the flash cookie.
import { data, redirect, type AppLoadContext } from '@remix-run/node';
import type { FormResult } from '~/components/post-form';
import { ErrorCode } from '~/graphql/generated';
import { ApiError } from './api.server';
import { commitFlash, getFlash, type Notice } from './author.server';
import { textField } from './forms.server';
import type { IntentErrors } from './post-intents';

/** One submitted form: who sent it, how, where it goes back to, and the words it carried. */
export interface Submission {
  request: Request;
  context: AppLoadContext;
  /** Which form on the page answers (several forms share the action). */
  formId: string;
  /** Submitted by a fetcher (JavaScript): answered in place, not redirected. */
  withJs: boolean;
  /** The page the form was on, for the redirect without JavaScript. */
  back: string;
  /** The words typed, kept on any refusal. */
  text: string | undefined;
}

export function readSubmission(request: Request, context: AppLoadContext, form: FormData): Submission {
  const url = new URL(request.url);
  const body = form.get('body');
  return {
    request,
    context,
    formId: (textField(form, 'formId') || textField(form, 'intent')).slice(0, 100),
    withJs: form.get('_js') === '1',
    back: `${url.pathname.replace(/\.data$/, '')}${url.search}`,
    text: typeof body === 'string' ? body : undefined,
  };
}

/** Nothing happened: the reason beside the form, and the words as they were typed. */
export function refusal(submission: Submission, errors: IntentErrors, status = 400, headers?: HeadersInit, sendFailed = false) {
  const { formId, text } = submission;
  const values = errors.body !== undefined ? { body: text ?? '' } : text === undefined ? undefined : { body: text };
  const result: FormResult = { ok: false, formId, errors, values, ...(sendFailed ? { sendFailed } : {}) };
  return data(result, { status, headers });
}

/** What api.server throws when the API cannot be reached or fails on its side: a 5xx `data()`. */
export function isServerTrouble(error: unknown): boolean {
  if (!error || typeof error !== 'object' || !('init' in error)) return false;
  const status = (error as { init?: { status?: number } | null }).init?.status ?? 0;
  return status >= 500;
}

/** The HTTP status for an API refusal: 429 (with Retry-After as the API said), 404, else 400. */
export function statusOf(error: ApiError): { status: number; headers: Record<string, string> } {
  if (error.code === ErrorCode.RATE_LIMITED) {
    return { status: 429, headers: error.retryAfterSeconds ? { 'Retry-After': String(Math.ceil(error.retryAfterSeconds)) } : {} };
  }
  return { status: error.code === ErrorCode.NOT_FOUND ? 404 : 400, headers: {} };
}

/** The API's calm sentence, beside the words when it is about them. */
export function fromApiError(submission: Submission, error: ApiError) {
  const onBody = error.field === 'body' || error.code === ErrorCode.PAYLOAD_TOO_LARGE;
  const { status, headers } = statusOf(error);
  const errors = onBody ? { body: error.message } : { form: error.message };
  const result: FormResult = {
    ok: false,
    formId: submission.formId,
    errors,
    values: submission.text === undefined ? undefined : { body: submission.text },
  };
  return data(result, { status, headers });
}

/** Done: in place with JavaScript (with an optional message), else back to the page at the post. */
export function done(submission: Submission, postId: string | null, headers?: Headers, message?: string | null, keyNotice = false) {
  if (submission.withJs) {
    const result: FormResult = { ok: true, formId: submission.formId, postId, message: message ?? null, keyNotice };
    return data(result, { headers });
  }
  return redirect(postId ? `${submission.back}#post-${postId}` : submission.back, { headers });
}

export type Flash = Awaited<ReturnType<typeof getFlash>>;

/**
 * Notices for the next page (POST/redirect/GET): `write` sets them on the flash session; its
 * cookie is added to `headers` only when `write` says it set something.
 */
export async function flashNotices(request: Request, headers: Headers, write: (flash: Flash) => boolean): Promise<void> {
  const flash = await getFlash(request);
  if (write(flash)) headers.append('Set-Cookie', await commitFlash(request, flash));
}

export type { Notice };
