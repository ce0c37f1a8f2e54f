import { Link } from '@remix-run/react';

/** "Articles › <article> › <this page>", for the pages under an article (a section, its search). */
export function ArticleBreadcrumb({ articleTitle, articleHref, current }: { articleTitle: string; articleHref: string; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <Link to="/">Articles</Link>
        </li>
        <li>
          <Link to={articleHref}>{articleTitle}</Link>
        </li>
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
