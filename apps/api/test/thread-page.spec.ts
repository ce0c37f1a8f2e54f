import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';
import { webOperation } from './web-documents';

/**
 * The web app's own thread page (apps/web/app/graphql/posts.graphql, ADR 015): the first slices
 * of replies three levels down in one request (ADR 025), within the query limits, for the same few
 * statements whatever the thread's size.
 */
describe('the web app’s thread page, one request', () => {
  let t: TestApp;
  let sectionId: string;
  let key: string;
  const THREAD = webOperation('Thread');

  beforeAll(async () => {
    t = await createTestApp();
    sectionId = (await sectionIds(t))['where-rebuilding-usually-begins'];
    // 24 top-level posts; every third has a conversation seven replies deep, the others two replies.
    for (let i = 0; i < 24; i++) {
      const top = await post(t, { sectionId, body: `post ${i}` }, key);
      key = top.key;
      if (i % 3 === 0) {
        let parentId = top.id;
        for (let depth = 1; depth <= 7; depth++) parentId = (await post(t, { sectionId, body: `reply ${i}.${depth}`, parentId }, key)).id;
      } else {
        for (let r = 0; r < 2; r++) await post(t, { sectionId, body: `reply ${i}.${r}`, parentId: top.id }, key);
      }
    }
  });
  afterAll(() => t.close());

  async function page(first: number) {
    const before = t.db.statements;
    const res = await t.gql(THREAD, { id: sectionId, first, after: null, replies: 3, deeper: 2 }, { 'x-author-key': key });
    expect(res.errors).toBeUndefined();
    return { statements: t.db.statements - before, posts: res.data.section.posts };
  }

  it('passes the depth and cost limits, and costs the same statements for 5 or 20 posts', async () => {
    const five = await page(5);
    const twenty = await page(20);
    expect(five.posts.edges).toHaveLength(5);
    expect(twenty.posts.edges).toHaveLength(20);
    expect(twenty.statements).toBe(five.statements);
    // The section and its page, then per level (the posts and three levels of replies) one for the
    // caller's reactions and one for the next level's replies: never one per post.
    expect(twenty.statements).toBeLessThanOrEqual(2 + 4 * 2);
  });

  it('brings three levels of replies; the third says there is more', async () => {
    const { posts } = await page(20);
    let node = posts.edges[0].node;
    const bodies = [node.body];
    for (let level = 1; level <= 3; level++) {
      expect(node.replies.edges).toHaveLength(1);
      node = node.replies.edges[0].node;
      bodies.push(node.body);
    }
    expect(bodies).toEqual(['post 0', 'reply 0.1', 'reply 0.2', 'reply 0.3']);
    expect(node.replies).toBeUndefined();
    expect(node.replyCount).toBe(1);
  });

  it('still refuses a cycle past depth 10, with or without levels of replies between', async () => {
    const cycle = (n: number) => `${'sections { article { '.repeat(n)}id${' } }'.repeat(n)}`;
    const fine = await t.gql(`{ articles { ${cycle(4)} } }`);
    expect(fine.errors).toBeUndefined();
    for (const query of [
      `{ articles { ${cycle(5)} } }`,
      `query($id: ID!) { section(id: $id) { posts { edges { node { replies { edges { node { replies { edges { node { section { article { ${cycle(3)} } } } } } } } } } } } } }`,
    ]) {
      const res = await t.gql(query, { id: sectionId });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    }
  });
});
