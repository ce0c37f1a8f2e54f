import type { Db, Statement } from '../database/db';
import type { ModeratorRole } from './moderator.entity';

export interface ModeratorRow {
  id: string;
  email: string;
  password_hash: string;
  role: ModeratorRole;
  disabled_at: Date | null;
}

export interface SessionRow {
  id: string;
  email: string;
  role: ModeratorRole;
  session_id: string;
}

/** Every statement of moderator accounts and sessions. */
const SQL = {
  /** $1 e-mail (normalized), $2 argon2id hash, $3 role. Nothing returned when the e-mail exists. */
  create: {
    name: 'moderator_create',
    text: `insert into moderator (email, password_hash, role) values ($1, $2, $3)
      on conflict (email) do nothing
      returning id::text as id, email, password_hash, role, disabled_at`,
  },
  byEmail: {
    name: 'moderator_by_email',
    text: `select id::text as id, email, password_hash, role, disabled_at from moderator where email = $1`,
  },
  emailOf: { name: 'moderator_email_of', text: `select email from moderator where id = $1::uuid` },
  list: {
    name: 'moderator_list',
    text: `select id::text as id, email, password_hash, role, disabled_at from moderator
      where disabled_at is null order by created_at, email`,
  },
  /** $1 id, $2 new hash: when argon2's parameters change, a successful login upgrades the hash. */
  rehash: {
    name: 'moderator_rehash',
    text: `update moderator set password_hash = $2 where id = $1`,
  },
  /** $1 e-mail. Returns the account whether or not it was already disabled. */
  disable: {
    name: 'moderator_disable',
    text: `update moderator set disabled_at = coalesce(disabled_at, now()) where email = $1 returning id::text as id`,
  },
  /** $1 moderator id, $2 token hash, $3 lifetime in seconds. */
  createSession: {
    name: 'moderator_session_create',
    text: `insert into moderator_session (moderator_id, token_hash, expires_at)
      values ($1, $2, now() + make_interval(secs => $3))
      returning id::text as id, expires_at`,
  },
  /** $1 token hash: a live session of an account that is not disabled. */
  session: {
    name: 'moderator_session_lookup',
    text: `select m.id::text as id, m.email, m.role, s.id::text as session_id
      from moderator_session s join moderator m on m.id = s.moderator_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and m.disabled_at is null`,
  },
  /** $1 token hash. */
  revokeSession: {
    name: 'moderator_session_revoke',
    text: `update moderator_session set revoked_at = now() where token_hash = $1 and revoked_at is null`,
  },
  /** $1 moderator id. Returns one row per session revoked. */
  revokeAll: {
    name: 'moderator_session_revoke_all',
    text: `update moderator_session set revoked_at = now()
      where moderator_id = $1 and revoked_at is null and expires_at > now() returning id`,
  },
  /** $1 moderator id: sessions ended more than 30 days ago serve no one; keep the table small. */
  pruneSessions: {
    name: 'moderator_session_prune',
    text: `delete from moderator_session
      where moderator_id = $1 and least(expires_at, coalesce(revoked_at, expires_at)) < now() - interval '30 days'`,
  },
} satisfies Record<string, Statement>;

/**
 * Moderator accounts' and sessions' SQL, in one place. A plain class over Db (the service builds
 * it), so the moderator CLI and the tests construct the service as before.
 */
export class ModeratorsRepository {
  constructor(private readonly db: Pick<Db, 'query' | 'transaction'>) {}

  /** Null when the e-mail is taken. */
  async create(email: string, passwordHash: string, role: ModeratorRole): Promise<ModeratorRow | null> {
    return (await this.db.query<ModeratorRow>(SQL.create, [email, passwordHash, role]))[0] ?? null;
  }

  async emailOf(id: string): Promise<string | null> {
    return (await this.db.query<{ email: string }>(SQL.emailOf, [id]))[0]?.email ?? null;
  }

  async byEmail(email: string): Promise<ModeratorRow | null> {
    return (await this.db.query<ModeratorRow>(SQL.byEmail, [email]))[0] ?? null;
  }

  list(): Promise<ModeratorRow[]> {
    return this.db.query<ModeratorRow>(SQL.list);
  }

  async rehash(id: string, passwordHash: string): Promise<void> {
    await this.db.query(SQL.rehash, [id, passwordHash]);
  }

  /** Disables the account and revokes its sessions, together. Null when there is no such account. */
  disable(email: string): Promise<{ id: string; revokedSessions: number } | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(SQL.disable, [email]);
      if (!row) return null;
      const revoked = await tx.query(SQL.revokeAll, [row.id]);
      return { id: row.id, revokedSessions: revoked.length };
    });
  }

  async pruneSessions(moderatorId: string): Promise<void> {
    await this.db.query(SQL.pruneSessions, [moderatorId]);
  }

  async createSession(moderatorId: string, tokenHash: Buffer, seconds: number): Promise<{ id: string; expires_at: Date }> {
    return (await this.db.query<{ id: string; expires_at: Date }>(SQL.createSession, [moderatorId, tokenHash, seconds]))[0];
  }

  async session(tokenHash: Buffer): Promise<SessionRow | null> {
    return (await this.db.query<SessionRow>(SQL.session, [tokenHash]))[0] ?? null;
  }

  async revokeSession(tokenHash: Buffer): Promise<void> {
    await this.db.query(SQL.revokeSession, [tokenHash]);
  }

  /** Returns how many sessions were revoked. */
  async revokeAll(moderatorId: string): Promise<number> {
    return (await this.db.query(SQL.revokeAll, [moderatorId])).length;
  }
}
