import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The moderators' side of issue 13 (docs/decisions/017-moderators-notes-messages-and-log.md):
 * - queue_note: a moderator's internal note on a post in the queue, never shown to readers or authors;
 * - author_message: a moderator's private, supportive word to a post's author, tied to the post only
 *   (no moderator, no author: the author reads it through the post, with their key);
 * - flag.created_at: when a reader flagged (flags stored before this have none);
 * - queue_item.decision may be HANDLED: a crisis item looked after without approving or rejecting.
 */
export class ModeratorNotesAndMessages1796600100000 implements MigrationInterface {
  name = 'ModeratorNotesAndMessages1796600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table queue_note (
        id bigint generated always as identity primary key,
        post_id bigint not null constraint queue_note_post_id_fkey references post (id),
        moderator_id uuid not null constraint queue_note_moderator_id_fkey references moderator (id),
        body text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index queue_note_post_idx on queue_note (post_id, id)`);
    await q.query(`
      create table author_message (
        id bigint generated always as identity primary key,
        post_id bigint not null constraint author_message_post_id_fkey references post (id),
        body text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index author_message_post_idx on author_message (post_id, id)`);
    // Older flags keep no time rather than a made-up one.
    await q.query(`alter table flag add column created_at timestamptz`);
    await q.query(`alter table flag alter column created_at set default now()`);
    await q.query(`alter table queue_item drop constraint queue_item_decision_check`);
    await q.query(`alter table queue_item add constraint queue_item_decision_check check (decision in ('APPROVE', 'REJECT', 'HANDLED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`update queue_item set decision = null where decision = 'HANDLED'`);
    await q.query(`alter table queue_item drop constraint queue_item_decision_check`);
    await q.query(`alter table queue_item add constraint queue_item_decision_check check (decision in ('APPROVE', 'REJECT'))`);
    await q.query(`alter table flag drop column created_at`);
    await q.query(`drop table author_message`);
    await q.query(`drop table queue_note`);
  }
}
