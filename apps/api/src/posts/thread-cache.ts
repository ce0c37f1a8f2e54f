import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { PostRecord } from './post.model';

/** The version every write moves on, whatever its section: whole cached answers depend on it. */
export const ALL_THREADS = '*';

/**
 * A per-section version number, bumped after every write that changes what a thread shows.
 * In memory for one instance; in Redis (REDIS_URL) so that a write through one API instance
 * invalidates the pages cached by every other at once.
 */
export interface ThreadVersions {
  get(sectionId: string): Promise<number>;
  bump(sectionId: string): Promise<void>;
}

export class MemoryThreadVersions implements ThreadVersions {
  private readonly versions = new Map<string, number>();
  async get(sectionId: string) {
    return this.versions.get(sectionId) ?? 0;
  }
  async bump(sectionId: string) {
    this.versions.set(sectionId, (this.versions.get(sectionId) ?? 0) + 1);
  }
}

export class RedisThreadVersions implements ThreadVersions {
  constructor(
    private readonly redis: Redis,
    private readonly namespace = 'steady',
  ) {}
  async get(sectionId: string) {
    return Number((await this.redis.get(`${this.namespace}:thread:${sectionId}`)) ?? 0);
  }
  async bump(sectionId: string) {
    await this.redis.incr(`${this.namespace}:thread:${sectionId}`);
  }
}

/**
 * Pages of threads as readers without a key see them (no pending posts of their own, no
 * reactions of their own), keyed by the section's version: a write moves the version on and
 * the old pages are never read again (they age out of the LRU).
 */
export class ThreadCache {
  private readonly pages = new LRUCache<string, PostRecord[]>({ max: 2000 });

  constructor(readonly versions: ThreadVersions) {}

  async page(sectionId: string, afterId: string | null, first: number, load: () => Promise<PostRecord[]>): Promise<PostRecord[]> {
    const key = `${sectionId}:${await this.versions.get(sectionId)}:${afterId ?? ''}:${first}`;
    const cached = this.pages.get(key);
    if (cached) return cached;
    const rows = await load();
    this.pages.set(key, rows);
    return rows;
  }

  async invalidate(sectionId: string): Promise<void> {
    await Promise.all([this.versions.bump(sectionId), this.versions.bump(ALL_THREADS)]);
  }
}
