import { LRUCache } from 'lru-cache';
import { ALL_THREADS, type ThreadVersions } from '../common/thread-versions';
import type { ThreadPage } from './posts.repository';

export { ALL_THREADS, MemoryThreadVersions, RedisThreadVersions, type ThreadVersions } from '../common/thread-versions';

/**
 * Pages of threads as readers without a key see them (no pending posts of their own, no
 * reactions of their own), with the section's thread count read in the same statement, keyed by the section's version: a write moves the version on and
 * the old pages are never read again (they age out of the LRU).
 */
export class ThreadCache {
  private readonly pages = new LRUCache<string, ThreadPage>({ max: 2000 });

  constructor(readonly versions: ThreadVersions) {}

  async page(sectionId: string, afterId: string | null, first: number, load: () => Promise<ThreadPage>): Promise<ThreadPage> {
    const version = await this.versions.get(sectionId);
    if (version === null) return load();
    const key = `${sectionId}:${version}:${afterId ?? ''}:${first}`;
    const cached = this.pages.get(key);
    if (cached) return cached;
    const page = await load();
    this.pages.set(key, page);
    return page;
  }

  async invalidate(sectionId: string): Promise<void> {
    await Promise.all([this.versions.bump(sectionId), this.versions.bump(ALL_THREADS)]);
  }
}
