import { randomUUID } from 'node:crypto';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteLoaderData, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from '@remix-run/react';
import { POST_BODY_MAX, spelled } from '@steady/rules';
import { GeneralErrorBoundary } from '~/components/error-page';
import { KeyNotice } from '~/components/key-notice';
import { forgetDraft, isFormResult, PostForm, SEND_FAILED_MESSAGE, type FormResult } from '~/components/post-form';
import { SearchForm } from '~/components/search-form';
import { ArticleBreadcrumb } from '~/components/breadcrumb';
import { ThreadSkipLinks } from '~/components/thread-skip-links';
import { PostItem } from '~/components/post-item';
import { LiveThread } from '~/components/live/live-thread';
import { ErrorCode } from '~/graphql/generated';
import { ApiError } from '~/lib/api.server';
import { getSection } from '~/lib/content.server';
import { errorTitle, sectionName } from '~/lib/format';
import { pageHeaders } from '~/lib/headers';
import { getFlagReasons, getThread, type FlagReasonInfo } from '~/lib/posts.server';
import { postsAction } from '~/lib/section-intents.server';
import type { loader as rootLoader } from '~/root';

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
    if (after && error instanceof ApiError && error.code === ErrorCode.BAD_USER_INPUT) throw redirect(url.pathname);
    throw error;
  }
  return { ...page, thread, flagReasons, after, keyBase: randomUUID() };
}

/**
 * A flag changes nothing the reader should see: no reload of the thread after one (with
 * JavaScript), so the thank-you stays beside the post even when the flag hid it for others.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, actionResult, defaultShouldRevalidate }) => {
  if (formData?.get('intent') === 'flag') return false;
  // A send that never arrived: reloading the thread would fail the same way and replace the page
  // (and the words) with the error page. The form keeps everything instead.
  if (isFormResult(actionResult) && !actionResult.ok && actionResult.sendFailed) return false;
  return defaultShouldRevalidate;
};

/**
 * With JavaScript, a send that fails on the way (the network drops, the web server is away)
 * becomes a calm answer in the form, with the words kept, instead of the error page (ADR 018).
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const form = await request.clone().formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  // The send arrived and was taken (or led on to help): this form's draft has done its job.
  const forget = () => forgetDraft(new URL(request.url).pathname, text('formId'));
  try {
    const result = await serverAction<typeof action>();
    if (isFormResult(result) && result.ok) forget();
    return result;
  } catch (error) {
    if (error instanceof Response) {
      forget();
      throw error;
    }
    const body = form.get('body');
    const result: FormResult = {
      ok: false,
      formId: text('formId') || text('intent'),
      errors: { form: SEND_FAILED_MESSAGE },
      values: typeof body === 'string' ? { body } : undefined,
      sendFailed: true,
    };
    return result;
  }
}

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

export async function action({ request, context }: ActionFunctionArgs) {
  return postsAction({ request, context });
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
  const here = postIds(thread.posts);
  const orphanThanks = notice?.postId && !here.has(notice.postId) ? notice.text : null;
  // A key notice for a post this page does not show (it cannot be missed): at the top of the talk.
  const keyNotice = useRouteLoaderData<typeof rootLoader>('root')?.keyNotice;
  const orphanKey = typeof keyNotice === 'string' && !here.has(keyNotice);

  return (
    <div className="section-page">
      <ArticleBreadcrumb articleTitle={article.title} articleHref={`/articles/${article.slug}#${section.slug}`} current={name} />

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
        {orphanKey ? <KeyNotice level={3} /> : null}
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

        <LiveThread sectionId={section.id} knownIds={postIds(thread.posts)} lastPage={!thread.hasNextPage} />

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
            hint={`Take your time. Light formatting works: *emphasis*, lists and > quotes. Up to ${spelled(POST_BODY_MAX)} characters.`}
            submitLabel="Post"
            pendingLabel="Posting…"
            successMessage="Your post is up. Thank you for sharing."
            sectionId={section.id}
            sectionSlug={section.slug}
            idempotencyKey={`${keyBase}-new`}
            keepDraft
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

      <SearchForm articleSlug={article.slug} id="section-search" label={`Search the conversations of “${article.title}”`} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
