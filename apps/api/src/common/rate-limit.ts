import { AppError, ErrorCode } from './errors';

/**
 * Counts hits per key in a fixed window. The in-memory store serves one API instance;
 * a shared store (Redis) makes several instances count together.
 */
export interface RateLimitStore {
  /** Adds one hit and returns the hits in the current window and the seconds until it resets. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  reset(key: string): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowSeconds: number) {
    const now = this.now();
    let entry = this.windows.get(key);
    if (!entry || entry.resetsAt <= now) {
      entry = { count: 0, resetsAt: now + windowSeconds * 1000 };
      this.windows.set(key, entry);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    entry.count++;
    return { count: entry.count, resetInSeconds: Math.max(1, Math.ceil((entry.resetsAt - now) / 1000)) };
  }

  async reset(key: string) {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [key, entry] of this.windows) if (entry.resetsAt <= now) this.windows.delete(key);
  }
}

export class RateLimiter {
  constructor(private readonly store: RateLimitStore) {}

  /** Throws RATE_LIMITED (with retryAfterSeconds) once `key` passes `limit` hits in the window. */
  async consume(key: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    const { count, resetInSeconds } = await this.store.hit(key, windowSeconds);
    if (count > limit) throw new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds: resetInSeconds });
  }

  reset(key: string) {
    return this.store.reset(key);
  }
}
