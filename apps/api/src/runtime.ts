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

export interface Runtime {
  databaseUrl: string;
  embedded: EmbeddedDatabase | null;
  dataSource: DataSource;
  db: Db;
  crypto: AuthorCrypto;
  resources: ResourceList;
  imported: ImportReport;
  close(): Promise<void>;
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
  try {
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
      async close() {
        await ds.destroy().catch(() => undefined);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await dataSource?.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
