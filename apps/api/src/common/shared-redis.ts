import { Redis } from 'ioredis';
import type { Logger } from './logger';

/**
 * Steady's one connection to Redis, which is an accelerator and never the source of truth:
 * PostgreSQL holds everything, Redis only lets API instances share rate-limit counts and
 * cache versions. When Redis cannot be reached, commands fail at once (no offline queue,
 * a short command timeout) so that callers fall back (caches off, rate limits in memory)
 * instead of waiting; the outage is logged once, `/health` reports `degraded`, and the link
 * keeps reconnecting by itself. See docs/decisions/012-redis-accelerator-shutdown-supervision.md.
 */
export class SharedRedis {
  readonly client: Redis;
  /**
   * Moves on each time Redis comes back after an outage. Cache keys carry it, so nothing an
   * instance cached before the outage is served after it: during the outage writes may have
   * happened that no version in Redis recorded.
   */
  generation = 0;
  private up = false;
  private probe: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly recoveries = new Set<() => void>();

  constructor(
    url: string,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    private readonly options: { commandTimeoutMs?: number; probeMs?: number } = {},
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      // Reconnect for ever, at most every two seconds.
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
    });
    this.client.on('ready', () => this.markUp());
    this.client.on('close', () => this.markDown());
    // Without a listener ioredis prints every failed reconnect; markDown logs the outage once.
    this.client.on('error', () => this.markDown());
  }

  /** Connects, waiting at most `timeoutMs`; without Redis the API starts degraded and keeps trying. */
  async connect(timeoutMs = 3000): Promise<boolean> {
    const ready = new Promise<boolean>((resolve) => {
      if (this.up) return resolve(true);
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(value);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.on('ready', onReady);
    });
    this.client.connect().catch(() => undefined);
    const up = await ready;
    if (!up) this.markDown(true);
    return up;
  }

  get available(): boolean {
    return this.up && this.client.status === 'ready';
  }

  /** Called after Redis comes back (after `generation` moved on). */
  onRecover(listener: () => void): void {
    this.recoveries.add(listener);
  }

  /** A command failed while the connection looked ready (e.g. Redis hangs): treat it as an outage. */
  noteFailure(): void {
    this.markDown(true);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    this.recoveries.clear();
    if (this.client.status === 'ready') await this.client.quit().catch(() => undefined);
    this.client.disconnect();
  }

  private markDown(force = false) {
    if (this.closed) return;
    if (!this.up && !force) return;
    const wasUp = this.up || !this.probe;
    this.up = false;
    if (wasUp && !this.probe) {
      this.logger.warn('Redis cannot be reached: serving from PostgreSQL with caches off and rate limits in memory until it is back.');
      // A hung Redis keeps its connection "ready": probe it until it answers again.
      this.probe = setInterval(() => {
        if (this.client.status !== 'ready') return;
        this.client.ping().then(
          () => this.markUp(),
          () => undefined,
        );
      }, this.options.probeMs ?? 1000);
      this.probe.unref();
    }
  }

  private markUp() {
    if (this.closed || this.up) return;
    const recovering = this.probe !== null;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    this.up = true;
    if (recovering) {
      this.generation++;
      this.logger.info('Redis is back: shared rate limits and caches resume.');
      for (const listener of this.recoveries) listener();
    }
  }
}
