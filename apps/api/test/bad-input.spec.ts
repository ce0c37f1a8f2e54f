import { AuthorCrypto } from '../src/authors/author-crypto';
import { createTestApp, TestApp } from './app';
import { CREATE, post, sectionIds } from './fixtures';

/** Every refusal: a stable code, a calm sentence, no stack, and nothing written. */
describe('bad input gets a clear answer and writes nothing', () => {
  let t: TestApp;
  let sections: Record<string, string>;
  let rows: () => Promise<number>;
  beforeAll(async () => {
    t = await createTestApp();
    sections = await sectionIds(t);
    rows = async () => (await t.dataSource.query('select (select count(*) from post) + (select count(*) from section_author) as n'))[0].n;
  });
  afterAll(() => t.close());

  async function refused(input: Record<string, unknown>, headers: Record<string, string>, code: string, field?: string) {
    const before = await rows();
    const res = await t.gql(CREATE, { input }, headers);
    expect(res.status).toBeLessThan(500);
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error.extensions?.code).toBe(code);
    if (field) expect(error.extensions?.field).toBe(field);
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.message).not.toMatch(/error|exception|sql|null|undefined/i);
    expect(error.message.length).toBeLessThan(160);
    expect(await rows()).toBe(before);
    return error;
  }

  it('an empty body (after trimming)', () => refused({ sectionId: sections.intro, body: ' \n\t ' }, {}, 'BAD_USER_INPUT', 'body'));

  it('a body over 5,000 characters', async () => {
    await refused({ sectionId: sections.intro, body: 'a'.repeat(5001) }, {}, 'BAD_USER_INPUT', 'body');
    // 5,000 emoji are 5,000 characters, not 10,000 UTF-16 units.
    const ok = await t.gql(CREATE, { input: { sectionId: sections.intro, body: '🌿'.repeat(5000) } });
    expect(ok.errors).toBeUndefined();
  });

  it('an unknown or malformed section', async () => {
    await refused({ sectionId: '00000000-0000-0000-0000-000000000000', body: 'Hi' }, {}, 'NOT_FOUND');
    await refused({ sectionId: 'intro', body: 'Hi' }, {}, 'NOT_FOUND');
  });

  it('an unknown or malformed parent', async () => {
    await refused({ sectionId: sections.intro, parentId: '999999999', body: 'Hi' }, {}, 'NOT_FOUND');
    await refused({ sectionId: sections.intro, parentId: 'abc', body: 'Hi' }, {}, 'NOT_FOUND');
  });

  it('a parent in another section', async () => {
    const parent = await post(t, { sectionId: sections['a-quiet-reminder'], body: 'Elsewhere' });
    await refused({ sectionId: sections.intro, parentId: parent.id, body: 'Hi' }, {}, 'BAD_USER_INPUT', 'parentId');
  });

  it('a reply to a removed post', async () => {
    const parent = await post(t, { sectionId: sections.intro, body: 'Soon gone' });
    await t.gql(`mutation($id: ID!) { deletePost(id: $id) { id } }`, { id: parent.id }, { 'x-author-key': parent.key });
    await refused({ sectionId: sections.intro, parentId: parent.id, body: 'Hi' }, {}, 'BAD_USER_INPUT', 'parentId');
  });

  it('a malformed author key', () =>
    refused({ sectionId: sections.intro, body: 'Hi' }, { 'x-author-key': 'short' }, 'BAD_USER_INPUT', 'authorKey'));

  it('an edit or a delete with another key, or without one', async () => {
    const p = await post(t, { sectionId: sections.intro, body: 'Mine' });
    const other = { 'x-author-key': AuthorCrypto.newKey() };
    const edit = await t.gql(
      `mutation($i: EditPostInput!) { editPost(input: $i) { outcome } }`,
      { i: { postId: p.id, body: 'Hijack' } },
      other,
    );
    expect(edit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const del = await t.gql(`mutation($id: ID!) { deletePost(id: $id) { id } }`, { id: p.id }, other);
    expect(del.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await t.gql(`mutation($id: ID!) { deletePost(id: $id) { id } }`, { id: p.id });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [row] = await t.dataSource.query('select body, status from post where id = $1', [p.id]);
    expect(row).toEqual({ body: 'Mine', status: 'PUBLISHED' });
  });

  it('a page size out of range or a forged cursor', async () => {
    const q = `query($id: ID!, $first: Int, $after: String) { section(id: $id) { posts(first: $first, after: $after) { totalCount } } }`;
    const big = await t.gql(q, { id: sections.intro, first: 1000 });
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await t.gql(q, { id: sections.intro, after: "'; drop table post; --" });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('a body that is not a string, and malformed JSON, never reach a 500', async () => {
    const res = await t.gql(CREATE, { input: { sectionId: sections.intro, body: 42 } });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const request = (await import('supertest')).default;
    const raw = await request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(raw.status).toBe(400);
  });
});

describe('rate limits on writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITES: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it('counts per author key, answers RATE_LIMITED with retryAfterSeconds, and keeps other authors free', async () => {
    const sections = await sectionIds(t);
    const author = await post(t, { sectionId: sections.intro, body: 'one' });
    // The first post was keyless (counted for the address); three more with the key are allowed.
    for (const body of ['two', 'three', 'four']) await post(t, { sectionId: sections.intro, body }, author.key);
    const limited = await t.gql(CREATE, { input: { sectionId: sections.intro, body: 'five' } }, { 'x-author-key': author.key });
    expect(limited.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors?.[0].message).toMatch(/pause/);
    // Another author (and keyless callers behind another address) still get through.
    const other = await t.gql(CREATE, { input: { sectionId: sections.intro, body: 'hello' } }, { 'x-forwarded-for': '10.0.0.9' });
    expect(other.errors).toBeUndefined();
  });
});
