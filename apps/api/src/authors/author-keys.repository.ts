import { Inject, Injectable } from '@nestjs/common';
import { Db, type Statement } from '../database/db';

/** How old a published post must be before its author's flags count. */
const ESTABLISHED_AFTER = '1 day';

/** SQL of the key registry that posts' one-statement author lookup embeds. */
export const AUTHOR_KEY_FRAGMENTS = {
  /** A smallint, or null when Steady never issued the key behind this registry hash. */
  standing: (hash: string) => `(select standing from author_key where hash = ${hash})`,
};

/*
 * Two reads here cross into other features' tables, as read-only expressions (ADR 002): a key's
 * ban (moderation's `ban`) and its posts' history (posts' `post`). Authors sit below both
 * features (they depend on authors), so the text stays here rather than importing them.
 */
const SQL = {
  /** $1 the key's registry hash, $2 its ban hash. */
  lookup: {
    name: 'author_key_lookup',
    text: `select ${AUTHOR_KEY_FRAGMENTS.standing('$1')} as standing, exists (select 1 from ban where hash = $2) as banned`,
  },
  /** What the key's posts say about it: $1 its author token in every section. */
  history: {
    name: 'author_key_history',
    text: `select exists (select 1 from post where author_token = any($1::bytea[])) as wrote,
      exists (select 1 from post where author_token = any($1::bytea[]) and status = 'PUBLISHED'
        and created_at <= now() - interval '${ESTABLISHED_AFTER}') as established`,
  },
  /** Records a key, or raises its standing: $1 registry hash, $2 standing. */
  record: {
    name: 'author_key_record',
    text: `insert into author_key (hash, standing) values ($1, $2)
      on conflict (hash) do update set standing = greatest(author_key.standing, excluded.standing)`,
  },
} satisfies Record<string, Statement>;

/** The registry of issued author keys: keyed hashes and standing, nothing else. */
@Injectable()
export class AuthorKeysRepository {
  constructor(@Inject(Db) private readonly db: Db) {}

  async lookup(issuedHash: Buffer, banHash: Buffer): Promise<{ standing: number | null; banned: boolean }> {
    return (await this.db.query<{ standing: number | null; banned: boolean }>(SQL.lookup, [issuedHash, banHash]))[0];
  }

  async history(tokens: Buffer[]): Promise<{ wrote: boolean; established: boolean }> {
    return (await this.db.query<{ wrote: boolean; established: boolean }>(SQL.history, [tokens]))[0];
  }

  async record(issuedHash: Buffer, standing: number): Promise<void> {
    await this.db.query(SQL.record, [issuedHash, standing]);
  }
}
