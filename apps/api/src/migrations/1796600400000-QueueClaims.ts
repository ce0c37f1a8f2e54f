import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims (ADR 020): a moderator who opens a queue item holds it for a few minutes, so two
 * moderators never review the same item unknowingly. Only the moderator and an end time: nothing
 * about the author.
 */
export class QueueClaims1796600400000 implements MigrationInterface {
  name = 'QueueClaims1796600400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table queue_item
        add column claimed_by uuid references moderator (id) on delete set null,
        add column claimed_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table queue_item drop column claimed_until, drop column claimed_by');
  }
}
