import { PubSub } from 'graphql-subscriptions';
import { LiveBus, type Delivered } from './live-bus';
import { liveSubscription } from './live-iterator';

const event = (postId: string) => ({ topic: 'post', kind: 'EDITED', postId, sectionId: 's', parentId: null }) as const;

describe('liveSubscription', () => {
  let bus: LiveBus;
  beforeEach(async () => {
    bus = new LiveBus(new PubSub(), 'test', { warn: () => undefined });
    await bus.start();
  });
  afterEach(() => bus.close());

  it('delivers accepted events in arrival order, even when a later one is read first', async () => {
    const delays: Record<string, number> = { a: 30, b: 0, c: 10 };
    const it = liveSubscription<string>(bus, {
      maxQueued: 10,
      onOverflow: () => undefined,
      accept: (e) => e.topic === 'post' && e.postId !== 'skip',
      map: async (e: Delivered) => {
        const id = (e as { postId: string }).postId;
        await new Promise((r) => setTimeout(r, delays[id] ?? 0));
        return id === 'b' ? null : id;
      },
    });
    for (const id of ['a', 'skip', 'b', 'c']) await bus.publish(event(id));
    expect(await it.next()).toEqual({ value: 'a', done: false });
    expect(await it.next()).toEqual({ value: 'c', done: false });
    await it.return!();
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(bus.listenerCount).toBe(0);
  });

  it('a subscriber that does not pull is dropped once past its bound, and leaves the bus', async () => {
    let overflowed = 0;
    const it = liveSubscription<string>(bus, {
      maxQueued: 3,
      onOverflow: () => overflowed++,
      accept: () => true,
      map: async () => 'x',
    });
    for (let i = 0; i < 3; i++) await bus.publish(event(String(i)));
    expect(overflowed).toBe(0);
    await bus.publish(event('3'));
    await bus.publish(event('4'));
    expect(overflowed).toBe(1);
    expect(bus.listenerCount).toBe(0);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('a socket already full counts as too slow at once', async () => {
    let overflowed = 0;
    liveSubscription<string>(bus, {
      maxQueued: 100,
      slow: () => true,
      onOverflow: () => overflowed++,
      accept: () => true,
      map: async () => 'x',
    });
    await bus.publish(event('1'));
    expect(overflowed).toBe(1);
  });
});
