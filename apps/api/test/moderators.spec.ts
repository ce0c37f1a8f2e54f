import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { MemoryRateLimitStore, RateLimiter } from '../src/common/rate-limit';
import { loadConfig } from '../src/config/config';
import { ModeratorsService } from '../src/moderators/moderators.service';
import { createTestApp, TestApp } from './app';
import { bearer, createModerator, expire, LOGIN, login, PASSWORD, rawGql } from './moderators.fixtures';

const ME = `{ moderator { id email role } }`;
const NO_MATCH = 'That e-mail and password don’t match an account.';
const ADDRESS_LIMIT = 6;

describe('moderator accounts and sessions', () => {
  let t: TestApp;
  let admin: { id: string; email: string };
  let addressCounter = 0;
  /** Each test signs in from its own address, so the per-address budget is per test. */
  const from = () => ({ 'x-forwarded-for': `10.1.0.${++addressCounter}` });

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN: String(ADDRESS_LIMIT) });
    admin = await createModerator(t, '  Admin@Example.ORG ', 'ADMIN');
    await createModerator(t, 'mod@example.org', 'MODERATOR');
  });
  afterAll(() => t.close());

  it('signs in: a token for API clients, an httpOnly cookie for browsers, the account for the web app', async () => {
    const res = await rawGql(t, LOGIN, { email: ' ADMIN@example.org', password: PASSWORD }, from());
    expect(res.body.errors).toBeUndefined();
    const { token, moderator, expiresAt } = res.body.data.login;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(moderator).toEqual({ id: admin.id, email: 'admin@example.org', role: 'ADMIN' });
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect(res.headers['set-cookie']).toEqual([`steady_session=${token}; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax`]);

    // Over https (the web server says so), the cookie is Secure.
    const https = await rawGql(t, LOGIN, { email: 'admin@example.org', password: PASSWORD }, { ...from(), 'x-forwarded-proto': 'https' });
    expect(https.headers['set-cookie'][0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);

    // Either way of sending the token identifies the moderator.
    expect((await t.gql(ME, {}, bearer(token))).data.moderator).toEqual(moderator);
    expect((await t.gql(ME, {}, { cookie: `theme=calm; steady_session=${token}` })).data.moderator).toEqual(moderator);
    // Nothing, garbage or an unknown token: null, not an error.
    for (const headers of [{}, bearer('nonsense'), bearer('A'.repeat(43)), { cookie: 'steady_session=%zz' }]) {
      const anon = await t.gql(ME, {}, headers);
      expect(anon.errors).toBeUndefined();
      expect(anon.data.moderator).toBeNull();
    }
  });

  it('stores the e-mail normalized, the password as argon2id, and only a SHA-256 of the token', async () => {
    const token = await login(t, 'mod@example.org', PASSWORD, from());
    const [account] = await t.dataSource.query(`select email, password_hash from moderator where email = 'mod@example.org'`);
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    expect(account.password_hash).not.toContain(PASSWORD);
    const sessions: { token_hash: Buffer }[] = await t.dataSource.query(`select * from moderator_session`);
    const dump = JSON.stringify(sessions);
    expect(dump).not.toContain(token);
    const hash = createHash('sha256').update(token).digest();
    expect(sessions.some((s) => s.token_hash.equals(hash))).toBe(true);
  });

  it('answers a wrong password, an unknown e-mail and a disabled account with the very same error', async () => {
    await createModerator(t, 'gone@example.org');
    await t.app.get(ModeratorsService).disable('gone@example.org');
    const attempts = [
      { email: 'admin@example.org', password: 'not the password at all' },
      { email: 'nobody@example.org', password: 'not the password at all' },
      { email: 'gone@example.org', password: PASSWORD },
      { email: 'not an e-mail', password: PASSWORD },
    ];
    const errors = [];
    for (const vars of attempts) {
      const res = await t.gql(LOGIN, vars, from());
      expect(res.data).toBeNull();
      errors.push(res.errors);
    }
    for (const e of errors)
      expect(e).toEqual([{ message: NO_MATCH, locations: expect.any(Array), path: ['login'], extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(new Set(errors.map((e) => JSON.stringify(e))).size).toBe(1);
  });

  it('spends the same argon2 work on an unknown e-mail as on a wrong password', async () => {
    const timed = async (email: string) => {
      const started = process.hrtime.bigint();
      await t.gql(LOGIN, { email, password: 'wrong wrong wrong' }, from());
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await timed('warm-up@example.org');
    const known = [];
    const unknown = [];
    for (let i = 0; i < 3; i++) {
      known.push(await timed('mod@example.org'));
      unknown.push(await timed(`unknown-${i}@example.org`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    // Loose on purpose (shared CI machines): an unknown e-mail must not answer in a fraction of the time.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    await t.app.get(RateLimiter).reset(`login:email:${emailKey('mod@example.org')}`);
  });

  it('after five failures for an e-mail, the address that failed waits; the right password from elsewhere still works', async () => {
    await createModerator(t, 'throttled@example.org');
    const guesser = from();
    for (let i = 0; i < 5; i++) {
      const res = await t.gql(LOGIN, { email: 'throttled@example.org', password: `wrong password ${i}` }, guesser);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await t.gql(LOGIN, { email: 'Throttled@example.org', password: PASSWORD }, guesser);
    expect(limited.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(900);
    // The moderator, somewhere else, is not locked out; other accounts are not affected.
    expect(await login(t, 'throttled@example.org', PASSWORD, from())).toBeTruthy();
    expect(await login(t, 'mod@example.org', PASSWORD, from())).toBeTruthy();
  });

  it('forgets failed attempts after a successful sign-in', async () => {
    await createModerator(t, 'typo@example.org');
    for (let i = 0; i < 4; i++) await t.gql(LOGIN, { email: 'typo@example.org', password: 'typo typo typo' }, from());
    expect(await login(t, 'typo@example.org', PASSWORD, from())).toBeTruthy();
    // Without the reset this would be attempt 6 of 5.
    const next = await t.gql(LOGIN, { email: 'typo@example.org', password: 'typo typo typo' }, from());
    expect(next.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('throttles sign-in attempts per address, across e-mails', async () => {
    const address = { 'x-forwarded-for': '10.2.0.1' };
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      const res = await t.gql(LOGIN, { email: `guess-${i}@example.org`, password: 'guess guess guess' }, address);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await t.gql(LOGIN, { email: 'mod@example.org', password: PASSWORD }, address);
    expect(limited.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('ends a session when its time runs out', async () => {
    const token = await login(t, 'mod@example.org', PASSWORD, from());
    expect((await t.gql(ME, {}, bearer(token))).data.moderator).not.toBeNull();
    await expire(t, token);
    expect((await t.gql(ME, {}, bearer(token))).data.moderator).toBeNull();
    const guarded = await t.gql(`mutation { logoutEverywhere }`, {}, bearer(token));
    expect(guarded.errors?.[0]).toMatchObject({ message: 'Please sign in to moderate.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('logout revokes the session and clears the cookie; it is true even without one', async () => {
    const token = await login(t, 'mod@example.org', PASSWORD, from());
    const res = await rawGql(t, `mutation { logout }`, {}, bearer(token));
    expect(res.body).toEqual({ data: { logout: true } });
    expect(res.headers['set-cookie']).toEqual(['steady_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
    expect((await t.gql(ME, {}, bearer(token))).data.moderator).toBeNull();
    expect((await t.gql(`mutation { logoutEverywhere }`, {}, bearer(token))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // By cookie, as a browser would.
    const cookieToken = await login(t, 'mod@example.org', PASSWORD, from());
    expect((await t.gql(`mutation { logout }`, {}, { cookie: `steady_session=${cookieToken}` })).data.logout).toBe(true);
    expect((await t.gql(ME, {}, bearer(cookieToken))).data.moderator).toBeNull();

    expect((await t.gql(`mutation { logout }`)).data.logout).toBe(true);
    expect((await t.gql(`mutation { logout }`, {}, bearer('not-a-token'))).data.logout).toBe(true);
  });

  it('logoutEverywhere and disabling an account end every session of that moderator', async () => {
    await createModerator(t, 'many@example.org');
    const a = await login(t, 'many@example.org', PASSWORD, from());
    const b = await login(t, 'many@example.org', PASSWORD, from());
    const other = await login(t, 'mod@example.org', PASSWORD, from());
    expect((await t.gql(`mutation { logoutEverywhere }`, {}, bearer(a))).data.logoutEverywhere).toBe(2);
    expect((await t.gql(ME, {}, bearer(b))).data.moderator).toBeNull();
    expect((await t.gql(ME, {}, bearer(other))).data.moderator).not.toBeNull();

    const c = await login(t, 'many@example.org', PASSWORD, from());
    await t.app.get(ModeratorsService).disable('MANY@example.org');
    expect((await t.gql(ME, {}, bearer(c))).data.moderator).toBeNull();
    expect((await t.gql(LOGIN, { email: 'many@example.org', password: PASSWORD }, from())).errors?.[0].message).toBe(NO_MATCH);
  });

  it('lets an ADMIN list the accounts, and refuses a MODERATOR', async () => {
    const adminToken = await login(t, 'admin@example.org', PASSWORD, from());
    const modToken = await login(t, 'mod@example.org', PASSWORD, from());
    const list = await t.gql(`{ moderators { email role } }`, {}, bearer(adminToken));
    expect(list.data.moderators).toEqual(
      expect.arrayContaining([
        { email: 'admin@example.org', role: 'ADMIN' },
        { email: 'mod@example.org', role: 'MODERATOR' },
      ]),
    );
    expect(list.data.moderators.map((m: { email: string }) => m.email)).not.toContain('gone@example.org');
    const refused = await t.gql(`{ moderators { email } }`, {}, bearer(modToken));
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({ message: 'This needs an administrator.', extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses weak or malformed accounts and a second account with the same e-mail', async () => {
    const service = t.app.get(ModeratorsService);
    await expect(service.createAccount({ email: 'short@example.org', role: 'MODERATOR', password: 'elevenchars' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'password' },
    });
    await expect(service.createAccount({ email: 'nope', role: 'MODERATOR' })).rejects.toMatchObject({ extensions: { field: 'email' } });
    await expect(service.createAccount({ email: 'x@example.org', role: 'OWNER' })).rejects.toMatchObject({ extensions: { field: 'role' } });
    await expect(service.createAccount({ email: 'MOD@example.org ', role: 'ADMIN' })).rejects.toMatchObject({
      message: 'An account with that e-mail already exists.',
    });
    const created = await service.createAccount({ email: 'fresh@example.org', role: 'admin' });
    expect(created.moderator.role).toBe('ADMIN');
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });

  it('never logs an e-mail, a password or a token', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    const service = new ModeratorsService(t.db, config, new RateLimiter(new MemoryRateLimitStore()), pino({ level: 'trace' }, sink));
    const session = await service.login('mod@example.org', PASSWORD, 'test');
    await service.login('mod@example.org', 'a wrong password here', 'test').catch(() => undefined);
    await service.login('stranger@example.org', 'a wrong password here', 'test').catch(() => undefined);
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ['mod@example.org', 'stranger', PASSWORD, 'a wrong password', session.token]) expect(log).not.toContain(secret);
  });
});

function emailKey(email: string) {
  return createHash('sha256').update(`steady-login:${email}`, 'utf8').digest('base64url');
}
