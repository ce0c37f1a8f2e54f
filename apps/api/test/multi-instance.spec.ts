import { randomUUID } from 'node:crypto';
import { RedisRateLimitStore } from '../src/common/rate-limit';
import { SharedRedis } from '../src/common/shared-redis';
import { RedisThreadVersions } from '../src/posts/thread-cache';
import { createTestApp, TestApp } from './app';
import { REDIS_TEST_URL, redisForSpecs } from './redis';
import { CREATE, post, sectionIds } from './fixtures';

/**
 * Two API instances on one PostgreSQL and one Redis give the same answers: nothing another
 * instance needs lives only in one process. Needs Redis at REDIS_URL (default 127.0.0.1:6379);
 * skipped, saying so, when none answers, unless STEADY_REQUIRE_REDIS=1.
 */
const url = REDIS_TEST_URL;

let available = false;
beforeAll(async () => {
  available = await redisForSpecs('the two-instance tests');
});

describe('two API instances behind one Redis', () => {
  let a: TestApp;
  let b: TestApp;
  const links: SharedRedis[] = [];
  // Keys of this run only: Redis outlives test runs.
  const namespace = `steady-test-${randomUUID()}`;
  const instance = async () => {
    const redis = new SharedRedis(url, { warn: () => undefined, info: () => undefined });
    await redis.connect();
    links.push(redis);
    return createTestApp(
      { RATE_LIMIT_WRITES: '4', RATE_LIMIT_WINDOW_SECONDS: '120' },
      {
        rateLimitStore: new RedisRateLimitStore(redis, namespace),
        threadVersions: new RedisThreadVersions(redis, namespace),
        redis,
      },
    );
  };

  beforeAll(async () => {
    if (!available) return;
    a = await instance();
    b = await instance();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (links[0]) {
      const keys = await links[0].client.keys(`${namespace}:*`);
      if (keys.length) await links[0].client.del(...keys);
    }
    await Promise.all(links.map((l) => l.close()));
  });

  const maybe = (name: string, fn: () => Promise<void>) => it(name, async () => (available ? fn() : undefined));
  const page = (t: TestApp, sectionId: string) =>
    t.gql(`query($id: ID!) { section(id: $id) { postCount posts(first: 50) { edges { node { id body reactions { kind count } } } } } }`, {
      id: sectionId,
    });

  maybe('a post made through one is visible through the other at once, and cached pages are invalidated on both', async () => {
    const sectionId = (await sectionIds(a))['where-to-go-next'];
    // Both instances cache the (empty) page for readers without a key.
    expect((await page(a, sectionId)).data.section.posts.edges).toEqual([]);
    expect((await page(b, sectionId)).data.section.posts.edges).toEqual([]);
    const p = await post(a, { sectionId, body: 'Through instance A' });
    for (const t of [a, b]) {
      const res = await page(t, sectionId);
      expect(res.data.section.posts.edges.map((e: any) => e.node.body)).toEqual(['Through instance A']);
    }
    // A reaction through B (by a reader other than the author) moves the count cached by A too.
    const reader = (await b.gql(`mutation { createAuthorKey { authorKey } }`)).data.createAuthorKey.authorKey;
    const reacted = await b.gql(`mutation($id: ID!) { react(postId: $id, kind: HUG) { id } }`, { id: p.id }, { 'x-author-key': reader });
    expect(reacted.errors).toBeUndefined();
    const seen = (await page(a, sectionId)).data.section.posts.edges[0].node.reactions.find((r: any) => r.kind === 'HUG');
    expect(seen.count).toBe(1);
  });

  maybe('a rate limit counts calls to both instances together', async () => {
    const sectionId = (await sectionIds(a)).intro;
    const author = await post(a, { sectionId, body: 'one' }); // keyless: counted for the address
    // Four writes with the key, two through each instance: the limit of 4 is reached only if they count together.
    await post(b, { sectionId, body: 'two' }, author.key);
    await post(a, { sectionId, body: 'three' }, author.key);
    await post(b, { sectionId, body: 'four' }, author.key);
    await post(a, { sectionId, body: 'five' }, author.key);
    for (const t of [b, a]) {
      const refused = await t.gql(CREATE, { input: { sectionId, body: 'six' } }, { 'x-author-key': author.key });
      expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    }
  });
});
