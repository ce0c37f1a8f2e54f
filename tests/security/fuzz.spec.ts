// A bounded fuzzer against the running API: valid operations with hostile arguments, garbage
// documents, deep nesting, hostile variables and headers. Whatever arrives, the API answers
// 4xx or 200 in GraphQL's shape with a code from the contract, says nothing of its insides, and a
// refused request writes nothing. Fixed seed: a failure replays exactly (FUZZ_SEED, FUZZ_RUNS).
import fc from 'fast-check';
import { Client } from 'pg';
import { apiUrl, asAuthor, ok, sectionIds, send, type Answer } from './support/client';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

/**
 * The contract's codes, Steady's own additions (OWN_POST: a reaction to one's own post;
 * APPEAL_NOT_OPEN: ADR 018), and those of a request GraphQL itself refuses. INTERNAL_SERVER_ERROR is a bug here.
 */
const ALLOWED_CODES = new Set([
  'OWN_POST',
  'APPEAL_NOT_OPEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'EDIT_WINDOW_CLOSED',
  'AUTHOR_BANNED',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** PostgreSQL's, the driver's and Node's words, stack frames and paths: none may reach a client. */
const INTERNAL_TEXT =
  /invalid byte sequence|out of range for type|relation "|syntax error at|QueryFailedError|DatabaseError|ECONNREFUSED|Maximum call stack|\bat (?:async )?[\w$.<>[\] ]+ \(|\.(?:js|ts|mjs):\d+|node_modules|\/work\/|apps\/api\//i;

const TABLES = ['post', 'section_author', 'reaction', 'flag', 'queue_item', 'audit_log', 'nudge', 'ban', 'moderator_session'];

// ── Arbitraries ────────────────────────────────────────────────────────────────

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Strings that have broken a forum before: NUL, lone surrogates, SQL, huge numbers, markup, very long text. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\u0000\u0000', '\ufffe', '\u202e'), fc.string({ maxLength: 10 }))
    .map((p) => p.join('')),
  fc.tuple(fc.string({ maxLength: 10 }), loneSurrogate, fc.string({ maxLength: 10 })).map((p) => p.join('')),
  fc.constantFrom("'; drop table post; --", '" or 1=1 --', '<script>alert(1)</script>', '${7*7}', '%00', '\\u0000', '../../etc/passwd', ''),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('9223372036854775807', '9223372036854775808', '99999999999999999999999', '-1', '0', '1e309', 'NaN'),
  fc.integer({ min: 4990, max: 6000 }).map((n) => 'a'.repeat(n)),
);

/** Page links: well formed, past bigint, other shapes, not base64 at all. */
const cursor = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map((n) => b64(`p:${n}`)),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 25n })).map(([p, id]) => b64(`q:${p}:${id}`)),
  nastyString.map(b64),
  nastyString,
);

const id = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
  fc.uuid().map(String),
  fc.constantFrom('1', '2', '3', '0', '-1', ''),
  nastyString,
);

/** A value of the wrong type as often as of the right one. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const maybeWrong = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: wrongType });

const first = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(2147483647, -2147483648, 1e12, 0.5));
const reason = fc.constantFrom('UNSAFE', 'ATTACK', 'PRESSURE', 'PERSONAL_INFO', 'SPAM', 'DANGER', 'OTHER', 'NOPE');
const reaction = fc.constantFrom('SUPPORT', 'HUG', 'RELATE', 'HELPFUL', 'DOWNVOTE');

interface Request {
  method: 'POST' | 'GET';
  body?: string;
  search?: string;
  headers: Record<string, string>;
}

/** Valid operations of the contract, with every argument mutated. `section` is a real section id. */
function operations(section: string, post: string) {
  const sectionId = fc.oneof({ weight: 3, arbitrary: fc.constant(section) }, { weight: 1, arbitrary: id });
  const postId = fc.oneof({ weight: 3, arbitrary: fc.constant(post) }, { weight: 1, arbitrary: id });
  const op = (query: string, variables: fc.Arbitrary<Record<string, unknown>>) => variables.map((v) => ({ query, variables: v }));
  return fc.oneof(
    op(
      `query($id: ID!) { post(id: $id) { id body status parent { id body status } replies(first: 3) { totalCount edges { cursor } } reactions { kind count } mine } }`,
      fc.record({ id: maybeWrong(postId) }),
    ),
    op(
      `query($id: ID!, $first: Int, $after: String) { section(id: $id) { slug posts(first: $first, after: $after) { totalCount edges { cursor node { id body } } pageInfo { endCursor } } } }`,
      fc.record({ id: maybeWrong(sectionId), first: maybeWrong(first), after: maybeWrong(cursor) }),
    ),
    op(
      `query($slug: String!) { article(slug: $slug) { id sections { id } } }`,
      fc.record({ slug: maybeWrong(fc.oneof(fc.constant('rebuilding-connection'), nastyString)) }),
    ),
    op(
      `query($body: String!, $sectionId: ID) { checkTone(body: $body, sectionId: $sectionId) { action hits { ruleId } } }`,
      fc.record({ body: maybeWrong(nastyString), sectionId: maybeWrong(sectionId) }),
    ),
    op(
      `query($slug: String!, $q: String!, $first: Int, $after: String, $size: Int) { searchPosts(articleSlug: $slug, query: $q, first: $first, after: $after, threadPageSize: $size) { totalCount pageInfo { endCursor } edges { cursor node { rank snippet threadAfter post { id } } } } }`,
      fc.record({
        slug: maybeWrong(fc.oneof(fc.constant('rebuilding-connection'), nastyString)),
        q: maybeWrong(fc.oneof(nastyString, fc.constantFrom('"unclosed', '-', 'a | b & !c', ':*', '((('))),
        first: maybeWrong(first),
        after: maybeWrong(
          fc.oneof(
            cursor,
            nastyString.map((s) => b64(`s:${s}`)),
            // Ranks PostgreSQL's real would refuse (overflow, underflow), and odd ids.
            fc.constantFrom('s:9999999999e99:1', 's:1e-99:1', 's:0.5:99999999999999999999', 's:0:0').map(b64),
          ),
        ),
        size: maybeWrong(first),
      }),
    ),
    op(
      `query($after: String) { me { posts(after: $after) { totalCount } repliesToMe(after: $after) { totalCount } } }`,
      fc.record({ after: maybeWrong(cursor) }),
    ),
    op(
      `query($after: String, $first: Int) { moderationQueue(first: $first, after: $after) { totalCount } }`,
      fc.record({ after: maybeWrong(cursor), first: maybeWrong(first) }),
    ),
    op(
      `mutation($input: CreatePostInput!) { createPost(input: $input) { outcome message post { id } } }`,
      fc.record({
        input: maybeWrong(
          fc.record(
            {
              sectionId: maybeWrong(sectionId),
              parentId: maybeWrong(postId),
              body: maybeWrong(nastyString),
              idempotencyKey: maybeWrong(nastyString),
              acknowledgeNudge: maybeWrong(fc.boolean()),
            },
            { requiredKeys: ['sectionId', 'body'] },
          ),
        ),
      }),
    ),
    op(
      `mutation($input: EditPostInput!) { editPost(input: $input) { outcome } }`,
      fc.record({ input: maybeWrong(fc.record({ postId: maybeWrong(postId), body: maybeWrong(nastyString) })) }),
    ),
    op(`mutation($id: ID!) { deletePost(id: $id) { id } }`, fc.record({ id: maybeWrong(postId) })),
    op(
      `mutation($id: ID!, $kind: ReactionKind!) { react(postId: $id, kind: $kind) { id } }`,
      fc.record({ id: maybeWrong(postId), kind: maybeWrong(reaction) }),
    ),
    op(
      `mutation($input: FlagPostInput!) { flagPost(input: $input) { ok message } }`,
      fc.record({
        input: maybeWrong(fc.record({ postId: maybeWrong(postId), reason: maybeWrong(reason), note: maybeWrong(nastyString) })),
      }),
    ),
    op(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      fc.record({ e: maybeWrong(nastyString), p: maybeWrong(nastyString) }),
    ),
    op(
      `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { id } }`,
      fc.record({
        i: maybeWrong(
          fc.record({
            postId: maybeWrong(postId),
            decision: fc.constantFrom('APPROVE', 'REJECT', 'MAYBE'),
            reason: maybeWrong(nastyString),
          }),
        ),
      }),
    ),
    op(`subscription($id: ID!) { threadActivity(sectionId: $id) { __typename } }`, fc.record({ id: sectionId })),
  );
}

/** Documents that are not GraphQL, nearly GraphQL, or GraphQL nested far too deep. */
const garbageDocument = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '(',
        ')',
        '[',
        ']',
        'query',
        'mutation',
        'subscription',
        'fragment',
        '...',
        'on',
        '$x',
        ':',
        '!',
        '@skip',
        '"',
        '"""',
        '#',
        'post',
        'id',
        '\\u0000',
        ',',
        'articles',
      ),
      { maxLength: 80 },
    )
    .map((t) => t.join(' ')),
  fc.integer({ min: 5, max: 400 }).map((n) => `{ articles { ${'sections { article { '.repeat(n)}id${' } }'.repeat(n)} } }`),
  fc.integer({ min: 100, max: 3000 }).map((n) => `{ ${'articles { id } '.repeat(n)} }`),
  fc.integer({ min: 1, max: 60 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: articles { id }`).join(' ')} }`),
  fc.integer({ min: 1, max: 3000 }).map((n) => `query($a: String) { article(slug: ${'['.repeat(n)}"x"${']'.repeat(n)}) { id } }`),
  fc.integer({ min: 1, max: 100 }).map((n) => `{ articles { id ${'@include(if: true) '.repeat(n)} } }`),
  fc.constant('query A { articles { id } } query A { articles { id } }'),
  fc.constant('{ __schema { types { name fields { name } } } }'),
);

const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const headers = fc.record(
  {
    'X-Author-Key': fc.oneof(headerValue, fc.base64String({ minLength: 40, maxLength: 48 }), fc.constant('')),
    Authorization: fc.oneof(
      headerValue,
      headerValue.map((v) => `Bearer ${v}`),
      fc.base64String({ minLength: 40, maxLength: 48 }).map((v) => `Bearer ${v}`),
    ),
    'X-Forwarded-For': fc.oneof(headerValue, fc.ipV4(), fc.ipV6()),
    Cookie: fc.oneof(
      headerValue,
      headerValue.map((v) => `steady_session=${v}`),
    ),
    Accept: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/graphql-response+json, application/json', '*/*') },
      {
        weight: 1,
        arbitrary: fc.oneof(fc.constantFrom('text/html', 'multipart/mixed', 'application/xml', 'application/json;q=0'), headerValue),
      },
    ),
    'Apollo-Require-Preflight': fc.constant('true'),
  },
  { requiredKeys: [] },
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/graphql-response+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'multipart/form-data; boundary=x',
  '',
);

/** Variables with nesting a recursive reader would choke on, written as text (JSON.stringify would choke first). */
const deepVariables = fc.tuple(fc.integer({ min: 10, max: 6000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => {
  const close = open === '[' ? ']' : '}';
  return `{"query":"query($a: [String]) { articles { id } }","variables":{"a":${open.repeat(n)}"x"${close.repeat(n)}}}`;
});

function requests(section: string, post: string): fc.Arbitrary<Request> {
  const json = (body: unknown) => JSON.stringify(body);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(operations(section, post), headers)
        .map(([op, h]) => ({ method: 'POST' as const, body: json(op), headers: { 'Content-Type': 'application/json', ...h } })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(garbageDocument, headers)
        .map(([query, h]) => ({ method: 'POST' as const, body: json({ query }), headers: { 'Content-Type': 'application/json', ...h } })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(deepVariables, headers)
        .map(([body, h]) => ({ method: 'POST' as const, body, headers: { 'Content-Type': 'application/json', ...h } })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.string({ maxLength: 300 }),
            operations(section, post).map(json),
            fc.constantFrom('{"query": ', '[]', 'null', '{"query": 1}', '{"query":"{ articles { id } }","variables":"x"}'),
          ),
          contentType,
          headers,
        )
        .map(([body, type, h]) => ({
          method: 'POST' as const,
          body,
          headers: { ...(type ? { 'Content-Type': type } : {}), ...h },
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            operations(section, post),
            garbageDocument.map((query) => ({ query, variables: {} })),
          ),
          headers,
        )
        .map(([op, h]) => ({
          method: 'GET' as const,
          search: `?${new URLSearchParams({ query: op.query, variables: JSON.stringify(op.variables) })}`,
          headers: h,
        }))
        // Node refuses a request line past 16 KB (431, before any of Steady's code runs).
        .filter((r) => r.search.length < 8000),
    },
  );
}

// ── The property ───────────────────────────────────────────────────────────────

async function rowCounts(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query(`select ${TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`);
  return rows[0];
}

/** Refused: errors and nothing done (no data, or every top-level field null). */
function refused(answer: Answer): boolean {
  if (!answer.body?.errors?.length) return false;
  const data = answer.body.data;
  return data == null || Object.values(data).every((v) => v === null);
}

describe('fuzzing the API', () => {
  let section: string;
  let post: string;
  const seen = { requests: 0, refused: 0, statuses: new Map<number, number>(), codes: new Map<string, number>() };

  // One connection for the whole run: the rows are counted after every request.
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  let counts: Record<string, number> | undefined;

  beforeAll(async () => {
    await db.connect();
    section = (await sectionIds())['a-quiet-reminder'];
    const created = await ok(`mutation($input: CreatePostInput!) { createPost(input: $input) { post { id } authorKey } }`, {
      input: { sectionId: section, body: 'A calm post for the fuzzer to aim at.' },
    });
    post = created.createPost.post.id;
    // A reply, so that parent and replies have something to resolve.
    await ok(
      `mutation($input: CreatePostInput!) { createPost(input: $input) { post { id } } }`,
      { input: { sectionId: section, parentId: post, body: 'A calm reply.' } },
      asAuthor(created.createPost.authorKey),
    );
  });

  afterAll(async () => {
    await db.end();
    console.log(
      `fuzz: ${seen.requests} requests (seed ${SEED}), ${seen.refused} refused; statuses ${JSON.stringify(Object.fromEntries(seen.statuses))}; codes ${JSON.stringify(Object.fromEntries(seen.codes))}`,
    );
  });

  it(`answers ${RUNS} hostile requests without a 5xx, a leak, an unknown code or a write by a refusal`, async () => {
    await fc.assert(
      fc.asyncProperty(requests(section, post), async (request) => {
        const before = counts ?? (await rowCounts(db));
        const answer = await send(request);
        counts = await rowCounts(db);
        seen.requests++;
        seen.statuses.set(answer.status, (seen.statuses.get(answer.status) ?? 0) + 1);

        expect(answer.status).toBeLessThan(500);
        expect(answer.text).not.toMatch(INTERNAL_TEXT);
        expect(answer.body).not.toBeNull(); // always JSON
        for (const error of answer.body?.errors ?? []) {
          const code = String(error.extensions?.code);
          seen.codes.set(code, (seen.codes.get(code) ?? 0) + 1);
          expect(ALLOWED_CODES).toContain(code);
          expect(typeof error.message).toBe('string');
          expect(error.extensions).not.toHaveProperty('stacktrace');
        }
        if (answer.status >= 400 || refused(answer)) {
          seen.refused++;
          expect(counts).toEqual(before);
        }
      }),
      // A loaded machine runs fewer cases rather than overrunning: the summary line says how many ran.
      { seed: SEED, numRuns: RUNS, endOnFailure: true, interruptAfterTimeLimit: 100_000, markInterruptAsFailure: false },
    );
    const health = await fetch(apiUrl().replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
  }, 170_000);
});
