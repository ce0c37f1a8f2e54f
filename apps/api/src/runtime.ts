import path from 'node:path';
import { loadContent, type ResourceList } from '@steady/content';
import type { DataSource } from 'typeorm';
import { importArticles, type ImportReport } from './articles/content-import';
import { AuthorCrypto } from './authors/author-crypto';
import { loadServerSecret } from './authors/server-secret';
import type { Logger } from './common/logger';
import type { Config } from './config/config';
import { openDatabase } from './data-source';
import { Db } from './database/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded';
import { SharedRedis } from './common/shared-redis';
import { liveChannel, memoryLiveBus, redisLiveBus, type LiveBus } from './common/live-bus';
import { MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './common/rate-limit';
import { MemoryThreadVersions, RedisThreadVersions, type ThreadVersions } from './common/thread-versions';

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
  /** The link to REDIS_URL, null without one. */
  redis: SharedRedis | null;
  /** Live events: through Redis pub/sub with REDIS_URL, in memory without (ADR 020). */
  liveBus: LiveBus;
  close(): Promise<void>;
}

/**
 * Connects to REDIS_URL, or null without one. Redis only accelerates: when it does not answer,
 * the API starts anyway (degraded, said once in the log and on /health) and connects when it can.
 */
async function connectRedis(url: string | undefined, logger: Logger): Promise<SharedRedis | null> {
  if (!url) return null;
  const redis = new SharedRedis(url, logger);
  await redis.connect();
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
        onEvent: (message) => logger.warn(message),
      });
  const databaseUrl = config.DATABASE_URL ?? embedded!.url;
  let dataSource: DataSource | undefined;
  let redis: SharedRedis | null = null;
  try {
    redis = await connectRedis(config.REDIS_URL, logger);
    dataSource = await openDatabase(databaseUrl, config.DB_POOL_SIZE);
    const db = Db.fromDataSource(dataSource);
    const content = await loadContent(config.CONTENT_DIR);
    const imported = await importArticles(db, content.articles);
    const crypto = new AuthorCrypto(loadServerSecret(config.STEADY_SECRET, config.DATA_DIR));
    const ds = dataSource;
    const channel = liveChannel(config);
    const liveBus = config.REDIS_URL ? redisLiveBus(config.REDIS_URL, channel, logger) : memoryLiveBus(channel, logger);
    return {
      databaseUrl,
      embedded,
      dataSource: ds,
      db,
      crypto,
      resources: content.resources,
      imported,
      rateLimitStore: redis ? new RedisRateLimitStore(redis, config.REDIS_NAMESPACE) : new MemoryRateLimitStore(),
      threadVersions: redis ? new RedisThreadVersions(redis, config.REDIS_NAMESPACE) : new MemoryThreadVersions(),
      redis,
      liveBus,
      // Last in the shutdown order (after the HTTP server drained): the pool, then PostgreSQL.
      async close() {
        await liveBus.close();
        await redis?.close();
        await ds.destroy().catch(() => undefined);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await redis?.close();
    await dataSource?.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
