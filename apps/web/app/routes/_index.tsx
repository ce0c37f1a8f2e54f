import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { listArticles } from '~/lib/content.server';
import { errorTitle } from '~/lib/format';
import { pageHeaders } from '~/lib/headers';

export const headers = pageHeaders;

export const meta: MetaFunction = ({ error }) => [
  { title: error ? errorTitle(error) : 'Steady: rebuilding connection, gently' },
  {
    name: 'description',
    content: 'Read a calm article, then talk about it anonymously and gently with others who understand.',
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { articles: await listArticles(request, context) };
}

export default function Home() {
  const { articles } = useLoaderData<typeof loader>();
  return (
    <div className="home">
      <h1>Steady</h1>
      <p className="lede">
        When a marriage feels distant, it helps to read something calm and to know you are not alone. Read an article, then talk about it
        here, anonymously and gently.
      </p>
      <h2>Articles</h2>
      {articles.length === 0 ? (
        <p>There are no articles yet. Please come back a little later.</p>
      ) : (
        <ul className="article-list">
          {articles.map((article) => (
            <li key={article.slug}>
              <h3>
                <Link to={`/articles/${article.slug}`}>{article.title}</Link>
              </h3>
              <p>{article.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
