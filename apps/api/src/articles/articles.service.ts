import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { isSectionId } from '../common/ids';
import { ArticleModel, SectionModel } from './article.model';
import { ArticlesRepository, type SectionMeta } from './articles.repository';

export type { SectionMeta };

/**
 * Sections change only when an instance imports the articles at start, so their ids, slugs
 * and visibility are kept in memory for a minute (lru-cache's ttl).
 */
const SECTION_DIRECTORY_TTL_MS = 60_000;

@Injectable()
export class ArticlesService {
  private readonly directory = new LRUCache<'sections', Map<string, SectionMeta>>({ max: 1, ttl: SECTION_DIRECTORY_TTL_MS });

  constructor(@Inject(ArticlesRepository) private readonly repo: ArticlesRepository) {}

  list(): Promise<ArticleModel[]> {
    return this.repo.list();
  }

  bySlug(slug: string): Promise<ArticleModel | null> {
    return this.repo.bySlug(slug);
  }

  byIds(ids: readonly string[]): Promise<ArticleModel[]> {
    return this.repo.byIds(ids);
  }

  sectionsOf(articleId: string): Promise<SectionModel[]> {
    return this.repo.sectionsOf(articleId);
  }

  sectionBySlug(articleId: string, slug: string): Promise<SectionModel | null> {
    return this.repo.sectionBySlug(articleId, slug);
  }

  /** Sections by id (hidden ones too, for their posts), in any order; unknown or malformed ids are absent. */
  async sectionsByIds(ids: readonly string[]): Promise<SectionModel[]> {
    const valid = ids.filter(isSectionId);
    if (valid.length === 0) return [];
    return this.repo.sectionsByIds(valid);
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

  /** The directory of every section, loaded again after the ttl, or at once when `refresh`. */
  private async sectionDirectory(refresh = false): Promise<Map<string, SectionMeta>> {
    let sections = refresh ? undefined : this.directory.get('sections');
    if (!sections) {
      sections = new Map((await this.repo.directory()).map((r) => [r.id, r]));
      this.directory.set('sections', sections);
    }
    return sections;
  }
}
