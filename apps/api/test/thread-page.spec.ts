import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DefinitionNode } from 'graphql';
import { repoRoot } from '../src/config/config';
import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';

/**
 * The web app's own thread page (apps/web/app/graphql/posts.graphql, ADR 015): replies five
 * levels down in one request, within the query limits, for the same few statements whatever the
 * thread's size.
 */
function webOperation(name: string): string {
  const document = parse(fs.readFileSync(path.join(repoRoot, 'apps/web/app/graphql/posts.graphql'), 'utf8'));
  const operation = document.definitions.find((d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name)!;
  const text = print(operation);
  // With the fragments it spreads, as the generated document carries them.
  const fragments = document.definitions.filter(
    (d: DefinitionNode) => d.kind === Kind.FRAGMENT_DEFINITION && text.includes(`...${d.name.value}`),
  );
  return [text, ...fragments.map((d) => print(d))].join('\n');
}

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
    const res = await t.gql(THREAD, { id: sectionId, first, after: null, replies: 50 }, { 'x-author-key': key });
    expect(res.errors).toBeUndefined();
    return { statements: t.db.statements - before, posts: res.data.section.posts };
  }

  it('passes the depth and cost limits, and costs the same statements for 5 or 20 posts', async () => {
    const five = await page(5);
    const twenty = await page(20);
    expect(five.posts.edges).toHaveLength(5);
    expect(twenty.posts.edges).toHaveLength(20);
    expect(twenty.statements).toBe(five.statements);
    // The section and its page, then per level (the posts and five levels of replies) one for the
    // caller's reactions and one for the next level's replies: never one per post.
    expect(twenty.statements).toBeLessThanOrEqual(2 + 6 * 2);
  });

  it('brings five levels of replies; the fifth says there is more', async () => {
    const { posts } = await page(20);
    let node = posts.edges[0].node;
    const bodies = [node.body];
    for (let level = 1; level <= 5; level++) {
      expect(node.replies.edges).toHaveLength(1);
      node = node.replies.edges[0].node;
      bodies.push(node.body);
    }
    expect(bodies).toEqual(['post 0', 'reply 0.1', 'reply 0.2', 'reply 0.3', 'reply 0.4', 'reply 0.5']);
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
