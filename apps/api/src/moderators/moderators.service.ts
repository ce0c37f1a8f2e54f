import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode, badInput } from '../common/errors';
import type { Logger } from '../common/logger';
import { RateLimiter } from '../common/rate-limit';
import { CONFIG, LOGGER } from '../common/tokens';
import type { Config } from '../config/config';
import { Db } from '../database/db';
import type { RequestContext } from '../graphql/context';
import {
  emailThrottleKey,
  generatePassword,
  hashPassword,
  isWellFormedToken,
  needsRehash,
  newSessionToken,
  tokenHash,
  verifyAgainstDummy,
  verifyPassword,
} from './credentials';
import { MESSAGES } from './messages';
import { ModeratorRole } from './moderator.entity';
import type { ModeratorModel, SignedInModerator } from './moderator.model';
import { ModeratorRow, ModeratorsRepository } from './moderators.repository';
import { isValidEmail, normalizeEmail, PASSWORD_MAX, validEmail, validNewPassword, validRole } from './validation';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './session-transport';

const LOGIN_WINDOW_SECONDS = 15 * 60;
/**
 * Once an e-mail has failed LOGIN_ATTEMPTS_PER_15_MIN times, how many failures for it one address
 * may have made and still try it: enough for a moderator's own typos, too few to guess with.
 */
const FAILURES_PER_EMAIL_AND_ADDRESS = 3;

/** The wait after the n-th failure past the free ones: 1 s, 2 s, 4 s … at most the whole window. */
export function backOffSeconds(n: number): number {
  return Math.min(2 ** Math.max(0, n - 1), LOGIN_WINDOW_SECONDS);
}

/** Where sign-in failures are counted: the e-mail under a hash (never the e-mail itself), the address, and the two together. */
export function loginThrottleKeys(emailHash: string, address: string) {
  return { email: `login:email:${emailHash}`, address: `login:addr:${address}`, pair: `login:pair:${emailHash}:${address}` };
}

export const ROLE_RANK: Record<ModeratorRole, number> = { [ModeratorRole.MODERATOR]: 1, [ModeratorRole.ADMIN]: 2 };

/** True when `role` may do what `required` allows (ADMIN may do everything a MODERATOR may). */
export function hasRole(role: ModeratorRole, required: ModeratorRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}

export interface CreatedAccount {
  moderator: ModeratorModel;
  /** The generated one-time password, or null when the caller supplied one. */
  generatedPassword: string | null;
}

export interface Session {
  token: string;
  moderator: ModeratorModel;
  expiresAt: Date;
}

/** The settings this service reads (the CLI passes the same `Config`). */
export type ModeratorSettings = Pick<
  Config,
  'SESSION_TTL_HOURS' | 'LOGIN_ATTEMPTS_PER_15_MIN' | 'LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN' | 'LOGIN_BACKOFF_AFTER_FAILURES'
>;

/**
 * Moderator accounts and sessions: argon2id passwords, random session tokens stored as
 * SHA-256 hashes, failed sign-ins throttled per e-mail (hashed key) and per address. Never logs an
 * e-mail, a password or a token.
 */
@Injectable()
export class ModeratorsService {
  /** One session lookup per request, however many guarded fields it asks for. */
  private readonly perRequest = new WeakMap<object, Promise<SignedInModerator | null>>();

  private readonly repo: ModeratorsRepository;

  constructor(
    @Inject(Db) db: Db,
    @Inject(CONFIG) private readonly config: ModeratorSettings,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.repo = new ModeratorsRepository(db);
  }

  // ── Accounts ─────────────────────────────────────────────────────────────

  /** Creates an account; with no password given, generates a one-time one and returns it. */
  async createAccount(input: { email: string; role: string; password?: string | null }): Promise<CreatedAccount> {
    const email = validEmail(input.email);
    const role = validRole(input.role);
    const generatedPassword = input.password == null ? generatePassword() : null;
    const password = validNewPassword(input.password ?? generatedPassword!);
    if (await this.findByEmail(email)) throw badInput('email', MESSAGES.emailTaken); // before spending a hash
    const created = await this.repo.create(email, await hashPassword(password), role);
    if (!created) throw badInput('email', MESSAGES.emailTaken); // created meanwhile
    return { moderator: toModel(created), generatedPassword };
  }

  async findByEmail(email: string): Promise<ModeratorRow | null> {
    return this.repo.byEmail(normalizeEmail(email));
  }

  /** Signs the account out everywhere and keeps it from signing in again. Null when there is no such account. */
  async disable(email: string): Promise<{ id: string; revokedSessions: number } | null> {
    return this.repo.disable(normalizeEmail(email));
  }

  // ── Sessions ─────────────────────────────────────────────────────────────

  /**
   * Checks an e-mail and password and opens a session. An unknown e-mail, a wrong password and
   * a disabled account get the same error after the same work (one argon2 verification).
   *
   * Throttling counts failures, never a success (docs/decisions/011-issued-keys-and-standing.md):
   * an address that keeps failing waits longer and longer; once an e-mail has failed
   * LOGIN_ATTEMPTS_PER_15_MIN times, only addresses that have failed it at most
   * FAILURES_PER_EMAIL_AND_ADDRESS times may still try it, so guessing from one place cannot
   * lock its moderator out; the right password clears the e-mail's count.
   */
  async login(email: string, password: string, address: string): Promise<Session> {
    const normalized = normalizeEmail(String(email ?? ''));
    const throttle = loginThrottleKeys(emailThrottleKey(normalized), address);
    await this.limiter.refuseWhileHeld(throttle.address, MESSAGES.tooManyAttempts);
    // Each attempt counts as a failure until the password proves otherwise, so a burst sent at
    // once is counted before any of it is checked.
    const [byAddress, byEmail, byPair] = await Promise.all(
      [throttle.address, throttle.email, throttle.pair].map((key) => this.limiter.count(key, LOGIN_WINDOW_SECONDS)),
    );
    const refusal = (retryAfterSeconds: number) => new AppError(ErrorCode.RATE_LIMITED, MESSAGES.tooManyAttempts, { retryAfterSeconds });
    if (byAddress.count > this.config.LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN) throw refusal(byAddress.retryAfterSeconds);
    if (byEmail.count > this.config.LOGIN_ATTEMPTS_PER_15_MIN && byPair.count > FAILURES_PER_EMAIL_AND_ADDRESS) {
      throw refusal(Math.min(byEmail.retryAfterSeconds, byPair.retryAfterSeconds));
    }
    // Past the free failures the address waits: from now (so a burst waits too), and again from
    // the answer below (so a slow password check does not use the wait up).
    const pastFree = byAddress.count - this.config.LOGIN_BACKOFF_AFTER_FAILURES;
    const backOff = () => (pastFree > 0 ? this.limiter.hold(throttle.address, backOffSeconds(pastFree)) : undefined);
    await backOff();

    const plausible = isValidEmail(normalized) && typeof password === 'string' && password.length <= PASSWORD_MAX;
    const account = plausible ? ((await this.repo.byEmail(normalized)) ?? undefined) : undefined;
    const matches =
      account && !account.disabled_at
        ? await verifyPassword(account.password_hash, password)
        : await verifyAgainstDummy(String(password ?? '').slice(0, PASSWORD_MAX));
    if (!account || !matches) {
      await backOff();
      this.logger.info('a moderator sign-in was refused');
      throw new AppError(ErrorCode.UNAUTHENTICATED, MESSAGES.noMatch);
    }

    if (needsRehash(account.password_hash)) await this.repo.rehash(account.id, await hashPassword(password));
    await Promise.all([throttle.email, throttle.pair, throttle.address].map((key) => this.limiter.reset(key)));
    const session = await this.openSession(account.id);
    this.logger.info({ moderatorId: account.id }, 'a moderator signed in');
    return { ...session, moderator: toModel(account) };
  }

  /** Opens a session for an account (after its password was checked). */
  async openSession(moderatorId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSessionToken();
    await this.repo.pruneSessions(moderatorId);
    const row = await this.repo.createSession(moderatorId, tokenHash(token), this.sessionSeconds);
    return { token, expiresAt: row.expires_at };
  }

  get sessionSeconds(): number {
    return Math.round(this.config.SESSION_TTL_HOURS * 3600);
  }

  /** A moderator's e-mail, shown to other moderators (who holds an item, who decided it). */
  emailOf(id: string): Promise<string | null> {
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? this.repo.emailOf(id) : Promise.resolve(null);
  }

  /** The moderator behind a token: a live session (not expired, not revoked) of an account that is not disabled. */
  async authenticate(token: string | null | undefined): Promise<SignedInModerator | null> {
    if (!isWellFormedToken(token)) return null;
    const row = await this.repo.session(tokenHash(token));
    return row ? { id: row.id, email: row.email, role: row.role, sessionId: row.session_id } : null;
  }

  /** The signed-in moderator of this request (Bearer token or `steady_session` cookie), looked up once per request. */
  signedIn(ctx: Pick<RequestContext, 'req'>): Promise<SignedInModerator | null> {
    let found = this.perRequest.get(ctx.req);
    if (!found) {
      found = this.authenticate(readSessionToken(ctx.req));
      this.perRequest.set(ctx.req, found);
    }
    return found;
  }

  /** Starts a session for the request: the token goes back in the payload and in the httpOnly cookie. */
  async loginRequest(ctx: RequestContext, email: string, password: string): Promise<Session> {
    const session = await this.login(email, password, ctx.caller.address);
    setSessionCookie(ctx.req, ctx.reply, session.token, this.sessionSeconds);
    return session;
  }

  /** Ends the request's session (if any) and clears the cookie. */
  async logoutRequest(ctx: RequestContext): Promise<void> {
    const token = readSessionToken(ctx.req);
    if (isWellFormedToken(token)) await this.repo.revokeSession(tokenHash(token));
    this.perRequest.delete(ctx.req);
    ctx.moderator = null;
    clearSessionCookie(ctx.req, ctx.reply);
  }

  /** Revokes every live session of a moderator; returns how many. */
  async revokeAllSessions(moderatorId: string): Promise<number> {
    return this.repo.revokeAll(moderatorId);
  }

  /** Every account that may sign in, oldest first. */
  async list(): Promise<ModeratorModel[]> {
    return (await this.repo.list()).map(toModel);
  }
}

function toModel(row: Pick<ModeratorRow, 'id' | 'email' | 'role'>): ModeratorModel {
  return { id: row.id, email: row.email, role: row.role };
}
