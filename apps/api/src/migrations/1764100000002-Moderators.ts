import { MigrationInterface, QueryRunner } from 'typeorm';

/** Moderator accounts and their sessions (docs/decisions/006-moderator-accounts.md). */
export class Moderators1764100000002 implements MigrationInterface {
  name = 'Moderators1764100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table moderator (
        id uuid primary key default gen_random_uuid(),
        email text not null unique check (email <> '' and email = lower(btrim(email))),
        password_hash text not null,
        role text not null check (role in ('MODERATOR', 'ADMIN')),
        created_at timestamptz not null default now(),
        disabled_at timestamptz
      )`);
    // Only the SHA-256 of a session token is stored: a copy of the database signs no one in.
    await q.query(`
      create table moderator_session (
        id uuid primary key default gen_random_uuid(),
        moderator_id uuid not null references moderator(id) on delete cascade,
        token_hash bytea not null unique check (octet_length(token_hash) = 32),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz
      )`);
    await q.query(`create index moderator_session_moderator_idx on moderator_session (moderator_id) where revoked_at is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table moderator_session');
    await q.query('drop table moderator');
  }
}
