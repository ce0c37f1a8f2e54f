import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';

/**
 * The write path of issue 15 (ADR 026): a section's counts live in shards that concurrent posts
 * add to without waiting for each other, and every count a reader sees stays exact.
 */
/** The bench's calm bodies, told apart by letters only (a number can read as contact details to the tone rules). */
const CALM = [
  'Thank you for sharing this. We started taking short walks after dinner and slowly began to talk again.',
  'Reading this helped me feel less alone. We try one small kind gesture each day and notice what comes back.',
  'This section stayed with me. We agreed on a calm weekly check-in where we only listen, and it helps.',
];

describe('createPost: counts in shards, statements per post', () => {
  let t: TestApp;
  let sectionId: string;
  beforeAll(async () => {
    t = await createTestApp();
    sectionId = (await sectionIds(t))['what-real-connection-is-built-on'];
  });
  afterAll(() => t.close());

  const counts = async () => {
    const res = await t.gql(`query($id: ID!) { section(id: $id) { postCount posts(first: 1) { totalCount } } }`, { id: sectionId });
    return { posts: res.data.section.postCount, threads: res.data.section.posts.totalCount };
  };
  const create = (body: string, key: string, parentId?: string) =>
    t.gql(
      `mutation($i: CreatePostInput!) { createPost(input: $i) { outcome post { id replyCount } } }`,
      { i: { sectionId, body, parentId } },
      {
        'x-author-key': key,
      },
    );

  it('counts 40 posts written at once, by several connections, exactly', async () => {
    const author = await post(t, { sectionId, body: 'A first calm post in this thread.' });
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        create(`${CALM[i % CALM.length]} (note ${'abcdefgh'[i % 8]}${'abcde'[Math.floor(i / 8)]})`, author.key),
      ),
    );
    expect(results.map((r) => r.errors ?? r.data.createPost.outcome)).toEqual(Array(40).fill('PUBLISHED'));
    expect(await counts()).toEqual({ posts: before.posts + 40, threads: before.threads + 40 });
    // More than one connection wrote them: the counts really were split over shards.
    const [{ shards }] = await t.dataSource.query(`select count(*)::int as shards from section_count_shard where section_id = $1`, [
      sectionId,
    ]);
    expect(shards).toBeGreaterThan(1);
  });

  it('moves the counts with a reply, a held post and a removal, and costs two statements per post (three for a reply)', async () => {
    const author = await post(t, { sectionId, body: 'Another calm post to answer.' });
    const start = await counts();

    let before = t.db.statements;
    const published = await create('Thank you, this helped.', author.key);
    expect(t.db.statements - before).toBe(2);

    before = t.db.statements;
    const reply = await create('A kind reply.', author.key, published.data.createPost.post.id);
    expect(t.db.statements - before).toBe(3);
    expect(reply.data.createPost.outcome).toBe('PUBLISHED');

    before = t.db.statements;
    const held = await create('You are pathetic, grow up.', author.key);
    expect(t.db.statements - before).toBe(2);
    expect(held.data.createPost.outcome).toBe('HELD');

    expect(await counts()).toEqual({ posts: start.posts + 2, threads: start.threads + 1 });
    const parent = await t.gql(`query($id: ID!) { post(id: $id) { replyCount } }`, { id: published.data.createPost.post.id });
    expect(parent.data.post.replyCount).toBe(1);

    const removed = await t.gql(
      `mutation($id: ID!) { deletePost(id: $id) { id } }`,
      { id: reply.data.createPost.post.id },
      { 'x-author-key': author.key },
    );
    expect(removed.errors).toBeUndefined();
    expect(await counts()).toEqual({ posts: start.posts + 1, threads: start.threads + 1 });
  });
});
