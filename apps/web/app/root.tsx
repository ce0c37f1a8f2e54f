import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useEffect, useState } from 'react';
import { KeyNotice } from './components/key-notice';
import { GeneralErrorBoundary } from './components/error-page';
import { commitFlash, getAuthorKey, getFlash, type Notice } from './lib/author.server';
import { useInlineStyles, useNonce } from './lib/nonce';
import { pageHeaders } from './lib/headers';

export const headers = pageHeaders;

// The stylesheet is not linked: the server writes it into the head (useInlineStyles, ADR 025).
export const links: LinksFunction = () => [{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }];

export const meta: MetaFunction = () => [
  { title: 'Steady' },
  { name: 'description', content: 'A calm, anonymous place to talk about a marriage that feels distant.' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [flash, authorKey] = await Promise.all([getFlash(request), getAuthorKey(request)]);
  const keyNotice = flash.get('keyNotice') ?? false;
  const notice = flash.get('notice') ?? null;
  const written = flash.get('written') ?? null;
  // The browser session's form token (ADR 009), for <CsrfField /> in every form.
  const result = {
    keyNotice,
    notice,
    written,
    hasKey: authorKey !== null,
    csrf: context.csrfToken ?? null,
    // "2 hours ago" is counted from here, on the server and in the browser's first render alike.
    now: Date.now(),
  };
  if (!keyNotice && !notice && !written) return result;
  // Reading a flash consumes it: commit so it is shown once.
  return data(result, { headers: { 'Set-Cookie': await commitFlash(request, flash) } });
}

/**
 * After a form was refused for its token (403), read the new one: otherwise the page would keep
 * sending the old one (ADR 009). Remix revalidates after a 4xx today; with the future flag
 * `v3_skipActionErrorRevalidation` it would not, and this keeps the token fresh then too.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 403 || defaultShouldRevalidate;

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  const nonce = useNonce();
  const styles = useInlineStyles();
  const care = root?.notice?.tone === 'care' ? root : null;
  // The help page places its warm message itself, just under the numbers to call.
  const onHelp = useLocation().pathname === '/help';
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        {/* The text is the server's; hydration keeps it (React does not compare inner HTML). */}
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: styles }} suppressHydrationWarning />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="bar">
            <Link to="/" className="site-name">
              Steady
            </Link>
            <nav aria-label="Site">
              <ul>
                <li>
                  <Link to="/me">Your posts</Link>
                </li>
                <li>
                  <Link to="/guidelines">Guidelines</Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {/* A key notice for a post (a string: its id) is shown beside that post, where the person lands. */}
          {root && !care ? <Notices keyNotice={root.keyNotice === true} notice={root.notice} /> : null}
          {care && !onHelp ? <Notices keyNotice={false} notice={care.notice} /> : null}
          {children}
          {/* After a crisis post, help comes first; the note about the key can wait below it. */}
          {care?.keyNotice ? <Notices keyNotice notice={null} /> : null}
        </main>
        <footer className="site-footer">
          <nav aria-label="Help and guidelines">
            <ul>
              <li>
                <Link to="/help" className="danger-link">
                  If you are in danger
                </Link>
              </li>
              <li>
                <Link to="/guidelines">Guidelines</Link>
              </li>
            </ul>
          </nav>
          <p>Steady is anonymous. Take what helps, leave the rest, and go at your own pace.</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * Once a browser receives its author key, say so, calmly, once. With JavaScript the panel stays
 * until dismissed, even while the page revalidates.
 */
function Notices({ keyNotice, notice }: { keyNotice: boolean; notice: Notice | null }) {
  const [showKeyNotice, setShowKeyNotice] = useState(keyNotice);
  const [shownNotice, setShownNotice] = useState(notice);
  const location = useLocation();
  useEffect(() => {
    if (keyNotice) setShowKeyNotice(true);
  }, [keyNotice]);
  useEffect(() => {
    setShownNotice(notice);
  }, [notice, location.key]);

  return (
    <>
      {shownNotice && !shownNotice.postId ? (
        <div className={`notice notice-${shownNotice.tone}`} role="status">
          <p>{shownNotice.text}</p>
        </div>
      ) : null}
      {showKeyNotice ? <KeyNotice /> : null}
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
