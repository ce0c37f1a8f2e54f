import { Inject, Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { isSectionId } from '../common/ids';
import { ArticleModel, SectionModel } from './article.model';

const ARTICLE_COLUMNS = 'id, slug, title, summary, published';
const SECTION_COLUMNS = `id, article_id as "articleId", slug, title, position, html, post_count as "postCount", thread_count as "threadCount", hidden`;

const SECTION_DIRECTORY_TTL_MS = 60_000;

export interface SectionMeta {
  id: string;
  slug: string;
  hidden: boolean;
}

@Injectable()
export class ArticlesService {
  private directory: { sections: Map<string, SectionMeta>; at: number } | null = null;

  constructor(@Inject(Db) private readonly db: Db) {}

  list(): Promise<ArticleModel[]> {
    return this.db.query<ArticleModel>({
      name: 'articles_list',
      text: `select ${ARTICLE_COLUMNS} from article where not hidden order by published, title`,
    });
  }

  async bySlug(slug: string): Promise<ArticleModel | null> {
    const [row] = await this.db.query<ArticleModel>(
      { name: 'article_by_slug', text: `select ${ARTICLE_COLUMNS} from article where slug = $1 and not hidden` },
      [slug],
    );
    return row ?? null;
  }

  async byIds(ids: readonly string[]): Promise<ArticleModel[]> {
    return this.db.query<ArticleModel>(
      { name: 'articles_by_ids', text: `select ${ARTICLE_COLUMNS} from article where id = any($1::uuid[])` },
      [ids],
    );
  }

  sectionsOf(articleId: string): Promise<SectionModel[]> {
    return this.db.query<SectionModel>(
      {
        name: 'sections_of_article',
        text: `select ${SECTION_COLUMNS} from section where article_id = $1 and not hidden order by position`,
      },
      [articleId],
    );
  }

  async sectionBySlug(articleId: string, slug: string): Promise<SectionModel | null> {
    const [row] = await this.db.query<SectionModel>(
      {
        name: 'section_by_slug',
        text: `select ${SECTION_COLUMNS} from section where article_id = $1 and slug = $2 and not hidden`,
      },
      [articleId, slug],
    );
    return row ?? null;
  }

  /** Sections by id (hidden ones too, for their posts), in any order; unknown or malformed ids are absent. */
  async sectionsByIds(ids: readonly string[]): Promise<SectionModel[]> {
    const valid = ids.filter(isSectionId);
    if (valid.length === 0) return [];
    return this.db.query<SectionModel>(
      { name: 'sections_by_ids', text: `select ${SECTION_COLUMNS} from section where id = any($1::uuid[])` },
      [valid],
    );
  }

  /** Every section id, hidden ones too: `me` looks for the caller's posts in all of them. */
  async allSectionIds(): Promise<string[]> {
    return [...(await this.sectionDirectory()).keys()];
  }

  /** A section that takes new posts (known and not hidden), from the directory: no SQL on the hot path. */
  async openSection(id: string): Promise<SectionMeta | null> {
    if (!isSectionId(id)) return null;
    let section = (await this.sectionDirectory()).get(id);
    // Imported by another instance since this one last looked: look again, once.
    if (!section) section = (await this.sectionDirectory(true)).get(id);
    return section && !section.hidden ? section : null;
  }

  /** Any section's slug (hidden ones too), for the tone rules' context. */
  async sectionMeta(id: string): Promise<SectionMeta | null> {
    return (await this.sectionDirectory()).get(id) ?? null;
  }

  /**
   * Sections change only when an instance imports the articles at start, so their ids, slugs
   * and visibility are kept in memory for a minute.
   */
  private async sectionDirectory(refresh = false, now = Date.now()): Promise<Map<string, SectionMeta>> {
    if (refresh || !this.directory || now - this.directory.at > SECTION_DIRECTORY_TTL_MS) {
      const rows = await this.db.query<SectionMeta>({ name: 'section_directory', text: 'select id, slug, hidden from section' });
      this.directory = { sections: new Map(rows.map((r) => [r.id, r])), at: now };
    }
    return this.directory.sections;
  }
}
