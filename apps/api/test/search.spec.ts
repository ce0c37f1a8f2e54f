import { rejectReasons } from '@steady/moderation';
import { SEARCH_QUERY_MAX } from '@steady/rules';
import { createTestApp, TestApp } from './app';
import { CREATE, post, sectionIds } from './fixtures';
import { signedIn } from './moderators.fixtures';

const ARTICLE = 'rebuilding-connection';
const HOLD_TEXT = 'You are pathetic, grow up.';

const SEARCH = `query($q: String!, $first: Int, $after: String, $slug: String = "${ARTICLE}", $size: Int) {
  searchPosts(articleSlug: $slug, query: $q, first: $first, after: $after, threadPageSize: $size) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { rank snippet threadAfter section { slug title } post { id body status mine section { slug } } } }
  }
}`;

type Hit = {
  rank: number;
  snippet: string;
  threadAfter: string | null;
  section: { slug: string };
  post: { id: string; body: string; status: string; mine: boolean };
};

describe('searchPosts', () => {
  let t: TestApp;
  let sections: Record<string, string>;
  let intro: string;
  let other: string;
  const search = async (q: string, vars: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.gql(SEARCH, { q, ...vars }, headers);
  const hitsOf = (res: { data: any }): Hit[] => res.data.searchPosts.edges.map((e: { node: Hit }) => e.node);

  beforeAll(async () => {
    t = await createTestApp();
    sections = await sectionIds(t);
    intro = sections.intro;
    other = Object.entries(sections).find(([slug]) => slug !== 'intro')![1];
  });
  afterAll(() => t.close());

  it('ranks the posts that say it most closely first, with their section', async () => {
    const once = await post(t, {
      sectionId: intro,
      body: 'We spoke about the garden, then the kids, then the weather; lanterns came up at the end.',
    });
    const closely = await post(t, {
      sectionId: other,
      body: 'Lanterns. We hung lanterns on the porch and talked about lanterns all evening.',
    });
    const res = await search('lanterns');
    expect(res.errors).toBeUndefined();
    const hits = hitsOf(res);
    expect(hits.map((h) => h.post.id)).toEqual([closely.id, once.id]);
    expect(hits[0].rank).toBeGreaterThan(hits[1].rank);
    expect(res.data.searchPosts.totalCount).toBe(2);
    expect(hits[0].section.slug).toBe(Object.keys(sections).find((slug) => sections[slug] === other));
    expect(hits[0].post.section.slug).toBe(hits[0].section.slug);
    // English stemming: "lantern" finds "lanterns"; the match is marked in the snippet.
    expect(hitsOf(await search('lantern')).map((h) => h.post.id)).toEqual([closely.id, once.id]);
    expect(hits[1].snippet).toContain('<mark>lanterns</mark>');
  });

  it('shows only published posts: never pending, rejected or removed, not even to their author or a moderator', async () => {
    const word = 'quincebloom';
    const published = await post(t, { sectionId: intro, body: `A gentle ${word} story, published.` });
    const author = await post(t, { sectionId: intro, body: 'My first post here.' });
    const heldRes = await t.gql(CREATE, { input: { sectionId: intro, body: `${HOLD_TEXT} ${word}` } }, { 'x-author-key': author.key });
    expect(heldRes.data.createPost.outcome).toBe('HELD');
    const held = heldRes.data.createPost.post.id;
    const rejectedRes = await t.gql(
      CREATE,
      { input: { sectionId: intro, body: `${HOLD_TEXT} ${word} again` } },
      { 'x-author-key': author.key },
    );
    const rejected = rejectedRes.data.createPost.post.id;
    const mod = await signedIn(t, 'MODERATOR');
    const review = await t.gql(
      `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { status } }`,
      { i: { postId: rejected, decision: 'REJECT', reason: rejectReasons()[0].id } },
      mod.headers,
    );
    expect(review.data.reviewPost.status).toBe('REJECTED');
    const removed = await post(t, { sectionId: intro, body: `A ${word} thought I took back.` }, author.key);
    await t.gql(`mutation($id: ID!) { deletePost(id: $id) { id } }`, { id: removed.id }, { 'x-author-key': author.key });
    // Published, then flagged out of view until a moderator looks: hidden from search too.
    const flagged = await post(t, { sectionId: intro, body: `Another ${word} post.` });
    await t.dataSource.query(`update post set status = 'PENDING' where id = $1`, [flagged.id]);

    for (const headers of [{}, { 'x-author-key': author.key }, mod.headers]) {
      const res = await search(word, {}, headers);
      expect(res.errors).toBeUndefined();
      expect(hitsOf(res).map((h) => h.post.id)).toEqual([published.id]);
      expect(res.data.searchPosts.totalCount).toBe(1);
    }
    // The author does see their own held post elsewhere: search is the one place that leaves it out.
    const mine = await t.gql(`{ me { posts { edges { node { id } } } } }`, {}, { 'x-author-key': author.key });
    expect(mine.data.me.posts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expect.arrayContaining([held, rejected]));
  });

  it('leaves out a published reply whose thread does not show it (its parent is held)', async () => {
    const word = 'tamarindwish';
    const parent = await post(t, { sectionId: intro, body: 'A post that will be flagged away.' });
    const reply = await post(t, { sectionId: intro, body: `A ${word} reply.`, parentId: parent.id });
    // Statuses are set by SQL below, which moves no cache version: read as a caller with a key, never cached.
    const reader = { 'x-author-key': reply.key };
    expect(hitsOf(await search(word, {}, reader)).map((h) => h.post.id)).toEqual([reply.id]);
    await t.dataSource.query(`update post set status = 'PENDING' where id = $1`, [parent.id]);
    expect(hitsOf(await search(word, {}, reader))).toEqual([]);
    // A removed parent stays in the thread as a placeholder, with its replies: the reply is found again.
    await t.dataSource.query(`update post set status = 'DELETED', body = '', html = '' where id = $1`, [parent.id]);
    expect(hitsOf(await search(word, {}, reader)).map((h) => h.post.id)).toEqual([reply.id]);
  });

  it('gives a snippet that cannot carry markup: the author’s text is escaped, only the matches are marked', async () => {
    const word = 'persimmonlight';
    const body = `<script>alert("x")</script> <img src=x onerror=alert(1)> ${word} & "quotes" \u0002fake mark\u0003 <mark>not mine</mark>`;
    await post(t, { sectionId: intro, body });
    const [hit] = hitsOf(await search(word));
    expect(hit.snippet).toContain(`<mark>${word}</mark>`);
    const withoutMarks = hit.snippet.split(`<mark>${word}</mark>`).join('');
    expect(withoutMarks).not.toMatch(/[<>]/);
    expect(withoutMarks).not.toContain('"');
    expect(withoutMarks).not.toContain('\u0002');
    expect(withoutMarks).not.toContain('\u0003');
    expect(hit.snippet.match(/<mark>/g)).toHaveLength(1);
  });

  it('pages by a cursor, the same hits in the same order, a constant number of statements per page', async () => {
    const word = 'nightjarsong';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      // More repetitions rank higher: the order is known in advance.
      ids.push((await post(t, { sectionId: intro, body: `${`${word} `.repeat(i + 1)}and the rest of a thought ${i}.` })).id);
    }
    const expected = [...ids].reverse();
    const seen: string[] = [];
    const costs: number[] = [];
    let after: string | null = null;
    do {
      const before = t.db.statements;
      const res = await search(word, { first: 3, after });
      costs.push(t.db.statements - before);
      expect(res.errors).toBeUndefined();
      expect(res.data.searchPosts.totalCount).toBe(7);
      seen.push(...hitsOf(res).map((h) => h.post.id));
      after = res.data.searchPosts.pageInfo.hasNextPage ? res.data.searchPosts.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
    expect(costs).toHaveLength(3);
    expect(new Set(costs).size).toBe(1);
  });

  it('says where in the thread a hit is: the page of the thread that shows its conversation', async () => {
    // A section no other test here writes in: its pages hold only these posts.
    const section = sections['a-quiet-reminder'];
    expect(section).toBeDefined();
    const word = 'kestrelmorning';
    const top: string[] = [];
    for (let i = 0; i < 5; i++) top.push((await post(t, { sectionId: section, body: `Thread post ${i}.` })).id);
    const reply = await post(t, { sectionId: section, body: `A ${word} reply on the third page.`, parentId: top[4] });
    const first = await post(t, { sectionId: section, body: `A ${word} post on the first page.`, parentId: top[0] });
    const hits = hitsOf(await search(word, { size: 2 }));
    const byId = new Map(hits.map((h) => [h.post.id, h]));
    expect(byId.get(first.id)!.threadAfter).toBeNull();
    // Pages of two top-level posts: [0, 1] [2, 3] [4]: the reply's thread starts on the third page.
    const after = byId.get(reply.id)!.threadAfter;
    expect(after).not.toBeNull();
    const page = await t.gql(
      `query($id: ID!, $after: String) { section(id: $id) { posts(first: 2, after: $after) { edges { node { id } } } } }`,
      {
        id: section,
        after,
      },
    );
    expect(page.data.section.posts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([top[4]]);
  });

  it('answers any words without an error, and bad input with a kind BAD_USER_INPUT', async () => {
    for (const q of ['"unclosed', 'a | b & !c', '-', '(((', "it's", 'the and of', ':*']) {
      const res = await search(q);
      expect({ q, errors: res.errors }).toEqual({ q, errors: undefined });
    }
    for (const [q, field] of [
      ['', 'query'],
      ['   ', 'query'],
      ['x'.repeat(SEARCH_QUERY_MAX + 1), 'query'],
    ]) {
      const res = await search(q);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0].message).toMatch(/^[A-Z].*\.$/);
    }
    expect((await search('x'.repeat(SEARCH_QUERY_MAX))).errors).toBeUndefined();
    expect((await search('word', { first: 0 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await search('word', { size: 101 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'threadPageSize' });
    for (const after of [
      'nonsense',
      Buffer.from('s:1:99999999999999999999').toString('base64url'),
      Buffer.from('s:NaN:1').toString('base64url'),
      // Digits PostgreSQL's real refuses (overflow, underflow): never reach SQL.
      Buffer.from('s:9999999999e99:1').toString('base64url'),
      Buffer.from('s:1e-99:1').toString('base64url'),
    ]) {
      expect((await search('word', { after })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const missing = await search('word', { slug: 'no-such-article' });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps the query limits: a search nested past the depth limit is refused', async () => {
    const deep = `{ searchPosts(articleSlug: "${ARTICLE}", query: "x") { edges { node { section { article { sections { article { sections { article { sections { id } } } } } } } } } } }`;
    const res = await t.gql(deep);
    expect(res.errors?.[0].extensions?.code).toMatch(/QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED/);
  });
});
