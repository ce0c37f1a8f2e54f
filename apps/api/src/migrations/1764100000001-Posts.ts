import { MigrationInterface, QueryRunner } from 'typeorm';

export class Posts1764100000001 implements MigrationInterface {
  name = 'Posts1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table section_author (
        section_id uuid not null references section(id),
        author_token bytea not null,
        pseudonym text not null,
        primary key (section_id, author_token),
        unique (section_id, pseudonym)
      )`);
    await q.query(`
      create table post (
        id bigint generated always as identity primary key,
        section_id uuid not null references section(id),
        parent_id bigint references post(id),
        depth smallint not null default 0,
        author_token bytea not null,
        author_ref bytea not null,
        pseudonym text not null,
        body text not null,
        html text not null,
        status text not null check (status in ('PUBLISHED', 'PENDING', 'REJECTED', 'DELETED')),
        reply_count int not null default 0 check (reply_count >= 0),
        support_count int not null default 0 check (support_count >= 0),
        hug_count int not null default 0 check (hug_count >= 0),
        relate_count int not null default 0 check (relate_count >= 0),
        helpful_count int not null default 0 check (helpful_count >= 0),
        idempotency_key text,
        created_at timestamptz not null default now(),
        edited_at timestamptz
      )`);
    // Keyset pages: a thread's top-level posts and a post's replies, oldest first.
    await q.query(`create index post_thread_idx on post (section_id, id) where parent_id is null and status in ('PUBLISHED', 'DELETED')`);
    await q.query(`create index post_replies_idx on post (parent_id, id) where status in ('PUBLISHED', 'DELETED')`);
    await q.query(`create index post_author_idx on post (author_token, id)`);
    await q.query(`create unique index post_idempotency_uq on post (author_token, idempotency_key) where idempotency_key is not null`);
    await q.query(`
      create table reaction (
        post_id bigint not null references post(id) on delete cascade,
        author_token bytea not null,
        kind text not null check (kind in ('SUPPORT', 'HUG', 'RELATE', 'HELPFUL')),
        primary key (post_id, author_token, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table reaction');
    await q.query('drop table post');
    await q.query('drop table section_author');
  }
}
