import { Writable } from 'node:stream';
import request from 'supertest';
import { AuthorCrypto } from '../src/authors/author-crypto';
import { createLogger } from '../src/common/logger';
import { createFormatError } from '../src/graphql/format-error';
import { createTestApp, TestApp } from './app';
import { CREATE, post, sectionIds } from './fixtures';
import { signedIn } from './moderators.fixtures';

/** What PostgreSQL and Node say when input reaches them unchecked: none of it may reach a client. */
const INTERNAL_TEXT =
  /invalid byte sequence|out of range|relation "|syntax error at|QueryFailedError|violates|constraint|\bat .+:\d+:\d+|node_modules|\/work\//i;

function captureLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('the edge: input PostgreSQL cannot take is refused before it reaches SQL', () => {
  let t: TestApp;
  let sections: Record<string, string>;
  let rows: () => Promise<number>;
  beforeAll(async () => {
    t = await createTestApp();
    sections = await sectionIds(t);
    rows = async () =>
      (
        await t.dataSource.query(
          'select (select count(*) from post) + (select count(*) from flag) + (select count(*) from section_author) as n',
        )
      )[0].n;
  });
  afterAll(() => t.close());

  async function refusedAsInput(query: string, variables: Record<string, unknown>, field: string, headers: Record<string, string> = {}) {
    const before = await rows();
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set(headers)
      .send({ query, variables });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(res.body.errors[0].message).toMatch(/characters Steady can’t keep/);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNAL_TEXT);
    expect(await rows()).toBe(before);
  }

  it('refuses a NUL byte in a body, an idempotency key, a flag note and a slug, naming the field', async () => {
    const author = await post(t, { sectionId: sections.intro, body: 'A kind first post.' });
    const key = { 'x-author-key': author.key };
    await refusedAsInput(CREATE, { input: { sectionId: sections.intro, body: 'hello\u0000there' } }, 'body', key);
    await refusedAsInput(CREATE, { input: { sectionId: sections.intro, body: 'hello', idempotencyKey: 'k\u0000' } }, 'idempotencyKey', key);
    await refusedAsInput(
      `mutation($i: FlagPostInput!) { flagPost(input: $i) { ok } }`,
      { i: { postId: author.id, reason: 'OTHER', note: 'please look\u0000' } },
      'note',
      { 'x-author-key': AuthorCrypto.newKey() },
    );
    await refusedAsInput(`query($s: String!) { article(slug: $s) { id } }`, { s: 'rebuilding\u0000' }, 's');
  });

  it('refuses lone surrogates, in variables and in the document itself', async () => {
    await refusedAsInput(CREATE, { input: { sectionId: sections.intro, body: 'half a pair \ud83c here' } }, 'body');
    await refusedAsInput(CREATE, { input: { sectionId: sections.intro, body: 'reversed \udf3f\ud83c' } }, 'body');
    await refusedAsInput(`{ article(slug: "a\\u0000b") { id } }`, {}, 'slug');
    // A whole pair is a real character: an emoji posts.
    const ok = await t.gql(CREATE, { input: { sectionId: sections.intro, body: 'A leaf for you 🌿' } });
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a cursor past bigint with BAD_USER_INPUT, never "out of range"', async () => {
    const cursor = Buffer.from('p:9999999999999999999').toString('base64url');
    const res = await t.gql(`query($id: ID!, $a: String) { section(id: $id) { posts(after: $a) { totalCount } } }`, {
      id: sections.intro,
      a: cursor,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const mod = await signedIn(t, 'MODERATOR');
    const queue = await t.gql(
      `query($a: String) { moderationQueue(after: $a) { totalCount } }`,
      { a: Buffer.from('q:1:9999999999999999999').toString('base64url') },
      mod.headers,
    );
    expect(queue.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // The largest bigint itself is a fine cursor: an empty page after it.
    const last = Buffer.from('p:9223372036854775807').toString('base64url');
    const edge = await t.gql(`query($id: ID!, $a: String) { section(id: $id) { posts(after: $a) { edges { cursor } } } }`, {
      id: sections.intro,
      a: last,
    });
    expect(edge.errors).toBeUndefined();
    expect(edge.data.section.posts.edges).toEqual([]);
  });
});

describe('HTTP status for what a client got wrong: 4xx, never 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const send = (body: string | object) =>
    request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send(body);

  it('a syntax error is GRAPHQL_PARSE_FAILED with 400', async () => {
    const res = await send({ query: '{ articles { id ' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('a literal nested deep enough to overflow the parser is a 400 without Node’s words', async () => {
    // Whether the parser's stack or the token limit gives out first depends on the process's stack.
    for (const depth of [600, 990, 1900]) {
      const res = await send({ query: `{ article(slug: ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { id } }` });
      expect(res.status).toBe(400);
      expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX']).toContain(res.body.errors[0].extensions.code);
      expect(res.body.errors[0].message).not.toMatch(/stack|exceeded/i);
    }
    // And the words the parser's failure would carry are replaced wherever it happens.
    const format = createFormatError(createLogger('silent'));
    const formatted = format(
      { message: 'Maximum call stack size exceeded', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new RangeError('Maximum call stack size exceeded'),
    );
    expect(formatted).toEqual({
      message: expect.stringMatching(/could not read that request/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('a document past the token limit is QUERY_TOO_COMPLEX with 400', async () => {
    const res = await send({ query: `{ ${'articles { id } '.repeat(700)} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('variables nested 5,000 deep are BAD_REQUEST with 400, in a body and in a GET query string', async () => {
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    const res = await send(`{"query":"query($a: [String]) { articles { id } }","variables":{"a":${deep}}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    // A URL has less room than a body: 1,000 levels, still far past the limit.
    const get = await request(t.app.getHttpServer())
      .get('/graphql')
      .query({ query: '{ articles { id } }', variables: `{"a":${'['.repeat(1000)}"x"${']'.repeat(1000)}}` })
      .set('apollo-require-preflight', 'true');
    expect(get.status).toBe(400);
    expect(get.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('a subscription over HTTP is BAD_REQUEST with 400, pointing at the WebSocket', async () => {
    const res = await send({ query: 'subscription { threadActivity(sectionId: "x") { __typename } }' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/WebSocket/) });
    // Without a valid subscription field there is nothing to point at: the document itself is refused
    // (GraphQL's rule: a subscription's one root field is never an introspection field).
    const bare = await send({ query: 'subscription { __typename }' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('an Accept header without JSON is a 406 before the operation runs: a mutation writes nothing', async () => {
    const sections = await sectionIds(t);
    const before = (await t.dataSource.query('select count(*)::int as n from post'))[0].n;
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('accept', 'application/xml')
      .send({ query: CREATE, variables: { input: { sectionId: sections.intro, body: 'Written, then refused?' } } });
    expect(res.status).toBe(406);
    expect(JSON.parse(res.text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect((await t.dataSource.query('select count(*)::int as n from post'))[0].n).toBe(before);
    // What the web app sends is accepted.
    const web = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('accept', 'application/graphql-response+json, application/json')
      .send({ query: '{ articles { id } }' });
    expect(web.status).toBe(200);
  });

  it('an unknown operation name is BAD_REQUEST, a code from the contract', async () => {
    const res = await send({ query: 'query A { articles { id } }', operationName: 'B' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('every answer carries the security headers, /health too', async () => {
    for (const res of [await send({ query: '{ articles { id } }' }), await request(t.app.getHttpServer()).get('/health')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('RATE_LIMITED over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITES: '1', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it('is a 429 with Retry-After when every error is RATE_LIMITED, the GraphQL body kept', async () => {
    const sections = await sectionIds(t);
    const author = await post(t, { sectionId: sections.intro, body: 'one' });
    const send = () =>
      request(t.app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('x-author-key', author.key)
        .send({ query: CREATE, variables: { input: { sectionId: sections.intro, body: 'two' } } });
    await send(); // the key's one write in this window
    const limited = await send();
    expect(limited.status).toBe(429);
    const seconds = Number(limited.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: seconds });
    expect(limited.body.data).toBeNull();
  });
});

describe('an unexpected failure is masked, and logged under a correlation id without the request', () => {
  let t: TestApp;
  const log = captureLog();
  beforeAll(async () => {
    t = await createTestApp({}, { logger: log.logger });
  });
  afterAll(async () => {
    await t.dataSource.query('alter table post drop constraint if exists edge_spec_fault');
    await t.close();
  });

  it('answers a calm sentence with a correlation id; the log has the id and none of the body, key, idempotency key or address', async () => {
    const sections = await sectionIds(t);
    const author = await post(t, { sectionId: sections.intro, body: 'Hello, I am here.' });
    // A real fault in the real database: a constraint this post breaks, whose detail quotes the whole row.
    await t.dataSource.query(`alter table post add constraint edge_spec_fault check (body not like '%canary-body%') not valid`);
    const count = async () =>
      (
        await t.dataSource.query(
          'select (select count(*) from post) + (select count(*) from queue_item) + (select count(*) from audit_log) as n',
        )
      )[0].n;
    const before = await count();
    const body = 'My canary-body words, only mine.';
    const idempotencyKey = 'canary-idempotency-key';
    const address = '203.0.113.77';
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-author-key', author.key)
      .set('x-forwarded-for', address)
      .send({ query: CREATE, variables: { input: { sectionId: sections.intro, body, idempotencyKey } } });

    expect(res.status).toBeLessThan(500);
    const [error] = res.body.errors;
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toBe('Something went wrong on our side. Please try again in a moment.');
    expect(JSON.stringify(res.body)).not.toMatch(INTERNAL_TEXT);
    expect(await count()).toBe(before);

    const line = log.lines.find((l) => l.includes(error.extensions.correlationId));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!);
    expect(entry.err).toMatchObject({ sqlState: '23514', table: 'post', constraint: 'edge_spec_fault' });
    const all = log.lines.join('\n');
    for (const secret of ['canary-body', idempotencyKey, author.key, address]) expect(all).not.toContain(secret);
  });
});
