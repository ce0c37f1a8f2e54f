import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tone engine's verdicts, the review queue, flags, bans, nudge outcomes and the audit log. */
export class Moderation1764100000003 implements MigrationInterface {
  name = 'Moderation1764100000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table post
        add column crisis boolean not null default false,
        add column hits jsonb not null default '[]',
        add column rules_version text,
        add column flag_count int not null default 0 check (flag_count >= 0),
        add column review_reason text,
        add column reviewed_at timestamptz`);
    // The thread page also shows the caller's own posts waiting for a moderator.
    await q.query(`drop index post_thread_idx`);
    await q.query(`create index post_thread_idx on post (section_id, id) where parent_id is null and status in ('PUBLISHED', 'DELETED', 'PENDING')`);
    await q.query(`drop index post_replies_idx`);
    await q.query(`create index post_replies_idx on post (parent_id, id) where status in ('PUBLISHED', 'DELETED', 'PENDING')`);

    await q.query(`
      create table queue_item (
        id bigint generated always as identity primary key,
        post_id bigint not null references post(id),
        priority int not null,
        reasons text[] not null default '{}',
        enqueued_at timestamptz not null default now(),
        resolved_at timestamptz,
        decision text check (decision in ('APPROVE', 'REJECT'))
      )`);
    await q.query(`create unique index queue_item_open_uq on queue_item (post_id) where resolved_at is null`);
    await q.query(`create index queue_item_order_idx on queue_item (priority desc, id) where resolved_at is null`);

    // One flag per reader per post; the reader is known only by their per-section token.
    await q.query(`
      create table flag (
        post_id bigint not null references post(id),
        reporter_token bytea not null,
        reason text not null check (reason in ('UNSAFE', 'ATTACK', 'PRESSURE', 'PERSONAL_INFO', 'SPAM', 'DANGER', 'OTHER')),
        note text,
        primary key (post_id, reporter_token)
      )`);

    // Keyed hashes of banned author keys: cannot be matched against posts without the server secret.
    await q.query(`
      create table ban (
        hash bytea primary key,
        reason text not null,
        created_at timestamptz not null default now()
      )`);

    // What happened after a nudge, without the text and without the author.
    await q.query(`
      create table nudge (
        id uuid primary key default gen_random_uuid(),
        section_id uuid not null references section(id),
        rule_ids text[] not null,
        shown_at timestamptz not null default now(),
        outcome text check (outcome in ('REPHRASED', 'POSTED_ANYWAY')),
        resolved_at timestamptz
      )`);

    await q.query(`
      create table audit_log (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        actor text not null,
        action text not null,
        post_id bigint,
        rules_version text,
        reason text,
        detail jsonb not null default '{}'
      )`);
    // Append-only: the log cannot be rewritten, even by the application's own role.
    await q.query(`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only';
      end $$`);
    await q.query(`
      create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table audit_log');
    await q.query('drop function audit_log_append_only');
    await q.query('drop table nudge');
    await q.query('drop table ban');
    await q.query('drop table flag');
    await q.query('drop table queue_item');
    await q.query(`drop index post_thread_idx`);
    await q.query(`create index post_thread_idx on post (section_id, id) where parent_id is null and status in ('PUBLISHED', 'DELETED')`);
    await q.query(`drop index post_replies_idx`);
    await q.query(`create index post_replies_idx on post (parent_id, id) where status in ('PUBLISHED', 'DELETED')`);
    await q.query(`alter table post drop column crisis, drop column hits, drop column rules_version, drop column flag_count, drop column review_reason, drop column reviewed_at`);
  }
}
