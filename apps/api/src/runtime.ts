import path from 'node:path';
import { loadContent, type ResourceList } from '@steady/content';
import type { DataSource } from 'typeorm';
import { importArticles, type ImportReport } from './articles/content-import';
import { AuthorCrypto } from './authors/author-crypto';
import { loadServerSecret } from './authors/server-secret';
import type { Logger } from './common/logger';
import type { Config } from './config/config';
import { openDatabase } from './database/data-source';
import { Db } from './database/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded';
import { Redis } from 'ioredis';
import { MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './common/rate-limit';
import { MemoryThreadVersions, RedisThreadVersions, type ThreadVersions } from './posts/thread-cache';

export interface Runtime {
  databaseUrl: string;
  embedded: EmbeddedDatabase | null;
  dataSource: DataSource;
  db: Db;
  crypto: AuthorCrypto;
  resources: ResourceList;
  imported: ImportReport;
  /** Shared with other API instances when REDIS_URL is set. */
  rateLimitStore: RateLimitStore;
  threadVersions: ThreadVersions;
  close(): Promise<void>;
}

export class RedisUnreachableError extends Error {}

/** Connects to REDIS_URL (failing fast with a plain sentence), or null without one. */
async function connectRedis(url: string | undefined): Promise<Redis | null> {
  if (!url) return null;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    redis.disconnect();
    throw new RedisUnreachableError('Steady could not reach Redis at REDIS_URL. Is it running there?');
  }
  return redis;
}

/**
 * Everything the API needs before it can serve: a database (DATABASE_URL, or the embedded
 * PostgreSQL), the schema migrated, the articles imported, the server secret loaded.
 */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: config.DATA_DIR,
        port: config.EMBEDDED_PG_PORT,
        urlFile: path.join(config.DATA_DIR, 'database-url'),
        onLog: (line) => logger.debug({ source: 'postgres' }, line),
      });
  const databaseUrl = config.DATABASE_URL ?? embedded!.url;
  let dataSource: DataSource | undefined;
  let redis: Redis | null = null;
  try {
    redis = await connectRedis(config.REDIS_URL);
    dataSource = await openDatabase(databaseUrl, config.DB_POOL_SIZE);
    const db = Db.fromDataSource(dataSource);
    const content = await loadContent(config.CONTENT_DIR);
    const imported = await importArticles(db, content.articles);
    const crypto = new AuthorCrypto(loadServerSecret(config.STEADY_SECRET, config.DATA_DIR));
    const ds = dataSource;
    return {
      databaseUrl,
      embedded,
      dataSource: ds,
      db,
      crypto,
      resources: content.resources,
      imported,
      rateLimitStore: redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore(),
      threadVersions: redis ? new RedisThreadVersions(redis) : new MemoryThreadVersions(),
      async close() {
        await redis?.quit().catch(() => undefined);
        await ds.destroy().catch(() => undefined);
        await embedded?.stop();
      },
    };
  } catch (error) {
    redis?.disconnect();
    await dataSource?.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
