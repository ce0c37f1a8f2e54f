export { ModeratorRole } from './moderator.entity';
export type { SignedInModerator } from './moderator.model';
export { CurrentModerator, ModeratorGuard, ModeratorOnly } from './moderator-only';
export { ModeratorsModule } from './moderators.module';
export { hasRole, ModeratorsService } from './moderators.service';
