import { createTestApp, TestApp } from './app';
import { createModerator, LOGIN, PASSWORD } from './moderators.fixtures';

/**
 * Sign-in throttling counts failures, never successes (docs/decisions/011-issued-keys-and-standing.md):
 * guessing at an e-mail from one place cannot lock its moderator out, and an address that keeps
 * failing waits longer each time.
 */
describe('sign-in throttling', () => {
  let t: TestApp;
  let n = 0;
  const address = () => ({ 'x-forwarded-for': `10.3.0.${++n}` });
  const attempt = async (email: string, password: string, from: Record<string, string>) => {
    const res = await t.gql(LOGIN, { email, password }, from);
    return res.errors
      ? { code: res.errors[0].extensions?.code as string, retryAfter: res.errors[0].extensions?.retryAfterSeconds as number | undefined }
      : { code: 'OK' };
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_ATTEMPTS_PER_15_MIN: '5',
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN: '8',
      LOGIN_BACKOFF_AFTER_FAILURES: '5',
    });
    for (const email of ['target@example.org', 'reset@example.org', 'often@example.org', 'backoff@example.org', 'burst@example.org']) {
      await createModerator(t, email);
    }
  });
  afterAll(() => t.close());

  it('wrong passwords from one address do not stop the right password from another', async () => {
    const guesser = address();
    for (let i = 0; i < 5; i++) expect((await attempt('target@example.org', `guess ${i} guess`, guesser)).code).toBe('UNAUTHENTICATED');
    const refused = await attempt('target@example.org', PASSWORD, guesser);
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.retryAfter).toBeGreaterThan(0);
    // Another place may fail it a few times (a moderator's own typos), then waits too.
    const second = address();
    for (let i = 0; i < 3; i++) expect((await attempt('target@example.org', `typo ${i} typo`, second)).code).toBe('UNAUTHENTICATED');
    expect((await attempt('target@example.org', 'typo again typo', second)).code).toBe('RATE_LIMITED');
    // The moderator, from where they are, signs in.
    expect((await attempt('target@example.org', PASSWORD, address())).code).toBe('OK');
  });

  it('a correct password clears the e-mail’s failures', async () => {
    const guesser = address();
    for (let i = 0; i < 5; i++) await attempt('reset@example.org', `guess ${i} guess`, guesser);
    expect((await attempt('reset@example.org', 'one more guess', guesser)).code).toBe('RATE_LIMITED');
    expect((await attempt('reset@example.org', PASSWORD, address())).code).toBe('OK');
    // The e-mail starts over: the same place may try it again.
    expect((await attempt('reset@example.org', 'a fresh guess', guesser)).code).toBe('UNAUTHENTICATED');
  });

  it('never counts a successful sign-in', async () => {
    const from = address();
    for (let i = 0; i < 10; i++) expect((await attempt('often@example.org', PASSWORD, from)).code).toBe('OK');
  });

  it('makes an address that keeps failing wait longer each time, and forgets it after a success', async () => {
    const from = address();
    for (let i = 0; i < 6; i++) expect((await attempt(`nobody-${i}@example.org`, 'guess guess guess', from)).code).toBe('UNAUTHENTICATED');
    const first = await attempt('backoff@example.org', PASSWORD, from);
    expect(first).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
    await sleep(1100);
    expect((await attempt('nobody-7@example.org', 'guess guess guess', from)).code).toBe('UNAUTHENTICATED');
    expect(await attempt('backoff@example.org', PASSWORD, from)).toEqual({ code: 'RATE_LIMITED', retryAfter: 2 });
    await sleep(2100);
    expect((await attempt('backoff@example.org', PASSWORD, from)).code).toBe('OK');
    // A success clears the address's failures: two slips in a row are answered at once.
    expect((await attempt('nobody-8@example.org', 'guess guess guess', from)).code).toBe('UNAUTHENTICATED');
    expect((await attempt('nobody-9@example.org', 'guess guess guess', from)).code).toBe('UNAUTHENTICATED');
  });

  it('counts a burst of guesses before checking any of them', async () => {
    const from = address();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('burst@example.org', `burst ${i} burst`, from)));
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(7);
    expect((await attempt('burst@example.org', PASSWORD, address())).code).toBe('OK');
  });
});
