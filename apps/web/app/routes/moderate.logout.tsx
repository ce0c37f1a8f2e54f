import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { isApiError } from '~/lib/api.server';
import { clearSessionCookie, getSessionToken, logout } from '~/lib/moderator.server';
import { pageHeaders } from '~/lib/headers';
import { CsrfField } from '~/components/csrf-field';
import { requireForm } from '~/lib/forms.server';

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Sign out · Moderation · Steady' }, { name: 'robots', content: 'noindex, nofollow' }];

/** Signing out is a POST (a link or a prefetch must not end a session); this page offers the button. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!getSessionToken(request)) throw redirect('/moderate/login');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireForm(request, context);
  try {
    await logout(request, context);
  } catch (error) {
    // The session may have ended already, or the API may be away: the cookie goes either way,
    // so no one holds the token any more (it then simply expires on the server).
    if (!isApiError(error)) console.error('Signing out could not reach the API; the cookie was cleared.');
  }
  return redirect('/', { headers: { 'Set-Cookie': clearSessionCookie(request) } });
}

export default function ModerateLogout() {
  return (
    <div>
      <h1>Sign out</h1>
      <p>Thank you for your care today.</p>
      <Form method="post" className="actions">
        <CsrfField />
        <button type="submit">Sign out</button>
        <Link to="/moderate">Back to the queue</Link>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
