import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Threads list what the viewer may see (posts/visibility.ts): an author's own REJECTED posts and,
 * for moderators, every PENDING and REJECTED one. The list indexes covered only PUBLISHED,
 * DELETED and PENDING, so a predicate that may include REJECTED could not use them; they now
 * cover every status (few posts are not PUBLISHED, so they hardly grow).
 */
export class ListIndexesEveryStatus1764100000010 implements MigrationInterface {
  name = 'ListIndexesEveryStatus1764100000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`drop index post_thread_idx`);
    await q.query(`create index post_thread_idx on post (section_id, id) where parent_id is null`);
    await q.query(`drop index post_replies_idx`);
    await q.query(`create index post_replies_idx on post (parent_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index post_thread_idx`);
    await q.query(`create index post_thread_idx on post (section_id, id) where parent_id is null and status in ('PUBLISHED', 'DELETED', 'PENDING')`);
    await q.query(`drop index post_replies_idx`);
    await q.query(`create index post_replies_idx on post (parent_id, id) where status in ('PUBLISHED', 'DELETED', 'PENDING')`);
  }
}
