import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react';

function messageOf(data: unknown): string | null {
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  return null;
}

/** Every route's ErrorBoundary: a calm page with a way back, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;

  if (status === 404) {
    return (
      <ErrorPage title="We couldn't find that page">
        <p>The page you were looking for isn't here. It may have moved, or the link may have a small typo.</p>
        <p>
          <Link to="/">Go back to the articles</Link>
        </p>
      </ErrorPage>
    );
  }

  if (status === 503) {
    return (
      <ErrorPage title="Steady can't reach its discussions right now">
        <p>
          {(isRouteErrorResponse(error) && messageOf(error.data)) ||
            "Steady can't reach its discussions right now. Please try again in a few minutes."}
        </p>
        <p>
          If you need someone to talk to now, <Link to="/help">these services can help</Link>.
        </p>
      </ErrorPage>
    );
  }

  // A form Steady could not accept (from elsewhere, not a form, too long): nothing was changed.
  if (isRouteErrorResponse(error) && status >= 400 && status < 500) {
    return (
      <ErrorPage title="That could not be sent">
        <p>{messageOf(error.data) || 'Nothing was changed. Please go back and try again.'}</p>
        <p>
          <Link to="/">Go back to the articles</Link>
        </p>
      </ErrorPage>
    );
  }

  if (!isRouteErrorResponse(error)) console.error(error instanceof Error ? error.message : 'Unexpected error');

  return (
    <ErrorPage title="Something went wrong on our side">
      <p>
        {(isRouteErrorResponse(error) && messageOf(error.data)) ||
          'This page could not be shown just now. Nothing you did caused it. Please try again in a moment.'}
      </p>
      <p>
        <Link to="/">Go back to the articles</Link>
      </p>
    </ErrorPage>
  );
}

function ErrorPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="error-page">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
