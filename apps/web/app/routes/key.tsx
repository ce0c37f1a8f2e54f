import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { clearAuthorKey, clearLastVisit, commitFlash, getAuthorKey, getFlash } from '~/lib/author.server';
import { pageHeaders } from '~/lib/headers';
import { CsrfField } from '~/components/csrf-field';
import { requireForm } from '~/lib/forms.server';

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Your private key · Steady' }, { name: 'robots', content: 'noindex' }];

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function loader({ request }: LoaderFunctionArgs) {
  return data({ hasKey: Boolean(await getAuthorKey(request)) }, { headers: NO_STORE });
}

/**
 * "reveal": shows the key to the browser that holds it, on a deliberate press (ADR 016); it
 * travels only in this answer's body, never stored. "forget": this browser lets go of the key.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await requireForm(request, context);
  const [flash, key] = await Promise.all([getFlash(request), getAuthorKey(request)]);
  if (form.get('intent') === 'forget') {
    flash.unset('revealKey');
    flash.flash('notice', {
      tone: 'info',
      text: key
        ? 'This browser has forgotten your key. If you saved a copy, you can use it here again at any time.'
        : 'This browser holds no key.',
    });
    const headers = new Headers(NO_STORE);
    headers.append('Set-Cookie', await clearAuthorKey(request));
    headers.append('Set-Cookie', await clearLastVisit(request));
    headers.append('Set-Cookie', await commitFlash(request, flash));
    return redirect('/me', { headers });
  }
  if (!key) return data({ key: null }, { status: 403, headers: NO_STORE });
  // The first post's one-time permission is no longer needed once the key has been seen.
  const headers = new Headers(NO_STORE);
  if (flash.has('revealKey')) {
    flash.unset('revealKey');
    headers.append('Set-Cookie', await commitFlash(request, flash));
  }
  return data({ key }, { headers });
}

export default function KeyPage() {
  const { hasKey } = useLoaderData<typeof loader>();
  const revealed = useActionData<typeof action>();
  const navigation = useNavigation();
  const forgetting = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'forget';

  return (
    <div className="key-page">
      <h1>Your private key</h1>
      {!hasKey ? (
        <>
          {revealed && !revealed.key ? (
            <p className="form-error" role="alert">
              This browser does not hold a key, so there is nothing to show.
            </p>
          ) : null}
          <p>This browser does not hold a key yet. One is made for you, quietly, the first time you post, react or flag something.</p>
          <p>
            <Link to="/me">Go to your posts</Link>
          </p>
        </>
      ) : revealed?.key ? (
        <section aria-labelledby="shown-title">
          <h2 id="shown-title">Here is your key</h2>
          <p className="key-box">
            <code aria-label="Your private key">{revealed.key}</code>
          </p>
          <p>
            Keep it somewhere only you can reach, such as a password manager. Anyone who has it can post and edit as you, so please don't
            share it or post it anywhere.
          </p>
          <p>
            To use it on another device, open <Link to="/me">Your posts</Link> there and paste it under “Use my key on this device”.
          </p>
        </section>
      ) : (
        <section aria-labelledby="show-title">
          <h2 id="show-title">Show my key on this device</h2>
          <p>
            This browser holds the private key that lets you edit or remove what you wrote and find your posts again. To carry it to another
            device, you can see it here.
          </p>
          <p>It works like a password: anyone who sees it can post as you. Please check that no one is looking over your shoulder first.</p>
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="reveal">
              Show my key on this device
            </button>
          </Form>
        </section>
      )}

      {hasKey ? (
        <section aria-labelledby="forget-title" className="forget" id="forget">
          <h2 id="forget-title">Forget me on this device</h2>
          <p>
            On a shared computer, you can ask this browser to let go of your key. Your posts stay on Steady, but this browser will no longer
            show them under “Your posts” or let you edit them.
          </p>
          <p className="warning">
            <strong>Before you do:</strong> the key will be gone from this browser. Without a saved copy, those posts can't be edited or
            removed from here, and Steady cannot give the key back.
          </p>
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="forget" className="danger">
              {forgetting ? 'Forgetting…' : 'Forget me on this device'}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
