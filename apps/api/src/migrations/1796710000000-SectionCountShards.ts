import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A section's counts in shards (docs/decisions/026-write-path.md). Every published post moved
 * the one `section` row of its thread, so concurrent posts to a thread waited for each other's
 * commit (the row lock is held until the WAL is flushed). A post now adds to one of a few shard
 * rows, chosen by the connection that writes it; a count is the section's own column (what was
 * counted before this migration, and what the shards are folded into) plus its shards.
 */
export class SectionCountShards1796710000000 implements MigrationInterface {
  name = 'SectionCountShards1796710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table section_count_shard (
        section_id uuid not null references section(id) on delete cascade,
        shard smallint not null,
        post_count int not null default 0,
        thread_count int not null default 0,
        constraint section_count_shard_pkey primary key (section_id, shard)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      update section s set post_count = s.post_count + x.posts, thread_count = s.thread_count + x.threads
      from (select section_id, sum(post_count)::int as posts, sum(thread_count)::int as threads
            from section_count_shard group by section_id) x
      where x.section_id = s.id`);
    await q.query('drop table section_count_shard');
  }
}
