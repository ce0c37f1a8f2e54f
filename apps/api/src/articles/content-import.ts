import type { Article } from '@steady/content';
import type { Db } from '../database/db';
import { MIGRATION_LOCK } from '../database/locks';
import { ArticlesRepository } from './articles.repository';

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
  const repo = new ArticlesRepository(db);
  return db.transaction(async (tx) => {
    await repo.lockImports(tx, MIGRATION_LOCK);
    const report: ImportReport = { articlesChanged: 0, sectionsChanged: 0, sectionsHidden: 0 };
    report.articlesChanged += await repo.hideArticlesNotIn(
      tx,
      articles.map((a) => a.slug),
    );
    for (const article of articles) {
      const { id: articleId, changed } = await repo.upsertArticle(tx, article);
      if (changed) report.articlesChanged++;
      for (const section of article.sections) {
        if (await repo.upsertSection(tx, articleId, section)) report.sectionsChanged++;
      }
      report.sectionsHidden += await repo.hideSectionsNotIn(
        tx,
        articleId,
        article.sections.map((s) => s.slug),
      );
    }
    return report;
  });
}
