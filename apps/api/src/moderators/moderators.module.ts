import { Global, Module } from '@nestjs/common';
import { ModeratorGuard } from './moderator-only';
import { ModeratorsResolver } from './moderators.resolver';
import { ModeratorsService } from './moderators.service';

/**
 * Moderator accounts, sessions and the `@ModeratorOnly()` guard. Global, so any resolver can
 * use the guard (it needs ModeratorsService). Reads Db, CONFIG, LOGGER and RateLimiter from
 * the app's shared module.
 */
@Global()
@Module({
  providers: [ModeratorsService, ModeratorGuard, ModeratorsResolver],
  exports: [ModeratorsService, ModeratorGuard],
})
export class ModeratorsModule {}
