import request from 'supertest';
import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';

/** Runs one GraphQL read with an author key and counts the SQL statements it cost; the read must not fail. */
async function counted(t: TestApp, query: string, variables: Record<string, unknown>, key: string) {
  const before = t.db.statements;
  const res = await t.gql(query, variables, { 'x-author-key': key });
  expect(res.errors).toBeUndefined();
  return { statements: t.db.statements - before, data: res.data };
}

/** A page of a thread costs the same few statements whatever its size or depth in the thread. */
describe('SQL statements per thread page', () => {
  let t: TestApp;
  let sectionId: string;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    sectionId = (await sectionIds(t))['where-rebuilding-usually-begins'];
    const author = await post(t, { sectionId, body: 'first' });
    key = author.key;
    for (let i = 0; i < 44; i++) {
      const p = await post(t, { sectionId, body: `post ${i}` }, i % 2 ? key : undefined);
      for (let r = 0; r < 2; r++) await post(t, { sectionId, body: `reply ${r}`, parentId: p.id }, key);
      await t.gql(`mutation($id: ID!) { react(postId: $id, kind: HUG) { id } }`, { id: p.id }, { 'x-author-key': key });
    }
  });
  afterAll(() => t.close());

  const PAGE = `query($id: ID!, $first: Int!, $after: String) {
    section(id: $id) { title postCount posts(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id body html pseudonym mine createdAt editedAt replyCount reactions { kind count reactedByMe }
        replies(first: 3) { totalCount edges { node { id body pseudonym mine reactions { kind count reactedByMe } } } } } }
    } } }`;

  async function statementsFor(first: number, after: string | null) {
    const { statements, data } = await counted(t, PAGE, { id: sectionId, first, after }, key);
    return { statements, conn: data.section.posts };
  }

  it('is constant for 5 or 20 posts, and for the first page or a later one', async () => {
    const five = await statementsFor(5, null);
    const twenty = await statementsFor(20, null);
    const later = await statementsFor(20, twenty.conn.pageInfo.endCursor);
    expect(five.conn.edges).toHaveLength(5);
    expect(twenty.conn.edges).toHaveLength(20);
    expect(later.conn.edges).toHaveLength(20);
    expect(twenty.conn.edges[3].node.replies.edges).toHaveLength(2);
    expect(twenty.statements).toBe(five.statements);
    expect(later.statements).toBe(twenty.statements);
    expect(twenty.statements).toBeLessThanOrEqual(5);
  });
});

describe('cached answers for readers without a key', () => {
  let t: TestApp;
  let sectionId: string;
  beforeAll(async () => {
    t = await createTestApp();
    sectionId = (await sectionIds(t)).intro;
    await post(t, { sectionId, body: 'first' });
  });
  afterAll(() => t.close());

  const PAGE = `query($id: ID!) { section(id: $id) { postCount posts(first: 20) { edges { node { id body } } } } }`;
  const read = (headers: Record<string, string> = {}) =>
    request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set(headers)
      .send({ query: PAGE, variables: { id: sectionId } });

  it('serves a repeated anonymous read without touching the database, until the next write', async () => {
    const first = await read();
    expect(first.headers['x-steady-cache']).toBeUndefined();
    const before = t.db.statements;
    const second = await read();
    expect(second.headers['x-steady-cache']).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(t.db.statements).toBe(before);

    await post(t, { sectionId, body: 'second' });
    const fresh = await read();
    expect(fresh.headers['x-steady-cache']).toBeUndefined();
    expect(fresh.body.data.section.posts.edges.map((e: any) => e.node.body)).toEqual(['first', 'second']);
    expect(fresh.body.data.section.postCount).toBe(2);
  });

  it('never caches for a caller with a key, a session or a cookie, nor a mutation or an error', async () => {
    const author = await post(t, { sectionId, body: 'mine' });
    for (const headers of [{ 'x-author-key': author.key }, { authorization: 'Bearer x' }, { cookie: 'steady_session=x' }]) {
      await read(headers);
      expect((await read(headers)).headers['x-steady-cache']).toBeUndefined();
    }
    const bad = { query: `query($id: ID!) { section(id: $id) { posts(first: 1000) { totalCount } } }`, variables: { id: sectionId } };
    for (let i = 0; i < 2; i++) {
      const res = await request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send(bad);
      expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.headers['x-steady-cache']).toBeUndefined();
    }
    const mutation = { query: `mutation { logout }` };
    for (let i = 0; i < 2; i++) {
      const res = await request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send(mutation);
      expect(res.headers['x-steady-cache']).toBeUndefined();
    }
  });
});

describe('SQL statements for "Your posts" (me)', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await sectionIds(t);
    key = (await post(t, { sectionId: ids.intro, body: 'mine, first' })).key;
  });
  afterAll(() => t.close());

  const ME = `query {
    me {
      posts(first: 20) { totalCount edges { node { id status pseudonym section { slug title postCount article { slug title } } } } }
      repliesToMe(first: 20) { totalCount edges { node { id pseudonym parent { id body } section { slug title article { slug title } } } } }
    }
  }`;
  async function statementsForMe() {
    const { statements, data } = await counted(t, ME, {}, key);
    return { statements, me: data.me };
  }

  it('costs three statements (four with section counts asked), however many posts, replies, threads and articles', async () => {
    const one = await statementsForMe();
    expect(one.me.posts.totalCount).toBe(1);
    // More of everything: posts in several threads, each answered by others.
    for (const slug of Object.keys(ids).slice(0, 4)) {
      const mine = await post(t, { sectionId: ids[slug], body: `mine in ${slug}` }, key);
      for (let r = 0; r < 2; r++) await post(t, { sectionId: ids[slug], body: `an answer ${r}`, parentId: mine.id });
    }
    const many = await statementsForMe();
    expect(many.me.posts.totalCount).toBe(5);
    expect(many.me.repliesToMe.totalCount).toBe(8);
    expect(new Set(many.me.posts.edges.map((e: any) => e.node.section.slug)).size).toBeGreaterThanOrEqual(4);
    // Each reply names the post it answers, with its words: read in the same statement as the reply.
    for (const { node } of many.me.repliesToMe.edges) expect(node.parent.body).toMatch(/^mine/);
    expect(many.statements).toBe(one.statements);
    expect(many.statements).toBe(4);
  });
});

describe('SQL statements per post written', () => {
  let t: TestApp;
  let sectionId: string;
  beforeAll(async () => {
    t = await createTestApp();
    sectionId = (await sectionIds(t)).intro;
  });
  afterAll(() => t.close());

  it('costs two statements for an author already known in the thread, published or held', async () => {
    const author = await post(t, { sectionId, body: 'first' });
    for (const body of ['A calm second thought.', 'You are pathetic, grow up.']) {
      const before = t.db.statements;
      await t.gql(
        `mutation($i: CreatePostInput!) { createPost(input: $i) { outcome } }`,
        { i: { sectionId, body } },
        { 'x-author-key': author.key },
      );
      expect(t.db.statements - before).toBe(2);
    }
    const [{ queued }] = await t.dataSource.query(`select count(*)::int as queued from queue_item`);
    const [{ audited }] = await t.dataSource.query(`select count(*)::int as audited from audit_log where action like 'create:%'`);
    expect({ queued, audited }).toEqual({ queued: 1, audited: 3 });
  });
});

/** A page of search results costs the same few statements whatever its size or position (ADR 019). */
describe('SQL statements per page of search results', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    const sections = await sectionIds(t);
    const ids = Object.values(sections);
    for (let i = 0; i < 30; i++) {
      const written = await post(
        t,
        { sectionId: ids[i % ids.length], body: `We sat in the garden and talked${i % 2 ? ' about the garden we want' : ''} (${i}).` },
        key,
      );
      key = written.key;
      if (i % 3 === 0) await post(t, { sectionId: ids[i % ids.length], body: `A garden reply ${i}.`, parentId: written.id }, key);
    }
  });
  afterAll(() => t.close());

  const SEARCH = `query($first: Int!, $after: String) {
    searchPosts(articleSlug: "rebuilding-connection", query: "garden", first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { rank snippet threadAfter section { slug title article { slug title } }
        post { id body html pseudonym mine createdAt replyCount reactions { kind count reactedByMe } } } }
    } }`;

  async function statementsFor(first: number, after: string | null) {
    const { statements, data } = await counted(t, SEARCH, { first, after }, key);
    return { statements, conn: data.searchPosts };
  }

  it('is constant for 5 or 20 hits, and for the first page or a later one', async () => {
    const five = await statementsFor(5, null);
    const twenty = await statementsFor(20, null);
    const later = await statementsFor(20, twenty.conn.pageInfo.endCursor);
    expect(five.conn.edges).toHaveLength(5);
    expect(twenty.conn.edges).toHaveLength(20);
    expect(later.conn.edges).toHaveLength(20);
    expect(twenty.conn.totalCount).toBe(40);
    expect(twenty.statements).toBe(five.statements);
    expect(later.statements).toBe(twenty.statements);
    // The search itself, the hits' sections, their article, the caller's own reactions.
    expect(twenty.statements).toBeLessThanOrEqual(4);
  });
});
