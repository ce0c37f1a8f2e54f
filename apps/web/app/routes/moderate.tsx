import type { HeadersFunction, LinksFunction, MetaFunction } from '@remix-run/node';
import { Outlet } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { pageHeaders } from '~/lib/headers';
import moderateStyles from '~/moderate.css?url';

// The moderators' pages: their own stylesheet, never cached, never indexed.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: moderateStyles }];

export const meta: MetaFunction = () => [{ title: 'Moderation · Steady' }, { name: 'robots', content: 'noindex, nofollow' }];

export const headers: HeadersFunction = (args) => {
  const headers = pageHeaders(args) as Headers;
  headers.set('Cache-Control', 'private, no-store');
  headers.set('X-Robots-Tag', 'noindex, nofollow');
  return headers;
};

export default function ModerateLayout() {
  return (
    <div className="moderate">
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="moderate">
      <GeneralErrorBoundary />
    </div>
  );
}
