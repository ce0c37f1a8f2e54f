import { AuthorCrypto } from '../src/authors/author-crypto';
import { createTestApp, TestApp } from './app';
import { backdate, CREATE, establishedReader, post, sectionIds } from './fixtures';
import { signedIn } from './moderators.fixtures';

/**
 * Who counts as an author (docs/decisions/011-issued-keys-and-standing.md): only keys Steady
 * issued; a well-formed key it never issued is no one. Flags weigh by the standing of the key.
 */
const NEW_KEY = `mutation { createAuthorKey { authorKey message } }`;
const REACT = `mutation($id: ID!, $kind: ReactionKind!) { react(postId: $id, kind: $kind) { reactions { kind count reactedByMe } } }`;
const FLAG = `mutation($i: FlagPostInput!) { flagPost(input: $i) { ok message } }`;
const QUEUE = `{ moderationQueue(first: 100) { edges { node { priority flags reasons post { id } } } } }`;

const madeUp = () => AuthorCrypto.newKey();
const as = (key: string, address?: string) => ({ 'x-author-key': key, ...(address ? { 'x-forwarded-for': address } : {}) });

describe('issued author keys and standing', () => {
  let t: TestApp;
  let sections: Record<string, string>;
  let intro: string;
  let mod: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    sections = await sectionIds(t);
    intro = sections.intro;
    mod = (await signedIn(t, 'MODERATOR', 'keys-mod@example.org')).headers;
  });
  afterAll(() => t.close());

  const hugs = async (postId: string) =>
    (await t.gql(`query($id: ID!) { post(id: $id) { reactions { kind count } } }`, { id: postId })).data.post.reactions.find(
      (r: any) => r.kind === 'HUG',
    ).count;
  const visible = async (postId: string) => (await t.gql(`query($id: ID!) { post(id: $id) { id } }`, { id: postId })).data.post !== null;
  const queued = async (postId: string) =>
    (await t.gql(QUEUE, {}, mod)).data.moderationQueue.edges.map((e: any) => e.node).find((n: any) => n.post.id === postId);
  const newKey = async (headers: Record<string, string> = {}) => {
    const res = await t.gql(NEW_KEY, {}, headers);
    expect(res.errors).toBeUndefined();
    return res.data.createAuthorKey.authorKey as string | null;
  };

  it('issues a key to a reader, keeps one it issued, and replaces one it never did', async () => {
    const key = (await newKey())!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await newKey(as(key))).toBeNull();
    const replaced = await newKey(as(madeUp()));
    expect(replaced).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await newKey({ 'x-author-key': 'not-a-key' })).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The registry holds a keyed hash and a standing: not the key, not its plain hash, no time.
    const columns = await t.dataSource.query(
      `select column_name from information_schema.columns where table_name = 'author_key' order by column_name`,
    );
    expect(columns.map((c: any) => c.column_name)).toEqual(['hash', 'standing']);
    const rows: { hash: Buffer; standing: number }[] = await t.dataSource.query(`select hash, standing from author_key`);
    const plain = AuthorCrypto.keyHash(key);
    expect(rows.some((r) => r.hash.equals(t.crypto.issuedHash(plain)))).toBe(true);
    expect(rows.some((r) => r.hash.equals(plain) || r.hash.toString('base64url') === key)).toBe(false);
    expect(rows.every((r) => r.standing === 0)).toBe(true);
  });

  it('refuses reactions from made-up keys and counts those of issued ones', async () => {
    const target = await post(t, { sectionId: intro, body: 'Something kind to react to.' });
    for (let i = 0; i < 10; i++) {
      const res = await t.gql(REACT, { id: target.id, kind: 'HUG' }, as(madeUp()));
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await hugs(target.id)).toBe(0);
    expect((await t.dataSource.query(`select count(*)::int as n from reaction`))[0].n).toBe(0);

    const reader = (await newKey())!;
    const res = await t.gql(REACT, { id: target.id, kind: 'HUG' }, as(reader));
    expect(res.errors).toBeUndefined();
    expect(await hugs(target.id)).toBe(1);
  });

  it('treats a made-up key on a post as no key: a new key is issued, and the made-up one owns nothing', async () => {
    const fake = madeUp();
    const res = await t.gql(CREATE, { input: { sectionId: intro, body: 'Posted with a key I made myself.' } }, as(fake));
    expect(res.errors).toBeUndefined();
    const { authorKey, post: written } = res.data.createPost;
    expect(authorKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorKey).not.toBe(fake);
    expect(written.mine).toBe(false);
    const mineFor = async (key: string) =>
      (await t.gql(`query($id: ID!) { post(id: $id) { mine } }`, { id: written.id }, as(key))).data.post.mine;
    expect(await mineFor(fake)).toBe(false);
    expect(await mineFor(authorKey)).toBe(true);
    expect((await t.gql(`{ me { posts { totalCount } } }`, {}, as(fake))).data.me).toBeNull();
    expect((await t.gql(`{ me { posts { totalCount } } }`, {}, as(authorKey))).data.me.posts.totalCount).toBe(1);
  });

  it('refuses flags from made-up keys: nothing stored, nothing hidden', async () => {
    const target = await post(t, { sectionId: intro, body: 'An ordinary thought.' });
    for (const reason of ['DANGER', 'SPAM', 'SPAM', 'SPAM']) {
      const res = await t.gql(FLAG, { i: { postId: target.id, reason } }, as(madeUp()));
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await visible(target.id)).toBe(true);
    expect((await t.dataSource.query(`select count(*)::int as n from flag where post_id = $1`, [target.id]))[0].n).toBe(0);
    expect(await queued(target.id)).toBeUndefined();
  });

  it('a new key’s DANGER flag reaches the top of the queue but does not hide the post on its own', async () => {
    const target = await post(t, { sectionId: intro, body: 'Another ordinary thought.' });
    const reader = (await newKey())!;
    const res = await t.gql(FLAG, { i: { postId: target.id, reason: 'DANGER' } }, as(reader));
    expect(res.data.flagPost.ok).toBe(true);
    expect(await visible(target.id)).toBe(true);
    expect(await queued(target.id)).toMatchObject({ priority: 90, flags: 1, reasons: ['flag:DANGER'] });
  });

  it('flags of new keys weigh nothing toward hiding; three established readers hide a post', async () => {
    const target = await post(t, { sectionId: intro, body: 'A post some readers dislike.' });
    for (let i = 0; i < 4; i++) {
      const reader = (await newKey())!;
      await t.gql(FLAG, { i: { postId: target.id, reason: 'SPAM' } }, as(reader));
    }
    expect(await visible(target.id)).toBe(true);
    expect(await queued(target.id)).toMatchObject({ priority: 5, flags: 4 });

    const established = await Promise.all([1, 2, 3].map((i) => establishedReader(t, sections['where-to-go-next'], `reader ${i}`)));
    await t.gql(FLAG, { i: { postId: target.id, reason: 'SPAM' } }, as(established[0].key));
    await t.gql(FLAG, { i: { postId: target.id, reason: 'ATTACK' } }, as(established[1].key));
    expect(await visible(target.id)).toBe(true);
    await t.gql(FLAG, { i: { postId: target.id, reason: 'SPAM' } }, as(established[2].key));
    expect(await visible(target.id)).toBe(false);
    expect(await queued(target.id)).toMatchObject({ priority: 20, flags: 7 });
  });

  it('stands established once a published post is a day old: not before, and not for a held post', async () => {
    const danger = async (key: string) => {
      const target = await post(t, { sectionId: intro, body: 'A post to flag.' });
      await t.gql(FLAG, { i: { postId: target.id, reason: 'DANGER' } }, as(key));
      return visible(target.id);
    };
    const author = await post(t, { sectionId: sections['a-quiet-reminder'], body: 'My first words here.' });
    expect(await danger(author.key)).toBe(true); // a post of minutes ago: still new

    const held = await t.gql(CREATE, { input: { sectionId: intro, body: 'You are pathetic, grow up.' } });
    expect(held.data.createPost.outcome).toBe('HELD');
    await backdate(t, held.data.createPost.post.id);
    expect(await danger(held.data.createPost.authorKey)).toBe(true); // never published: still new

    await backdate(t, author.id);
    expect(await danger(author.key)).toBe(false); // established: a DANGER flag hides at once
    const [row] = await t.dataSource.query(`select standing from author_key where hash = $1`, [
      t.crypto.issuedHash(AuthorCrypto.keyHash(author.key)),
    ]);
    expect(row.standing).toBe(1);
  });

  it('keeps working for keys from before the registry that wrote posts, and only for them', async () => {
    const author = await post(t, { sectionId: intro, body: 'Written before keys were recorded.' });
    const target = await post(t, { sectionId: intro, body: 'Something to react to.' });
    await t.dataSource.query(`delete from author_key where hash = $1`, [t.crypto.issuedHash(AuthorCrypto.keyHash(author.key))]);

    const again = await t.gql(CREATE, { input: { sectionId: intro, body: 'And again, later.' } }, as(author.key));
    expect(again.data.createPost.authorKey).toBeNull();
    expect(again.data.createPost.post.mine).toBe(true);
    expect((await t.gql(REACT, { id: target.id, kind: 'HUG' }, as(author.key))).errors).toBeUndefined();
    expect((await t.gql(`{ me { posts { totalCount } } }`, {}, as(author.key))).data.me.posts.totalCount).toBe(2);
    const [row] = await t.dataSource.query(`select standing from author_key where hash = $1`, [
      t.crypto.issuedHash(AuthorCrypto.keyHash(author.key)),
    ]);
    expect(row.standing).toBe(0);
  });

  it('answers AUTHOR_BANNED to a banned author’s reactions and flags', async () => {
    const author = await establishedReader(t, intro, 'Before the ban.');
    const target = await post(t, { sectionId: intro, body: 'Thank you all for sharing your stories here.' });
    expect(
      (await t.gql(`mutation($id: ID!) { banAuthor(postId: $id, reason: "repeated attacks") }`, { id: author.id }, mod)).data.banAuthor,
    ).toBe(true);

    const reaction = await t.gql(REACT, { id: target.id, kind: 'SUPPORT' }, as(author.key));
    expect(reaction.errors?.[0].extensions?.code).toBe('AUTHOR_BANNED');
    expect(reaction.errors?.[0].message).not.toMatch(/ban/i);
    const flag = await t.gql(FLAG, { i: { postId: target.id, reason: 'DANGER' } }, as(author.key));
    expect(flag.errors?.[0].extensions?.code).toBe('AUTHOR_BANNED');
    expect(await visible(target.id)).toBe(true);
    expect(await queued(target.id)).toBeUndefined();
  });
});

describe('limits per address for callers without an issued key', () => {
  let t: TestApp;
  let intro: string;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITES: '5', AUTHOR_KEYS_PER_ADDRESS_PER_HOUR: '3' });
    intro = (await sectionIds(t)).intro;
  });
  afterAll(() => t.close());

  it('limits new keys per address, whether asked for or given with a first post', async () => {
    const from = { 'x-forwarded-for': '198.51.100.1' };
    for (let i = 0; i < 2; i++) expect((await t.gql(NEW_KEY, {}, from)).data.createAuthorKey.authorKey).toBeTruthy();
    expect((await t.gql(CREATE, { input: { sectionId: intro, body: 'A first post.' } }, from)).data.createPost.authorKey).toBeTruthy();
    const refused = await t.gql(NEW_KEY, {}, from);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(60);
    const post = await t.gql(CREATE, { input: { sectionId: intro, body: 'Another first post.' } }, from);
    expect(post.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // A nudged first post stores nothing and spends no key.
    const elsewhere = { 'x-forwarded-for': '198.51.100.2' };
    for (let i = 0; i < 4; i++) {
      const nudged = await t.gql(
        CREATE,
        { input: { sectionId: intro, body: 'You need to leave him tonight or you will regret it!!!' } },
        elsewhere,
      );
      expect(nudged.data.createPost.outcome).toBe('NUDGED');
    }
    expect((await t.gql(NEW_KEY, {}, elsewhere)).data.createAuthorKey.authorKey).toBeTruthy();
  });

  it('counts a made-up key against its address: a fresh one per post buys nothing', async () => {
    const from = { 'x-forwarded-for': '198.51.100.3' };
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.gql(REACT, { id: '1', kind: 'HUG' }, { ...from, 'x-author-key': madeUp() });
      outcomes.push(res.errors?.[0].extensions?.code);
    }
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(outcomes.slice(5)).toEqual(Array(3).fill('RATE_LIMITED'));

    const other = { 'x-forwarded-for': '198.51.100.4' };
    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.gql(CREATE, { input: { sectionId: intro, body: `Post ${i}` } }, { ...other, 'x-author-key': madeUp() });
      written.push(res.errors?.[0].extensions?.code ?? 'STORED');
    }
    expect(written).toEqual(['STORED', 'STORED', 'STORED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('keeps an issued key’s budget its own', async () => {
    const from = { 'x-forwarded-for': '198.51.100.5' };
    const author = await post(t, { sectionId: intro, body: 'one' });
    for (let i = 0; i < 5; i++) {
      const res = await t.gql(CREATE, { input: { sectionId: intro, body: `again ${i}` } }, { ...from, 'x-author-key': author.key });
      expect(res.errors).toBeUndefined();
    }
    const limited = await t.gql(CREATE, { input: { sectionId: intro, body: 'too many' } }, { ...from, 'x-author-key': author.key });
    expect(limited.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // Its writes were not counted for the address it wrote from.
    expect((await t.gql(CREATE, { input: { sectionId: intro, body: 'a neighbour' } }, from)).errors).toBeUndefined();
  });
});
