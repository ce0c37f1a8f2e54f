import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthorsModule } from '../authors/authors.module';
import { CONFIG, LOGGER } from '../common/tokens';
import { Db } from '../database/db';
import { ModeratorsService } from '../moderators';
import { AuditLogService } from './audit-log.service';
import { CrisisAlerts, CrisisAlertSweeper } from './crisis-alerts/crisis-alerts';
import { ModerationRepository } from './moderation.repository';
import { ModerationResolver } from './moderation.resolver';
import { ModerationService } from './moderation.service';
import { LiveQueueReads, LiveQueueResolver } from './live-queue.resolver';

/**
 * Verdicts, flags, the queue, reviews, bans, the audit log and the crisis alerts. A moderator's decision reaches a
 * post through the MODERATED_POSTS port (moderated-posts.port.ts), which this module needs and
 * does not implement: `register` takes the module that provides it (the posts module's
 * PostsDataModule), so the dependency runs posts → moderation only (ADR 014).
 */
@Module({})
export class ModerationModule {
  static register(postsPort: { imports: NonNullable<ModuleMetadata['imports']> }): DynamicModule {
    return {
      module: ModerationModule,
      imports: [ArticlesModule, AuthorsModule, ...postsPort.imports],
      providers: [
        ModerationRepository,
        ModerationService,
        AuditLogService,
        ModerationResolver,
        LiveQueueReads,
        LiveQueueResolver,
        // Crisis items nobody opened: alerts by webhook and e-mail, swept on a timer (ADR 021).
        {
          provide: CrisisAlerts,
          inject: [Db, ModerationRepository, ModeratorsService, CONFIG, LOGGER],
          useFactory: (...deps: Parameters<typeof CrisisAlerts.fromConfig>) => CrisisAlerts.fromConfig(...deps),
        },
        CrisisAlertSweeper,
      ],
      exports: [ModerationRepository, ModerationService],
    };
  }
}
