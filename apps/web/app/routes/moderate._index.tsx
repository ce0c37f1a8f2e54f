import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from '@remix-run/react';
import { useEffect, useMemo, useRef } from 'react';
import { BAN_REASON_MAX } from '@steady/rules';
import { GeneralErrorBoundary } from '~/components/error-page';
import { focusQueueItem, KeyboardHelp, useQueueKeys } from '~/components/moderate/keyboard';
import { ModeratorBar } from '~/components/moderate/moderator-bar';
import { QueueCard, type BanState } from '~/components/moderate/queue-card';
import type { CardProblem } from '~/components/moderate/card-extras';
import { LiveQueue, useMarkSeen } from '~/components/moderate/live-queue';
import { waited } from '~/components/moderate/words';
import { isApiError } from '~/lib/api.server';
import { errorTitle, plural } from '~/lib/format';
import { useHydrated } from '~/lib/hydrated';
import {
  addQueueNote,
  asModerator,
  banAuthor,
  claimItem,
  currentModerator,
  markHandled,
  markSeen,
  markShown,
  messageAuthor,
  noticeCookie,
  queuePage,
  readNotice,
  releaseItem,
  reviewPost,
  seenIds,
  type ModerateNotice,
} from '~/lib/moderator.server';
import { pageHeaders } from '~/lib/headers';
import { CsrfField } from '~/components/csrf-field';
import { requireForm, textField } from '~/lib/forms.server';

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page, error }) => [
  {
    title: error
      ? errorTitle(error)
      : page && page.totalCount > 0
        ? `(${page.totalCount}) Waiting for review · Moderation · Steady`
        : 'Waiting for review · Moderation · Steady',
  },
  { name: 'robots', content: 'noindex, nofollow' },
];

const CURSOR_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;

function cursorFrom(url: URL): string | null {
  const after = url.searchParams.get('after');
  return after && CURSOR_SHAPE.test(after) ? after : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const after = cursorFrom(url);
  if (url.searchParams.has('after') && !after) throw redirect('/moderate');

  const page = await asModerator(request, async () => {
    try {
      return await queuePage(request, context, after);
    } catch (error) {
      // A stale or mistyped page link: start again from the top of the queue.
      if (after && isApiError(error, 'BAD_USER_INPUT')) throw redirect('/moderate');
      throw error;
    }
  });
  // The page shows each item whole: a moderator opening the page opens them (ADR 021). Only when a
  // person loads the page: a read that the live queue starts in the background (JavaScript, maybe
  // in a tab nobody looks at) must not silence a crisis alert; that page marks what it shows
  // itself, while it is visible (useMarkSeen).
  const marked = openedByPerson(request) ? new Set(await asModerator(request, () => markShown(request, context, page.items))) : new Set();
  const { notice, headers } = await readNotice(request);
  const now = Date.now();
  const shownAt = new Date(now).toISOString();
  return data(
    {
      ...page,
      after,
      notice,
      items: page.items.map((item) => ({
        ...item,
        firstViewedAt: item.firstViewedAt ?? (marked.has(item.id) ? shownAt : null),
        waitedFor: waited(item.enqueuedAt, now),
        heldMinutes: item.claimedUntil ? Math.max(1, Math.ceil((Date.parse(item.claimedUntil) - now) / 60_000)) : null,
      })),
    },
    { headers },
  );
}

/**
 * A page load (a document request: the address bar, a link without JavaScript, a form's redirect)
 * rather than a data read of the page's own scripts. Browsers say which in Sec-Fetch-Dest; a client
 * that does not send it is treated as a person loading the page (the safe side for no JavaScript).
 */
function openedByPerson(request: Request): boolean {
  const dest = request.headers.get('Sec-Fetch-Dest');
  return dest === null || dest === 'document';
}

/** Marking cards seen changes nothing on the page: no need to read the queue again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'seen' ? false : defaultShouldRevalidate;

const POST_ID = /^\d{1,19}$/;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await requireForm(request, context);
  const intent = textField(form, 'intent');
  const postId = textField(form, 'postId');
  const after = cursorFrom(new URL(request.url));
  const back = after ? `/moderate?after=${after}` : '/moderate';

  const done = async (notice: ModerateNotice) => redirect(back, { headers: { 'Set-Cookie': await noticeCookie(request, notice) } });

  // The live queue's scripts: cards that arrived on a page a moderator is looking at (ADR 021).
  if (intent === 'seen') {
    const ids = seenIds(textField(form, 'itemIds'));
    if (!ids) return data({ seen: 0 }, { status: 400 });
    return asModerator(request, async () => {
      try {
        return { seen: await markSeen(request, context, ids) };
      } catch (error) {
        // Never an error page over the queue: the items stay unseen and keep alerting (the safe side).
        if (isApiError(error) && error.code !== 'UNAUTHENTICATED') return data({ seen: 0 }, { status: 502 });
        throw error;
      }
    });
  }

  if (!POST_ID.test(postId)) {
    return done({ tone: 'problem', text: 'That did not work. Please reload the page and try again.' });
  }

  // A note, a message or "handled": a problem comes back beside the field, with what was typed.
  const problem = (kind: CardProblem['intent'], error: string, text: string) =>
    data({ problem: { postId, intent: kind, error, text } satisfies CardProblem }, { status: 400 });
  const CARD_WRITES = {
    note: {
      call: addQueueNote,
      empty: 'Please write the note first: a few words are enough.',
      ok: 'Note added. Only moderators can read it.',
    },
    message: {
      call: messageAuthor,
      empty: 'Please write the message first: a few warm words are enough.',
      ok: 'Message sent. The author will read it on “Your posts”, beside the services that can help.',
    },
    handled: {
      call: markHandled,
      empty: 'Please add a short note on how it was handled, for the other moderators and the log.',
      ok: 'Marked handled. The post left the queue, and the note is in the log.',
    },
  } as const;

  if (intent === 'note' || intent === 'message' || intent === 'handled') {
    const write = CARD_WRITES[intent];
    const text = textField(form, 'text');
    if (!text.trim()) return problem(intent, write.empty, text);
    return asModerator(request, async () => {
      try {
        await write.call(request, context, postId, text);
      } catch (error) {
        if (isApiError(error, 'BAD_USER_INPUT')) return problem(intent, error.message, text);
        if (isApiError(error) && error.code !== 'UNAUTHENTICATED') return done({ tone: 'problem', text: error.message });
        throw error;
      }
      return done({ tone: 'done', text: write.ok });
    });
  }

  return asModerator(request, async () => {
    try {
      switch (intent) {
        case 'claim': {
          const [claim, me] = await Promise.all([claimItem(request, context, postId), currentModerator(request, context)]);
          return done(
            claim.claimedBy !== null && claim.claimedBy === me?.email
              ? { tone: 'done', text: 'Taken by you for five minutes. Other moderators see that someone is on it.' }
              : claim.claimedBy
                ? { tone: 'problem', text: 'Another moderator took this a moment ago. It is theirs for a few minutes.' }
                : { tone: 'problem', text: 'That post is no longer waiting.' },
          );
        }
        case 'release': {
          await releaseItem(request, context, postId);
          return done({ tone: 'done', text: 'You let it go. Another moderator can take it now.' });
        }
        case 'approve': {
          const was = textField(form, 'status');
          await reviewPost(request, context, postId, 'APPROVE', null);
          return done({
            tone: 'done',
            text: was === 'PUBLISHED' ? 'Kept published, and off the queue.' : 'Approved. Readers can see it now.',
          });
        }
        case 'restore': {
          await reviewPost(request, context, postId, 'APPROVE', null);
          return done({ tone: 'done', text: 'Published after all. Readers can see it now.' });
        }
        case 'reject': {
          const reason = textField(form, 'reason');
          if (!reason) return done({ tone: 'problem', text: 'Please choose a reason first: the author will read it.' });
          await reviewPost(request, context, postId, 'REJECT', reason);
          return done({ tone: 'done', text: 'Not published. The author will read the reason you chose.', undoPostId: postId });
        }
        case 'ban': {
          const reason = textField(form, 'reason').trim().slice(0, BAN_REASON_MAX);
          if (!reason) {
            return data({ ban: { postId, error: 'Please write a few words about why, for the log.' } satisfies BanState }, { status: 400 });
          }
          // Nothing happens yet: the page asks to confirm first.
          return { ban: { postId, reason } satisfies BanState };
        }
        case 'ban-confirm': {
          const reason = textField(form, 'reason').trim().slice(0, BAN_REASON_MAX);
          await banAuthor(request, context, postId, reason);
          return done({
            tone: 'done',
            text: 'The author is banned: their later posts will be refused. This post still waits for your decision.',
          });
        }
        default:
          return done({ tone: 'problem', text: 'That did not work. Please reload the page and try again.' });
      }
    } catch (error) {
      if (isApiError(error) && error.code !== 'UNAUTHENTICATED') return done({ tone: 'problem', text: error.message });
      throw error;
    }
  });
}

export default function ModerationQueue() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const currentId = useQueueKeys(dialog);
  const submittedFrom = useRef<number | null>(null);
  const rules = useMemo(() => new Map(page.rules.map((rule) => [rule.id, rule])), [page.rules]);
  const ban = result && 'ban' in result ? (result.ban as BanState) : null;
  const problem = result && 'problem' in result ? result.problem : null;
  const { stats, notice } = page;
  useMarkSeen(page.items);

  // After a decision with JavaScript, focus goes where the decided post was: the next one.
  useEffect(() => {
    if (navigation.state !== 'idle' || submittedFrom.current === null) return;
    const index = submittedFrom.current;
    submittedFrom.current = null;
    if (ban?.reason) {
      document.querySelector<HTMLElement>('[data-ban-confirm]')?.focus();
      return;
    }
    if (ban?.error || problem) {
      document.querySelector<HTMLElement>(`[data-queue-item] textarea[aria-invalid="true"]`)?.focus();
      return;
    }
    const items = [...document.querySelectorAll<HTMLElement>('[data-queue-item]')];
    if (index >= 0 && items.length) focusQueueItem(items[Math.min(index, items.length - 1)]);
    else status.current?.focus();
  }, [navigation.state, ban, problem]);

  const onSubmitCapture = (event: React.FormEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-queue-item]');
    const items = [...document.querySelectorAll<HTMLElement>('[data-queue-item]')];
    submittedFrom.current = item ? items.indexOf(item) : -1;
  };

  return (
    <div className="queue-page" onSubmitCapture={onSubmitCapture}>
      <ModeratorBar moderator={page.moderator} />
      <h1>Waiting for review</h1>
      {hydrated ? (
        <p className="hint keys-hint">
          Press <kbd>?</kbd> for keyboard shortcuts.
        </p>
      ) : null}

      <div className={`moderate-status${notice ? ` tone-${notice.tone}` : ''}`} role="status" tabIndex={-1} ref={status}>
        {notice ? <p>{notice.text}</p> : null}
      </div>
      {hydrated ? <LiveQueue holdsEnd={page.items.flatMap((item) => (item.claimedUntil ? [item.claimedUntil] : []))} /> : null}
      {notice?.undoPostId ? (
        <Form method="post" className="undo">
          <CsrfField />
          <input type="hidden" name="postId" value={notice.undoPostId} />
          <input type="hidden" name="intent" value="restore" />
          <button type="submit" className="quiet small">
            Publish it after all
          </button>
        </Form>
      ) : null}

      <section className="stats" aria-labelledby="stats-title">
        <h2 id="stats-title">At a glance</h2>
        <dl>
          <div>
            <dt>Waiting</dt>
            <dd>{page.totalCount}</dd>
          </div>
          <div>
            <dt>Held</dt>
            <dd>{stats.held}</dd>
          </div>
          <div>
            <dt>Crisis posts</dt>
            <dd>{stats.crisis}</dd>
          </div>
          <div>
            <dt>Published</dt>
            <dd>{stats.published}</dd>
          </div>
          <div>
            <dt>Not published</dt>
            <dd>{stats.rejected}</dd>
          </div>
          <div>
            <dt>Flags</dt>
            <dd>{stats.flags}</dd>
          </div>
          <div>
            <dt>Median wait</dt>
            <dd>{stats.medianMinutesToReview === null ? '–' : `${stats.medianMinutesToReview} min`}</dd>
          </div>
          <div>
            <dt>Crisis posts opened within</dt>
            <dd>
              {stats.crisisMedianMinutesToFirstView === null
                ? '–'
                : `${stats.crisisMedianMinutesToFirstView} min (median), ${stats.crisisP90MinutesToFirstView} min (9 in 10)`}
            </dd>
          </div>
        </dl>
        <p className="nudges">
          Nudges: {stats.nudgesShown} shown, {stats.nudgesRephrased} rephrased, {stats.nudgesPostedAnyway} posted anyway,{' '}
          {stats.nudgesAbandoned} left unposted.
        </p>
        <p className="appeals">Appeals: {stats.appeals} sent again for review.</p>
      </section>

      <h2 id="queue-title">{page.totalCount === 0 ? 'Nothing is waiting' : `${plural(page.totalCount, 'post', 'posts')} waiting`}</h2>
      {page.items.length === 0 ? (
        <div className="queue-empty">
          {page.totalCount === 0 ? (
            <p>Everything has been read. Thank you for looking after this space.</p>
          ) : (
            <p>
              Nothing more on this page. <Link to="/moderate">Back to the start of the queue</Link>
            </p>
          )}
        </div>
      ) : (
        <ol className="queue" aria-labelledby="queue-title">
          {page.items.map((item, index) => (
            <li key={item.id}>
              <QueueCard
                item={item}
                position={index + 1}
                rejectReasons={page.rejectReasons}
                rules={rules}
                waitedFor={item.waitedFor}
                current={currentId === item.id}
                ban={ban && ban.postId === item.post.id ? ban : null}
                problem={problem && problem.postId === item.post.id ? problem : null}
                backHref={page.after ? `/moderate?after=${encodeURIComponent(page.after)}` : '/moderate'}
                claim={{ claimedBy: item.claimedBy ?? null, heldMinutes: item.heldMinutes }}
                viewerEmail={page.moderator.email}
              />
            </li>
          ))}
        </ol>
      )}

      {page.after || page.hasNextPage ? (
        <nav className="pager" aria-label="More of the queue">
          <ul>
            {page.after ? (
              <li>
                <Link to="/moderate">Back to the start</Link>
              </li>
            ) : null}
            {page.hasNextPage && page.endCursor ? (
              <li>
                <Link to={`/moderate?after=${encodeURIComponent(page.endCursor)}`}>Next page</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <KeyboardHelp dialog={dialog} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
