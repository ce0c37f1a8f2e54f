import { randomUUID } from 'node:crypto';
import type { SharedRedis } from './shared-redis';

/*
 * Per-section versions that every cache of what threads show is keyed by: the posts' page cache
 * (posts/thread-cache.ts) and the whole-answer cache (graphql/response-cache.ts). Infrastructure:
 * it knows sections only by id, so both may use it without one depending on the other.
 */

/** The version every write moves on, whatever its section: whole cached answers depend on it. */
export const ALL_THREADS = '*';

/**
 * A per-section version, moved on after every write that changes what a thread shows. Cached
 * pages and answers are keyed by it, so a version must never come back once it has moved on.
 * `null` means "do not cache now" (the shared store cannot be reached): readers then go to
 * PostgreSQL, which is always right.
 */
export interface ThreadVersions {
  get(sectionId: string): Promise<string | null>;
  bump(sectionId: string): Promise<void>;
}

/** One instance: versions in memory. */
export class MemoryThreadVersions implements ThreadVersions {
  private readonly versions = new Map<string, number>();
  async get(sectionId: string) {
    return String(this.versions.get(sectionId) ?? 0);
  }
  async bump(sectionId: string) {
    this.versions.set(sectionId, (this.versions.get(sectionId) ?? 0) + 1);
  }
}

/**
 * Every version and a random epoch live in ONE Redis hash, read and moved by one script: when
 * Redis loses its data (a restart without persistence, FLUSHALL, an eviction), the next call
 * finds no epoch and writes a fresh one, so the counters starting again at 0 can never meet an
 * answer cached under the old epoch. One hash, so an eviction takes the epoch with the counters.
 */
const VERSION_SCRIPT = `
local epoch = redis.call('HGET', KEYS[1], '.epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], '.epoch', epoch)
end
local n
if ARGV[3] == '1' then
  n = redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
else
  n = tonumber(redis.call('HGET', KEYS[1], ARGV[2]) or '0')
end
return {epoch, n}`;

type VersionRedis = SharedRedis['client'] & {
  steadyVersion(key: string, freshEpoch: string, field: string, bump: '0' | '1'): Promise<[string, number]>;
};

/**
 * Several instances: versions in Redis, so that a write through one instance invalidates the
 * pages cached by every other at once. Keys carry the link's generation too (see SharedRedis):
 * nothing cached before an outage is served after it. A bump that cannot reach Redis is kept
 * and replayed when Redis is back, so the other instances learn of writes made meanwhile.
 */
export class RedisThreadVersions implements ThreadVersions {
  private readonly key: string;
  private readonly missed = new Set<string>();

  constructor(
    private readonly redis: SharedRedis,
    namespace = 'steady',
  ) {
    this.key = `${namespace}:versions`;
    const client = redis.client as VersionRedis;
    if (typeof client.steadyVersion !== 'function') client.defineCommand('steadyVersion', { numberOfKeys: 1, lua: VERSION_SCRIPT });
    redis.onRecover(() => void this.replay());
  }

  async get(sectionId: string): Promise<string | null> {
    if (!this.redis.available) return null;
    const generation = this.redis.generation;
    try {
      const [epoch, n] = await this.call(sectionId, '0');
      if (this.missed.size) void this.replay();
      return `${generation}.${epoch}.${n}`;
    } catch {
      this.redis.noteFailure();
      return null;
    }
  }

  async bump(sectionId: string): Promise<void> {
    if (this.redis.available) {
      try {
        await this.call(sectionId, '1');
        return;
      } catch {
        this.redis.noteFailure();
      }
    }
    this.missed.add(sectionId);
  }

  private call(field: string, bump: '0' | '1') {
    return (this.redis.client as VersionRedis).steadyVersion(this.key, randomUUID(), field, bump);
  }

  private async replay() {
    const sections = [...this.missed];
    this.missed.clear();
    for (const sectionId of sections) await this.bump(sectionId);
  }
}
