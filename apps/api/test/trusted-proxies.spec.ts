import { createTestApp, TestApp } from './app';
import { CREATE, sectionIds } from './fixtures';

/**
 * The client address behind keyless limits comes from X-Forwarded-For only through a trusted
 * proxy (TRUSTED_PROXIES, default loopback), and is then the right-most hop that is not one.
 * These specs talk to the app from 127.0.0.1.
 */
const LIMIT = 3;

async function keylessWrites(t: TestApp, sectionId: string, forwardedFor: (i: number) => string, count: number) {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await t.gql(CREATE, { input: { sectionId, body: `A calm note ${i}.` } }, { 'x-forwarded-for': forwardedFor(i) });
    codes.push(res.errors?.[0].extensions?.code ?? 'STORED');
  }
  return codes;
}

const STORED_THEN_LIMITED = [...Array(LIMIT).fill('STORED'), 'RATE_LIMITED', 'RATE_LIMITED'];

describe('X-Forwarded-For from a peer that is not a trusted proxy', () => {
  let t: TestApp;
  let intro: string;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITES: String(LIMIT), TRUSTED_PROXIES: '192.0.2.1' });
    intro = (await sectionIds(t)).intro;
  });
  afterAll(() => t.close());

  it('changes nothing: rotating it does not escape the limit of the real address', async () => {
    expect(await keylessWrites(t, intro, (i) => `203.0.113.${i + 1}`, 5)).toEqual(STORED_THEN_LIMITED);
  });
});

describe('X-Forwarded-For through a trusted proxy', () => {
  let t: TestApp;
  let intro: string;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITES: String(LIMIT) });
    intro = (await sectionIds(t)).intro;
  });
  afterAll(() => t.close());

  it('counts the right-most hop that is not a trusted proxy, whatever the client put before it', async () => {
    expect(await keylessWrites(t, intro, (i) => `198.18.0.${i + 1}, 203.0.113.9`, 5)).toEqual(STORED_THEN_LIMITED);
    // A trusted hop on the right is skipped: this is another client, with its own budget.
    expect(await keylessWrites(t, intro, () => `203.0.113.20, 127.0.0.1`, 1)).toEqual(['STORED']);
  });

  it('counts an IPv6 client by its /64', async () => {
    expect(await keylessWrites(t, intro, (i) => `2001:db8:5:6::${(i + 1).toString(16)}`, 5)).toEqual(STORED_THEN_LIMITED);
    expect(await keylessWrites(t, intro, () => `2001:db8:5:7::1`, 1)).toEqual(['STORED']);
  });
});
