import { data, type MetaFunction } from '@remix-run/node';
import { GeneralErrorBoundary } from '~/components/error-page';
import { pageHeaders } from '~/lib/headers';

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Page not found · Steady' }];

export function loader() {
  throw data({ message: 'No page has that address.' }, { status: 404 });
}

export function action() {
  throw data({ message: 'No page has that address.' }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
