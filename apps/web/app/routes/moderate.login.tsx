import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { isApiError } from '~/lib/api.server';
import { errorTitle } from '~/lib/format';
import { currentModerator, login, safeNext, setSessionCookie, clearSessionCookie, getSessionToken } from '~/lib/moderator.server';
import { pageHeaders } from '~/lib/headers';
import { CsrfField } from '~/components/csrf-field';
import { readForm, textField } from '~/lib/forms.server';

export const headers = pageHeaders;

export const meta: MetaFunction = ({ error }) => [
  { title: error ? errorTitle(error) : 'Sign in to moderate · Steady' },
  { name: 'robots', content: 'noindex, nofollow' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const next = safeNext(new URL(request.url).searchParams.get('next'));
  if (getSessionToken(request)) {
    // Already signed in: straight on. A session that ended is forgotten quietly.
    let signedIn = false;
    try {
      signedIn = (await currentModerator(request, context)) !== null;
    } catch (error) {
      if (!isApiError(error)) throw error;
    }
    if (signedIn) throw redirect(next);
    return data({ next }, { headers: { 'Set-Cookie': clearSessionCookie(request) } });
  }
  return { next };
}

interface LoginResult {
  error: string;
  email: string;
}

const EMAIL_MAX = 320;
const PASSWORD_MAX = 1024;

export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readForm(request, context);
  const { form } = posted;
  const email = textField(form, 'email').trim().slice(0, EMAIL_MAX);
  if (!posted.trusted) return data<LoginResult>({ error: posted.refusal, email }, { status: 403 });
  const password = textField(form, 'password');
  const next = safeNext(form.get('next'));

  if (!email || !password) {
    return data<LoginResult>({ error: 'Please enter your e-mail and your password.', email }, { status: 400 });
  }
  if (password.length > PASSWORD_MAX) {
    return data<LoginResult>({ error: 'That e-mail and password don’t match an account.', email }, { status: 401 });
  }

  try {
    const session = await login(request, context, email, password);
    return redirect(next, { headers: { 'Set-Cookie': setSessionCookie(request, session.token, session.expiresAt) } });
  } catch (error) {
    if (isApiError(error, 'RATE_LIMITED')) {
      const wait = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : null;
      const when = wait ? ` You can try again in about ${wait === 1 ? 'a minute' : `${wait} minutes`}.` : '';
      return data<LoginResult>(
        { error: `Too many sign-in attempts for now.${when}`, email },
        { status: 429, headers: error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {} },
      );
    }
    if (isApiError(error, 'UNAUTHENTICATED') || isApiError(error, 'BAD_USER_INPUT')) {
      return data<LoginResult>({ error: error.message, email }, { status: 401 });
    }
    throw error;
  }
}

export default function ModerateLogin() {
  const { next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const password = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const busy = navigation.state === 'submitting';

  // With JavaScript the form stays on the page: never keep the password after a refusal.
  useEffect(() => {
    if (!result?.error) return;
    if (password.current) password.current.value = '';
    errorRef.current?.focus();
  }, [result]);

  const describedBy = result?.error ? 'login-error' : undefined;

  return (
    <div className="moderate-login">
      <h1>Sign in to moderate</h1>
      <p className="lede">Thank you for looking after this space.</p>
      {result?.error ? (
        <p className="form-error login-error" id="login-error" role="alert" tabIndex={-1} ref={errorRef}>
          {result.error}
        </p>
      ) : null}
      <Form method="post" className="login-form">
        <CsrfField />
        <input type="hidden" name="next" value={next} />
        <div className="field">
          <label htmlFor="login-email">E-mail</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            maxLength={EMAIL_MAX}
            defaultValue={result?.email ?? ''}
            aria-describedby={describedBy}
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            ref={password}
            aria-describedby={describedBy}
          />
        </div>
        <div className="actions">
          <button type="submit" aria-disabled={busy ? true : undefined}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </Form>
      <p className="hint">Moderator accounts are made by an administrator. If you have lost your password, ask them for a new one.</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
