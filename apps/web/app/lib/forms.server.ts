// Every action reads its form here (ADR 009): only form encodings, parsed without a 500, and
// only with the per-session token that Steady's own pages put in every form. The Express server
// (security.mjs) has already refused writes from other sites and bodies over the limit.
import { data, type AppLoadContext } from '@remix-run/node';

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce. */
    cspNonce?: string;
    /** The browser session's form token, for the pages to put in their forms. */
    csrfToken?: string;
    /** Whether a posted form's token is this browser session's. */
    verifyCsrf?: (formValue: FormDataEntryValue | null) => boolean;
  }
}

/** The hidden field's name; security.mjs's CSRF_FIELD. */
export const CSRF_FIELD = 'csrf';

export const FORGED_MESSAGE =
  'This page was open for a while, so Steady could not be sure the form came from it. Nothing was changed: please send it again.';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The form, or a calm 415/400 thrown to the route's error page (or to the fetcher as data). */
async function parseForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw data(
      { message: 'Steady’s pages send forms, and this was something else, so nothing was changed. Please use the form on the page.' },
      { status: 415 },
    );
  }
  try {
    return await request.formData();
  } catch {
    throw data({ message: 'That form arrived incomplete, so nothing was changed. Please try again.' }, { status: 400 });
  }
}

export type PostedForm = { form: FormData; trusted: true } | { form: FormData; trusted: false; refusal: string };

/**
 * For actions that keep what was typed when the token does not match (a page left open, a new
 * session): they answer with `refusal` beside the form, and the page comes back with a fresh token.
 */
export async function readForm(request: Request, context: AppLoadContext): Promise<PostedForm> {
  const form = await parseForm(request);
  if (!context.verifyCsrf) {
    throw new Error('The web app must run behind its own server (apps/web/server.mjs): it gives every form its token.');
  }
  return context.verifyCsrf(form.get(CSRF_FIELD)) ? { form, trusted: true } : { form, trusted: false, refusal: FORGED_MESSAGE };
}

/** For actions with nothing typed to keep: a token that does not match ends in a calm 403 page. */
export async function requireForm(request: Request, context: AppLoadContext): Promise<FormData> {
  const posted = await readForm(request, context);
  if (!posted.trusted) throw data({ message: posted.refusal }, { status: 403 });
  return posted.form;
}

/** A text field of a posted form: '' when it is missing or is a file (Steady's forms send no files). */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
