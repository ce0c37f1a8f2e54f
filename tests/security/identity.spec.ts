// Identity and abuse, attacked from outside (issue 12, findings 4, 5, 6 and 9): self-made author
// keys, a spoofed X-Forwarded-For, locking a moderator out, a banned author. The stack's API runs
// with generous limits, so these specs start their own API processes with the normal ones, on the
// same database: one that trusts this machine as its proxy (loopback, the default), whose
// X-Forwarded-For stands for distinct clients, and one that trusts another proxy only, for which
// this test is a client talking to the API directly. See docs/decisions/011-issued-keys-and-standing.md.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApi } from '../browser/support/stack';

const ROOT = path.resolve(__dirname, '..', '..');
type Answer = { data?: any; errors?: Array<{ message: string; extensions?: { code?: string; retryAfterSeconds?: number } }> };

let proxied: { apiUrl: string; stop(): Promise<void> };
let direct: { apiUrl: string; stop(): Promise<void> };

beforeAll(async () => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Security tests need DATABASE_URL.');
  [proxied, direct] = await Promise.all([startApi(databaseUrl), startApi(databaseUrl, { TRUSTED_PROXIES: '192.0.2.1' })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([proxied?.stop(), direct?.stop()]);
});

async function call(
  apiUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code ?? 'OK';
const madeUpKey = () => randomBytes(32).toString('base64url');
/** A client address of its own for each use, as the proxy in front of the API would report it. */
let clients = 0;
const client = () => `198.51.100.${++clients}`;
const via = (address: string, key?: string) => ({ 'X-Forwarded-For': address, ...(key ? { 'X-Author-Key': key } : {}) });

const CREATE = `mutation ($input: CreatePostInput!) { createPost(input: $input) { outcome authorKey post { id } } }`;
const REACT = `mutation ($id: ID!) { react(postId: $id, kind: HUG) { id } }`;
const FLAG = `mutation ($id: ID!, $reason: FlagReason!) { flagPost(input: { postId: $id, reason: $reason }) { ok } }`;
const NEW_KEY = `mutation { createAuthorKey { authorKey } }`;
const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;

// Everything this spec writes is a reply to one post, so that other specs sharing the database
// still find their own posts on a thread's first page.
let sectionId: string;
let parentId: string;
beforeAll(async () => {
  const answer = await call(proxied.apiUrl, `{ article(slug: "rebuilding-connection") { sections { id slug } } }`);
  sectionId = answer.data.article.sections.find((s: { slug: string }) => s.slug === 'what-quietly-undermines-reconnection').id;
  const parent = await call(proxied.apiUrl, CREATE, { input: { sectionId, body: 'What helped you this week?' } }, via(client()));
  parentId = parent.data.createPost.post.id;
});

const reply = (body: string) => ({ input: { sectionId, parentId, body } });

async function seedPost(body: string): Promise<{ id: string; key: string }> {
  const answer = await call(proxied.apiUrl, CREATE, reply(body), via(client()));
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return { id: answer.data.createPost.post.id, key: answer.data.createPost.authorKey };
}

async function hugs(postId: string): Promise<number> {
  const answer = await call(proxied.apiUrl, `query ($id: ID!) { post(id: $id) { reactions { kind count } } }`, { id: postId });
  return answer.data.post.reactions.find((r: { kind: string }) => r.kind === 'HUG').count;
}

async function visible(postId: string): Promise<boolean> {
  return (await call(proxied.apiUrl, `query ($id: ID!) { post(id: $id) { id } }`, { id: postId })).data.post !== null;
}

async function moderator(): Promise<{ email: string; password: string }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'scripts', 'run-api-cli.mjs'),
      'moderator',
      'create',
      '--email',
      `identity-${Date.now().toString(36)}-${clients}@example.org`,
      '--role',
      'MODERATOR',
    ],
    { cwd: ROOT, env: { ...process.env, STEADY_SKIP_BUILD: '1' } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { email: string; password: string };
}

describe('self-made author keys (finding 4)', () => {
  const flagged: string[] = [];
  afterAll(async () => {
    // Leave the shared queue as other specs expect it.
    const account = await moderator();
    const token = (await call(proxied.apiUrl, LOGIN, { e: account.email, p: account.password }, via(client()))).data.login.token;
    for (const id of flagged) {
      await call(
        proxied.apiUrl,
        `mutation ($id: ID!) { reviewPost(input: { postId: $id, decision: APPROVE }) { id } }`,
        { id },
        { Authorization: `Bearer ${token}` },
      );
    }
  });

  it('40 made-up keys give a post no reaction', async () => {
    const target = await seedPost('A small kindness from this week.');
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => call(proxied.apiUrl, REACT, { id: target.id }, via(client(), madeUpKey()))),
    );
    expect(answers.map(code).filter((c) => c === 'OK')).toHaveLength(0);
    expect(await hugs(target.id)).toBe(0);
  });

  it('a made-up key’s DANGER flag, or three made-up keys’ SPAM flags, hide nothing', async () => {
    const danger = await seedPost('We talked for ten minutes without phones.');
    const spam = await seedPost('We tried a walk after dinner.');
    expect(code(await call(proxied.apiUrl, FLAG, { id: danger.id, reason: 'DANGER' }, via(client(), madeUpKey())))).toBe('UNAUTHENTICATED');
    for (let i = 0; i < 3; i++) {
      expect(code(await call(proxied.apiUrl, FLAG, { id: spam.id, reason: 'SPAM' }, via(client(), madeUpKey())))).toBe('UNAUTHENTICATED');
    }
    expect(await visible(danger.id)).toBe(true);
    expect(await visible(spam.id)).toBe(true);
  });

  it('keys Steady issues to readers react once each, and a brand-new key’s DANGER flag does not hide a post on its own', async () => {
    const target = await seedPost('Thank you all for sharing your stories here.');
    for (let i = 0; i < 3; i++) {
      const from = client();
      const { authorKey } = (await call(proxied.apiUrl, NEW_KEY, {}, via(from))).data.createAuthorKey;
      expect(code(await call(proxied.apiUrl, REACT, { id: target.id }, via(from, authorKey)))).toBe('OK');
    }
    expect(await hugs(target.id)).toBe(3);
    const from = client();
    const { authorKey } = (await call(proxied.apiUrl, NEW_KEY, {}, via(from))).data.createAuthorKey;
    expect((await call(proxied.apiUrl, FLAG, { id: target.id, reason: 'DANGER' }, via(from, authorKey))).data.flagPost.ok).toBe(true);
    flagged.push(target.id);
    expect(await visible(target.id)).toBe(true);
  });

  it('35 posts from one address, each with a fresh made-up key, are limited', async () => {
    const from = client();
    const codes: string[] = [];
    for (let i = 0; i < 35; i++) {
      codes.push(code(await call(proxied.apiUrl, CREATE, reply(`A short calm note, number ${i}.`), via(from, madeUpKey()))));
    }
    // Each counts as a newcomer from that address: at most 20 new keys an hour, 30 writes a minute.
    expect(codes.filter((c) => c === 'OK').length).toBeLessThanOrEqual(20);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(15);
  });

  it('limits the new keys one address can ask for', async () => {
    const from = client();
    const codes: string[] = [];
    for (let i = 0; i < 22; i++) codes.push(code(await call(proxied.apiUrl, NEW_KEY, {}, via(from))));
    expect(codes).toEqual([...Array(20).fill('OK'), 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(code(await call(proxied.apiUrl, NEW_KEY, {}, via(client())))).toBe('OK');
  });
});

describe('X-Forwarded-For (finding 5)', () => {
  it('from a client talking to the API directly, changes nothing: rotating it still gets keyless writes limited', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      codes.push(code(await call(direct.apiUrl, CREATE, reply(`Keyless note ${i}.`), { 'X-Forwarded-For': `203.0.113.${i + 1}` })));
    }
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(10);
    expect(codes.filter((c) => c === 'OK').length).toBeLessThanOrEqual(20);
  });

  it('from a client talking to the API directly, changes nothing: rotating it still gets sign-ins limited', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 35; i++) {
      const answer = await call(
        direct.apiUrl,
        LOGIN,
        { e: `guess-${i}@example.org`, p: 'a guess at a password' },
        { 'X-Forwarded-For': `203.0.113.${i + 1}` },
      );
      codes.push(code(answer));
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(20);
  });

  it('through a trusted proxy, counts the right-most hop that is not a proxy, whatever the client put before it', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 35; i++) {
      const forwarded = `${i + 1}.${i + 2}.${i + 3}.${i + 4}, 203.0.113.200`;
      codes.push(code(await call(proxied.apiUrl, CREATE, reply(`Keyless note ${i}.`), { 'X-Forwarded-For': forwarded })));
    }
    expect(codes.filter((c) => c === 'OK').length).toBeLessThanOrEqual(20);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(15);
  });
});

describe('moderator sign-in (finding 6)', () => {
  it('wrong passwords from one place do not lock the moderator out of another', async () => {
    const account = await moderator();
    const attacker = client();
    for (let i = 0; i < 5; i++) {
      expect(code(await call(proxied.apiUrl, LOGIN, { e: account.email, p: `wrong guess ${i}` }, via(attacker)))).toBe('UNAUTHENTICATED');
    }
    for (let i = 0; i < 3; i++) {
      expect(code(await call(proxied.apiUrl, LOGIN, { e: account.email, p: `wrong guess ${i}` }, via(attacker)))).toBe('RATE_LIMITED');
    }
    const signedIn = await call(proxied.apiUrl, LOGIN, { e: account.email, p: account.password }, via(client()));
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data.login.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('a banned author (finding 9)', () => {
  it('can neither react nor flag', async () => {
    const account = await moderator();
    const token = (await call(proxied.apiUrl, LOGIN, { e: account.email, p: account.password }, via(client()))).data.login.token;
    const author = await seedPost('Words a moderator will not want to see again.');
    const target = await seedPost('Someone else’s gentle post.');
    const ban = await call(
      proxied.apiUrl,
      `mutation ($id: ID!) { banAuthor(postId: $id, reason: "repeated attacks") }`,
      { id: author.id },
      { Authorization: `Bearer ${token}` },
    );
    expect(ban.data.banAuthor).toBe(true);
    expect(code(await call(proxied.apiUrl, REACT, { id: target.id }, via(client(), author.key)))).toBe('AUTHOR_BANNED');
    expect(code(await call(proxied.apiUrl, FLAG, { id: target.id, reason: 'DANGER' }, via(client(), author.key)))).toBe('AUTHOR_BANNED');
    expect(await hugs(target.id)).toBe(0);
    expect(await visible(target.id)).toBe(true);
  });
});
