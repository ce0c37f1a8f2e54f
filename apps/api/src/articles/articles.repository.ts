import { Inject, Injectable } from '@nestjs/common';
import { Db, Tx, type Statement } from '../database/db';
import { ArticleModel, SectionModel } from './article.model';

const ARTICLE_COLUMNS = 'id, slug, title, summary, published';
/** More shards than the pool has connections, so that two writers rarely share one. */
const COUNT_SHARDS = 16;

/**
 * A section's counts live in its row (everything counted before migration 1796710000000) and in
 * a few shard rows that posts add to (ADR 026): what is shown is their sum. Other features'
 * statements that read or move a section's counts take their SQL from here.
 */
export const SECTION_COUNT_FRAGMENTS = {
  /** The section `s`'s count (`post_count` or `thread_count`) as it is now: an int. */
  count: (s: string, column: 'post_count' | 'thread_count') =>
    `(${s}.${column} + coalesce((select sum(c.${column}) from section_count_shard c where c.section_id = ${s}.id), 0))::int`,
  /**
   * Adds to a section's counts from this connection's shard (a backend writes one row of its own,
   * so concurrent posts do not wait for each other's commit), as one data-modifying statement:
   * `section`, `posts`, `threads` SQL expressions; `when` a condition for the row to be added at all.
   */
  add: ({ section, posts, threads, when }: { section: string; posts: string; threads: string; when: string }) =>
    `insert into section_count_shard as c (section_id, shard, post_count, thread_count)
        select ${section}, pg_backend_pid() % ${COUNT_SHARDS}, ${posts}, ${threads} where ${when}
        on conflict (section_id, shard) do update set post_count = c.post_count + excluded.post_count,
          thread_count = c.thread_count + excluded.thread_count`,
};

const SECTION_COLUMNS = `id, article_id as "articleId", slug, title, position, html,
  ${SECTION_COUNT_FRAGMENTS.count('section', 'post_count')} as "postCount",
  ${SECTION_COUNT_FRAGMENTS.count('section', 'thread_count')} as "threadCount", hidden`;

/** What a section says (its text and place), not its counts: it changes only when an instance imports the articles. */
export interface SectionMeta {
  id: string;
  articleId: string;
  slug: string;
  title: string;
  position: number;
  html: string;
  hidden: boolean;
}

/** A section's counters, which every published post moves. */
export interface SectionCounts {
  id: string;
  postCount: number;
  threadCount: number;
}

const SQL = {
  list: { name: 'articles_list', text: `select ${ARTICLE_COLUMNS} from article where not hidden order by published, title` },
  bySlug: { name: 'article_by_slug', text: `select ${ARTICLE_COLUMNS} from article where slug = $1 and not hidden` },
  sectionsOf: {
    name: 'sections_of_article',
    text: `select ${SECTION_COLUMNS} from section where article_id = $1 and not hidden order by position`,
  },
  sectionBySlug: {
    name: 'section_by_slug',
    text: `select ${SECTION_COLUMNS} from section where article_id = $1 and slug = $2 and not hidden`,
  },
  directory: { name: 'section_directory', text: 'select id, article_id as "articleId", slug, title, position, html, hidden from section' },
  articleDirectory: { name: 'article_directory', text: `select ${ARTICLE_COLUMNS} from article` },
  sectionCounts: {
    name: 'section_counts',
    text: `select id, ${SECTION_COUNT_FRAGMENTS.count('section', 'post_count')} as "postCount",
      ${SECTION_COUNT_FRAGMENTS.count('section', 'thread_count')} as "threadCount" from section where id = any($1::uuid[])`,
  },
  // The content import (once per start, in one transaction): unnamed, never prepared.
  importLock: { text: 'select pg_advisory_xact_lock($1)' },
  hideArticlesNotIn: {
    text: 'update article set hidden = true, updated_at = now() where hidden = false and not (slug = any($1::text[])) returning id',
  },
  upsertArticle: {
    text: `insert into article (slug, title, summary, published) values ($1, $2, $3, $4)
      on conflict (slug) do update set title = excluded.title, summary = excluded.summary,
        published = excluded.published, hidden = false, updated_at = now()
      where (article.title, article.summary, article.published, article.hidden)
        is distinct from (excluded.title, excluded.summary, excluded.published, false)
      returning id, true as changed`,
  },
  articleIdBySlug: { text: 'select id from article where slug = $1' },
  upsertSection: {
    text: `insert into section (article_id, slug, title, position, markdown, html) values ($1, $2, $3, $4, $5, $6)
      on conflict (article_id, slug) do update set title = excluded.title, position = excluded.position,
        markdown = excluded.markdown, html = excluded.html, hidden = false
      where (section.title, section.position, section.markdown, section.html, section.hidden)
        is distinct from (excluded.title, excluded.position, excluded.markdown, excluded.html, false)
      returning id`,
  },
  hideSectionsNotIn: {
    text: 'update section set hidden = true where article_id = $1 and hidden = false and not (slug = any($2::text[])) returning id',
  },
} satisfies Record<string, Statement>;

/** Articles' and sections' SQL, in one place: the reads of the API and the writes of the content import. */
@Injectable()
export class ArticlesRepository {
  constructor(@Inject(Db) private readonly db: Db) {}

  list(): Promise<ArticleModel[]> {
    return this.db.query<ArticleModel>(SQL.list);
  }

  async bySlug(slug: string): Promise<ArticleModel | null> {
    return (await this.db.query<ArticleModel>(SQL.bySlug, [slug]))[0] ?? null;
  }

  sectionsOf(articleId: string): Promise<SectionModel[]> {
    return this.db.query<SectionModel>(SQL.sectionsOf, [articleId]);
  }

  async sectionBySlug(articleId: string, slug: string): Promise<SectionModel | null> {
    return (await this.db.query<SectionModel>(SQL.sectionBySlug, [articleId, slug]))[0] ?? null;
  }

  sectionCounts(ids: readonly string[]): Promise<SectionCounts[]> {
    return this.db.query<SectionCounts>(SQL.sectionCounts, [ids]);
  }

  /** Every section as written (no counts), hidden ones too. */
  directory(): Promise<SectionMeta[]> {
    return this.db.query<SectionMeta>(SQL.directory);
  }

  /** Every article, hidden ones too (a post in a hidden article still names it on "Your posts"). */
  articleDirectory(): Promise<ArticleModel[]> {
    return this.db.query<ArticleModel>(SQL.articleDirectory);
  }

  // ── The content import (articles/content-import.ts), inside its transaction ──

  async lockImports(tx: Tx, lock: number): Promise<void> {
    await tx.query(SQL.importLock, [lock]);
  }

  /** Hides the articles whose files are gone; returns how many. */
  async hideArticlesNotIn(tx: Tx, slugs: string[]): Promise<number> {
    return (await tx.query(SQL.hideArticlesNotIn, [slugs])).length;
  }

  /** Inserts or updates an article; `changed` is false when its row already said the same. */
  async upsertArticle(
    tx: Tx,
    a: { slug: string; title: string; summary: string; published: Date | string },
  ): Promise<{ id: string; changed: boolean }> {
    const [row] = await tx.query<{ id: string }>(SQL.upsertArticle, [a.slug, a.title, a.summary, a.published]);
    if (row) return { id: row.id, changed: true };
    return { id: (await tx.query<{ id: string }>(SQL.articleIdBySlug, [a.slug]))[0].id, changed: false };
  }

  /** Inserts or updates a section (matched by slug); false when its row already said the same. */
  async upsertSection(
    tx: Tx,
    articleId: string,
    s: { slug: string; title: string; position: number; markdown: string; html: string },
  ): Promise<boolean> {
    return (await tx.query(SQL.upsertSection, [articleId, s.slug, s.title, s.position, s.markdown, s.html])).length === 1;
  }

  /** Hides the article's sections that left its file; returns how many. */
  async hideSectionsNotIn(tx: Tx, articleId: string, slugs: string[]): Promise<number> {
    return (await tx.query(SQL.hideSectionsNotIn, [articleId, slugs])).length;
  }
}
