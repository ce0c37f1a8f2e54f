import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { commitFlash, getAuthorKey, getFlash } from '~/lib/author.server';
import { pageHeaders } from '~/lib/headers';
import { CsrfField } from '~/components/csrf-field';
import { requireForm } from '~/lib/forms.server';

export const headers = pageHeaders;

export const meta: MetaFunction = () => [
  { title: 'Your private key · Steady' },
  { name: 'robots', content: 'noindex' },
];

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function loader({ request }: LoaderFunctionArgs) {
  const [flash, key] = await Promise.all([getFlash(request), getAuthorKey(request)]);
  return data(
    { revealable: Boolean(key) && flash.get('revealKey') === true, hasKey: Boolean(key) },
    { headers: NO_STORE }
  );
}

/** Shows the key once: the permission is spent as it is shown. The key travels only in this page's body. */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireForm(request, context);
  const [flash, key] = await Promise.all([getFlash(request), getAuthorKey(request)]);
  if (!key || flash.get('revealKey') !== true) {
    return data({ key: null }, { status: 403, headers: NO_STORE });
  }
  flash.unset('revealKey');
  return data({ key }, { headers: { ...NO_STORE, 'Set-Cookie': await commitFlash(request, flash) } });
}

export default function KeyPage() {
  const { revealable, hasKey } = useLoaderData<typeof loader>();
  const revealed = useActionData<typeof action>();

  return (
    <div className="key-page">
      <h1>Your private key</h1>
      {revealed?.key ? (
        <>
          <p>
            Here it is. Keep this like a password, somewhere only you can reach, such as a password manager. Anyone who
            has it can post and edit as you. Steady will not show it again.
          </p>
          <p className="key-box">
            <code aria-label="Your private key">{revealed.key}</code>
          </p>
          <p>
            To use it on another device, open <Link to="/me">Your posts</Link> there and paste it under “Use my key on
            this device”.
          </p>
        </>
      ) : revealable ? (
        <>
          <p>
            This browser holds a private key that lets you edit or remove what you wrote. You can see it once, now, to
            carry it to another device. Make sure no one is looking over your shoulder.
          </p>
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="reveal">
              Show my key once
            </button>
          </Form>
        </>
      ) : (
        <>
          {revealed && !revealed.key ? (
            <p className="form-error" role="alert">
              The key can no longer be shown here.
            </p>
          ) : null}
          <p>
            {hasKey
              ? 'Your key stays safely in this browser. For your protection it can be shown only once, just after your first post.'
              : 'This browser does not hold a key yet. One is made for you, quietly, the first time you post.'}
          </p>
          <p>
            <Link to="/me">Go to your posts</Link>
          </p>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
