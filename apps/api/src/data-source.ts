import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type MigrationInterface } from 'typeorm';
import { MIGRATION_LOCK } from './database/locks';
import { ArticleEntity } from './articles/article.entity';
import { SectionCountShardEntity, SectionEntity } from './articles/section.entity';
import { AuthorKeyEntity } from './authors/author-key.entity';
import { MODERATION_ENTITIES } from './moderation/moderation.entities';
import { ModeratorEntity, ModeratorSessionEntity } from './moderators/moderator.entity';
import { PostEntity, ReactionEntity, SectionAuthorEntity } from './posts/post.entity';
/*
 * The schema's composition root, beside app.module.ts: it names every feature's entities and
 * every migration, so the database/ folder (infrastructure) imports no feature (ADR 014).
 */

/** Every table the migrations create, described exactly (test/entities.spec.ts keeps them honest). */
export const entities = [
  ArticleEntity,
  SectionEntity,
  SectionCountShardEntity,
  PostEntity,
  ReactionEntity,
  SectionAuthorEntity,
  ...MODERATION_ENTITIES,
  AuthorKeyEntity,
  ModeratorEntity,
  ModeratorSessionEntity,
];
/**
 * Every migration in migrations/ (`<timestamp>-<Name>.ts`, one class each), found by file name:
 * adding one needs no edit here. TypeORM runs them in timestamp order. A landed migration is
 * never edited: add a new one.
 */
export const migrations = discoverMigrations(path.join(__dirname, 'migrations'));

function discoverMigrations(dir: string): (new () => MigrationInterface)[] {
  return (
    fs
      .readdirSync(dir)
      .filter((file) => /^\d{13}-[\w-]+\.(js|ts)$/.test(file)) // not .d.ts, not .js.map
      .sort()
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- migrations are found by file name at start (CommonJS build)
      .flatMap((file) => Object.values(require(path.join(dir, file)) as Record<string, new () => MigrationInterface>))
  );
}

export { MIGRATION_LOCK };

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    // The schema is the migrations' (gen_random_uuid() is built into PostgreSQL 13+): TypeORM
    // installs no extension at start, and its idea of a uuid default matches the migrations'.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize, application_name: 'steady-api' },
  });
}

/** Initializes the pool and brings the schema up to date (an advisory lock keeps two instances from racing). */
export async function openDatabase(url: string, poolSize?: number): Promise<DataSource> {
  const dataSource = createDataSource(url, poolSize);
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  } finally {
    await lock.release();
  }
  return dataSource;
}
