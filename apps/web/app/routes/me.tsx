import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { AppealForm } from '~/components/appeal-form';
import { appeal } from '~/lib/appeal.server';
import type { loader as rootLoader } from '~/root';
import { GeneralErrorBoundary } from '~/components/error-page';
import { commitFlash, getAuthorKey, getFlash, getLastVisit, looksLikeAuthorKey, setAuthorKey, setLastVisit } from '~/lib/author.server';
import { errorTitle, formatDateTime, sectionName } from '~/lib/format';
import { getMine, type MyPost, type ReplyToMe } from '~/lib/posts.server';
import { pageHeaders } from '~/lib/headers';
import { statusNote } from '~/lib/review-state';
import { CsrfField } from '~/components/csrf-field';
import { When } from '~/components/when';
import { MessagesFromModerators } from '~/components/moderator-messages';
import { supportBeside } from '~/lib/moderator-messages.server';
import { readForm, textField } from '~/lib/forms.server';
import { LiveReplies } from '~/components/live/live-replies';

export const headers = pageHeaders;

export const meta: MetaFunction = ({ error }) => [
  { title: error ? errorTitle(error) : 'Your posts · Steady' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [key, lastVisit] = await Promise.all([getAuthorKey(request), getLastVisit(request)]);
  const mine = key ? await getMine(request, context) : null;
  const headers = new Headers({ 'Cache-Control': 'private, no-store' });
  if (mine) headers.append('Set-Cookie', await setLastVisit(request, new Date()));
  const since = lastVisit?.getTime() ?? 0;
  return data(
    {
      hasKey: Boolean(key),
      known: Boolean(mine),
      firstVisit: lastVisit === null,
      posts: mine?.posts ?? [],
      support: await supportBeside(request, context, mine?.posts ?? []),
      replies: (mine?.replies ?? []).map((reply) => ({
        ...reply,
        isNew: lastVisit !== null && Date.parse(reply.createdAt) > since,
      })),
    },
    { headers },
  );
}

type KeyResult = { ok: false; error: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readForm(request, context);
  if (!posted.trusted) return data<KeyResult>({ ok: false, error: posted.refusal }, { status: 403 });
  const { form } = posted;
  if (form.get('intent') === 'appeal') return appeal(request, context, form);
  const pasted = textField(form, 'key').trim();
  if (!looksLikeAuthorKey(pasted)) {
    return data<KeyResult>(
      {
        ok: false,
        error: 'That does not look like a Steady key. It is one long line of letters, digits, - and _. Please paste it in full.',
      },
      { status: 400 },
    );
  }
  const mine = await getMine(request, context, pasted);
  if (!mine) {
    return data<KeyResult>(
      {
        ok: false,
        error: 'That key does not match any posts. Please check that it was copied in full, then try again.',
      },
      { status: 400 },
    );
  }
  const flash = await getFlash(request);
  flash.flash('notice', { tone: 'info', text: 'This device now uses your key. Your posts are below.' });
  const headers = new Headers();
  headers.append('Set-Cookie', await setAuthorKey(request, pasted));
  headers.append('Set-Cookie', await commitFlash(request, flash));
  return redirect('/me', { headers });
}

function threadLink(item: { id: string; section: MyPost['section'] }) {
  return `/articles/${item.section.article.slug}/${item.section.slug}#post-${item.id}`;
}

export default function MyPosts() {
  const { hasKey, known, posts, replies, firstVisit, support } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer && !('appeal' in answer) ? answer : undefined;
  const refusedAppeal = answer && 'appeal' in answer ? answer.appeal : null;
  const written = useRouteLoaderData<typeof rootLoader>('root')?.written ?? null;
  const navigation = useNavigation();
  const newCount = replies.filter((reply) => reply.isNew).length;

  return (
    <div className="me">
      <h1>Your posts</h1>
      {!hasKey ? (
        <p className="lede">
          You haven't posted from this browser yet. When you do, your posts and the replies to them gather here, and only you can see this
          page.
        </p>
      ) : !known ? (
        <p className="lede">
          This browser holds a key, but there are no posts for it yet: it may only have been used to react or to flag something. If you have
          a key from another device, you can use it below.
        </p>
      ) : (
        <p className="lede">Only you can see this page. It is found through the private key in this browser, never through a name.</p>
      )}
      {hasKey ? (
        <p className="key-links">
          <Link to="/key">Show my key</Link> to carry your posts to another device, or, on a shared computer,{' '}
          <Link to="/key#forget">forget me on this device</Link>.
        </p>
      ) : null}

      {known ? (
        <>
          <section aria-labelledby="replies-title">
            <h2 id="replies-title">Replies to you {newCount > 0 ? <span className="badge">{newCount} new</span> : null}</h2>
            <LiveReplies knownIds={new Set(replies.map((reply) => reply.id))} />
            {replies.length === 0 ? (
              <p>No replies yet. Conversations here move gently; someone may answer in time.</p>
            ) : (
              <ul className="my-list">
                {replies.map((reply: ReplyToMe & { isNew: boolean }) => (
                  <li key={reply.id} className={reply.isNew ? 'is-new' : undefined}>
                    <p className="post-meta">
                      {reply.isNew ? <span className="new">new</span> : null}
                      <span className="pseudonym">{reply.pseudonym}</span> replied in “{sectionName(reply.section.title)}”
                      <When iso={reply.createdAt} />
                    </p>
                    <div className="post-body prose" dangerouslySetInnerHTML={{ __html: reply.html }} />
                    <p>
                      <Link to={threadLink(reply)}>
                        Read it in the thread<span className="visually-hidden"> (reply from {reply.pseudonym})</span>
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {firstVisit && replies.length > 0 ? (
              <p className="hint">From your next visit on, replies that arrived in between are marked “new”.</p>
            ) : null}
          </section>

          <section aria-labelledby="posts-title">
            <h2 id="posts-title">What you wrote</h2>
            {posts.length === 0 ? (
              <p>Nothing here yet.</p>
            ) : (
              <ul className="my-list">
                {posts.map((post) => (
                  <li key={post.id} id={`my-post-${post.id}`}>
                    <p className="post-meta">
                      In “{sectionName(post.section.title)}”, {post.section.article.title}
                      <When iso={post.createdAt} />
                      {post.editedAt ? <span className="edited">edited</span> : null}
                      {statusNote(post) ? <span className="status">{statusNote(post)}</span> : null}
                    </p>
                    {post.reviewMessage ? <p className="review-message">{post.reviewMessage}</p> : null}
                    <MessagesFromModerators postId={post.id} messages={post.messagesFromModerators} support={support} />
                    {post.status !== 'DELETED' ? <div className="post-body prose" dangerouslySetInnerHTML={{ __html: post.html }} /> : null}
                    {written?.postId === post.id ? (
                      <p className="notice notice-done" role="status">
                        {written.text}
                      </p>
                    ) : null}
                    {/* Not in the thread: the post and the reason are here, and the way to send it again. */}
                    {post.status === 'REJECTED' ? (
                      post.appealable ? (
                        <AppealForm postId={post.id} body={post.body} refused={refusedAppeal?.postId === post.id ? refusedAppeal : null} />
                      ) : null
                    ) : (
                      <p>
                        <Link to={threadLink(post)}>
                          {post.replyCount > 0
                            ? `See it in the thread, with ${post.replyCount} ${post.replyCount === 1 ? 'reply' : 'replies'}`
                            : 'See it in the thread'}
                          <span className="visually-hidden"> ({formatDateTime(post.createdAt)})</span>
                        </Link>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}

      <section aria-labelledby="use-key-title" className="use-key">
        <h2 id="use-key-title">Use my key on this device</h2>
        <p>If you saved your private key on another device, paste it here to find your posts on this one. It stays in this browser only.</p>
        <Form method="post" className="key-form">
          <CsrfField />
          <label htmlFor="key">Your private key</label>
          <input
            id="key"
            name="key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            aria-invalid={result && !result.ok ? true : undefined}
            aria-describedby={result && !result.ok ? 'key-error' : undefined}
          />
          {result && !result.ok ? (
            <p className="field-error" id="key-error">
              {result.error}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit">{navigation.state === 'submitting' ? 'Checking…' : 'Use this key'}</button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
