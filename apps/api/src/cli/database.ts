import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { openDatabase } from '../data-source';
import { Db } from '../database/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../database/embedded';

export interface CliDatabase {
  db: Db;
  close(): Promise<void>;
}

/**
 * The database `npm start` uses: DATABASE_URL when set, else the embedded PostgreSQL under
 * DATA_DIR on EMBEDDED_PG_PORT, shared when a running Steady serves it, otherwise started
 * here and stopped by `close()`. Migrations run first. Writes nothing to stdout.
 */
export async function openCliDatabase(config: Config): Promise<CliDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      urlFile: path.join(config.DATA_DIR, 'database-url'),
    });
    // The PostgreSQL started here runs in its own process group: a Ctrl-C while the command
    // runs reaches only this process, which stops PostgreSQL before it exits.
    const started = embedded;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => void started.stop().finally(() => process.exit(130)));
    }
  }
  let dataSource: DataSource;
  try {
    dataSource = await openDatabase(config.DATABASE_URL ?? embedded!.url, 2);
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  return {
    db: Db.fromDataSource(dataSource),
    async close() {
      await dataSource.destroy().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
    },
  };
}
