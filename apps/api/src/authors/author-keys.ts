import { Inject, Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { RateLimiter } from '../common/rate-limit';
import { CONFIG } from '../common/tokens';
import type { Config } from '../config/config';
import { AuthorCrypto } from './author-crypto';
import { AuthorKeysRepository } from './author-keys.repository';
import { Caller } from './caller';
import { AUTHOR_KEY_MESSAGES } from './messages';

/**
 * How much a key's word weighs, earned without any account (like Discourse's trust levels):
 * a key is NEW when issued and ESTABLISHED once one of its posts was published at least a day
 * ago. Stored as a small number on the key's registry row; levels only ever go up.
 */
export enum Standing {
  NEW = 0,
  ESTABLISHED = 1,
}

const KEY_WINDOW_SECONDS = 3600;

/** A key Steady knows: it issued it, or the key wrote posts before issued keys were recorded. */
export interface KnownKey {
  standing: Standing;
  banned: boolean;
}

/**
 * The keys Steady issued (docs/decisions/011-issued-keys-and-standing.md). Only keys that came
 * from the server count: a well-formed key the server never issued is no one, so a script that
 * makes up keys gets no reactions, no flags and no fresh rate-limit budget out of them. The
 * registry holds a keyed hash of each key and its standing, nothing else.
 */
@Injectable()
export class AuthorKeys {
  /** What a request's key is, looked up once per request. */
  private readonly perRequest = new WeakMap<Caller, Promise<KnownKey | null>>();

  constructor(
    @Inject(AuthorKeysRepository) private readonly registry: AuthorKeysRepository,
    @Inject(AuthorCrypto) private readonly crypto: AuthorCrypto,
    @Inject(ArticlesService) private readonly articles: ArticlesService,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The caller's key if Steady knows it, else null (no key, a malformed one, or one it never issued). */
  known(caller: Caller): Promise<KnownKey | null> {
    let found = this.perRequest.get(caller);
    if (!found) {
      found = this.lookup(caller);
      this.perRequest.set(caller, found);
      found.catch(() => this.perRequest.delete(caller));
    }
    return found;
  }

  /** The write path reads a key's standing with its section data in one statement, and tells us here. */
  remember(caller: Caller, key: KnownKey): void {
    this.perRequest.set(caller, Promise.resolve(key));
  }

  /**
   * The caller's standing now. A NEW key is looked at again (one statement over its posts) until
   * it is established; the level is then kept on its row, so an established key costs nothing.
   */
  async standing(caller: Caller): Promise<Standing> {
    const key = await this.known(caller);
    if (!key) return Standing.NEW;
    if (key.standing >= Standing.ESTABLISHED) return key.standing;
    if ((await this.history(caller.keyHash!)).established) {
      await this.registry.record(this.crypto.issuedHash(caller.keyHash!), Standing.ESTABLISHED);
      key.standing = Standing.ESTABLISHED;
    }
    return key.standing;
  }

  /**
   * Writes are limited per author key, or per client address (memory only) for calls without a
   * key Steady knows: a made-up key is no one, so it buys no fresh budget.
   */
  async limitWrites(caller: Caller, knownKey: boolean, message: string): Promise<void> {
    const who = knownKey && caller.keyHash ? `key:${caller.keyHash.toString('base64url')}` : `addr:${caller.address}`;
    await this.limiter.consume(`write:${who}`, this.config.RATE_LIMIT_WRITES, this.config.RATE_LIMIT_WINDOW_SECONDS, message);
  }

  /**
   * A new key, recorded as issued: for a first post, or a reader's first reaction or flag.
   * Each address gets AUTHOR_KEYS_PER_ADDRESS_PER_HOUR, so fresh keys cannot be had by the hundred.
   */
  async issue(address: string): Promise<{ key: string; keyHash: Buffer }> {
    await this.limiter.consume(
      `author-key:addr:${address}`,
      this.config.AUTHOR_KEYS_PER_ADDRESS_PER_HOUR,
      KEY_WINDOW_SECONDS,
      AUTHOR_KEY_MESSAGES.tooManyNewKeys,
    );
    const key = AuthorCrypto.newKey();
    const keyHash = AuthorCrypto.keyHash(key);
    await this.registry.record(this.crypto.issuedHash(keyHash), Standing.NEW);
    return { key, keyHash };
  }

  private async lookup(caller: Caller): Promise<KnownKey | null> {
    const keyHash = caller.keyHash;
    if (!keyHash) return null;
    const row = await this.registry.lookup(this.crypto.issuedHash(keyHash), this.crypto.banHash(keyHash));
    if (row.standing !== null) return { standing: row.standing as Standing, banned: row.banned };
    // Keys from before the registry: one that wrote posts belongs to a real author (the API or
    // the web app gave it out) and is recorded now; any other was made up, or only ever reacted
    // and is replaced (ADR 011).
    const history = await this.history(keyHash);
    if (!history.wrote) return null;
    const standing = history.established ? Standing.ESTABLISHED : Standing.NEW;
    await this.registry.record(this.crypto.issuedHash(keyHash), standing);
    return { standing, banned: row.banned };
  }

  private async history(keyHash: Buffer): Promise<{ wrote: boolean; established: boolean }> {
    const tokens = (await this.articles.allSectionIds()).map((id) => this.crypto.sectionToken(keyHash, id));
    return this.registry.history(tokens);
  }
}
