import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { ModeratorBar } from '~/components/moderate/moderator-bar';
import { AUDIT_GROUPS, auditReasonWords, auditWords } from '~/components/moderate/words';
import { isApiError } from '~/lib/api.server';
import { errorTitle, formatDateTime } from '~/lib/format';
import { asModerator, auditLog, currentModerator, toSignIn, type AuditEntry, type AuditLogFilter } from '~/lib/moderator.server';
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

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTOR = /^(?:system|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** What the filter form asked for, as typed (to show it again), and what goes to the API. */
function readFilter(url: URL) {
  const who = url.searchParams.get('who') ?? '';
  const what = url.searchParams.get('what') ?? '';
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const problems: string[] = [];
  const day = (value: string, field: string) => {
    if (!value) return null;
    const at = DAY.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value) {
      problems.push(`The ${field} date is not one we can read: please pick it again.`);
      return null;
    }
    return at;
  };
  const since = day(from, 'first');
  const last = day(to, 'last');
  // The last day is included: the range ends at the start of the day after it.
  const until = last ? new Date(last.getTime() + 24 * 60 * 60 * 1000) : null;
  if (since && until && since >= until) problems.push('The last day comes before the first: please swap the dates.');
  const group = AUDIT_GROUPS.find((g) => g.key === what) ?? null;
  const filter: AuditLogFilter = {
    actor: ACTOR.test(who) ? who.toLowerCase() : null,
    actions: group ? group.actions : null,
    since: problems.length ? null : (since?.toISOString() ?? null),
    until: problems.length ? null : (until?.toISOString() ?? null),
  };
  return { form: { who: filter.actor ?? '', what: group?.key ?? '', from, to }, filter, problems };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const before = url.searchParams.get('before');
  if (before !== null && !/^\d{1,19}$/.test(before)) throw redirect('/moderate/log');
  const { form, filter, problems } = readFilter(url);

  return asModerator(request, async () => {
    const moderator = await currentModerator(request, context);
    if (!moderator) toSignIn(request);
    if (moderator.role !== 'ADMIN') {
      return data({ forbidden: true as const, moderator }, { status: 403 });
    }
    try {
      const log = await auditLog(request, context, before, filter);
      return { forbidden: false as const, moderator, before, form, problems, ...log };
    } catch (error) {
      // The role changed since we asked: the same calm page.
      if (isApiError(error, 'FORBIDDEN')) return data({ forbidden: true as const, moderator }, { status: 403 });
      throw error;
    }
  });
}

function postHref(post: NonNullable<AuditEntry['post']>): string {
  return `/articles/${post.section.article.slug}/${post.section.slug}#post-${post.id}`;
}

const NOT_PUBLIC: Record<string, string> = {
  PENDING: 'not shown to readers',
  REJECTED: 'not published',
  DELETED: 'removed by its author',
};

function PostCell({ entry }: { entry: AuditEntry }) {
  if (!entry.postId) return <>–</>;
  if (!entry.post) return <>Post {entry.postId}</>;
  const hidden = NOT_PUBLIC[entry.post.status];
  return (
    <>
      <Link to={postHref(entry.post)}>Post {entry.postId}</Link>
      {hidden ? <span className="log-muted"> ({hidden})</span> : null}
    </>
  );
}

/** One end of the date range: a problem with the range marks both ends, pointing at the one message. */
function DateField({ name, label, value, invalid }: { name: 'from' | 'to'; label: string; value: string; invalid: boolean }) {
  return (
    <div className="log-filter-field">
      <label htmlFor={`log-${name}`}>{label}</label>
      <input
        id={`log-${name}`}
        name={name}
        type="date"
        defaultValue={value}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? 'log-filter-problem' : undefined}
      />
    </div>
  );
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

  const names = {
    rejectReasons: new Map(page.rejectReasons.map((r) => [r.id, r.title])),
    rules: new Map(page.rules.map((r) => [r.id, r.title])),
  };
  const filtered = Boolean(page.form.who || page.form.what || page.form.from || page.form.to);
  const keep = new URLSearchParams(Object.entries(page.form).filter(([, value]) => value));
  const olderHref = (cursor: string) => {
    const params = new URLSearchParams(keep);
    params.set('before', cursor);
    return `/moderate/log?${params.toString()}`;
  };
  const newestHref = keep.size ? `/moderate/log?${keep.toString()}` : '/moderate/log';

  return (
    <div className="log-page">
      <ModeratorBar moderator={page.moderator} />
      <h1>Audit log</h1>
      <p className="lede">Every decision, by moderators and by the tone rules, newest first. Entries are only ever added, never changed.</p>

      <Form method="get" className="log-filter" aria-labelledby="log-filter-title">
        <h2 id="log-filter-title" className="visually-hidden">
          Show only
        </h2>
        <div className="log-filter-field">
          <label htmlFor="log-who">Who</label>
          <select id="log-who" name="who" defaultValue={page.form.who}>
            <option value="">Anyone</option>
            <option value="system">Automatic (the tone rules)</option>
            {page.moderators.map((m) => (
              <option key={m.id} value={m.id}>
                {m.email}
              </option>
            ))}
          </select>
        </div>
        <div className="log-filter-field">
          <label htmlFor="log-what">What</label>
          <select id="log-what" name="what" defaultValue={page.form.what}>
            <option value="">Everything</option>
            {AUDIT_GROUPS.map((group) => (
              <option key={group.key} value={group.key}>
                {group.label}
              </option>
            ))}
          </select>
        </div>
        <DateField name="from" label="From (UTC)" value={page.form.from} invalid={page.problems.length > 0} />
        <DateField name="to" label="To (UTC, included)" value={page.form.to} invalid={page.problems.length > 0} />
        <div className="log-filter-actions">
          <button type="submit">Show</button>
          {filtered ? <Link to="/moderate/log">Show everything</Link> : null}
        </div>
        {page.problems.length ? (
          <p className="field-error" id="log-filter-problem" role="alert">
            {page.problems.join(' ')} Meanwhile, every date is shown.
          </p>
        ) : null}
      </Form>

      {page.entries.length === 0 ? (
        <p className="queue-empty">{filtered ? 'Nothing in the log matches these choices.' : 'Nothing has been recorded yet.'}</p>
      ) : (
        <table className="log">
          <caption id="log-caption">
            {page.before ? 'Older entries' : 'Latest entries'}
            {filtered ? ', as chosen above' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Post</th>
              <th scope="col">Reason or note</th>
              <th scope="col">Rules version</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id}>
                <td data-label="When">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td data-label="Who">{entry.actor === 'system' ? 'Automatic' : entry.actor}</td>
                <td data-label="What">{auditWords(entry.action)}</td>
                <td data-label="Post">
                  <PostCell entry={entry} />
                </td>
                <td data-label="Reason" className="log-reason">
                  {auditReasonWords(entry.action, entry.reason, names) ?? '–'}
                </td>
                <td data-label="Rules version" className="log-version">
                  {entry.rulesVersion || '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.before || page.hasNextPage ? (
        <nav className="pager" aria-label="More of the log">
          <ul>
            {page.before ? (
              <li>
                <Link to={newestHref}>Newest entries</Link>
              </li>
            ) : null}
            {page.hasNextPage && page.endCursor ? (
              <li>
                <Link to={olderHref(page.endCursor)}>Older entries</Link>
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
