import { MigrationInterface, QueryRunner } from 'typeorm';

export class Articles1764100000000 implements MigrationInterface {
  name = 'Articles1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table article (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        title text not null,
        summary text not null,
        published timestamptz not null,
        hidden boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table section (
        id uuid primary key default gen_random_uuid(),
        article_id uuid not null references article(id) on delete restrict,
        slug text not null,
        title text not null,
        position int not null,
        markdown text not null,
        html text not null,
        hidden boolean not null default false,
        post_count int not null default 0 check (post_count >= 0),
        thread_count int not null default 0 check (thread_count >= 0),
        unique (article_id, slug)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table section');
    await q.query('drop table article');
  }
}
