import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { SearchForm } from '~/components/search-form';
import { getArticle } from '~/lib/content.server';
import { errorTitle, formatDate, sectionName } from '~/lib/format';
import { pageHeaders } from '~/lib/headers';

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  data?.article
    ? [{ title: `${data.article.title} · Steady` }, { name: 'description', content: data.article.summary }]
    : [{ title: errorTitle(error) }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const article = await getArticle(request, context, params.slug ?? '');
  if (!article) throw data({ message: 'No article has that address.' }, { status: 404 });
  return { article };
}

export default function ArticlePage() {
  const { article } = useLoaderData<typeof loader>();
  return (
    <article className="article">
      <header className="article-header">
        <h1>{article.title}</h1>
        {article.published ? (
          <p className="meta">
            Published <time dateTime={article.published}>{formatDate(article.published)}</time>
          </p>
        ) : null}
      </header>

      <SearchForm articleSlug={article.slug} id="article-search" />

      {article.sections.filter((s) => s.title.trim()).length > 1 ? (
        <nav className="toc" aria-label="In this article">
          <h2 className="toc-title">In this article</h2>
          <ol>
            {article.sections
              .filter((section) => section.title.trim())
              .map((section) => (
                <li key={section.slug}>
                  <a href={`#${section.slug}`}>{section.title}</a>
                </li>
              ))}
          </ol>
        </nav>
      ) : null}

      {article.sections.map((section) => {
        const name = sectionName(section.title);
        const headingId = `${section.slug}-title`;
        return (
          <section
            key={section.slug}
            id={section.slug}
            className="article-section"
            aria-labelledby={section.title.trim() ? headingId : undefined}
            aria-label={section.title.trim() ? undefined : name}
          >
            {section.title.trim() ? <h2 id={headingId}>{section.title}</h2> : null}
            <div className="prose" dangerouslySetInnerHTML={{ __html: section.html }} />
            <p className="discussion-link">
              <Link to={`/articles/${article.slug}/${section.slug}`}>
                Discussion<span className="visually-hidden"> of “{name}”</span> ({section.postCount})
              </Link>
            </p>
          </section>
        );
      })}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
