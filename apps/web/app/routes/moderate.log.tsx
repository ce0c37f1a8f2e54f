import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { ModeratorBar } from '~/components/moderate/moderator-bar';
import { auditWords } from '~/components/moderate/words';
import { isApiError } from '~/lib/api.server';
import { errorTitle, formatDateTime } from '~/lib/format';
import { asModerator, auditLog, currentModerator, toSignIn } from '~/lib/moderator.server';
import { pageHeaders } from '~/lib/headers';

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page, error }) => [
  {
    title: error
      ? errorTitle(error)
      : page && 'forbidden' in page && page.forbidden
        ? 'Only administrators can read the log · Steady'
        : 'Audit log · Moderation · Steady',
  },
  { name: 'robots', content: 'noindex, nofollow' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const before = url.searchParams.get('before');
  if (before !== null && !/^\d{1,19}$/.test(before)) throw redirect('/moderate/log');

  return asModerator(request, async () => {
    const moderator = await currentModerator(request, context);
    if (!moderator) toSignIn(request);
    if (moderator.role !== 'ADMIN') {
      return data({ forbidden: true as const, moderator }, { status: 403 });
    }
    try {
      const log = await auditLog(request, context, before);
      return { forbidden: false as const, moderator, before, ...log };
    } catch (error) {
      // The role changed since we asked: the same calm page.
      if (isApiError(error, 'FORBIDDEN')) return data({ forbidden: true as const, moderator }, { status: 403 });
      throw error;
    }
  });
}

export default function AuditLog() {
  const page = useLoaderData<typeof loader>();

  if (page.forbidden) {
    return (
      <div>
        <ModeratorBar moderator={page.moderator} />
        <h1>Only administrators can read the log</h1>
        <p>
          The log keeps every decision, by people and by the tone rules. An administrator can read it with you if you need something from
          it.
        </p>
        <p>
          <Link to="/moderate">Back to the queue</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="log-page">
      <ModeratorBar moderator={page.moderator} />
      <h1>Audit log</h1>
      <p className="lede">Every decision, by moderators and by the tone rules, newest first. Entries are only ever added, never changed.</p>
      {page.entries.length === 0 ? (
        <p className="queue-empty">Nothing has been recorded yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="log-caption" tabIndex={0}>
          <table className="log">
            <caption id="log-caption">{page.before ? 'Older entries' : 'Latest entries'}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Post</th>
                <th scope="col">Reason</th>
                <th scope="col">Rules version</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>{entry.actor === 'system' ? 'Automatic' : entry.actor}</td>
                  <td>
                    {auditWords(entry.action)}
                    {auditWords(entry.action) !== entry.action ? <span className="action-code"> ({entry.action})</span> : null}
                  </td>
                  <td>{entry.postId ? `#${entry.postId}` : '–'}</td>
                  <td>{entry.reason || '–'}</td>
                  <td>{entry.rulesVersion || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.before || page.hasNextPage ? (
        <nav className="pager" aria-label="More of the log">
          <ul>
            {page.before ? (
              <li>
                <Link to="/moderate/log">Newest entries</Link>
              </li>
            ) : null}
            {page.hasNextPage && page.endCursor ? (
              <li>
                <Link to={`/moderate/log?before=${encodeURIComponent(page.endCursor)}`}>Older entries</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
