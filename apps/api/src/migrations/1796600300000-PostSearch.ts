import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search over published posts (docs/decisions/019-search.md): a GIN index on the
 * English tsvector of each post's text, partial on PUBLISHED, since no other status is ever
 * searched. An expression index rather than a stored generated column: TypeORM keeps a
 * generated column's expression in its own `typeorm_metadata` table, which this schema does
 * not have; the expression is repeated, exactly, by the search statement in posts/post.sql.ts.
 */
export class PostSearch1796600300000 implements MigrationInterface {
  name = 'PostSearch1796600300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index post_search_idx on post using gin (to_tsvector('english'::regconfig, body)) where status = 'PUBLISHED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index post_search_idx`);
  }
}
