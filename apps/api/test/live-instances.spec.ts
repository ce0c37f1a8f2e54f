import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { redisLiveBus, type LiveBus } from '../src/common/live-bus';
import { createTestApp, TestApp } from './app';
import { REDIS_TEST_URL, redisForSpecs } from './redis';
import { post, sectionIds } from './fixtures';
import { LiveClient, settle } from './live-client';
import { signedIn } from './moderators.fixtures';

/**
 * Two API instances on one PostgreSQL and one Redis: a post made through instance A reaches a
 * subscriber connected to instance B, through Redis pub/sub (ADR 020). The channel is this run's
 * own. Skipped, saying so, without Redis unless STEADY_REQUIRE_REDIS=1.
 */
const url = REDIS_TEST_URL;
const THREAD = `subscription($s: ID!) { threadActivity(sectionId: $s) { kind postId post { body mine } } }`;

describe('live across two API instances behind one Redis', () => {
  let available = false;
  let a: TestApp;
  let b: TestApp;
  let portB: number;
  const buses: LiveBus[] = [];
  const clients: LiveClient[] = [];
  const channel = `${process.env.LIVE_TEST_PREFIX ?? 'steady-test'}:${randomUUID()}:live`;

  beforeAll(async () => {
    available = await redisForSpecs('the two-instance live tests');
    if (!available) return;
    const instance = async () => {
      const bus = redisLiveBus(url, channel, { warn: () => undefined });
      buses.push(bus);
      return createTestApp({ LIVE_CHANNEL: channel }, { liveBus: bus });
    };
    a = await instance();
    b = await instance();
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    portB = (b.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await a?.close();
    await b?.close();
    await Promise.all(buses.map((bus) => bus.close()));
  });

  const maybe = (name: string, fn: () => Promise<void>) => it(name, async () => (available ? fn() : undefined));

  maybe('a post through A reaches a reader subscribed on B, and `mine` is right for its author on B', async () => {
    const section = (await sectionIds(a))['where-to-go-next'];
    const author = await post(a, { sectionId: section, body: 'Hello from the first instance.' });
    const reader = await LiveClient.open(portB);
    const writer = await LiveClient.open(portB, { authorKey: author.key });
    clients.push(reader, writer);
    const r = reader.subscribe(THREAD, { s: section });
    const w = writer.subscribe(THREAD, { s: section });
    await settle(300);

    const reply = await post(a, { sectionId: section, body: 'A reply written through A.', parentId: author.id });
    const seen = await reader.event(r, (p) => p.data.threadActivity.postId === reply.id);
    expect(seen.data.threadActivity).toEqual({
      kind: 'PUBLISHED',
      postId: reply.id,
      post: { body: 'A reply written through A.', mine: false },
    });
    const own = await post(a, { sectionId: section, body: 'And one more of mine.' }, author.key);
    expect((await writer.event(w, (p) => p.data.threadActivity.postId === own.id)).data.threadActivity.post.mine).toBe(true);
  });

  maybe('a crisis post through A reaches a moderator’s queue on B', async () => {
    const mod = await signedIn(b, 'MODERATOR');
    const moderator = await LiveClient.open(portB, { token: mod.token });
    clients.push(moderator);
    const q = moderator.subscribe(`subscription { moderationQueue { kind postId priority } }`);
    await settle(300);
    const section = (await sectionIds(a)).intro;
    const res = await a.gql(`mutation($i: CreatePostInput!) { createPost(input: $i) { outcome post { id } } }`, {
      i: { sectionId: section, body: 'I want to kill myself tonight. Everyone would be better off without me.' },
    });
    expect(res.data.createPost.outcome).toBe('CRISIS');
    const added = await moderator.event(q, (p) => p.data.moderationQueue.postId === res.data.createPost.post.id);
    expect(added.data.moderationQueue.kind).toBe('ADDED');
  });

  maybe('nothing private crosses Redis: the events on the channel carry kinds and ids only', async () => {
    const spy = new Redis(url);
    const seen: string[] = [];
    await spy.subscribe(channel);
    spy.on('message', (_channel, message: string) => seen.push(message));
    try {
      const section = (await sectionIds(a)).intro;
      const written = await post(a, { sectionId: section, body: 'A sentence that must stay in PostgreSQL.' });
      for (let i = 0; i < 50 && seen.length === 0; i++) await settle(50);
      expect(seen.length).toBeGreaterThan(0);
      const event = JSON.parse(seen[0]);
      expect(Object.keys(event).sort()).toEqual(['id', 'kind', 'parentId', 'postId', 'sectionId', 'topic']);
      expect(event.postId).toBe(written.id);
      expect(seen.join('')).not.toContain('must stay');
    } finally {
      spy.disconnect();
    }
  });
});
