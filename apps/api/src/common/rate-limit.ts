import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from './errors';
import type { SharedRedis } from './shared-redis';

/**
 * Where hits are counted (rate-limiter-flexible does the counting). In memory serves one API
 * instance; Redis makes every instance count together (REDIS_URL).
 */
export interface RateLimitStore {
  create(points: number, durationSeconds: number, keyPrefix: string): RateLimiterAbstract;
}

export class MemoryRateLimitStore implements RateLimitStore {
  create(points: number, duration: number, keyPrefix: string) {
    return new RateLimiterMemory({ points, duration, keyPrefix });
  }
}

/**
 * Counts in Redis, with an in-memory "insurance" limiter per instance that counts instead
 * whenever Redis cannot be reached (not ready, or a command fails): limits keep applying
 * during an outage, per instance, and no request waits on Redis.
 */
export class RedisRateLimitStore implements RateLimitStore {
  /** `namespace` keeps separate deployments (or test runs) on one Redis apart. */
  constructor(
    private readonly redis: SharedRedis,
    private readonly namespace = 'steady',
  ) {}

  create(points: number, duration: number, keyPrefix: string) {
    return new LinkedRateLimiterRedis(this.redis, {
      storeClient: this.redis.client,
      points,
      duration,
      keyPrefix: `${this.namespace}:rl:${keyPrefix}`,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: `insurance:${keyPrefix}` }),
    });
  }
}

/**
 * Asks the link, not only the socket, whether Redis is usable: a Redis that hangs keeps its
 * socket "ready", and every call would wait for the command timeout before the insurance
 * limiter took over. (`_isRedisReady` is rate-limiter-flexible's hook for `rejectIfRedisNotReady`.)
 */
class LinkedRateLimiterRedis extends RateLimiterRedis {
  constructor(
    private readonly link: SharedRedis,
    options: ConstructorParameters<typeof RateLimiterRedis>[0],
  ) {
    super(options);
  }

  _isRedisReady(): boolean {
    return this.link.available;
  }
}

/** Points of a limiter that only counts (`count`): more than any window will see. */
const COUNT_ONLY = 1_000_000;
/** Window of the limiter that holds keys back; `hold` sets each key's own duration. */
const HOLD_WINDOW = 1;

export class RateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly store: RateLimitStore = new MemoryRateLimitStore()) {}

  /** Throws RATE_LIMITED (with retryAfterSeconds) once `key` passes `limit` hits in the window. */
  async consume(key: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    try {
      await this.limiter(limit, windowSeconds).consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) });
      }
      throw error;
    }
  }

  /** Counts one more event for `key` in a window of its own: how many so far, and when the count starts over. Never refuses. */
  async count(key: string, windowSeconds: number): Promise<{ count: number; retryAfterSeconds: number }> {
    const res = await this.limiter(COUNT_ONLY, windowSeconds).penalty(key, 1);
    return { count: res.consumedPoints, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  }

  /** Holds `key` back for `seconds`: `refuseWhileHeld` refuses it until then (a back-off). */
  async hold(key: string, seconds: number): Promise<void> {
    await this.limiter(1, HOLD_WINDOW).block(key, seconds);
  }

  /** Throws RATE_LIMITED (with retryAfterSeconds) while `key` is held back. */
  async refuseWhileHeld(key: string, message: string): Promise<void> {
    const held = await this.limiter(1, HOLD_WINDOW).get(key);
    if (held && held.consumedPoints > 1 && held.msBeforeNext > 0) {
      throw new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds: Math.max(1, Math.ceil(held.msBeforeNext / 1000)) });
    }
  }

  /** Forgets a key's hits (e.g. after a successful sign-in). */
  async reset(key: string): Promise<void> {
    await Promise.all([...this.limiters.values()].map((l) => l.delete(key)));
  }

  private limiter(points: number, duration: number): RateLimiterAbstract {
    const id = `${points}/${duration}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.store.create(points, duration, id);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
