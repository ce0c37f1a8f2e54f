import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ArticleBreadcrumb } from '~/components/breadcrumb';
import { GeneralErrorBoundary } from '~/components/error-page';
import { SearchForm } from '~/components/search-form';
import { When } from '~/components/when';
import { errorTitle, sectionName } from '~/lib/format';
import { pageHeaders } from '~/lib/headers';
import { searchArticle, searchWordsOf } from '~/lib/search.server';

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  data
    ? [
        { title: `${data.words ? `“${data.words}” · ` : ''}Search the conversations · ${data.article.title} · Steady` },
        { name: 'robots', content: 'noindex' },
      ]
    : [{ title: errorTitle(error) }];

/** /search?article=<slug>&q=<words>[&after=<cursor>]: a GET page, so it works the same with JavaScript off. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const articleSlug = url.searchParams.get('article') ?? '';
  const words = searchWordsOf(url);
  const after = url.searchParams.get('after') || null;
  const { article, result } = await searchArticle(request, context, articleSlug, words, after);
  if (!article) throw data({ message: 'No article has that address.' }, { status: 404 });
  return data({ article, words, after, result }, { status: result.state === 'refused' ? 400 : 200 });
}

function countSentence(total: number, words: string): string {
  if (total === 0) return `Nothing in these conversations matches “${words}” yet.`;
  return `${total.toLocaleString('en-US')} ${total === 1 ? 'post matches' : 'posts match'} “${words}”.`;
}

export default function SearchPage() {
  const { article, words, after, result } = useLoaderData<typeof loader>();
  const base = `/search?article=${encodeURIComponent(article.slug)}&q=${encodeURIComponent(words)}`;
  return (
    <div className="search-page">
      <ArticleBreadcrumb articleTitle={article.title} articleHref={`/articles/${article.slug}`} current="Search" />

      <h1>Search the conversations</h1>
      <p className="discussion-intro">Published posts under “{article.title}”, the closest matches first.</p>
      <SearchForm
        key={words}
        articleSlug={article.slug}
        id="search-words"
        label="Words to look for"
        defaultValue={words}
        error={result.state === 'refused' ? result.message : undefined}
      />

      {/* Announced when it changes (a search sent with JavaScript replaces it in place). */}
      <div role="status" className="search-status">
        {result.state === 'found' ? <p className="search-count">{countSentence(result.total, words)}</p> : null}
      </div>

      {result.state === 'found' && result.total === 0 ? (
        <div className="empty-thread">
          <p>
            Other words may find it: a shorter word, or one that means the same. You could also{' '}
            <Link to={`/articles/${article.slug}`}>go back to the article</Link> and start the conversation yourself.
          </p>
        </div>
      ) : null}

      {result.state === 'found' && result.hits.length > 0 ? (
        <ol className="search-results" aria-label={`Posts that match “${words}”`}>
          {result.hits.map((hit) => (
            <li key={hit.postId} className="search-hit">
              <h2 className="search-hit-title">
                <Link to={hit.href}>
                  {hit.isReply ? 'A reply' : 'A post'} in “{sectionName(hit.sectionTitle)}”
                </Link>
              </h2>
              <p className="search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
              <p className="post-meta">
                {hit.pseudonym} · <When iso={hit.createdAt} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}

      {result.state === 'found' && (after || result.hasNextPage) ? (
        <nav className="pager search-pager" aria-label="More results">
          {after ? <Link to={base}>Back to the best matches</Link> : null}
          {result.hasNextPage && result.endCursor ? (
            <Link to={`${base}&after=${encodeURIComponent(result.endCursor)}`}>More results</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
