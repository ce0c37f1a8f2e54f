// One post and all its replies, page by page: where "Show all N replies" and "Show more replies"
// lead on a thread page (ADR 025). A plain page without JavaScript; with it, the thread page
// loads this route's data and opens the replies in place.
import { randomUUID } from 'node:crypto';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { ArticleBreadcrumb } from '~/components/breadcrumb';
import { PostItem } from '~/components/post-item';
import { ErrorCode } from '~/graphql/generated';
import { ApiError } from '~/lib/api.server';
import { getSection } from '~/lib/content.server';
import { errorTitle, plural, sectionName } from '~/lib/format';
import { pageHeaders } from '~/lib/headers';
import { getFlagReasons, getPostReplies, type FlagReasonInfo } from '~/lib/posts.server';
import { postsAction } from '~/lib/section-intents.server';

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  data
    ? [
        { title: `Replies to ${data.replies.post.pseudonym} · ${sectionName(data.section.title)} · Steady` },
        { name: 'robots', content: 'noindex' },
      ]
    : [{ title: errorTitle(error) }];

const notFound = () => data({ message: 'No conversation has that address. It may have been removed.' }, { status: 404 });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const postId = params.post ?? '';
  if (!/^\d{1,19}$/.test(postId)) throw notFound();
  const url = new URL(request.url);
  const after = url.searchParams.get('after') || null;
  let page, replies, flagReasons: FlagReasonInfo[];
  try {
    [page, replies, flagReasons] = await Promise.all([
      getSection(request, context, params.slug ?? '', params.section ?? ''),
      getPostReplies(request, context, postId, after),
      getFlagReasons(request, context).catch(() => []),
    ]);
  } catch (error) {
    // A stale or mistyped "Show more replies" link: start again from the first replies.
    if (after && error instanceof ApiError && error.code === ErrorCode.BAD_USER_INPUT) throw redirect(url.pathname);
    throw error;
  }
  if (!page || !replies || replies.sectionId !== page.section.id) throw notFound();
  return { ...page, replies, flagReasons, after, keyBase: randomUUID() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return postsAction({ request, context });
}

export default function PostRepliesPage() {
  const { article, section, replies, flagReasons, after, keyBase } = useLoaderData<typeof loader>();
  const name = sectionName(section.title);
  const sectionHref = `/articles/${article.slug}/${section.slug}`;
  const { post } = replies;
  const context = { sectionId: section.id, sectionSlug: section.slug, keyBase, flagReasons };
  const whose = post.status === 'DELETED' ? 'a removed post' : post.pseudonym;

  return (
    <div className="section-page replies-page">
      <ArticleBreadcrumb articleTitle={article.title} articleHref={`/articles/${article.slug}#${section.slug}`} current={name} />
      <section className="discussion" aria-labelledby="replies-title">
        <h1 id="replies-title">
          Replies to {whose} <span className="count">({plural(replies.totalCount, 'reply', 'replies')})</span>
        </h1>
        <p className="pager">
          <Link to={`${sectionHref}#discussion-title`}>
            Back to the discussion<span className="visually-hidden"> about “{name}”</span>
          </Link>
        </p>
        {after ? (
          <p className="pager">
            <Link to=".">Back to the first replies</Link>
          </p>
        ) : null}
        <ol className="thread" aria-label={`${whose}'s post and its replies`}>
          <PostItem post={post} level={0} thread={context} />
        </ol>
        {replies.hasNextPage && replies.endCursor ? (
          <p className="pager" id="more-replies">
            <Link to={`?after=${encodeURIComponent(replies.endCursor)}`}>
              Show more replies<span className="visually-hidden"> to {whose}</span>
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
