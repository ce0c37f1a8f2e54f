import { randomUUID } from 'node:crypto';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteLoaderData, type ShouldRevalidateFunction } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { PostForm, type FormResult } from '~/components/post-form';
import { ThreadSkipLinks } from '~/components/thread-skip-links';
import { PostItem } from '~/components/post-item';
import { ApiError } from '~/lib/api.server';
import { commitFlash, ensureAuthorKey, getAuthorKey, getFlash, setAuthorKey } from '~/lib/author.server';
import { getSection } from '~/lib/content.server';
import { errorTitle, sectionName } from '~/lib/format';
import { oncePerSubmission } from '~/lib/once.server';
import { checkPostBody } from '~/lib/post-body';
import type { loader as rootLoader } from '~/root';
import {
  createPost,
  deletePost,
  editPost,
  FLAG_NOTE_MAX,
  FLAG_REASONS,
  flagPost,
  getFlagReasons,
  getThread,
  react,
  REACTION_KINDS,
  type CreatePostResult,
  type FlagReason,
  type FlagReasonInfo,
  type ReactionKind,
} from '~/lib/posts.server';
import { pageHeaders } from '~/lib/headers';
import { readForm } from '~/lib/forms.server';

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  data
    ? [
        { title: `${sectionName(data.section.title)} · ${data.article.title} · Steady` },
        {
          name: 'description',
          content: `A gentle, anonymous conversation about “${sectionName(data.section.title)}”.`,
        },
      ]
    : [{ title: errorTitle(error) }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const page = await getSection(request, context, params.slug ?? '', params.section ?? '');
  if (!page) throw data({ message: 'No section has that address.' }, { status: 404 });
  const url = new URL(request.url);
  const after = url.searchParams.get('after') || null;
  let thread;
  let flagReasons: FlagReasonInfo[];
  try {
    [thread, flagReasons] = await Promise.all([
      getThread(request, context, page.section.id, after),
      // Without the reasons there is no flag control; the thread itself still shows.
      getFlagReasons(request, context).catch(() => []),
    ]);
  } catch (error) {
    // A stale or mistyped "Show more" link: start again from the first posts.
    if (after && error instanceof ApiError && error.code === 'BAD_USER_INPUT') throw redirect(url.pathname);
    throw error;
  }
  return { ...page, thread, flagReasons, after, keyBase: randomUUID() };
}

/**
 * A flag changes nothing the reader should see: no reload of the thread after one (with
 * JavaScript), so the thank-you stays beside the post even when the flag hid it for others.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'flag' ? false : defaultShouldRevalidate;

/** Every post id on this page, replies included. */
function postIds(posts: Array<{ id: string; replies: Array<{ id: string; replies: unknown[] }> }>): Set<string> {
  const ids = new Set<string>();
  const walk = (list: typeof posts) => {
    for (const post of list) {
      ids.add(post.id);
      walk(post.replies as typeof posts);
    }
  };
  walk(posts);
  return ids;
}

const INTENTS = ['create', 'edit', 'delete', 'react', 'flag'] as const;

function refusal(
  formId: string,
  errors: { body?: string; form?: string },
  body?: string,
  status = 400,
  headers?: HeadersInit
) {
  const result: FormResult = { ok: false, formId, errors, values: body === undefined ? undefined : { body } };
  return data(result, { status, headers });
}

function fromApiError(formId: string, error: ApiError, body?: string) {
  const onBody = error.field === 'body' || error.code === 'PAYLOAD_TOO_LARGE';
  const status = error.code === 'RATE_LIMITED' ? 429 : error.code === 'NOT_FOUND' ? 404 : 400;
  // A 429 says when to come back, as the API told us.
  const headers: Record<string, string> =
    status === 429 && error.retryAfterSeconds ? { 'Retry-After': String(Math.ceil(error.retryAfterSeconds)) } : {};
  return refusal(formId, onBody ? { body: error.message } : { form: error.message }, body, status, headers);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readForm(request, context);
  const { form } = posted;
  const intent = String(form.get('intent') ?? '');
  const formId = String(form.get('formId') ?? intent).slice(0, 100);
  const withJs = form.get('_js') === '1';
  const url = new URL(request.url);
  const back = `${url.pathname.replace(/\.data$/, '')}${url.search}`;
  const text = typeof form.get('body') === 'string' ? String(form.get('body')) : undefined;

  // A page left open, or a form from somewhere else: nothing happens, the words stay.
  if (!posted.trusted) return refusal(formId, { form: posted.refusal }, text, 403);

  if (!(INTENTS as readonly string[]).includes(intent)) {
    return refusal(formId, { form: 'That did not work. Please reload the page and try again.' });
  }

  const done = (postId: string | null, headers?: Headers, message?: string | null) => {
    if (withJs) {
      const result: FormResult = { ok: true, formId, postId, message: message ?? null };
      return data(result, { headers });
    }
    return redirect(postId ? `${back}#post-${postId}` : back, { headers });
  };

  try {
    if (intent === 'create' || intent === 'edit') {
      const check = checkPostBody(text);
      if (!check.ok) return refusal(formId, { body: check.message }, text ?? '');
      const acknowledgeNudge = form.get('acknowledgeNudge') === 'true' ? true : undefined;

      let payload: CreatePostResult;
      if (intent === 'create') {
        const sectionId = String(form.get('sectionId') ?? '');
        const parentId = String(form.get('parentId') ?? '') || undefined;
        const idempotencyKey = String(form.get('idempotencyKey') ?? '').slice(0, 100) || undefined;
        const nudgeId = String(form.get('nudgeId') ?? '').slice(0, 100) || undefined;
        const input = { sectionId, parentId, body: check.body, idempotencyKey, acknowledgeNudge, nudgeId };
        payload = (await getAuthorKey(request))
          ? await createPost(request, context, input)
          : await oncePerSubmission(idempotencyKey && `${idempotencyKey}:${acknowledgeNudge ?? ''}`, () =>
              createPost(request, context, input)
            );
      } else {
        const postId = String(form.get('postId') ?? '');
        payload = await editPost(request, context, { postId, body: check.body, acknowledgeNudge });
      }

      if (payload.outcome === 'NUDGED' || !payload.post) {
        const result: FormResult = {
          ok: false,
          formId,
          errors: {},
          values: { body: text ?? '' },
          nudge: { message: payload.message, nudgeId: payload.nudgeId ?? null },
        };
        return data(result);
      }

      const headers = new Headers();
      const flash = await getFlash(request);
      let flashed = false;
      if (payload.authorKey) {
        headers.append('Set-Cookie', await setAuthorKey(request, payload.authorKey));
        flash.flash('keyNotice', true);
        flash.set('revealKey', true);
        flashed = true;
      }
      if (payload.outcome === 'HELD') {
        flash.flash('notice', { tone: 'info', text: payload.message });
        flashed = true;
      }
      if (payload.outcome === 'CRISIS') {
        flash.flash('notice', { tone: 'care', text: payload.message, back: `${back}#post-${payload.post.id}` });
        flashed = true;
      }
      if (flashed) headers.append('Set-Cookie', await commitFlash(request, flash));
      if (payload.outcome === 'CRISIS') {
        // Help comes first, before anything else: the help page, with this message on top. The
        // resources are the same list as the payload's (content/resources.md), read there, as a
        // redirect cannot carry them (a cookie is too small) and the page must work without JS.
        return redirect('/help#main', { headers });
      }
      return done(payload.post.id, headers, payload.outcome === 'HELD' ? payload.message : null);
    }

    const postId = String(form.get('postId') ?? '');
    if (intent === 'delete') {
      await deletePost(request, context, postId);
      return done(null);
    }

    if (intent === 'flag') {
      const reason = String(form.get('reason') ?? '');
      if (!(FLAG_REASONS as readonly string[]).includes(reason)) {
        return refusal(formId, { form: 'Please choose the reason that fits best.' });
      }
      const note = String(form.get('note') ?? '').trim();
      if (note.length > FLAG_NOTE_MAX) {
        return refusal(formId, {
          form: `Please keep the note to ${FLAG_NOTE_MAX} characters; a few words are enough.`,
        });
      }
      const reader = await ensureAuthorKey(request, context);
      const thanks = await flagPost(
        request,
        context,
        { postId, reason: reason as FlagReason, note: note || undefined },
        reader.key
      );
      const headers = new Headers();
      if (reader.setCookie) headers.append('Set-Cookie', reader.setCookie);
      if (withJs) return done(postId, headers, thanks);
      // Without JavaScript the thanks waits beside the post after the redirect.
      const flash = await getFlash(request);
      flash.flash('notice', { tone: 'info', text: thanks, postId });
      headers.append('Set-Cookie', await commitFlash(request, flash));
      return redirect(`${back}#post-${postId}`, { headers });
    }

    const kind = String(form.get('kind') ?? '');
    if (!(REACTION_KINDS as readonly string[]).includes(kind)) {
      return refusal(formId, { form: 'That reaction is not one Steady knows. Please reload the page.' });
    }
    // A reader who never posted gets a key here, silently: reactions are counted once per key.
    const reader = await ensureAuthorKey(request, context);
    await react(request, context, postId, kind as ReactionKind, reader.key);
    return done(postId, reader.setCookie ? new Headers({ 'Set-Cookie': reader.setCookie }) : undefined);
  } catch (error) {
    if (error instanceof ApiError) return fromApiError(formId, error, text);
    throw error;
  }
}

export default function SectionPage() {
  const { article, section, thread, flagReasons, after, keyBase } = useLoaderData<typeof loader>();
  const name = sectionName(section.title);
  const index = article.sections.findIndex((s) => s.slug === section.slug);
  const previous = index > 0 ? article.sections[index - 1] : undefined;
  const next = index >= 0 ? article.sections[index + 1] : undefined;
  const context = { sectionId: section.id, sectionSlug: section.slug, keyBase, flagReasons };
  // Without JavaScript, a flag's thank-you waits beside the post; if the flag hid the post, here.
  const notice = useRouteLoaderData<typeof rootLoader>('root')?.notice;
  const orphanThanks = notice?.postId && !postIds(thread.posts).has(notice.postId) ? notice.text : null;

  return (
    <div className="section-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/">Articles</Link>
          </li>
          <li>
            <Link to={`/articles/${article.slug}#${section.slug}`}>{article.title}</Link>
          </li>
          <li>
            <span aria-current="page">{name}</span>
          </li>
        </ol>
      </nav>

      <article className="section-text" aria-labelledby="section-title">
        <p className="eyebrow">From “{article.title}”</p>
        <h1 id="section-title">{name}</h1>
        <div className="prose" dangerouslySetInnerHTML={{ __html: section.html }} />
      </article>

      <section className="discussion" aria-labelledby="discussion-title">
        <h2 id="discussion-title">
          Discussion <span className="count">({section.postCount})</span>
        </h2>
        {orphanThanks ? (
          <p className="notice" role="status">
            {orphanThanks}
          </p>
        ) : null}
        <p className="discussion-intro">
          Everyone here is anonymous: others see a gentle name for you, in this thread only. Please keep it kind, as the{' '}
          <Link to="/guidelines">guidelines</Link> ask.
        </p>
        <ThreadSkipLinks hasPosts={thread.posts.length > 0} hasMore={Boolean(thread.hasNextPage && thread.endCursor)} />

        {after ? (
          <p className="pager">
            <Link to=".">Back to the first posts</Link>
          </p>
        ) : null}

        {thread.posts.length === 0 ? (
          <div className="empty-thread">
            <p>
              {after
                ? 'There are no more posts after these.'
                : 'No one has written here yet. If something in this section stayed with you, you could be the first to share a kind thought.'}
            </p>
          </div>
        ) : (
          <ol className="thread" aria-label={`Posts about “${name}”`}>
            {thread.posts.map((post) => (
              <PostItem key={post.id} post={post} level={0} thread={context} />
            ))}
          </ol>
        )}

        {thread.hasNextPage && thread.endCursor ? (
          <p className="pager" id="more-posts">
            <Link to={`?after=${encodeURIComponent(thread.endCursor)}`}>
              Show more posts<span className="visually-hidden"> about “{name}”</span>
            </Link>
          </p>
        ) : null}

        <section className="compose" aria-labelledby="compose-title">
          <h3 id="compose-title">{thread.totalCount === 0 ? 'Start the conversation' : 'Add to the conversation'}</h3>
          <PostForm
            formId="new-post"
            intent="create"
            label="Share your thoughts"
            hint="Take your time. Light formatting works: *emphasis*, lists and > quotes. Up to 5,000 characters."
            submitLabel="Post"
            pendingLabel="Posting…"
            successMessage="Your post is up. Thank you for sharing."
            sectionId={section.id}
            sectionSlug={section.slug}
            idempotencyKey={`${keyBase}-new`}
          />
        </section>
      </section>

      <nav className="section-nav" aria-label="Other sections">
        <ul>
          {previous ? (
            <li>
              <Link to={`/articles/${article.slug}/${previous.slug}`} rel="prev">
                <span className="dir">Previous section</span> {sectionName(previous.title)}
              </Link>
            </li>
          ) : null}
          {next ? (
            <li>
              <Link to={`/articles/${article.slug}/${next.slug}`} rel="next">
                <span className="dir">Next section</span> {sectionName(next.title)}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
