import { randomUUID } from 'node:crypto';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import type { Logger } from './logger';

/**
 * What happened, as thin as it can be: kinds and ids, never a body, a key, a token or an e-mail.
 * Every instance that receives an event reads the post again from PostgreSQL (once per event,
 * however many subscribers it has) and hands each subscriber only what the visibility rule lets
 * them see, so nothing private ever crosses Redis and a late event can never show a stale state.
 * See docs/decisions/020-live-layer.md.
 */
export type LiveEvent =
  | {
      topic: 'post';
      /** PUBLISHED: a post or reply became visible (new, or approved after review); HIDDEN: a published post left public view. */
      kind: 'PUBLISHED' | 'EDITED' | 'REMOVED' | 'REACTED' | 'HIDDEN';
      postId: string;
      sectionId: string;
      parentId: string | null;
    }
  | { topic: 'review'; decision: 'APPROVE' | 'REJECT'; postId: string; sectionId: string }
  | { topic: 'queue'; kind: 'ADDED' | 'CLAIMED' | 'RELEASED' | 'DECIDED'; postId: string; moderatorId?: string | null };

/** An event as delivered: with the id that lets every subscriber of one instance share one read of the post. */
export type Delivered = LiveEvent & { id: string };

type Listener = (event: Delivered) => void;

/**
 * The one path of live events: services publish after their transaction committed; every API
 * instance subscribes once to one channel (Redis pub/sub with REDIS_URL, in memory without) and
 * fans out to its own subscribers. If Redis refuses a publish, the event still reaches this
 * instance's subscribers (the other instances miss it: readers there see it on their next load).
 */
export class LiveBus {
  private readonly listeners = new Set<Listener>();
  private subscription: number | null = null;

  constructor(
    private readonly engine: PubSubEngine,
    private readonly channel: string,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  async start(): Promise<void> {
    if (this.subscription !== null) return;
    this.subscription = await this.engine.subscribe(this.channel, (event: Delivered) => this.deliver(event), {});
  }

  /** After the change committed. Never throws: a live event is a courtesy, the write already happened. */
  async publish(event: LiveEvent): Promise<void> {
    const delivered: Delivered = { ...event, id: randomUUID() };
    try {
      await this.engine.publish(this.channel, delivered);
    } catch {
      this.logger.warn('A live event could not be shared with the other API instances; delivered here only.');
      this.deliver(delivered);
    }
  }

  /** Local subscribers (the live resolvers); returns the way to leave. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    if (this.subscription !== null) this.engine.unsubscribe(this.subscription);
    this.subscription = null;
    this.listeners.clear();
    await this.onClose();
  }

  private deliver(event: Delivered) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One subscriber's failure never stops the others.
      }
    }
  }
}

/** The channel of live events: LIVE_CHANNEL, or REDIS_NAMESPACE:live. */
export function liveChannel(config: { LIVE_CHANNEL?: string; REDIS_NAMESPACE: string }): string {
  return config.LIVE_CHANNEL ?? `${config.REDIS_NAMESPACE}:live`;
}

/** One process: events reach this instance's subscribers only. */
export function memoryLiveBus(channel: string, logger: Pick<Logger, 'warn'>): LiveBus {
  return new LiveBus(new PubSub(), channel, logger);
}

/**
 * Every instance on one Redis: graphql-redis-subscriptions over two ioredis connections of the
 * bus's own (a connection in subscriber mode can do nothing else). They reconnect by themselves
 * and resubscribe; events published while Redis is away reach this instance only.
 */
export function redisLiveBus(url: string, channel: string, logger: Pick<Logger, 'warn'>): LiveBus {
  const options = {
    lazyConnect: false,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  };
  const publisher = new Redis(url, options);
  // The subscriber queues its SUBSCRIBE until it is connected (and repeats it after a reconnect).
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  // graphql-redis-subscriptions types its clients with the ioredis it was built against; it only
  // calls publish, subscribe, unsubscribe and on('message'), which ioredis 6 keeps.
  type Client = NonNullable<ConstructorParameters<typeof RedisPubSub>[0]>['publisher'];
  const engine = new RedisPubSub({ publisher: publisher as unknown as Client, subscriber: subscriber as unknown as Client });
  return new LiveBus(engine, channel, logger, async () => {
    await engine.close().catch(() => undefined);
  });
}
