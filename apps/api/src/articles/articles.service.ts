import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { isArticleId, isSectionId } from '../common/ids';
import { ArticleModel, SectionModel } from './article.model';
import { ArticlesRepository, type SectionCounts, type SectionMeta } from './articles.repository';

export type { SectionMeta };

/**
 * What the articles say (titles, slugs, section text, visibility) changes only when an instance
 * imports the articles at start, so it is kept in memory for a minute (lru-cache's ttl): a page
 * that names sections and articles costs no SQL for them. Counts change with every post and
 * are read apart (`sectionCounts`). An id this instance does not know yet (imported by another
 * instance since it last looked) makes it look again, once.
 */
const DIRECTORY_TTL_MS = 60_000;
/** Unknown ids look again at most this often, so a stream of made-up ids cannot turn into a stream of reloads. */
const REFRESH_AT_MOST_EVERY_MS = 2_000;

interface Directory {
  sections: Map<string, SectionMeta>;
  articles: Map<string, ArticleModel>;
}

@Injectable()
export class ArticlesService {
  private readonly directory = new LRUCache<'all', Directory>({ max: 1, ttl: DIRECTORY_TTL_MS });
  private loadedAt = 0;

  constructor(@Inject(ArticlesRepository) private readonly repo: ArticlesRepository) {}

  list(): Promise<ArticleModel[]> {
    return this.repo.list();
  }

  bySlug(slug: string): Promise<ArticleModel | null> {
    return this.repo.bySlug(slug);
  }

  /** Articles by id (hidden ones too), in any order; unknown ids are absent. */
  async byIds(ids: readonly string[]): Promise<ArticleModel[]> {
    return this.known(ids.filter(isArticleId), (d) => d.articles);
  }

  sectionsOf(articleId: string): Promise<SectionModel[]> {
    return this.repo.sectionsOf(articleId);
  }

  sectionBySlug(articleId: string, slug: string): Promise<SectionModel | null> {
    return this.repo.sectionBySlug(articleId, slug);
  }

  /** Sections by id (hidden ones too, for their posts), without counts, in any order; unknown or malformed ids are absent. */
  async sectionsByIds(ids: readonly string[]): Promise<SectionMeta[]> {
    return this.known(ids.filter(isSectionId), (d) => d.sections);
  }

  /** The counters of sections, read as they are now. */
  sectionCounts(ids: readonly string[]): Promise<SectionCounts[]> {
    return ids.length ? this.repo.sectionCounts(ids) : Promise.resolve([]);
  }

  /** Every section id, hidden ones too: `me` looks for the caller's posts in all of them. */
  async allSectionIds(): Promise<string[]> {
    return [...(await this.load()).sections.keys()];
  }

  /** A section that takes new posts (known and not hidden), from the directory: no SQL on the hot path. */
  async openSection(id: string): Promise<SectionMeta | null> {
    if (!isSectionId(id)) return null;
    const [section] = await this.known([id], (d) => d.sections);
    return section && !section.hidden ? section : null;
  }

  /** Any section's slug (hidden ones too), for the tone rules' context. */
  async sectionMeta(id: string): Promise<SectionMeta | null> {
    return (await this.load()).sections.get(id) ?? null;
  }

  /** The entries for `ids` that exist; an id missing from the directory makes it load again, once. */
  private async known<T>(ids: readonly string[], pick: (d: Directory) => Map<string, T>): Promise<T[]> {
    if (ids.length === 0) return [];
    let entries = pick(await this.load());
    if (ids.some((id) => !entries.has(id)) && Date.now() - this.loadedAt >= REFRESH_AT_MOST_EVERY_MS) entries = pick(await this.load(true));
    return ids.flatMap((id) => entries.get(id) ?? []);
  }

  /** The directory, loaded again after the ttl, or at once when `refresh`. */
  private async load(refresh = false): Promise<Directory> {
    let directory = refresh ? undefined : this.directory.get('all');
    if (!directory) {
      const [sections, articles] = await Promise.all([this.repo.directory(), this.repo.articleDirectory()]);
      directory = { sections: new Map(sections.map((s) => [s.id, s])), articles: new Map(articles.map((a) => [a.id, a])) };
      this.directory.set('all', directory);
      this.loadedAt = Date.now();
    }
    return directory;
  }
}
