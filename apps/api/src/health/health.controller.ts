import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { SharedRedis } from '../common/shared-redis';
import { SHARED_REDIS } from '../common/tokens';
import { Db } from '../database/db';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(SHARED_REDIS) private readonly redis: SharedRedis | null,
  ) {}

  /**
   * 200 `ok` once the database answers (migrations ran before the app was created); 503 when it
   * does not. Without Redis the instance still serves everything from PostgreSQL, so it stays
   * 200 with `degraded`: a 503 would make every load balancer drop every instance at once
   * over an accelerator. See docs/decisions/012-redis-accelerator-shutdown-supervision.md.
   */
  @Get()
  async health(): Promise<{ status: 'ok' | 'degraded' }> {
    try {
      await this.db.ping();
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable' });
    }
    return { status: this.redis && !this.redis.available ? 'degraded' : 'ok' };
  }
}
