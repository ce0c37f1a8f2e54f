import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Db } from '../database/db';

@Controller('health')
export class HealthController {
  constructor(@Inject(Db) private readonly db: Db) {}

  /** 200 once the database answers (migrations ran before the app was created). */
  @Get()
  async health(): Promise<{ status: 'ok' }> {
    try {
      await this.db.pool.query('select 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable' });
    }
    return { status: 'ok' };
  }
}
