import type { Article } from '@steady/content';
import type { Db } from '../database/db';
import { MIGRATION_LOCK } from '../database/data-source';

export interface ImportReport {
  articlesChanged: number;
  sectionsChanged: number;
  sectionsHidden: number;
}

/**
 * Brings the database in line with the Markdown articles. Idempotent: rows change only
 * when their content did. Sections are matched by slug, so a section keeps its id and its
 * discussion across edits; a section (or article) gone from the files is hidden, never
 * deleted, and its posts are kept.
 */
export async function importArticles(db: Db, articles: Article[]): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    await tx.query({ text: 'select pg_advisory_xact_lock($1)' }, [MIGRATION_LOCK]);
    const report: ImportReport = { articlesChanged: 0, sectionsChanged: 0, sectionsHidden: 0 };

    const slugs = articles.map((a) => a.slug);
    const hiddenArticles = await tx.query(
      { text: 'update article set hidden = true, updated_at = now() where hidden = false and not (slug = any($1::text[])) returning id' },
      [slugs],
    );
    report.articlesChanged += hiddenArticles.length;

    for (const article of articles) {
      const [row] = await tx.query<{ id: string; changed: boolean }>(
        {
          text: `insert into article (slug, title, summary, published) values ($1, $2, $3, $4)
            on conflict (slug) do update set title = excluded.title, summary = excluded.summary,
              published = excluded.published, hidden = false, updated_at = now()
            where (article.title, article.summary, article.published, article.hidden)
              is distinct from (excluded.title, excluded.summary, excluded.published, false)
            returning id, true as changed`,
        },
        [article.slug, article.title, article.summary, article.published],
      );
      const articleId =
        row?.id ??
        (await tx.query<{ id: string }>({ text: 'select id from article where slug = $1' }, [article.slug]))[0].id;
      if (row) report.articlesChanged++;

      for (const section of article.sections) {
        const changed = await tx.query(
          {
            text: `insert into section (article_id, slug, title, position, markdown, html) values ($1, $2, $3, $4, $5, $6)
              on conflict (article_id, slug) do update set title = excluded.title, position = excluded.position,
                markdown = excluded.markdown, html = excluded.html, hidden = false
              where (section.title, section.position, section.markdown, section.html, section.hidden)
                is distinct from (excluded.title, excluded.position, excluded.markdown, excluded.html, false)
              returning id`,
          },
          [articleId, section.slug, section.title, section.position, section.markdown, section.html],
        );
        report.sectionsChanged += changed.length;
      }
      const hidden = await tx.query(
        { text: 'update section set hidden = true where article_id = $1 and hidden = false and not (slug = any($2::text[])) returning id' },
        [articleId, article.sections.map((s) => s.slug)],
      );
      report.sectionsHidden += hidden.length;
    }
    return report;
  });
}
