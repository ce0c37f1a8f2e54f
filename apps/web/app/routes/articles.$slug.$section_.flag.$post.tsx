// The flag page of one post (ADR 027): where "Flag" leads without JavaScript, so that a thread
// page does not carry a form of seven reasons under every post. It quotes the post, asks the same
// questions as the in-place form, and sends the person back where they came from (`back`, checked
// in lib/flag-page.ts), beside the post, with the thank-you.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { ArticleBreadcrumb } from '~/components/breadcrumb';
import { GeneralErrorBoundary } from '~/components/error-page';
import { FlagFields } from '~/components/flag-form';
import { isFormResult } from '~/components/post-form';
import { PostActionFields } from '~/components/post-action-fields';
import { getSection } from '~/lib/content.server';
import { safeBack } from '~/lib/flag-page';
import { errorTitle, sectionName } from '~/lib/format';
import { pageHeaders } from '~/lib/headers';
import { getFlagReasons, getPostToFlag } from '~/lib/posts.server';
import { flagPageAction } from '~/lib/section-intents.server';

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  data
    ? [
        { title: `Flag ${data.post.pseudonym}'s post · ${sectionName(data.section.title)} · Steady` },
        { name: 'robots', content: 'noindex' },
      ]
    : [{ title: errorTitle(error) }];

const notFound = () => data({ message: 'There is no post to flag at this address.' }, { status: 404 });

function backOf(request: Request, params: LoaderFunctionArgs['params']): string {
  return safeBack(new URL(request.url).searchParams.get('back'), params.slug ?? '', params.section ?? '');
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const postId = params.post ?? '';
  if (!/^\d{1,19}$/.test(postId)) throw notFound();
  const page = await getSection(request, context, params.slug ?? '', params.section ?? '');
  if (!page) throw notFound();
  const [post, reasons] = await Promise.all([getPostToFlag(request, context, postId, page.section.id), getFlagReasons(request, context)]);
  if (!post) throw notFound();
  return { article: page.article, section: page.section, post, reasons, back: backOf(request, params) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return flagPageAction({ request, context }, { postId: params.post ?? '', back: backOf(request, params) });
}

export default function FlagPage() {
  const { article, section, post, reasons, back } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const location = useLocation();
  const failed = isFormResult(answer) && !answer.ok ? (answer.errors.form ?? null) : null;
  const name = sectionName(section.title);
  const formId = `flag-${post.id}`;

  return (
    <div className="flag-page">
      <ArticleBreadcrumb articleTitle={article.title} articleHref={`/articles/${article.slug}#${section.slug}`} current={name} />
      <h1 id="flag-title">Flag a post for a moderator</h1>
      <figure className="flag-quote">
        <figcaption>
          <span className="pseudonym">{post.pseudonym}</span> wrote, in “{name}”:
        </figcaption>
        <blockquote className="post-body prose" dangerouslySetInnerHTML={{ __html: post.html }} />
      </figure>
      {/* A whole page, sent as a document even with JavaScript: the answer is the way back to the thread. */}
      <Form
        method="post"
        action={`${location.pathname}${location.search}`}
        reloadDocument
        className="flag-form"
        aria-labelledby="flag-title"
      >
        <PostActionFields intent="flag" formId={formId} postId={post.id} hydrated={false} />
        <FlagFields pseudonym={post.pseudonym} reasons={reasons} failed={failed} busy={false} />
      </Form>
      <p className="flag-back">
        <Link to={`${back}#post-${post.id}`} reloadDocument>
          Back to the discussion, without flagging
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
