import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The author keys Steady issued, and what a reader's flag weighs (docs/decisions/011-issued-keys-and-standing.md).
 * Only a keyed hash of each key and a small standing level: no time, no address, nothing that
 * links the row to a post without the server secret.
 */
export class IssuedAuthorKeys1796565936816 implements MigrationInterface {
  name = 'IssuedAuthorKeys1796565936816';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table author_key (
        hash bytea primary key,
        standing smallint not null default 0 check (standing between 0 and 9)
      )`);
    // Flags stored before standing counted as they did then: one each.
    await q.query(`alter table flag add column weight smallint not null default 1 check (weight >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table flag drop column weight');
    await q.query('drop table author_key');
  }
}
