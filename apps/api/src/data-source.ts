import { DataSource } from 'typeorm';
import { MIGRATION_LOCK } from './database/locks';
import { ArticleEntity } from './articles/article.entity';
import { SectionEntity } from './articles/section.entity';
import { AuthorKeyEntity } from './authors/author-key.entity';
import { MODERATION_ENTITIES } from './moderation/moderation.entities';
import { ModeratorEntity, ModeratorSessionEntity } from './moderators/moderator.entity';
import { PostEntity, ReactionEntity, SectionAuthorEntity } from './posts/post.entity';
import { Articles1764100000000 } from './migrations/1764100000000-Articles';
import { Posts1764100000001 } from './migrations/1764100000001-Posts';
import { Moderators1764100000002 } from './migrations/1764100000002-Moderators';
import { Moderation1764100000003 } from './migrations/1764100000003-Moderation';
import { ListIndexesEveryStatus1764100000010 } from './migrations/1764100000010-ListIndexesEveryStatus';
import { IssuedAuthorKeys1796565936816 } from './migrations/1796565936816-IssuedAuthorKeys';

/*
 * The schema's composition root, beside app.module.ts: it names every feature's entities and
 * every migration, so the database/ folder (infrastructure) imports no feature (ADR 014).
 */

/** Every table the migrations create, described exactly (test/entities.spec.ts keeps them honest). */
export const entities = [
  ArticleEntity,
  SectionEntity,
  PostEntity,
  ReactionEntity,
  SectionAuthorEntity,
  ...MODERATION_ENTITIES,
  AuthorKeyEntity,
  ModeratorEntity,
  ModeratorSessionEntity,
];
/** In order. A landed migration is never edited: add a new one. */
export const migrations = [
  Articles1764100000000,
  Posts1764100000001,
  Moderators1764100000002,
  Moderation1764100000003,
  ListIndexesEveryStatus1764100000010,
  IssuedAuthorKeys1796565936816,
];

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
